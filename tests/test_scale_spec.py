"""`scale_spec`, the kit's one reading of the spec: `$ref` resolution, `allOf` merging,
operations, routing, validators and provenance, tested once here on small documents (so each
rule of the reading is visible) and on the shipped spec (so the reading fits it)."""

from __future__ import annotations

from typing import Any

import pytest

import scale_spec
from scale_spec import Parameter, Spec
from scale_spec.document import escape, lookup, unescape

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1.2.3"},
    "paths": {
        "/task/box": {
            "post": {
                "operationId": "create_box",
                "x-scale-task-type": "box",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Box"}},
                        "application/x-www-form-urlencoded": {
                            "schema": {"$ref": "#/components/schemas/Box"}
                        },
                    },
                },
            }
        },
        "/task/{task_id}": {
            "parameters": [{"$ref": "#/components/parameters/TaskId"}],
            "get": {"operationId": "get_task"},
        },
        "/task/{task_id}/cancel": {"post": {"operationId": "cancel_task"}},
    },
    "components": {
        "parameters": {
            "TaskId": {
                "name": "task_id",
                "in": "path",
                "required": True,
                "schema": {"type": "string"},
            }
        },
        "schemas": {
            "Common": {
                "type": "object",
                "required": ["attachment"],
                "x-provenance": {"required": "docs"},
                "properties": {
                    "attachment": {"type": "string", "description": "common"},
                    "urgency": {
                        "enum": ["a", "b"],
                        "default": "a",
                        "x-provenance": {"enum": "docs"},
                    },
                },
            },
            "Box": {
                "description": "a box task",
                "allOf": [
                    {"$ref": "#/components/schemas/Common"},
                    {
                        "type": "object",
                        "required": ["objects"],
                        "x-provenance": {"required": "docs", "required:objects": "assumed"},
                        "properties": {
                            "objects": {"type": "array", "maxItems": 6, "minItems": 1},
                            "urgency": {"description": "refined", "x-provenance": {"x": "sdk"}},
                        },
                        "x-scale-rules": [
                            {
                                "id": "r1",
                                "kind": "equals",
                                "field": "/a",
                                "other": "/b",
                                "description": "d",
                            }
                        ],
                    },
                ],
            },
        },
    },
}


@pytest.fixture(scope="module")
def spec() -> Spec:
    return Spec(DOCUMENT)


def test_pointers_escape_and_resolve_as_rfc_6901() -> None:
    assert escape("/task/{id}") == "~1task~1{id}" and unescape("~1a~0b") == "/a~b"
    assert lookup(DOCUMENT, "#/paths/~1task~1box/post/operationId") == "create_box"
    with pytest.raises(ValueError, match="unresolvable"):
        lookup(DOCUMENT, "#/components/schemas/Nope")
    with pytest.raises(ValueError, match="only local"):
        lookup(DOCUMENT, "other.yaml#/x")


def test_resolve_follows_reference_objects(spec: Spec) -> None:
    assert spec.resolve({"$ref": "#/components/parameters/TaskId"})["name"] == "task_id"
    assert spec.resolve({"type": "string"}) == {"type": "string"}


def test_flat_merges_members_own_keywords_first_and_combines_properties(spec: Spec) -> None:
    box = spec.flat({"$ref": "#/components/schemas/Box"})
    assert box["description"] == "a box task"  # its own keyword, not a member's
    assert box["required"] == ["attachment", "objects"]  # the union, in member order
    assert set(box["properties"]) == {"attachment", "urgency", "objects"}
    # a property stated by two members must satisfy both
    urgency = spec.flat(box["properties"]["urgency"])
    assert urgency["enum"] == ["a", "b"] and urgency["description"] == "refined"
    assert urgency["x-provenance"] == {"enum": "docs", "x": "sdk"}  # each keyword's own tier
    assert box["x-provenance"]["required:objects"] == "assumed"


def test_flat_reads_alternatives_as_a_union_of_types(spec: Spec) -> None:
    nullable = spec.flat({"anyOf": [{"type": "object", "properties": {"a": {}}}, {"type": "null"}]})
    assert nullable["type"] == ["null", "object"] and "a" in nullable["properties"]
    one_of_these = spec.flat({"anyOf": [{"required": ["a"]}, {"required": ["b"]}]})
    assert "type" not in one_of_these


def test_merged_object_locates_every_piece_with_its_tier(spec: Spec) -> None:
    merged = spec.merged_object({"$ref": "#/components/schemas/Box"})
    assert merged.required == {"attachment", "objects"}
    assert merged.required_at["attachment"].pointer == "#/components/schemas/Common/required"
    assert merged.required_at["attachment"].tier == "docs"
    assert merged.required_at["objects"].tier == "assumed"
    assert merged.sources["objects"].pointer == (
        "#/components/schemas/Box/allOf/1/properties/objects"
    )
    assert merged.properties["objects"]["maxItems"] == 6
    assert [r.pointer for r in merged.located_rules] == [
        "#/components/schemas/Box/allOf/1/x-scale-rules/0"
    ]


def test_operations_carry_resolved_parameters_bodies_and_task_type(spec: Spec) -> None:
    create = spec.operation("create_box")
    assert create.task_type == "box" and create.billable and create.body_required
    assert set(create.bodies) == {"application/json", "application/x-www-form-urlencoded"}
    assert create.primary_body is not None and create.primary_body.media_type == "application/json"
    assert create.primary_body.pointer.endswith("/requestBody/content/application~1json/schema")
    get = spec.operation("get_task")
    assert not get.billable
    assert get.parameter("path", "task_id").pointer == "#/components/parameters/TaskId/schema"
    assert spec.property_defaults(create) == {"urgency": "a"}
    with pytest.raises(KeyError):
        spec.operation("nope")


