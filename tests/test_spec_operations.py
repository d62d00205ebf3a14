"""Every operation declares what a generated client and a contract suite need.

Operation ids name the generated client's functions, operation-level security types its
endpoints as authenticated, and the declared error statuses are what a checker may accept.
"""

from __future__ import annotations

import re

import pytest

import scale_spec
from scale_spec import Operation

SPEC = scale_spec.load()
OPERATIONS = SPEC.operations
ALLOWED_TAGS = {"tasks", "batches", "projects", "files", "teams", "studio"}
ERROR_RESPONSES = {
    "400": "BadRequest",
    "401": "Unauthorized",
    "402": "NotEnabled",
    "404": "NotFound",
    "409": "Conflict",
    "413": "ContentTooLarge",
    "429": "TooManyRequests",
    "500": "InternalServerError",
    "503": "ServiceUnavailable",
    "504": "GatewayTimeout",
}
# Operations whose request can name something that already exists: a task `unique_id`,
# a project name, a batch name or a Studio group name.
CONFLICT_OPERATIONS = {
    "set_task_unique_id",
    "create_project",
    "create_batch",
    "create_studio_project_group",
    "create_evaluation_task",
    "create_training_task",
}


def by_id(op: Operation) -> str:
    """The test id: the operationId, or the method and path if it has none (a failing row)."""
    return str(op.definition.get("operationId") or f"{op.method.upper()} {op.path}")


@pytest.mark.parametrize("op", OPERATIONS, ids=by_id)
def test_operation_id_is_stable_snake_case(op: Operation) -> None:
    assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", op.operation_id)


def test_operation_ids_are_unique() -> None:
    ids = [op.operation_id for op in OPERATIONS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("op", OPERATIONS, ids=by_id)
def test_operation_has_one_known_tag_summary_and_basic_auth(op: Operation) -> None:
    assert len(op.definition["tags"]) == 1
    assert op.definition["tags"][0] in ALLOWED_TAGS
    assert op.definition.get("summary")
    assert op.definition.get("security") == [{"basicAuth": []}]


@pytest.mark.parametrize("op", OPERATIONS, ids=by_id)
def test_success_is_200_only(op: Operation) -> None:
    """The official SDK treats any status but 200 as an error."""
    codes = set(op.definition["responses"])
    assert "200" in codes
    assert not {c for c in codes if c.startswith("2") and c != "200"}


@pytest.mark.parametrize("op", OPERATIONS, ids=by_id)
def test_declares_the_error_statuses_its_input_can_cause(op: Operation) -> None:
    responses = op.definition["responses"]
    codes = set(responses)
    assert {"401", "429", "500", "503", "504"} <= codes
    params = op.parameters
    takes_input = "requestBody" in op.definition or any(p.location == "query" for p in params)
    if takes_input:
        assert "400" in codes, "input is validated, so 400 must be declared"
    if any(p.location == "path" for p in params) or op.path.startswith("/task/"):
        assert "404" in codes, "an id, name, project or batch is looked up"
    if op.operation_id.startswith("create_") and op.path.startswith("/task/"):
        assert {"402", "409"} <= codes, "task creation: not enabled, duplicate unique_id"
    if op.operation_id in CONFLICT_OPERATIONS:
        assert "409" in codes
    elif not op.operation_id.startswith("create_"):
        # The official SDK crashes on a 409 for a request without a JSON object body.
        assert "409" not in codes


# Body limits, rate limits and server errors may come from infrastructure in front of the API:
# their JSON body need not carry `error`, and they may be plain text or HTML (Errata 2026-11-30).
INFRASTRUCTURE_CODES = ("413", "429", "500", "503", "504")


@pytest.mark.parametrize("op", OPERATIONS, ids=by_id)
def test_errors_use_the_one_shared_error_schema(op: Operation) -> None:
    for code, response in op.definition["responses"].items():
        if code.startswith(("4", "5")):
            resolved = SPEC.resolve(response)
            content = resolved["content"]
            schema = content["application/json"]["schema"]
            if code in INFRASTRUCTURE_CODES:
                assert schema["$ref"].rsplit("/", 1)[1] in ("Error", "ServerErrorBody"), code
                assert {"text/plain", "text/html"} <= set(content), code
            else:
                assert schema == {"$ref": "#/components/schemas/Error"}, code
            if "$ref" in response:
                assert response["$ref"] == f"#/components/responses/{ERROR_RESPONSES[code]}"


@pytest.mark.parametrize("op", OPERATIONS, ids=by_id)
def test_a_body_taking_operation_documents_413_with_the_http_tier(op: Operation) -> None:
    """A server caps request bodies (scale-mock at 10 MiB, 100 MiB for uploads): every operation
    that takes a body documents the 413 a client can meet, as an HTTP convention, not a rule
    of Scale's documents; one without a body cannot meet it."""
    responses = op.definition["responses"]
    if "requestBody" in op.definition:
        assert "413" in responses
        assert op.definition["x-provenance"]["413"] == "http"
    else:
        assert "413" not in responses


@pytest.mark.parametrize("op", OPERATIONS, ids=by_id)
def test_success_response_is_json(op: Operation) -> None:
    content = op.definition["responses"]["200"]["content"]
    assert "application/json" in content
