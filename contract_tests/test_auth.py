"""Authentication and tenant isolation.

Every operation declares `security: [basicAuth]`: without credentials, or with credentials
that are not a key, the answer is 401. With `--second-api-key`, the second account can neither
read nor change what the first one created: 404, as for anything that does not exist.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest

from contract_tests.api import Api, Rule, check
from contract_tests.conftest import Claim
from contract_tests.safety import run_name
from contract_tests.spec import Operation, document, operations
from contract_tests.target import Target

UNAUTHORIZED = Rule(
    "auth.unauthorized",
    document()["components"]["responses"]["Unauthorized"]["description"].strip(),
    "#/components/securitySchemes/basicAuth",
)
ISOLATED = Rule(
    "auth.tenant_isolation",
    "An account's tasks, projects and batches are invisible to every other key: 404 "
    '("The requested resource doesn\'t exist").',
    "#/components/responses/NotFound",
)
BAD_CREDENTIALS = {
    "none": None,
    "bearer": {"Authorization": "Bearer test_abc"},
    "not base64": {"Authorization": "Basic !!!not-base64!!!"},
    "not a key": {"Authorization": "Basic " + base64.b64encode(b"not-a-key:").decode()},
}


@pytest.fixture(scope="module")
def anonymous(target: Target) -> Iterator[Api]:
    client = Api(target, None)
    yield client
    client.close()


@pytest.mark.parametrize("credentials", list(BAD_CREDENTIALS))
@pytest.mark.parametrize("op", operations(), ids=[op.operation_id for op in operations()])
def test_every_operation_refuses_missing_or_bad_credentials(
    anonymous: Api, target: Target, claim: Claim, op: Operation, credentials: str
) -> None:
    claim(UNAUTHORIZED, op)
    # names that cannot exist: even a server ignoring credentials changes nothing real
    missing = run_name(target, "nx")
    path = op.concrete_path(**{name: missing for name in op.path_parameter_names()})
    response = anonymous.request(op.method.upper(), path, headers=BAD_CREDENTIALS[credentials])
    check(
        response.status_code == 401,
        UNAUTHORIZED,
        operation=op,
        expected=f"401 for a request with {credentials} credentials",
        response=response,
        api=anonymous,
    )


def _owned(api: Api, target: Target) -> dict[str, str]:
    """A project, a batch and a task of the first account, made by this run."""
    project, batch = run_name(target, "iso"), run_name(target, "iso-batch")
    api.post("/projects", json_body={"type": "annotation", "name": project}).raise_for_status()
    body = {"project": project, "name": batch}
    api.post("/batches", json_body=body).raise_for_status()
    task = api.post(
        "/task/annotation",
        json_body={
            "attachment": "https://example.com/contract.png",
            "objects_to_annotate": ["car"],
            "project": project,
            "metadata": {"scale_contract_run": target.run_id},
        },
    )
    task.raise_for_status()
    return {"project": project, "batch": batch, "task": task.json()["task_id"]}


@pytest.mark.billable
def test_a_second_key_cannot_reach_the_first_keys_objects(
    api: Api, second_api: Api, target: Target, claim: Claim
) -> None:
    owned = _owned(api, target)
    task, project, batch = owned["task"], owned["project"], owned["batch"]
    attempts: list[tuple[str, str, str, Any]] = [
        ("get_task", "GET", f"/task/{task}", None),
        ("cancel_task", "POST", f"/task/{task}/cancel", None),
        ("set_task_metadata", "POST", f"/task/{task}/setMetadata", {"stolen": True}),
        ("set_task_tags", "POST", f"/task/{task}/tags", ["stolen"]),
        ("set_task_unique_id", "POST", f"/task/{task}/unique_id", {"unique_id": "stolen"}),
        ("get_project", "GET", f"/projects/{project}", None),
        ("set_project_params", "POST", f"/projects/{project}/setParams", {"instruction": "x"}),
        ("get_batch", "GET", f"/batches/{batch}", None),
        ("finalize_batch", "POST", f"/batches/{batch}/finalize", None),
        ("get_batch_status", "GET", f"/batches/{batch}/status", None),
    ]
    for operation_id, method, path, body in attempts:
        claim(ISOLATED, operation_id)
        response = second_api.request(method, path, json_body=body)
        check(
            response.status_code == 404,
            ISOLATED,
            operation=operation_id,
            expected="404 for another account's object",
            response=response,
            api=second_api,
        )
    listed = second_api.get("/tasks", params={"project": project})
    check(
        listed.status_code != 200 or not listed.json().get("docs"),
        ISOLATED,
        operation="list_tasks",
        expected="no task of another account in the list "
        "(an empty page, or a 4xx for the unknown project)",
        response=listed,
        api=second_api,
    )
    untouched = api.get(f"/task/{task}").json()
    check(
        untouched.get("metadata") == {"scale_contract_run": target.run_id}
        and not untouched.get("tags"),
        ISOLATED,
        operation="get_task",
        expected="the first account's task unchanged by the second key",
        response=api.last,
        api=api,
    )
