"""Responses about real objects match the spec.

Generated requests mostly name objects that do not exist (404), so this module creates a
project, a batch, a task and a labeler group, then calls every operation that reads or
changes them and checks each 200 against the response schema the spec declares for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from contract_tests.api import Api, Rule, check
from contract_tests.conftest import Claim
from contract_tests.spec import escape, operation, schema_errors
from contract_tests.target import Target

pytestmark = pytest.mark.billable


@pytest.fixture(scope="module")
def objects(api: Api, target: Target) -> Iterator[dict[str, str]]:
    names = {
        "project": f"contract-resp-{target.run_id}",
        "template_project": f"contract-resp-tc-{target.run_id}",
        "batch": f"contract-resp-batch-{target.run_id}",
        "group": f"contract-group-{target.run_id}",
        "email": f"labeler-{target.run_id}@example.com",
    }
    made: dict[str, str] = {}  # the objects the server did create; a call naming another is
    # not reached (an account may not have Studio, or a project type may be off for it)
    studio = {"type": "imageannotation", "name": names["project"], "studio": True}
    if api.post("/projects", json_body=studio).status_code == 200:
        made["project"] = names["project"]
    templated = {"type": "textcollection", "name": names["template_project"]}
    if api.post("/projects", json_body=templated).status_code == 200:
        made["template_project"] = names["template_project"]
    batch = {"project": names["project"], "name": names["batch"]}
    if "project" in made and api.post("/batches", json_body=batch).status_code == 200:
        made["batch"] = names["batch"]
    task = api.post(
        "/task/imageannotation",
        json_body={
            **({"project": made["project"]} if "project" in made else {}),
            **({"batch": made["batch"]} if "batch" in made else {}),
            "attachment": "https://example.com/response.png",
            "geometries": {"box": {"objects_to_annotate": ["car"]}},
            "metadata": {"scale_contract_run": target.run_id},
        },
    )
    if task.status_code == 200 and isinstance(task.json().get("task_id"), str):
        made["task"] = task.json()["task_id"]
    if target.allow_account_writes and "project" in made:
        # Studio assignments change the account's labelers: only when the user allows it
        assignment = {"emails": [names["email"]], "projects": [names["project"]]}
        api.post("/studio/assignments/add", json_body=assignment)
        group = {"name": names["group"], "emails": [names["email"]]}
        api.post(f"/studio/projects/{names['project']}/groups", json_body=group)
    yield made


CALLS: list[tuple[str, str, Any]] = [
    ("get_task", "/task/{task}", None),
    ("list_tasks", "/tasks?project={project}", None),
    ("set_task_metadata", "/task/{task}/setMetadata", {"checked": True}),
    ("set_task_tags", "/task/{task}/tags", ["checked"]),
    ("add_task_tags", "/task/{task}/tags", ["more"]),
    ("delete_task_tags", "/task/{task}/tags", ["more"]),
    ("get_project", "/projects/{project}", None),
    ("list_projects", "/projects", None),
    ("set_project_params", "/projects/{project}/setParams", {"instruction": "checked"}),
    ("get_project_task_template", "/projects/{template_project}/taskTemplates", None),
    ("get_batch", "/batches/{batch}", None),
    ("list_batches", "/batches?project={project}", None),
    ("get_batch_status", "/batches/{batch}/status", None),
    ("set_batch_metadata", "/batches/{batch}/setMetadata", {"checked": True}),
    ("list_teammates", "/teams", None),
    ("list_studio_assignments", "/studio/assignments", None),
    ("list_studio_project_groups", "/studio/projects/{project}/groups", None),
    ("list_studio_batches", "/studio/batches", None),
]


def _rule(operation_id: str) -> Rule:
    op = operation(operation_id)
    declared = op.definition["responses"]["200"]
    return Rule(
        f"response.{operation_id}",
        " ".join(str(declared.get("description", "The 200 response")).split()),
        f"{op.pointer}/responses/200",
    )


RULES = {operation_id: _rule(operation_id) for operation_id, _, _ in CALLS}


@pytest.mark.parametrize(("operation_id", "template", "body"), CALLS, ids=[c[0] for c in CALLS])
def test_the_answer_about_a_real_object_matches_the_spec(
    api: Api, objects: dict[str, str], claim: Claim, operation_id: str, template: str, body: Any
) -> None:
    op = operation(operation_id)
    rule = RULES[operation_id]
    claim(rule, op)
    needed = re.findall(r"\{(\w+)\}", template)
    if any(name not in objects for name in needed):
        return  # an object it needs could not be made on this account: not reached
    response = api.request(op.method.upper(), template.format(**objects), json_body=body)
    check(
        response.status_code == 200, rule, operation=op, expected="200", response=response, api=api
    )
    media_type = response.headers.get("content-type", "").split(";")[0]
    check(
        media_type == "application/json",
        rule,
        operation=op,
        expected="Content-Type: application/json",
        response=response,
        api=api,
    )
    pointer = f"{op.pointer}/responses/200/content/{escape('application/json')}/schema"
    problems = schema_errors(pointer, response.json())
    check(
        not problems,
        rule,
        operation=op,
        expected=f"a body matching the schema; problems: {problems[:5]}",
        response=response,
        api=api,
    )
