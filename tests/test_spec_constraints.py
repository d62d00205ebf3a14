"""Each documented constraint, with the document and line that states it, is encoded in the spec.

One row per rule the documents state. The seeds are Scale's API documents as the project
received them: `000_1ee4622cfd7d0112.txt` (2016 docs), `001_cbc33db85774d193.txt` (2017-2018
docs), `004_b2296c8bdcbcdf0f.txt` (Python SDK README). The test reads only the spec; the
citation says where a reviewer can check the rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pytest

import scale_spec
from scale_spec import MergedSchema

SPEC = scale_spec.load()
DOCS_2016 = "000_1ee4622cfd7d0112.txt"
DOCS_2018 = "001_cbc33db85774d193.txt"
SDK_README = "004_b2296c8bdcbcdf0f.txt"

Check = Callable[[], None]


def merged_body(path: str) -> MergedSchema:
    """The merged schema of the body of `POST path` (its JSON body when it declares one)."""
    body = SPEC.find("post", path).primary_body
    assert body is not None, f"POST {path} declares no request body"
    return SPEC.merged_object(body.schema)


@dataclass(frozen=True)
class Constraint:
    rule: str
    source: str
    check: Check

    def __str__(self) -> str:
        return self.rule


def body_property(path: str, name: str, **keywords: Any) -> Check:
    def check() -> None:
        merged = merged_body(path)
        prop = merged.properties[name]
        for key, value in keywords.items():
            assert prop.get(key) == value, f"{path} {name}: {key}={prop.get(key)!r}, want {value!r}"

    return check


def both(*checks: Check) -> Check:
    def check() -> None:
        for one in checks:
            one()

    return check


def body_property_alternatives(path: str, name: str, alternatives: list[dict[str, Any]]) -> Check:
    """The property's `oneOf` branches hold these keywords (descriptions and tiers aside)."""

    def check() -> None:
        merged = merged_body(path)
        branches = merged.properties[name]["oneOf"]
        got = [
            {k: v for k, v in b.items() if k in ("type", "minimum", "pattern")} for b in branches
        ]
        assert got == alternatives, got

    return check


def body_property_enum(path: str, name: str, schema: str, enum: list[str]) -> Check:
    def check() -> None:
        merged = merged_body(path)
        prop = merged.properties[name]
        resolved = SPEC.lookup(f"#/components/schemas/{schema}") if "enum" not in prop else prop
        assert resolved["enum"] == enum

    return check


def required(path: str, *names: str) -> Check:
    def check() -> None:
        merged = merged_body(path)
        assert set(names) <= merged.required, f"{path}: required {sorted(merged.required)}"

    return check


def one_of_required(path: str, *alternatives: str) -> Check:
    def check() -> None:
        merged = merged_body(path)
        wanted = [{"required": [name]} for name in alternatives]
        assert any(all(alt in group for alt in wanted) for group in merged.any_of), merged.any_of

    return check


def x_rule(path: str, kind: str, **arguments: str) -> Check:
    def check() -> None:
        merged = merged_body(path)
        rules = [*merged.rules]
        if "annotation_attributes" in merged.properties:
            rules += SPEC.lookup("#/components/schemas/AnnotationAttributes").get(
                "x-scale-rules", []
            )
        assert any(
            r["kind"] == kind and all(r.get(k) == v for k, v in arguments.items()) for r in rules
        ), rules

    return check


def layers_only_with_image(path: str) -> Check:
    def check() -> None:
        merged = merged_body(path)
        assert any(
            c["if"] == {"required": ["layers"]}
            and c["then"]["properties"]["attachment_type"] == {"const": "image"}
            and "attachment_type" in c["then"]["required"]
            for c in merged.conditionals
        )

    return check


def no_layers(path: str) -> Check:
    def check() -> None:
        merged = merged_body(path)
        assert {"required": ["layers"]} in merged.negations
        assert "layers" not in merged.properties

    return check


def narrowed_unless(path: str, name: str, absent: str, enum: list[str]) -> Check:
    """`name` is narrowed to `enum` when the property `absent` is not given (if/then)."""

    def check() -> None:
        merged = merged_body(path)
        assert any(
            c["if"] == {"not": {"required": [absent]}}
            and c["then"]["properties"][name] == {"enum": enum}
            for c in merged.conditionals
        ), merged.conditionals

    return check


def query(method: str, path: str, name: str, **keywords: Any) -> Check:
    def check() -> None:
        param = SPEC.find(method, path).parameter("query", name)
        for key, value in keywords.items():
            got = param.definition.get(key) if key == "deprecated" else param.schema.get(key)
            assert got == value, f"{path}?{name}: {key}={got!r}, want {value!r}"

    return check


