"""`scale_mock.rules` enforces every `x-scale-rules` entry of the real spec, and only that entry.

Every rule discovered in the spec must have a violating and a satisfying case in `CASES`, so a
rule added to the spec without a case here fails `test_every_rule_has_cases`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pytest

import scale_spec
from scale_spec.rules import RuleViolation, find_rule_violations

SPEC: Mapping[str, Any] = scale_spec.load().document
SCHEMAS: Mapping[str, Any] = SPEC["components"]["schemas"]


def _spec_rules() -> Iterator[Mapping[str, Any]]:
    """Every rule anywhere in the spec, found by walking it rather than by a hand-kept list."""
    for _, node in scale_spec.load().iter_nodes():
        rules = node.get("x-scale-rules") if isinstance(node, Mapping) else None
        if isinstance(rules, list):
            yield from rules


RULES: dict[str, Mapping[str, Any]] = {rule["id"]: rule for rule in _spec_rules()}

LINE = {"attachment": "http://x/a.png", "objects_to_annotate": ["lane"]}
POLYGON = {"attachment": "http://x/a.png", "objects_to_annotate": ["car"]}
CUBOID = {"attachment": "http://x/a.png", "objects_to_annotate": ["car"]}
CATEGORIZATION = {
    "instruction": "Which cross?",
    "attachment_type": "image",
    "attachment": "http://x/a.png",
    "categories": ["Blue Cross", "Red Cross"],
}
TASK = {"task_id": "t1", "status": "completed", "type": "categorization"}


def _category(name: str, conditions: Any = None) -> dict[str, Any]:
    """A categorical attribute, optionally with `conditions.attribute_conditions`."""
    attribute: dict[str, Any] = {"description": f"{name}?", "choices": ["x", "y"]}
    if conditions is not None:
        attribute["conditions"] = {"attribute_conditions": conditions}
    return attribute


TWO_CYCLE = {"a": _category("a", [{"b": "x"}]), "b": _category("b", [{"a": ["x", "y"]}])}
SELF_CYCLE = {"a": _category("a", {"a": "x"}), "b": _category("b")}
CHAIN = {
    "a": _category("a", {"b": "x"}),
    "b": _category("b", [{"c": "x"}, {"c": ["y"]}]),
    "c": _category("c"),
}
LONG_CYCLE = {
    "a": _category("a", {"b": "x"}),
    "b": _category("b", {"c": "x"}),
    "c": _category("c", [{"a": "y"}]),
}


@dataclass(frozen=True)
class Case:
    """An instance of `schema` that breaks `rule_id` at `pointer`, or satisfies it (None)."""

    name: str
    rule_id: str
    schema: str
    instance: Any
    pointer: str | None


CASES = [
    # line: max_vertices >= min_vertices (default 1), null means "no maximum"
    Case(
        "line_max_below_min",
        "line_max_vertices_at_least_min_vertices",
        "LineAnnotationTaskCreate",
        {**LINE, "min_vertices": 3, "max_vertices": 2},
        "/max_vertices",
    ),
    Case(
        "line_max_below_default_min",
        "line_max_vertices_at_least_min_vertices",
        "LineAnnotationTaskCreate",
        {**LINE, "max_vertices": 0},
        "/max_vertices",
    ),
    Case(
        "line_max_equals_min",
        "line_max_vertices_at_least_min_vertices",
        "LineAnnotationTaskCreate",
        {**LINE, "min_vertices": 3, "max_vertices": 3},
        None,
    ),
    Case(
        "line_max_null",
        "line_max_vertices_at_least_min_vertices",
        "LineAnnotationTaskCreate",
        {**LINE, "min_vertices": 5, "max_vertices": None},
        None,
    ),
    Case(
        "line_min_null",
        "line_max_vertices_at_least_min_vertices",
        "LineAnnotationTaskCreate",
        {**LINE, "min_vertices": None, "max_vertices": 1},
        None,
    ),
    Case(
        "line_neither",
        "line_max_vertices_at_least_min_vertices",
        "LineAnnotationTaskCreate",
        LINE,
        None,
    ),
    Case(
        "line_max_string",
        "line_max_vertices_at_least_min_vertices",
        "LineAnnotationTaskCreate",
        {**LINE, "min_vertices": 3, "max_vertices": "2"},
        None,
    ),
    Case(
        "line_max_bool",
        "line_max_vertices_at_least_min_vertices",
        "LineAnnotationTaskCreate",
        {**LINE, "min_vertices": 3, "max_vertices": True},
        None,
    ),
    # polygon: same rule, its own id
    Case(
        "polygon_max_below_min",
        "polygon_max_vertices_at_least_min_vertices",
        "PolygonAnnotationTaskCreate",
        {**POLYGON, "min_vertices": 4, "max_vertices": 3},
        "/max_vertices",
    ),
    Case(
        "polygon_max_below_default_min",
        "polygon_max_vertices_at_least_min_vertices",
        "PolygonAnnotationTaskCreate",
        {**POLYGON, "max_vertices": 0.5},
        "/max_vertices",
    ),
    Case(
        "polygon_range",
        "polygon_max_vertices_at_least_min_vertices",
        "PolygonAnnotationTaskCreate",
        {**POLYGON, "min_vertices": 3, "max_vertices": 5},
        None,
    ),
    Case(
        "polygon_max_null",
        "polygon_max_vertices_at_least_min_vertices",
        "PolygonAnnotationTaskCreate",
        {**POLYGON, "min_vertices": 3, "max_vertices": None},
        None,
    ),
    # cuboid: max_annotations >= min_annotations (default 0), except 0 = "no limit"
    Case(
        "cuboid_max_below_min",
        "cuboid_max_annotations_at_least_min_annotations",
        "CuboidAnnotationTaskCreate",
        {**CUBOID, "min_annotations": 3, "max_annotations": 2},
        "/max_annotations",
    ),
    Case(
        "cuboid_max_zero_is_no_limit",
        "cuboid_max_annotations_at_least_min_annotations",
        "CuboidAnnotationTaskCreate",
        {**CUBOID, "min_annotations": 5, "max_annotations": 0},
        None,
    ),
    Case(
        "cuboid_max_above_min",
        "cuboid_max_annotations_at_least_min_annotations",
        "CuboidAnnotationTaskCreate",
        {**CUBOID, "min_annotations": 2, "max_annotations": 5},
        None,
    ),
    Case(
        "cuboid_max_with_default_min",
        "cuboid_max_annotations_at_least_min_annotations",
        "CuboidAnnotationTaskCreate",
        {**CUBOID, "max_annotations": 1},
        None,
    ),
    # categorization: category_ids values are categories
    Case(
        "category_id_not_a_category",
        "category_ids_values_in_categories",
        "CategorizationTaskCreate",
        {**CATEGORIZATION, "category_ids": {"123": "Blue Cross", "124": "Green Cross"}},
        "/category_ids/124",
    ),
    Case(
        "category_id_key_escaped",
        "category_ids_values_in_categories",
        "CategorizationTaskCreate",
        {**CATEGORIZATION, "category_ids": {"a/b~c": "Blue"}},
        "/category_ids/a~1b~0c",
    ),
    Case(
        "category_ids_all_categories",
        "category_ids_values_in_categories",
        "CategorizationTaskCreate",
        {**CATEGORIZATION, "category_ids": {"123": "Blue Cross", "124": "Red Cross"}},
        None,
    ),
    Case(
        "category_ids_absent",
        "category_ids_values_in_categories",
        "CategorizationTaskCreate",
        CATEGORIZATION,
        None,
    ),
    Case(
        "category_ids_not_an_object",
        "category_ids_values_in_categories",
        "CategorizationTaskCreate",
        {**CATEGORIZATION, "category_ids": ["Green"]},
        None,
    ),
    # annotation_attributes: attribute_conditions must not be circular
    Case(
        "conditions_two_cycle_list_form",
        "attribute_conditions_acyclic",
        "LineAnnotationTaskCreate",
        {**LINE, "annotation_attributes": TWO_CYCLE},
        "/annotation_attributes",
    ),
    Case(
        "conditions_self_cycle_object_form",
        "attribute_conditions_acyclic",
        "PolygonAnnotationTaskCreate",
        {**POLYGON, "annotation_attributes": SELF_CYCLE},
        "/annotation_attributes",
    ),
    Case(
        "conditions_three_cycle_box_task",
        "attribute_conditions_acyclic",
        "AnnotationTaskCreate",
        {**LINE, "annotation_attributes": LONG_CYCLE},
        "/annotation_attributes",
    ),
    Case(
        "conditions_cycle_at_root",
        "attribute_conditions_acyclic",
        "AnnotationAttributes",
        TWO_CYCLE,
        "",
    ),
    Case(
        "conditions_chain",
        "attribute_conditions_acyclic",
        "LineAnnotationTaskCreate",
        {**LINE, "annotation_attributes": CHAIN},
        None,
    ),
    Case(
        "conditions_unknown_attribute",
        "attribute_conditions_acyclic",
        "AnnotationAttributes",
        {"a": _category("a", {"nowhere": "x"})},
        None,
    ),
    Case(
        "conditions_odd_types",
        "attribute_conditions_acyclic",
        "AnnotationAttributes",
        {"a": _category("a", "b"), "b": {"conditions": [1]}, "c": 3},
        None,
    ),
    # a numerical attribute's max >= min (no defaults: one absent bound never conflicts)
    Case(
        "number_max_below_min",
        "number_attribute_max_at_least_min",
        "LineAnnotationTaskCreate",
        {
            **LINE,
            "annotation_attributes": {
                "size": {"type": "number", "description": "Size?", "min": 10, "max": 5}
            },
        },
        "/annotation_attributes/size/max",
    ),
    Case(
        "number_max_below_min_direct",
        "number_attribute_max_at_least_min",
        "Attribute",
        {"type": "number", "description": "Size?", "min": 0.5, "max": -1},
        "/max",
    ),
    Case(
        "number_range",
        "number_attribute_max_at_least_min",
        "AnnotationAttributes",
        {"size": {"type": "number", "description": "Size?", "min": 0, "max": 100}},
        None,
    ),
    Case(
        "number_only_max",
        "number_attribute_max_at_least_min",
        "AnnotationAttributes",
        {"size": {"type": "number", "description": "Size?", "max": -5}},
        None,
    ),
    # callback: response and task_id repeat the task's
    Case(
        "callback_response_differs",
        "callback_response_is_task_response",
        "CallbackBody",
        {
            "task_id": "t1",
            "response": {"category": "a"},
            "task": {**TASK, "response": {"category": "b"}},
        },
        "/response",
    ),
    Case(
        "callback_response_bool_is_not_number",
        "callback_response_is_task_response",
        "CallbackBody",
        {"task_id": "t1", "response": {"n": 1}, "task": {**TASK, "response": {"n": True}}},
        "/response",
    ),
    Case(
        "callback_response_equal",
        "callback_response_is_task_response",
        "CallbackBody",
        {
            "task_id": "t1",
            "response": {"category": "a", "n": 1},
            "task": {**TASK, "response": {"n": 1.0, "category": "a"}},
        },
        None,
    ),
    Case(
        "callback_task_id_differs",
        "callback_task_id_is_task_task_id",
        "CallbackBody",
        {"task_id": "t1", "response": {}, "task": {**TASK, "task_id": "t2", "response": {}}},
        "/task_id",
    ),
    Case(
        "callback_task_id_equal",
        "callback_task_id_is_task_task_id",
        "CallbackBody",
        {"task_id": "t1", "response": {}, "task": {**TASK, "response": {}}},
        None,
    ),
]


def _ids(found: list[RuleViolation]) -> list[tuple[str, str]]:
    return [(violation.rule_id, violation.pointer) for violation in found]


def test_rules_are_discovered() -> None:
    assert len(RULES) >= 8
    assert {rule["kind"] for rule in RULES.values()} == set(SPEC["x-scale-rule-kinds"])


def test_every_rule_has_cases() -> None:
    broken = {case.rule_id for case in CASES if case.pointer is not None}
    kept = {case.rule_id for case in CASES if case.pointer is None}
    assert set(RULES) - broken == set(), "rules without a violating case"
    assert set(RULES) - kept == set(), "rules without a satisfying case"
    assert {case.rule_id for case in CASES} <= set(RULES), "cases for rules no longer in the spec"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case(case: Case) -> None:
    found = find_rule_violations(SPEC, SCHEMAS[case.schema], case.instance)
    if case.pointer is None:
        assert found == []
    else:
        assert _ids(found) == [(case.rule_id, case.pointer)]
        assert found[0].description == RULES[case.rule_id]["description"]
        assert found[0].message


def test_messages_name_fields_and_values() -> None:
    def message(schema: str, instance: Any) -> str:
        [violation] = find_rule_violations(SPEC, SCHEMAS[schema], instance)
        return violation.message

    line = {**LINE, "min_vertices": 3, "max_vertices": 2}
    assert message("LineAnnotationTaskCreate", line) == (
        "max_vertices (2) must be at least min_vertices (3)"
    )
    assert message("LineAnnotationTaskCreate", {**LINE, "max_vertices": 0}) == (
        "max_vertices (0) must be at least min_vertices (1, the default)"
    )
    categories = {**CATEGORIZATION, "category_ids": {"124": "Green Cross"}}
    assert message("CategorizationTaskCreate", categories) == (
        'category_ids["124"] ("Green Cross") is not one of categories ["Blue Cross", "Red Cross"]'
    )
    callback = {"task_id": "t1", "response": {}, "task": {**TASK, "task_id": "t2", "response": {}}}
    assert message("CallbackBody", callback) == 'task_id ("t1") must equal task.task_id ("t2")'
    assert "a -> a" in message("AnnotationAttributes", SELF_CYCLE)
    assert "a -> b -> a" in message("AnnotationAttributes", TWO_CYCLE)


def test_several_violations_are_all_reported() -> None:
    instance = {
        **LINE,
        "min_vertices": 3,
        "max_vertices": 2,
        "annotation_attributes": {**TWO_CYCLE, "n": {"description": "n?", "min": 2, "max": 1}},
    }
    found = find_rule_violations(SPEC, SCHEMAS["LineAnnotationTaskCreate"], instance)
    assert sorted(_ids(found)) == [
        ("attribute_conditions_acyclic", "/annotation_attributes"),
        ("line_max_vertices_at_least_min_vertices", "/max_vertices"),
        ("number_attribute_max_at_least_min", "/annotation_attributes/n/max"),
    ]


@pytest.mark.parametrize(
    "instance", [None, "text", 3, True, [], [1, {"max_vertices": 0}], {"annotation_attributes": 1}]
)
def test_odd_input_never_raises(instance: Any) -> None:
    assert find_rule_violations(SPEC, SCHEMAS["LineAnnotationTaskCreate"], instance) == []


def test_recursive_nested_labels_terminate() -> None:
    label: Any = "leaf"
    for depth in range(30):
        label = {"choice": f"level {depth}", "subchoices": [label, "other"]}
    instance = {**LINE, "objects_to_annotate": [label], "min_vertices": 2, "max_vertices": 1}
    found = find_rule_violations(SPEC, SCHEMAS["LineAnnotationTaskCreate"], instance)
    assert _ids(found) == [("line_max_vertices_at_least_min_vertices", "/max_vertices")]


def test_ref_cycles_terminate_and_report_once() -> None:
    rule = {"id": "r", "kind": "equals", "field": "/a", "other": "/b", "description": "d"}
    spec: dict[str, Any] = {
        "components": {
            "schemas": {
                "A": {"$ref": "#/components/schemas/B"},
                "B": {"allOf": [{"$ref": "#/components/schemas/A"}], "x-scale-rules": [rule]},
            }
        }
    }
    found = find_rule_violations(spec, {"$ref": "#/components/schemas/A"}, {"a": 1, "b": 2})
    assert _ids(found) == [("r", "/a")]


def test_one_of_descends_only_into_branches_of_matching_type() -> None:
    rule = {"id": "r", "kind": "gte", "field": "/x", "other": "/y", "description": "d"}
    schema = {"oneOf": [{"type": "array"}, {"type": ["object", "null"], "x-scale-rules": [rule]}]}
    assert _ids(find_rule_violations(SPEC, schema, {"x": 1, "y": 2})) == [("r", "/x")]
    schema = {"anyOf": [{"type": "string", "x-scale-rules": [rule]}]}
    assert find_rule_violations(SPEC, schema, {"x": 1, "y": 2}) == []


def test_unknown_kind_raises() -> None:
    schema = {"x-scale-rules": [{"id": "mystery", "kind": "lte", "description": "?"}]}
    with pytest.raises(ValueError, match="lte"):
        find_rule_violations(SPEC, schema, {})
