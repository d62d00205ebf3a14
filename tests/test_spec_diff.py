"""`scripts/spec_diff.py`: spec pairs, each with the classification it must get, on a small
spec (direction rules: a request-only, a response-only schema) and on edited copies of the real
one (components used by many operations, the open `TaskType`, callbacks, tiers, security);
then the command: exit codes, `--format json`, the version-bump gate."""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import scale_spec
from scale_spec import Spec

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from spec_diff import RULES, Finding, compare, main

Doc = dict[str, Any]
Edit = Callable[[Doc], object]


def _json(schema: str) -> Doc:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}


SMALL: Doc = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1.0.0"},
    "security": [{"basicAuth": []}],
    "paths": {
        "/things": {
            "get": {
                "operationId": "list_things",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                    {
                        "name": "kind",
                        "in": "query",
                        "schema": {"type": "string", "enum": ["a", "b"]},
                    },
                ],
                "responses": {"200": {"description": "ok", "content": _json("Thing")}},
            },
            "post": {
                "operationId": "create_thing",
                "requestBody": {"required": True, "content": _json("ThingCreate")},
                "responses": {"200": {"description": "ok", "content": _json("Thing")}},
            },
        }
    },
    "components": {
        "securitySchemes": {"basicAuth": {"type": "http", "scheme": "basic"}},
        "schemas": {
            "ThingCreate": {  # only ever sent by clients
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "maxLength": 50},
                    "size": {"type": ["integer", "null"]},
                    "label": {"type": ["string", "integer"]},
                    "tags": {"type": "array", "maxItems": 6, "items": {"type": "string"}},
                },
            },
            "Thing": {  # only ever read by clients
                "type": "object",
                "required": ["name", "status"],
                "properties": {
                    "name": {"type": "string"},
                    "size": {"type": ["integer", "null"]},
                    "status": {"type": "string", "enum": ["new", "done"]},
                },
            },
        },
    },
}
REAL: Doc = dict(scale_spec.load().document)


def findings(base: Doc, edit: Edit) -> list[Finding]:
    new = copy.deepcopy(base)
    edit(new)
    return compare(Spec(base), Spec(new))


def small_schema(doc: Doc, name: str) -> Doc:
    schema: Doc = doc["components"]["schemas"][name]
    return schema


def small_query(doc: Doc) -> list[Doc]:
    params: list[Doc] = doc["paths"]["/things"]["get"]["parameters"]
    return params


def real_schema(doc: Doc, name: str) -> Doc:
    schema: Doc = doc["components"]["schemas"][name]
    return schema


def real_parameter(doc: Doc, path: str, name: str) -> Doc:
    found: Doc = next(p for p in doc["paths"][path]["get"]["parameters"] if p.get("name") == name)
    return found


def every_operation(doc: Doc) -> list[Doc]:
    return [op for item in doc["paths"].values() for op in item.values() if "responses" in op]