def schema_keywords(schema: str, **keywords: Any) -> Check:
    def check() -> None:
        node: Mapping[str, Any] = SPEC.document["components"]["schemas"][schema]
        for key, value in keywords.items():
            assert node.get(key) == value, f"{schema}: {key}={node.get(key)!r}, want {value!r}"

    return check


def declares(method: str, path: str, code: str) -> Check:
    def check() -> None:
        assert code in SPEC.find(method, path).definition["responses"]

    return check


def error_requires_message() -> None:
    assert SPEC.document["components"]["schemas"]["Error"]["required"] == ["error"]


CV_AT_MOST_6 = ("annotation", "pointannotation", "polygonannotation", "cuboidannotation")
CV_ROWS = {
    "annotation": 319,
    "pointannotation": 465,
    "polygonannotation": 1019,
    "cuboidannotation": 753,
}
REQUIRED_ROWS = {
    "annotation": 296,
    "pointannotation": 446,
    "lineannotation": 585,
    "cuboidannotation": 734,
    "polygonannotation": 998,
}
IMAGE_ONLY_ROWS = {
    "annotation": 326,
    "pointannotation": 470,
    "lineannotation": 613,
    "polygonannotation": 1024,
    "cuboidannotation": 762,
    "segmentannotation": 1187,
}
URGENCY = ["express", "standard"]

