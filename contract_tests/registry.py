"""Every rule the suite can check, known without running it: those its test modules declare
and those it derives from the spec (one per documented constraint). The run's verdict lists a
known rule that no test reached as "not reached", never as a pass."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

import contract_tests
from contract_tests.api import Rule, registered_rules
from contract_tests.constraints import catalogue


@cache
def known_rules() -> tuple[Rule, ...]:
    for module in pkgutil.iter_modules(contract_tests.__path__):
        if module.name.startswith("test_"):
            importlib.import_module(f"contract_tests.{module.name}")
    catalogue()
    return registered_rules()


def known_rule_ids() -> set[str]:
    return {rule.id for rule in known_rules()}