# (spec, edit, kind, classification, location): exactly one finding, of this kind and class.
PAIRS: dict[str, tuple[Doc, Edit, str, str, str]] = {
    "enum value removed (request)": (
        SMALL,
        lambda d: small_query(d)[1]["schema"].update(enum=["a"]),
        "enum-value-removed",
        "breaking",
        "#/paths/~1things/get/parameters/1/schema",
    ),
    "required parameter added": (
        SMALL,
        lambda d: small_query(d).append(
            {"name": "q", "in": "query", "required": True, "schema": {"type": "string"}}
        ),
        "parameter-added-required",
        "breaking",
        "#/paths/~1things/get/parameters/2",
    ),
    "response property removed": (
        SMALL,
        lambda d: small_schema(d, "Thing")["properties"].pop("size"),
        "property-removed",
        "breaking",
        "#/components/schemas/Thing/properties/size",
    ),
    "type narrowed (request)": (
        SMALL,
        lambda d: small_schema(d, "ThingCreate")["properties"]["label"].update(type="string"),
        "type-narrowed",
        "breaking",
        "#/components/schemas/ThingCreate/properties/label",
    ),
    "nullable removed (request)": (
        SMALL,
        lambda d: small_schema(d, "ThingCreate")["properties"]["size"].update(type="integer"),
        "nullable-removed",
        "breaking",
        "#/components/schemas/ThingCreate/properties/size",
    ),
    "nullable removed (response)": (
        SMALL,
        lambda d: small_schema(d, "Thing")["properties"]["size"].update(type="integer"),
        "nullable-removed",
        "non-breaking",
        "#/components/schemas/Thing/properties/size",
    ),
    "range narrowed (request)": (
        SMALL,
        lambda d: small_schema(d, "ThingCreate")["properties"]["tags"].update(maxItems=3),
        "constraint-tightened",
        "breaking",
        "#/components/schemas/ThingCreate/properties/tags",
    ),
    "request property now required": (
        SMALL,
        lambda d: small_schema(d, "ThingCreate")["required"].append("size"),
        "property-required",
        "breaking",
        "#/components/schemas/ThingCreate",
    ),
    "closed enum value added (response)": (
        SMALL,
        lambda d: small_schema(d, "Thing")["properties"]["status"]["enum"].append("lost"),
        "enum-value-added",
        "breaking",
        "#/components/schemas/Thing/properties/status",
    ),
    "operation removed": (
        SMALL,
        lambda d: d["paths"]["/things"].pop("post"),
        "operation-removed",
        "breaking",
        "#/paths/~1things/post",
    ),
    "optional parameter added": (
        SMALL,
        lambda d: small_query(d).append({"name": "q", "in": "query", "schema": {"type": "string"}}),
        "parameter-added",
        "non-breaking",
        "#/paths/~1things/get/parameters/2",
    ),
    "range widened (request)": (
        SMALL,
        lambda d: small_query(d)[0]["schema"].pop("maximum"),
        "constraint-loosened",
        "non-breaking",
        "#/paths/~1things/get/parameters/0/schema",
    ),
    "response status added": (
        SMALL,
        lambda d: d["paths"]["/things"]["get"]["responses"].update({"413": {"description": "big"}}),
        "response-status-added",
        "non-breaking",
        "#/paths/~1things/get/responses/413",
    ),
    "success status removed": (
        SMALL,
        lambda d: d["paths"]["/things"]["get"]["responses"].update(
            {"201": d["paths"]["/things"]["get"]["responses"].pop("200")}
        ),
        "success-status-removed",
        "breaking",
        "#/paths/~1things/get/responses/200",
    ),
    "enum value added to the open TaskType": (
        REAL,
        lambda d: real_schema(d, "TaskType")["enum"].append("newtype"),
        "open-enum-value-added",
        "non-breaking",
        "#/components/schemas/TaskType",
    ),
    "closed TaskStatus value added (read in responses)": (
        REAL,
        lambda d: real_schema(d, "TaskStatus")["enum"].append("paused"),
        "enum-value-added",
        "breaking",
        "#/components/schemas/TaskStatus",
    ),
    "Task property removed": (
        REAL,
        lambda d: real_schema(d, "Task")["properties"].pop("instruction"),
        "property-removed",
        "breaking",
        "#/components/schemas/Task/properties/instruction",
    ),
    "callback body property removed (the client reads it)": (
        REAL,
        lambda d: real_schema(d, "CallbackBody")["properties"].pop("task_id"),
        "property-removed",
        "breaking",
        "#/components/schemas/CallbackBody/properties/task_id",
    ),
    "callback body property added as required (the client reads it)": (
        REAL,
        lambda d: (
            real_schema(d, "CallbackBody")["properties"].update(trace={"type": "string"}),
            real_schema(d, "CallbackBody").setdefault("required", []).append("trace"),
        ),
        "property-added-required",
        "non-breaking",
        "#/components/schemas/CallbackBody/properties/trace",
    ),
    "webhook removed": (
        REAL,
        lambda d: d.pop("webhooks"),
        "webhook-removed",
        "breaking",
        "#/webhooks/taskCallback",
    ),
    "provenance tier assumed -> docs (now gates)": (
        REAL,
        lambda d: real_parameter(d, "/tasks", "offset")["schema"]["x-provenance"].update(
            minimum="docs"
        ),
        "tier-tightened",
        "breaking",
        "#/paths/~1tasks/get/parameters/5/schema/x-provenance/minimum",
    ),
    "provenance tier docs -> assumed": (
        REAL,
        lambda d: real_schema(d, "TaskType")["x-provenance"].update(enum="assumed"),
        "tier-loosened",
        "non-breaking",
        "#/components/schemas/TaskType/x-provenance/enum",
    ),
    "provenance entry removed from a present keyword (it now gates, unmarked)": (
        REAL,
        lambda d: real_parameter(d, "/tasks", "offset")["schema"]["x-provenance"].pop("minimum"),
        "tier-tightened",
        "breaking",
        "#/paths/~1tasks/get/parameters/5/schema/x-provenance/minimum",
    ),
    "security alternative added": (
        REAL,
        lambda d: d["paths"]["/task/annotation"]["post"]["security"].append({"bearer": []}),
        "security-alternative-added",
        "non-breaking",
        "#/paths/~1task~1annotation/post/security",
    ),
    "security scheme replaced on an operation": (
        REAL,
        lambda d: d["paths"]["/task/annotation"]["post"].update(security=[{"bearer": []}]),
        "security-alternative-removed",
        "breaking",
        "#/paths/~1task~1annotation/post/security",
    ),
    "security scheme changed": (
        SMALL,
        lambda d: d["components"]["securitySchemes"]["basicAuth"].update(scheme="bearer"),
        "security-scheme-changed",
        "breaking",
        "#/components/securitySchemes/basicAuth",
    ),
}


@pytest.mark.parametrize("name", list(PAIRS))
def test_each_pair_gets_its_classification(name: str) -> None:
    base, edit, kind, classification, location = PAIRS[name]
    found = [f for f in findings(base, edit) if f.kind == kind]
    assert [(f.kind, f.classification, f.location) for f in found] == [
        (kind, classification, location)
    ], [str(f) for f in findings(base, edit)]


