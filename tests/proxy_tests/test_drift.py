"""Drift suggestions: what real answers carry beyond the spec, collected per operation and
written as a JSON Patch that, once applied, makes the same answers drift-free."""

from __future__ import annotations

import copy
import json
import shutil
import threading
from pathlib import Path
from typing import Any

import httpx
import jsonpatch
import pytest

import scale_spec
from contract_tests.proxy import drift as drift_module
from contract_tests.proxy.checker import Checker
from contract_tests.proxy.drift import (
    NOT_JSON,
    Drift,
    Suggestion,
    response_schema_pointer,
)
from scale_mock.testing import ThreadedMock
from scale_spec import Operation, Spec
from scale_spec.edit import apply_patch
from tests.test_spec_provenance import constraint_keys

SPEC = scale_spec.load()
GET_TASK = SPEC.operation("get_task")
LIST_TASKS = SPEC.operation("list_tasks")
KEY = "test_driftkey0123456789"
ANNOTATION = {
    "attachment": "https://example.com/a.png",
    "attachment_type": "image",
    "objects_to_annotate": ["car"],
    "instruction": "Box the cars.",
}
CATEGORIZATION = {
    "attachment": "car",
    "attachment_type": "text",
    "categories": ["big", "small"],
    "instruction": "Big or small?",
}

Answer = tuple[Operation, int, Any]  # operation, status, parsed body (or NOT_JSON)


@pytest.fixture(scope="module")
def real() -> dict[str, Any]:
    """Answers of scale-mock, which answers as the spec documents: two completed tasks (one
    with a box `response`), the task list and a 404."""
    with (
        ThreadedMock() as mock,
        httpx.Client(base_url=mock.base_url, auth=(KEY, "")) as client,
    ):
        found: dict[str, Any] = {}
        for kind, body in (("annotation", ANNOTATION), ("categorization", CATEGORIZATION)):
            created = client.post(f"/task/{kind}", json=body)
            assert created.status_code == 200, created.text
            got = client.get(f"/task/{created.json()['task_id']}")
            assert got.status_code == 200, got.text
            found[kind] = got.json()
        listed = client.get("/tasks")
        assert listed.status_code == 200
        found["list"] = listed.json()
        missing = client.get("/task/0123456789abcdef01234567")
        assert missing.status_code == 404
        found["missing"] = missing.json()
    annotations = found["annotation"]["response"]["annotations"]
    assert annotations and isinstance(annotations[0], dict)  # the walk has depth to go into
    assert len(found["list"]["docs"]) == 2
    return found


def observe(drift: Drift, answers: list[Answer]) -> Drift:
    for op, status, body in answers:
        drift.observe(op, status, response_schema_pointer(drift.spec, op, status), body)
    return drift


def collect(answers: list[Answer], spec: Spec = SPEC) -> list[Suggestion]:
    return observe(Drift(spec), answers).suggestions()


def violations(spec: Spec, answers: list[Answer]) -> list[str]:
    """What the proxy's checker says of the same answers (failed findings only)."""
    checker = Checker(spec)
    failed = []
    for op, status, body in answers:
        raw = None if body is NOT_JSON else json.dumps(body).encode()
        media = "text/plain" if body is NOT_JSON else "application/json"
        verdict: Any = checker.check_response(op, status, media, raw)
        # a list of findings, or (since the checker hands the proxy the parsed body and the
        # schema pointer for drift) a verdict holding them
        for finding in getattr(verdict, "findings", verdict):
            if not finding.passed:
                failed.append(f"{finding.rule.id}: {finding.observed}")
    return failed


def with_(body: dict[str, Any], **changes: Any) -> dict[str, Any]:
    changed = copy.deepcopy(body)
    changed.update(changes)
    return changed


def test_answers_as_documented_give_no_suggestion(real: dict[str, Any]) -> None:
    answers: list[Answer] = [
        (GET_TASK, 200, real["annotation"]),
        (GET_TASK, 200, real["categorization"]),
        (LIST_TASKS, 200, real["list"]),
        (GET_TASK, 404, real["missing"]),
        (GET_TASK, 500, NOT_JSON),
    ]
    assert violations(SPEC, answers) == []
    drift = observe(Drift(SPEC), answers)
    assert drift.suggestions() == []
    assert drift.patch() == []
    assert "No drift" in drift.markdown()


