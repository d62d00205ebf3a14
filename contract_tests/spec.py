"""The spec the suite holds a server to, read through `scale_spec` (the kit's one reading).

By default the spec shipped with the kit; `--spec PATH` names another (a newer version, a copy
under test). The functions below are the suite's vocabulary over it: the documented-behaviour
matrix and the provenance tiers that decide what fails a run come from the same `Spec`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import scale_spec
from contract_tests.target import Target
from scale_spec import JSON, Body, Operation
from scale_spec.document import escape, iter_nodes
from scale_spec.provenance import RULE_KEYWORDS, TIER_ORDER, strongest

__all__ = [
    "RULE_KEYWORDS",
    "TIER_ORDER",
    "Operation",
    "behaviour_tiers",
    "current",
    "document",
    "escape",
    "gated_document",
    "iter_nodes",
    "json_body",
    "operation",
    "operations",
    "provenance",
    "resolve",
    "schema_errors",
    "strongest",
]


def current() -> scale_spec.Spec:
    """The run's spec: `--spec` if given, else the packaged one (each parsed once)."""
    named = Target.from_environment().spec
    return scale_spec.load(Path(named) if named else None)


def document() -> Mapping[str, Any]:
    return current().document


def behaviour_tiers() -> dict[str, str]:
    return current().behaviour_tiers


def provenance(node: Any, key: str) -> str | None:
    return current().tier(node, key)


def gated_document(tiers: Iterable[str]) -> dict[str, Any]:
    """The spec without the keywords whose tier is not in `tiers`: what a run may hold a
    server to (Schemathesis generates and judges from this view)."""
    return current().gated_document(tiers)


def resolve(node: Any) -> Any:
    return current().resolve(node)


def operations() -> tuple[Operation, ...]:
    return current().operations


def operation(operation_id: str) -> Operation:
    return current().operation(operation_id)


def json_body(op: Operation) -> Body | None:
    """The operation's JSON request body, if it takes one."""
    return op.bodies.get(JSON)


def schema_errors(pointer: str, instance: Any) -> list[str]:
    return current().schema_errors(pointer, instance)