def test_the_pairs_cover_both_classes_and_every_kind_has_a_reason() -> None:
    classes = {classification for _, _, _, classification, _ in PAIRS.values()}
    assert classes == {"breaking", "non-breaking"}
    assert len(PAIRS) >= 12
    assert all(reason for verdicts in RULES.values() for _, reason in verdicts)


def test_no_change_and_description_changes_give_no_finding() -> None:
    assert findings(SMALL, lambda d: None) == []

    def reword(doc: Doc) -> None:
        real_schema(doc, "Task")["description"] = "reworded"
        doc["paths"]["/task/annotation"]["post"]["summary"] = "reworded"
        real_parameter(doc, "/tasks", "offset")["description"] = "reworded"

    assert findings(REAL, reword) == []


def test_a_component_change_is_one_finding_listing_the_operations_it_reaches() -> None:
    (found,) = findings(REAL, lambda d: real_schema(d, "Task")["properties"].pop("instruction"))
    assert {"GET /task/{task_id}", "POST /task/annotation", "GET /tasks"} <= set(found.operations)
    assert found.reason.startswith("in a response")


def test_an_open_enum_lists_both_directions_and_stays_non_breaking() -> None:
    (found,) = findings(REAL, lambda d: real_schema(d, "TaskType")["enum"].append("newtype"))
    assert {"GET /tasks", "POST /projects"} <= set(found.operations)


def test_a_callback_change_lists_the_callbacks_and_the_webhook() -> None:
    (found,) = findings(REAL, lambda d: real_schema(d, "CallbackBody")["properties"].pop("task_id"))
    assert "webhook taskCallback" in found.operations
    assert "POST /task/annotation (callback taskCallback)" in found.operations
    assert found.reason == "in a response: clients reading it no longer get it"


def test_a_status_added_to_every_operation_is_reported_on_each() -> None:
    found = findings(
        REAL,
        lambda d: [
            op["responses"].update({"418": {"description": "t"}}) for op in every_operation(d)
        ],
    )
    assert len(found) == len(every_operation(REAL))
    assert {(f.kind, f.classification) for f in found} == {
        ("response-status-added", "non-breaking")
    }


def _write(tmp_path: Path, doc: Doc, name: str) -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc))
    return str(path)


def test_exit_status_is_the_version_bump_gate(tmp_path: Path) -> None:
    old = _write(tmp_path, SMALL, "old.yaml")
    broken = copy.deepcopy(SMALL)
    broken["paths"]["/things"].pop("post")
    assert main(["--files", old, _write(tmp_path, broken, "new.yaml")]) == 1
    broken["info"]["version"] = "2.0.0"
    assert main(["--files", old, _write(tmp_path, broken, "new.yaml")]) == 0
    widened = copy.deepcopy(SMALL)
    small_query(widened)[0]["schema"].pop("maximum")
    assert main(["--files", old, _write(tmp_path, widened, "new.yaml")]) == 0


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    old = _write(tmp_path, SMALL, "old.yaml")
    assert main(["--files", old, str(tmp_path / "missing.yaml")]) == 2
    assert main(["no-such-ref-anywhere"]) == 2
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2


def test_json_output_has_the_documented_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = copy.deepcopy(SMALL)
    small_schema(new, "Thing")["properties"].pop("size")
    small_query(new).append({"name": "q", "in": "query", "schema": {"type": "string"}})
    old_path, new_path = _write(tmp_path, SMALL, "old.yaml"), _write(tmp_path, new, "new.yaml")
    assert main(["--files", old_path, new_path, "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {
        "format", "base_version", "head_version", "major_bump", "breaking", "non_breaking",
        "not_compared", "findings",
    }  # fmt: skip
    assert (document["format"], document["breaking"], document["non_breaking"]) == (1, 1, 1)
    first = document["findings"][0]
    assert first == {
        "kind": "property-removed",
        "location": "#/components/schemas/Thing/properties/size",
        "change": "property 'size' removed",
        "classification": "breaking",
        "reason": "in a response: clients reading it no longer get it",
        "operations": ["GET /things", "POST /things"],
    }


def test_text_output_groups_one_change_made_at_many_places(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = copy.deepcopy(SMALL)
    for op in new["paths"]["/things"].values():
        op["responses"]["413"] = {"description": "big"}
    assert (
        main(["--files", _write(tmp_path, SMALL, "a.yaml"), _write(tmp_path, new, "b.yaml")]) == 0
    )
    out = capsys.readouterr().out
    assert "non-breaking [response-status-added] at 2:" in out
    assert "0 breaking, 2 non-breaking" in out
    assert "not compared: descriptions" in out


def test_the_committed_spec_against_itself_has_no_change() -> None:
    assert main(["HEAD"]) == 0


def test_the_documented_workflow_gates_on_the_script_against_the_base_branch() -> None:
    workflow = Path(__file__).resolve().parent.parent / "docs" / "github-actions-spec-diff.yml"
    text = workflow.read_text(encoding="utf-8")
    assert "BASE_REF: ${{ github.base_ref }}" in text  # passed by the environment, not pasted
    assert 'python scripts/spec_diff.py "origin/$BASE_REF"' in text
    assert "gh pr comment" in text
    assert 'exit "${{ steps.diff.outputs.status }}"' in text
