"""The machine-readable `x-scale-rules` are well formed, so the mock and the suite can run them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

import scale_spec

SPEC = scale_spec.load()
KINDS: Mapping[str, Any] = SPEC.document["x-scale-rule-kinds"]
RULES = [
    (where, rule)
    for where, node in SPEC.iter_nodes()
    if isinstance(node, Mapping)
    for rule in node.get("x-scale-rules", [])
]
POINTER_ARGUMENTS = ("field", "other", "in")


def test_rules_exist_for_every_kind() -> None:
    assert {rule["kind"] for _, rule in RULES} == set(KINDS)


def test_rule_ids_are_unique() -> None:
    ids = [rule["id"] for _, rule in RULES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("where", "rule"), RULES, ids=[r["id"] for _, r in RULES])
def test_rule_is_well_formed(where: str, rule: Mapping[str, Any]) -> None:
    assert rule["kind"] in KINDS
    assert rule.get("description"), "every rule carries the documents' wording"
    allowed = {"id", "kind", "description", *KINDS[rule["kind"]]["arguments"]}
    assert set(rule) <= allowed, f"unknown keys {set(rule) - allowed}"
    schema = SPEC.lookup(where)
    declared = set(schema.get("properties", {}))
    for argument in POINTER_ARGUMENTS:
        if argument in rule:
            first = rule[argument].split("/")[1]
            assert rule[argument].startswith("/")
            if declared:
                assert first in declared, f"{argument} {rule[argument]} is not a property"