CONSTRAINTS = [
    *(
        Constraint(
            f"{t}: at most 6 objects_to_annotate",
            f"{DOCS_2018}:{CV_ROWS[t]}",
            body_property(f"/task/{t}", "objects_to_annotate", maxItems=6),
        )
        for t in CV_AT_MOST_6
    ),
    Constraint(
        "lineannotation: at most 3 objects_to_annotate",
        f"{DOCS_2018}:608",
        body_property("/task/lineannotation", "objects_to_annotate", maxItems=3),
    ),
    *(
        Constraint(
            f"{t}: attachment and objects_to_annotate required",
            f"{DOCS_2018}:{line}",
            required(f"/task/{t}", "attachment", "objects_to_annotate"),
        )
        for t, line in REQUIRED_ROWS.items()
    ),
    *(
        Constraint(
            f"{t}: attachment_type only image, default image",
            f"{DOCS_2018}:{line}",
            body_property(f"/task/{t}", "attachment_type", enum=["image"], default="image"),
        )
        for t, line in IMAGE_ONLY_ROWS.items()
    ),
    Constraint(
        "segmentannotation: attachment and labels required",
        f"{DOCS_2018}:1160",
        required("/task/segmentannotation", "attachment", "labels"),
    ),
    Constraint(
        "segmentannotation: at most 50 labels",
        f"{DOCS_2018}:1181",
        body_property("/task/segmentannotation", "labels", maxItems=50),
    ),
    Constraint(
        "segmentannotation: at most 10 instance_labels, default []",
        f"{DOCS_2018}:1182",
        body_property("/task/segmentannotation", "instance_labels", maxItems=10, default=[]),
    ),
    Constraint(
        "segmentannotation: no layers", f"{DOCS_2018}:1367", no_layers("/task/segmentannotation")
    ),
    Constraint(
        "annotation: min_width >= 0, default 0",
        f"{DOCS_2018}:323",
        both(
            body_property("/task/annotation", "min_width", default=0),
            body_property_alternatives(
                "/task/annotation",
                "min_width",
                [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": "^[0-9]+$"}],
            ),
        ),
    ),
    Constraint(
        "annotation: with_labels default false",
        f"{DOCS_2018}:321",
        body_property("/task/annotation", "with_labels", type="boolean", default=False),
    ),
    Constraint(
        "lineannotation: min_vertices default 1",
        f"{DOCS_2018}:615",
        body_property("/task/lineannotation", "min_vertices", default=1, minimum=1),
    ),
    Constraint(
        "lineannotation: max_vertices default null",
        f"{DOCS_2018}:616",
        body_property(
            "/task/lineannotation", "max_vertices", default=None, type=["integer", "null"]
        ),
    ),
    Constraint(
        "lineannotation: max_vertices must be at least min_vertices",
        f"{DOCS_2018}:616",
        x_rule("/task/lineannotation", "gte", field="/max_vertices", other="/min_vertices"),
    ),
    Constraint(
        "polygonannotation: max_vertices must be at least min_vertices",
        f"{DOCS_2018}:1026",
        x_rule("/task/polygonannotation", "gte", field="/max_vertices", other="/min_vertices"),
    ),
    Constraint(
        "lineannotation: splines default false",
        f"{DOCS_2018}:614",
        body_property("/task/lineannotation", "splines", default=False),
    ),
    Constraint(
        "cuboidannotation: max_annotations 0 means no limit",
        f"{DOCS_2018}:761",
        body_property("/task/cuboidannotation", "max_annotations", default=0, minimum=0),
    ),
    Constraint(
        "cuboidannotation: min_annotations default 0",
        f"{DOCS_2018}:760",
        body_property("/task/cuboidannotation", "min_annotations", default=0, minimum=0),
    ),
    Constraint(
        "annotation attributes: no circular attribute_conditions",
        f"{DOCS_2018}:1842",
        x_rule("/task/annotation", "acyclic_attribute_conditions"),
    ),
    Constraint(
        "annotation attributes: type category|number|angle, default category",
        f"{DOCS_2018}:1758",
        schema_keywords("Attribute", required=["description"]),
    ),
    Constraint(
        "condition: a single key",
        f"{DOCS_2018}:1832",
        schema_keywords("Condition", minProperties=1, maxProperties=1),
    ),
    Constraint(
        "categorization: instruction, attachment_type, attachment, categories required",
        f"{DOCS_2018}:2021",
        required(
            "/task/categorization", "instruction", "attachment_type", "attachment", "categories"
        ),
    ),
    Constraint(
        "categorization: attachment_type enum",
        f"{DOCS_2018}:2022",
        body_property_enum(
            "/task/categorization",
            "attachment_type",
            "AttachmentType",
            ["text", "image", "video", "audio", "website", "pdf"],
        ),
    ),
    Constraint(
        "categorization: category_ids values are members of categories",
        f"{DOCS_2018}:2026",
        x_rule("/task/categorization", "values_in", field="/category_ids", **{"in": "/categories"}),
    ),
    Constraint(
        "categorization: allow_multiple default false",
        f"{DOCS_2018}:2027",
        body_property("/task/categorization", "allow_multiple", default=False),
    ),
    Constraint(
        "categorization: layers only if attachment_type is image",
        f"{DOCS_2018}:2029",
        layers_only_with_image("/task/categorization"),
    ),
    Constraint(
        "categorize (legacy path): 2016 urgency immediate, day or week, default day",
        f"{DOCS_2016}:274",
        body_property(
            "/task/categorize", "urgency", enum=["immediate", "day", "week"], default="day"
        ),
    ),
    Constraint(
        "phonecall (2016 only): urgency immediate, day or week, default day",
        f"{DOCS_2016}:614",
        body_property(
            "/task/phonecall", "urgency", enum=["immediate", "day", "week"], default="day"
        ),
    ),
    Constraint(
        "categorization: urgency express or standard",
        f"{DOCS_2018}:167",
        body_property("/task/categorization", "urgency", enum=URGENCY, default="standard"),
    ),
    Constraint(
        "categorize (legacy path): same rules",
        f"{DOCS_2016}:263",
        required("/task/categorize", "instruction", "attachment_type", "attachment", "categories"),
    ),
    Constraint(
        "comparison: one of choices or fields must be specified",
        f"{DOCS_2018}:2202",
        one_of_required("/task/comparison", "choices", "fields"),
    ),
    Constraint(
        "comparison: attachment_type enum",
        f"{DOCS_2018}:2198",
        body_property_enum(
            "/task/comparison",
            "attachment_type",
            "AttachmentType",
            ["text", "image", "video", "audio", "website", "pdf"],
        ),
    ),
    Constraint(
        "transcription: at least one of fields or repeatable_fields",
        f"{DOCS_2018}:2314",
        one_of_required("/task/transcription", "fields", "repeatable_fields"),
    ),
    Constraint(
        "transcription: attachment_type one of image, pdf, website",
        f"{DOCS_2018}:2330",
        narrowed_unless(
            "/task/transcription", "attachment_type", "row_fields", ["image", "pdf", "website"]
        ),
    ),
    Constraint(
        "transcription (legacy row_fields form): attachment_type also text, video, audio",
        f"{DOCS_2016}:450",
        body_property_enum(
            "/task/transcription",
            "attachment_type",
            "AttachmentType",
            ["text", "image", "video", "audio", "website", "pdf"],
        ),
    ),
    Constraint(
        "transcription: row_fields is the deprecated form",
        f"{DOCS_2016}:453",
        body_property("/task/transcription", "row_fields", deprecated=True),
    ),
    Constraint(
        "phonecall: instruction, script, phone_number, entity_name required",
        f"{DOCS_2016}:587",
        required("/task/phonecall", "instruction", "script", "phone_number", "entity_name"),
    ),
    Constraint(
        "textcollection: attachments is required",
        f"{SDK_README}:456",
        required("/task/textcollection", "attachments"),
    ),
    Constraint(
        "urgency: express or standard, default standard",
        f"{DOCS_2018}:167",
        schema_keywords("Urgency", enum=URGENCY, default="standard"),
    ),
    Constraint(
        "task status: pending, completed, canceled or error",
        f"{DOCS_2018}:170",
        schema_keywords("TaskStatus", enum=["pending", "completed", "canceled", "error"]),
    ),
    Constraint(
        "list tasks: limit between 1 and 100, default 100",
        f"{DOCS_2018}:2932",
        query("get", "/tasks", "limit", minimum=1, maximum=100, default=100),
    ),
    Constraint(
        "list tasks: offset >= 0, default 0, deprecated",
        f"{DOCS_2018}:2933",
        query("get", "/tasks", "offset", minimum=0, default=0, deprecated=True),
    ),
    Constraint(
        "list tasks: status completed, pending or canceled",
        f"{DOCS_2018}:2930",
        lambda: schema_keywords("TaskStatusFilter", enum=["completed", "pending", "canceled"])(),
    ),
    Constraint(
        "list batches: limit 1-100",
        "sdk 2.18.4 (`batches` docstring)",
        query("get", "/batches", "limit", minimum=1, maximum=100),
    ),
    Constraint(
        "duplicate unique_id gives 409",
        f"{SDK_README}:444",
        declares("post", "/task/annotation", "409"),
    ),
    Constraint(
        "duplicate batch name gives 409", f"{SDK_README}:238", declares("post", "/batches", "409")
    ),
    Constraint(
        "duplicate project name gives 409",
        f"{SDK_README}:291",
        declares("post", "/projects", "409"),
    ),
    Constraint(
        "task creation may answer 402 not enabled",
        f"{DOCS_2018}:2958",
        declares("post", "/task/segmentannotation", "402"),
    ),
    Constraint(
        "retrieve: 404 for an unknown task",
        f"{DOCS_2018}:2768",
        declares("get", "/task/{task_id}", "404"),
    ),
    Constraint(
        "cancel: only pending tasks (500 for others, as the documents say)",
        f"{DOCS_2018}:2821",
        declares("post", "/task/{task_id}/cancel", "500"),
    ),
    Constraint(
        "cancel: only pending tasks (400 for others, as the official SDK expects)",
        "sdk 2.18.4 (tests/test_client.py)",
        declares("post", "/task/{task_id}/cancel", "400"),
    ),
    Constraint("errors carry an error message", f"{DOCS_2018}:2954", error_requires_message),
    Constraint(
        "teammate roles",
        f"{SDK_README}:349",
        schema_keywords("TeammateRole", enum=["labeler", "member", "manager", "admin"]),
    ),
    Constraint(
        "studio set_priorities: all pending batches",
        f"{SDK_README}:430",
        declares("post", "/studio/batches/set_priorities", "400"),
    ),
]


@pytest.mark.parametrize("constraint", CONSTRAINTS, ids=str)
def test_documented_constraint_is_encoded(constraint: Constraint) -> None:
    constraint.check()


def _drop(spec: dict[str, Any], dotted: str) -> None:
    """Delete the key at a `/`-separated path of the spec (a test-only mutation)."""
    *parents, last = dotted.split("/")
    node: Any = spec
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    del node[last]


MUTATIONS = [
    (
        "annotation: at most 6 objects_to_annotate",
        "components/schemas/AnnotationTaskCreate/allOf/2/properties/objects_to_annotate/maxItems",
    ),
    (
        "lineannotation: max_vertices must be at least min_vertices",
        "components/schemas/LineAnnotationTaskCreate/allOf/2/x-scale-rules",
    ),
    (
        "comparison: one of choices or fields must be specified",
        "components/schemas/ComparisonTaskCreate/allOf/1/anyOf",
    ),
    (
        "list tasks: limit between 1 and 100, default 100",
        "components/parameters/Limit/schema/maximum",
    ),
    (
        "categorization: layers only if attachment_type is image",
        "components/schemas/CategorizationTaskParams/allOf/2/then",
    ),
]


@pytest.mark.parametrize(("rule", "location"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_a_spec_without_the_rule_fails_its_row(
    rule: str, location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each row really reads the spec: delete the rule and the row must fail."""
    import copy

    mutated = copy.deepcopy(dict(SPEC.document))
    _drop(mutated, location)
    monkeypatch.setattr(__import__(__name__, fromlist=["SPEC"]), "SPEC", scale_spec.Spec(mutated))
    row = next(c for c in CONSTRAINTS if c.rule == rule)
    with pytest.raises((AssertionError, KeyError)):
        row.check()