def test_an_undocumented_field_is_one_suggestion_and_no_violation(real: dict[str, Any]) -> None:
    task = real["categorization"]
    answers: list[Answer] = [
        (GET_TASK, 200, with_(task, foo="bar")),
        (GET_TASK, 200, task),
        (GET_TASK, 200, with_(task, foo="baz")),
    ]
    assert violations(SPEC, answers) == []
    [found] = collect(answers)
    assert (found.kind, found.pointer, found.name) == ("field", "#/components/schemas/Task", "foo")
    assert (found.label, found.operation) == ("Task.foo", GET_TASK.label)
    assert (found.seen, found.answers, found.types) == (2, 3, ("string",))
    assert found.sentence == (
        "`Task.foo` seen in 2/3 answers of GET /task/{task_id} (get_task), type string"
    )


def test_a_field_seen_twice_in_one_answer_counts_once(real: dict[str, Any]) -> None:
    listing = copy.deepcopy(real["list"])
    listing["docs"][0]["foo"] = 1
    listing["docs"][1]["foo"] = 1.5
    drift = observe(Drift(SPEC), [(LIST_TASKS, 200, listing)])
    [found] = drift.suggestions()
    assert (found.pointer, found.label, found.seen, found.answers) == (
        "#/components/schemas/Task",
        "Task.foo",
        1,
        1,
    )
    assert found.types == ("integer", "number")
    [add] = drift.patch()
    assert add["value"]["type"] == "number"  # an integer is a number


def test_a_nested_undocumented_field_is_located_where_its_object_is_declared(
    real: dict[str, Any],
) -> None:
    """`response` of a completed `annotation` task: Task -> allOf if/then -> anyOf (the branch
    the value validates against) -> BoxAnnotationResponse -> items -> BoxAnnotation."""
    task = copy.deepcopy(real["annotation"])
    task["response"]["annotations"][0]["confidence"] = 0.75
    answers: list[Answer] = [(GET_TASK, 200, task)]
    assert violations(SPEC, answers) == []
    [found] = collect(answers)
    assert (found.kind, found.pointer, found.name) == (
        "field",
        "#/components/schemas/BoxAnnotation",
        "confidence",
    )
    assert (found.label, found.types) == ("BoxAnnotation.confidence", ("number",))


def test_a_response_schema_is_chosen_by_the_tasks_type(real: dict[str, Any]) -> None:
    """The same extra key in a categorization response is located at CategorizationResponse."""
    task = copy.deepcopy(real["categorization"])
    task["response"]["confidence"] = 0.75
    [found] = collect([(GET_TASK, 200, task)])
    assert found.pointer == "#/components/schemas/CategorizationResponse"


def test_free_form_maps_are_no_drift(real: dict[str, Any]) -> None:
    task = with_(
        real["categorization"],
        metadata={"anything": {"nested": [1, None, "x"]}, "more": True},
        params={**real["categorization"]["params"], "new_param": {"deep": 1}},
    )
    image = copy.deepcopy(real["annotation"])
    image["type"] = "imageannotation"  # no documented response shape: `response` is free-form
    image["response"] = {"whatever": [{"a": 1}]}
    assert collect([(GET_TASK, 200, task), (GET_TASK, 200, image)]) == []


def test_a_new_value_of_the_open_task_type_enum_is_a_suggestion_not_a_violation(
    real: dict[str, Any],
) -> None:
    answers: list[Answer] = [
        (GET_TASK, 200, with_(real["categorization"], type="hologramannotation")),
        (GET_TASK, 200, with_(real["categorization"], type="hologramannotation")),
        (GET_TASK, 200, with_(real["categorization"], type="sonarannotation")),
    ]
    assert violations(SPEC, answers) == []
    [found] = collect(answers)
    assert (found.kind, found.pointer, found.label) == (
        "enum value",
        "#/components/schemas/TaskType",
        "TaskType",
    )
    assert (found.values, found.seen, found.answers) == (
        ("hologramannotation", "sonarannotation"),
        3,
        3,
    )
    assert "`hologramannotation`, `sonarannotation`" in found.sentence