def test_routing_matches_a_concrete_path_before_templates(spec: Spec) -> None:
    assert [op.operation_id for op, _ in spec.match("/task/box")] == ["create_box"]
    matched = spec.match("/task/abc%2F1")
    assert [(op.operation_id, params) for op, params in matched] == [
        ("get_task", {"task_id": "abc%2F1"})
    ]
    route = spec.route("POST", "/task/abc/cancel")
    assert route is not None and route.operation_id == "cancel_task"
    assert spec.route("DELETE", "/task/abc") is None and spec.route("GET", "/nope") is None


def test_validators_resolve_references_and_check_formats(spec: Spec) -> None:
    pointer = "#/components/schemas/Box"
    assert spec.schema_errors(pointer, {"attachment": "x", "objects": ["car"]}) == []
    errors = spec.schema_errors(pointer, {"attachment": "x", "objects": ["car"] * 7})
    assert errors and errors[0].startswith("objects:")
    assert spec.validator(pointer) is spec.validator(pointer)  # compiled once


def test_gated_view_drops_keywords_of_tiers_left_out(spec: Spec) -> None:
    view = spec.gated_document({"docs"})
    second = view["components"]["schemas"]["Box"]["allOf"][1]
    assert "required" not in second  # `objects` was required on an assumed tier only
    urgency = view["components"]["schemas"]["Common"]["properties"]["urgency"]
    assert urgency["enum"] == ["a", "b"]  # a docs rule stays
    assert spec.document["components"]["schemas"]["Box"]["allOf"][1]["required"] == ["objects"]


def test_the_shipped_spec_reads_whole() -> None:
    shipped = scale_spec.load()
    assert shipped is scale_spec.load()  # parsed once per process
    assert Spec.from_text(scale_spec.PACKAGED.read_text("utf-8")).version == shipped.version
    creates = {op.operation_id for op in shipped.operations if op.billable}
    # the extension marks exactly the operations that POST to a concrete /task/<type> path
    shaped = {
        op.operation_id
        for op in shipped.operations
        if op.method == "post" and op.path.startswith("/task/") and "{" not in op.path
    }
    assert creates == shaped
    assert shipped.operation("create_categorization_task_legacy").task_type == "categorization"
    for op in shipped.operations:
        for param in op.parameters:
            shipped.validator(param.pointer)
        for body in op.bodies.values():
            shipped.validator(body.pointer)
    assert shipped.behaviours["rows"] and shipped.behaviour_tiers


def test_flat_ends_on_subtypes_that_include_their_base() -> None:
    """`Shape: oneOf [Circle, Square]`, `Circle: allOf [Shape, ...]`: the usual polymorphism."""
    shapes = Spec(
        {
            "components": {
                "schemas": {
                    "Shape": {
                        "oneOf": [
                            {"$ref": "#/components/schemas/Circle"},
                            {"$ref": "#/components/schemas/Square"},
                        ]
                    },
                    "Circle": {
                        "allOf": [{"$ref": "#/components/schemas/Shape"}],
                        "type": "object",
                        "properties": {"radius": {"type": "number"}},
                    },
                    "Square": {"type": "object", "properties": {"side": {"type": "number"}}},
                }
            }
        }
    )
    circle = shapes.flat({"$ref": "#/components/schemas/Circle"})
    assert {"radius", "side"} <= set(circle["properties"])
    holder = {"type": "object", "properties": {"shape": {"$ref": "#/components/schemas/Shape"}}}
    assert "shape" in shapes.merged_object(holder).properties


def test_a_keyword_keeps_the_tier_of_the_node_that_gave_its_value() -> None:
    spec = Spec({})
    later_bound = spec.flat(
        {"allOf": [{"maxLength": 5, "x-provenance": {"maxLength": "docs"}}, {"maxLength": 3}]}
    )
    assert later_bound["maxLength"] == 3 and "maxLength" not in later_bound.get("x-provenance", {})
    refined = spec.merged_object(
        {
            "allOf": [
                {"properties": {"a": {"maxLength": 5, "x-provenance": {"maxLength": "docs"}}}},
                {"properties": {"a": {"pattern": "^x", "x-provenance": {"pattern": "assumed"}}}},
            ]
        }
    )
    assert refined.properties["a"]["x-provenance"] == {"maxLength": "docs", "pattern": "assumed"}


def test_flat_is_idempotent_and_adds_a_type_only_when_alternatives_add_one(spec: Spec) -> None:
    once = spec.flat({"$ref": "#/components/schemas/Box"})
    assert "$ref" not in once and spec.flat(once) == once
    dates = spec.flat({"type": "string", "anyOf": [{"format": "date"}, {"format": "date-time"}]})
    assert dates["type"] == "string"


def test_a_parameter_is_read_as_its_schema_says() -> None:
    """The one reading of query and path values the mock and the proxy share."""
    spec = scale_spec.load()
    op = spec.operation("list_tasks")
    by_name = {p.name: p for p in op.parameters}
    assert spec.parameter_value(by_name["limit"], ["5"]) == 5
    assert spec.parameter_value(by_name["limit"], ["five"]) == "five"  # the validator refuses it
    assert spec.parameter_value(by_name["limited_response"], ["True"]) is True
    assert spec.parameter_value(by_name["tags"], ["a", "b"]) == ["a", "b"]
    assert spec.parameter_value(by_name["project"], ["p1", "p2"]) == "p2"  # the last one wins
    number = Parameter("x", "query", False, {"type": "number"}, True, "#", {})
    assert spec.parameter_value(number, ["1.5"]) == 1.5
    assert spec.parameter_value(number, ["nan"]) == "nan"  # not a finite number: text