def test_a_value_outside_a_closed_enum_is_a_suggestion(real: dict[str, Any]) -> None:
    [found] = collect([(GET_TASK, 200, with_(real["categorization"], status="in_review"))])
    assert (found.kind, found.pointer, found.values) == (
        "enum value",
        "#/components/schemas/TaskStatus",
        ("in_review",),
    )


def test_null_where_a_string_is_declared_is_a_type_suggestion(real: dict[str, Any]) -> None:
    [found] = collect([(GET_TASK, 200, with_(real["categorization"], project=None))])
    assert (found.kind, found.pointer, found.label) == (
        "type",
        "#/components/schemas/Task/properties/project",
        "Task.project",
    )
    assert (found.types, found.declared) == (("null",), ("string",))
    assert found.sentence.startswith("`Task.project` seen as null in 1/1 answers")


def test_an_undocumented_status_is_a_suggestion(real: dict[str, Any]) -> None:
    answers: list[Answer] = [
        (GET_TASK, 418, {"error": "I am a teapot"}),
        (GET_TASK, 200, real["categorization"]),
    ]
    [found] = collect(answers)
    assert (found.kind, found.name, found.pointer) == ("status", "418", GET_TASK.pointer)
    assert (found.seen, found.answers, found.body_schema) == (1, 2, "#/components/schemas/Error")
    patch = observe(Drift(SPEC), answers).patch()
    assert patch[0] == {
        "op": "add",
        "path": "/paths/~1task~1{task_id}/get/responses/418",
        "value": {
            "description": patch[0]["value"]["description"],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        },
    }
    assert patch[1] == {
        "op": "add",
        "path": "/paths/~1task~1{task_id}/get/x-provenance/418",
        "value": "assumed",
    }
    # a body that is not the error object (or no JSON body): a description only
    other = observe(Drift(SPEC), [(GET_TASK, 418, NOT_JSON), (GET_TASK, 418, [1])]).patch()
    assert set(other[0]["value"]) == {"description"}
    # a documented class (`4XX`) or `default` is no drift
    assert collect([(GET_TASK, 404, {"error": "no"}), (GET_TASK, 200, NOT_JSON)]) == []


DRIFTING = [
    ("field", "Task.foo"),
    ("field", "BoxAnnotation.confidence"),
    ("enum value", "TaskType"),
    ("type", "Task.project"),
    ("status", "GET /task/{task_id} 418"),
]


def drifting_answers(real: dict[str, Any]) -> list[Answer]:
    boxed = copy.deepcopy(real["annotation"])
    boxed["response"]["annotations"][0]["confidence"] = 0.75
    listing = copy.deepcopy(real["list"])
    listing["docs"][0]["foo"] = "x"
    listing["docs"][1]["project"] = None
    return [
        (GET_TASK, 200, with_(real["categorization"], foo="bar", project=None)),
        (GET_TASK, 200, with_(real["categorization"], foo=None, type="hologramannotation")),
        (GET_TASK, 200, boxed),
        (GET_TASK, 418, {"error": "I am a teapot", "status_code": 418}),
        (LIST_TASKS, 200, listing),
    ]


def test_the_patch_applies_and_then_the_same_answers_give_no_suggestion(
    real: dict[str, Any],
) -> None:
    answers = drifting_answers(real)
    drift = observe(Drift(SPEC), answers)
    found = drift.suggestions()
    assert sorted({(s.kind, s.label) for s in found}) == sorted(DRIFTING)
    assert len(found) == 7  # Task.foo and Task.project also through the list
    patch = drift.patch()
    # one op per spot: Task.foo and Task.project drift in two operations, one add / replace each
    paths = [op["path"] for op in patch]
    assert paths.count("/components/schemas/Task/properties/foo") == 1
    assert paths.count("/components/schemas/Task/properties/project/type") == 1
    foo = next(op for op in patch if op["path"].endswith("/properties/foo"))
    assert foo["value"]["type"] == ["string", "null"]
    assert "2/4 answers of GET /task/{task_id}" in foo["value"]["description"]
    assert "1/1 answers of GET /tasks" in foo["value"]["description"]
    project = next(op for op in patch if op["path"].endswith("/project/type"))
    assert project == {
        "op": "replace",
        "path": "/components/schemas/Task/properties/project/type",
        "value": ["string", "null"],
    }
    assert {
        "op": "add",
        "path": "/components/schemas/TaskType/enum/-",
        "value": "hologramannotation",
    } in patch

    document = jsonpatch.apply_patch(copy.deepcopy(dict(SPEC.document)), patch)
    patched = Spec(document)
    again = [(patched.operation(op.operation_id), status, body) for op, status, body in answers]
    assert collect(again, patched) == []
    assert violations(patched, again) == []
    # the spec's own convention: every declared status has a tier, and no tier is stale
    get = patched.operation("get_task").definition
    assert set(get["responses"]) == set(get["x-provenance"])
    assert json.dumps(SPEC.document) != json.dumps(document)  # the copy, not the spec, changed


def test_the_patch_applied_to_the_yaml_file_keeps_the_specs_conventions(
    real: dict[str, Any], tmp_path: Path
) -> None:
    """The whole loop: the patch written to `openapi/scale.yaml` (a copy) by
    `scale_spec.edit`, the file read back as a spec, the same answers drift-free and conformant,
    and no `x-provenance` entry the spec's own tests would call stale or missing."""
    answers = drifting_answers(real)
    spec_file = tmp_path / "scale.yaml"
    shutil.copyfile(scale_spec.PACKAGED.resolve(), spec_file)
    apply_patch(spec_file, observe(Drift(SPEC), answers).patch())
    patched = Spec.from_file(spec_file)
    again = [(patched.operation(op.operation_id), status, body) for op, status, body in answers]
    assert collect(again, patched) == []
    assert violations(patched, again) == []
    for pointer, node in patched.iter_nodes():
        if not isinstance(node, dict) or "x-provenance" not in node:
            continue
        if "responses" in node:  # an operation: a tier for each status, and only for those
            assert set(node["x-provenance"]) == set(node["responses"]), pointer
        elif "content" not in node:
            names = node.get("required")
            required: list[str] = names if isinstance(names, list) else []
            allowed = set(constraint_keys(node)) | {f"required:{n}" for n in required}
            assert set(node["x-provenance"]) <= allowed, pointer
    text = spec_file.read_text(encoding="utf-8")
    assert "# ---------------------------------------------------------------- the task" in text


def test_the_markdown_lists_every_suggestion(real: dict[str, Any]) -> None:
    drift = observe(Drift(SPEC), drifting_answers(real))
    text = drift.markdown()
    for suggestion in drift.suggestions():
        assert suggestion.sentence.replace("|", "\\|") in text
    assert "apply_spec_patch.py" in text and "make client" in text


def test_memory_is_bounded(real: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    task = real["categorization"]
    many = [(GET_TASK, 200, with_(task, type=f"type{i}")) for i in range(25)]
    [found] = collect(many)
    assert len(found.values) == drift_module.MAX_VALUES
    assert found.more_values == 25 - drift_module.MAX_VALUES
    listing = copy.deepcopy(real["list"])  # as many values in one answer
    listing["docs"] = [with_(task, type=f"type{i}") for i in range(25)]
    [found] = collect([(LIST_TASKS, 200, listing)])
    assert (len(found.values), found.more_values) == (drift_module.MAX_VALUES, 5)
    monkeypatch.setattr(drift_module, "MAX_SUGGESTIONS", 3)
    drift = observe(Drift(SPEC), [(GET_TASK, 200, with_(task, **{f"f{i}": i for i in range(5)}))])
    assert len(drift.suggestions()) == 3
    assert drift.dropped == 2


def test_observing_from_several_threads_counts_every_answer(real: dict[str, Any]) -> None:
    drift = Drift(SPEC)
    body = with_(real["categorization"], foo="bar")
    pointer = response_schema_pointer(SPEC, GET_TASK, 200)

    def feed() -> None:
        for _ in range(50):
            drift.observe(GET_TASK, 200, pointer, body)

    threads = [threading.Thread(target=feed) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    [found] = drift.suggestions()
    assert (found.seen, found.answers) == (400, 400)
