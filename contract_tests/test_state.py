"""Documented state: what a task, a project and a batch remember, as Hypothesis properties.

The task machine keeps a model of every task it created (metadata, tags, unique_id) and, after
any sequence of operations, the server must agree with it. Hypothesis shrinks a failure to the
shortest sequence of calls that shows it.
"""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    rule,
    run_state_machine_as_test,
)

from contract_tests.api import Api, Rule, check
from contract_tests.conftest import Claim
from contract_tests.mock_controls import complete, hold_pending
from contract_tests.safety import run_name
from contract_tests.spec import document, operation, resolve
from contract_tests.target import Target

pytestmark = pytest.mark.billable


def _described(operation_id: str, fallback: str) -> Rule:
    op = operation(operation_id)
    text = " ".join(str(op.definition.get("description", fallback)).split())
    return Rule(f"state.{operation_id}", text, op.pointer)


RETRIEVE = _described("get_task", "A task comes back as it was created.")
CANCEL = _described("cancel_task", "You may only cancel pending tasks.")
CANCEL_NOT_PENDING = Rule(
    "state.cancel_task_not_pending",
    "A task that is not pending cannot be canceled: the documents say the endpoint "
    '"will return a 500 error code" (docs-2016, docs-2018); the official SDK expects 400. '
    "Either is conformant; a 2xx is not.",
    operation("cancel_task").pointer,
)
REFUSED_CANCEL = (400, 500)  # both documented: 500 (docs-2016/2018), 400 (sdk)
METADATA = _described("set_task_metadata", "setMetadata replaces the metadata.")
SET_TAGS = _described("set_task_tags", "Sets a new list of tags.")
ADD_TAGS = _described("add_task_tags", "Adds tags; existing ones are ignored.")
DELETE_TAGS = _described("delete_task_tags", "Removes tags; missing ones are ignored.")
UNIQUE = Rule(
    "state.unique_id",
    " ".join(
        resolve(document()["components"]["schemas"]["TaskCreateCommon"])["properties"]["unique_id"][
            "description"
        ].split()
    ),
    "#/components/schemas/TaskCreateCommon/properties/unique_id",
)
PARAMS = _described("set_project_params", "setParams appends a version to param_history.")
BATCH = _described("get_batch_status", "Batch status counts the batch's tasks by status.")

TAG = st.sampled_from(["red", "green", "blue", "dup", "x"])
METADATA_VALUES = st.dictionaries(
    st.sampled_from(["k", "video_id", "n", "nested"]),
    st.one_of(st.integers(-5, 5), st.text("abc", max_size=3), st.booleans()),
    max_size=3,
)


class TaskLifecycle(RuleBasedStateMachine):
    """Tasks of one project, driven by random sequences of the per-task operations."""

    api: Api
    project: str
    claim: Claim

    tasks = Bundle("tasks")

    def __init__(self) -> None:
        super().__init__()
        self.model: dict[str, dict[str, Any]] = {}

    def _body(self, **extra: Any) -> dict[str, Any]:
        return {
            "attachment": "https://example.com/contract.png",
            "objects_to_annotate": ["car"],
            "project": self.project,
            **extra,
        }

    @rule(target=tasks, metadata=METADATA_VALUES, with_unique_id=st.booleans())
    def create(self, metadata: dict[str, Any], with_unique_id: bool) -> str:
        extra: dict[str, Any] = {"metadata": metadata}
        if with_unique_id:
            extra["unique_id"] = f"contract-{self.project}-{secrets.token_hex(6)}"
        response = self.api.post("/task/annotation", json_body=self._body(**extra))
        check(
            response.status_code == 200,
            RETRIEVE,
            operation="create_annotation_task",
            expected="200",
            response=response,
            api=self.api,
        )
        task = response.json()
        self.model[task["task_id"]] = {"metadata": metadata, "tags": None, **extra}
        return str(task["task_id"])

    @rule(task=tasks)
    def retrieve(self, task: str) -> None:
        response = self.api.get(f"/task/{task}")
        got = response.json() if response.status_code == 200 else {}
        want = self.model[task]
        self.claim(RETRIEVE, "get_task")
        check(
            response.status_code == 200
            and got.get("metadata") == want["metadata"]
            and got.get("unique_id") == want.get("unique_id")
            and got.get("project") == self.project
            and (got.get("tags") or []) == (want["tags"] or [])
            and got.get("params", {}).get("objects_to_annotate") == ["car"],
            RETRIEVE,
            operation="get_task",
            expected=f"the task as created and changed since: {want}",
            response=response,
            api=self.api,
        )

    @rule(task=tasks)
    def cancel(self, task: str) -> None:
        before = self.api.get(f"/task/{task}").json()
        response = self.api.post(f"/task/{task}/cancel")
        if before.get("status") == "pending":
            self.claim(CANCEL, "cancel_task")
        if before.get("status") == "pending" and response.status_code == 200:
            after = self.api.get(f"/task/{task}")
            check(
                after.json().get("status") == "canceled",
                CANCEL,
                operation="cancel_task",
                expected="status canceled on the next GET",
                response=after,
                api=self.api,
            )
            again = self.api.post(f"/task/{task}/cancel")
            self.claim(CANCEL_NOT_PENDING, "cancel_task")
            check(
                again.status_code in REFUSED_CANCEL,
                CANCEL_NOT_PENDING,
                operation="cancel_task",
                expected="400 or 500 for a second cancel",
                response=again,
                api=self.api,
            )
        elif before.get("status") != "pending":
            self.claim(CANCEL_NOT_PENDING, "cancel_task")
            check(
                response.status_code in REFUSED_CANCEL,
                CANCEL_NOT_PENDING,
                operation="cancel_task",
                expected=f"400 or 500: the task is {before.get('status')}, not pending",
                response=response,
                api=self.api,
            )
        elif self.api.get(f"/task/{task}").json().get("status") == "pending":
            # still pending after the refusal (a task that finished in between may refuse)
            check(
                False,
                CANCEL,
                operation="cancel_task",
                expected="200 canceling a pending task",
                response=response,
                api=self.api,
            )

    @rule(task=tasks, metadata=METADATA_VALUES)
    def set_metadata(self, task: str, metadata: dict[str, Any]) -> None:
        response = self.api.post(f"/task/{task}/setMetadata", json_body=metadata)
        self.claim(METADATA, "set_task_metadata")
        check(
            response.status_code == 200 and response.json().get("metadata") == metadata,
            METADATA,
            operation="set_task_metadata",
            expected=f"200 and metadata == {metadata}",
            response=response,
            api=self.api,
        )
        self.model[task]["metadata"] = metadata

    @rule(task=tasks, tags=st.lists(TAG, max_size=4))
    def set_tags(self, task: str, tags: list[str]) -> None:
        response = self.api.post(f"/task/{task}/tags", json_body=tags)
        want = list(dict.fromkeys(tags))
        self.claim(SET_TAGS, "set_task_tags")
        check(
            response.status_code == 200 and response.json().get("tags") == want,
            SET_TAGS,
            operation="set_task_tags",
            expected=f"tags == {want}",
            response=response,
            api=self.api,
        )
        self.model[task]["tags"] = want

    @rule(task=tasks, tags=st.lists(TAG, max_size=4))
    def add_tags(self, task: str, tags: list[str]) -> None:
        response = self.api.request("PUT", f"/task/{task}/tags", json_body=tags)
        want = list(dict.fromkeys([*(self.model[task]["tags"] or []), *tags]))
        self.claim(ADD_TAGS, "add_task_tags")
        check(
            response.status_code == 200 and response.json().get("tags") == want,
            ADD_TAGS,
            operation="add_task_tags",
            expected=f"tags == {want}",
            response=response,
            api=self.api,
        )
        self.model[task]["tags"] = want

    @rule(task=tasks, tags=st.lists(TAG, max_size=4))
    def delete_tags(self, task: str, tags: list[str]) -> None:
        response = self.api.request("DELETE", f"/task/{task}/tags", json_body=tags)
        want = [t for t in (self.model[task]["tags"] or []) if t not in tags]
        self.claim(DELETE_TAGS, "delete_task_tags")
        check(
            response.status_code == 200 and response.json().get("tags") == want,
            DELETE_TAGS,
            operation="delete_task_tags",
            expected=f"tags == {want}",
            response=response,
            api=self.api,
        )
        self.model[task]["tags"] = want

    @rule(task=tasks)
    def reuse_unique_id(self, task: str) -> None:
        """A second create with a task's unique_id is a 409 until the id is cleared."""
        unique_id = self.model[task].get("unique_id")
        if unique_id is None:
            return
        self.claim(UNIQUE, "create_annotation_task")
        duplicate = self.api.post("/task/annotation", json_body=self._body(unique_id=unique_id))
        check(
            duplicate.status_code == 409,
            UNIQUE,
            operation="create_annotation_task",
            expected="409 for a unique_id in use",
            response=duplicate,
            api=self.api,
        )
        cleared = self.api.request("DELETE", f"/task/{task}/unique_id")
        check(
            cleared.status_code == 200 and cleared.json().get("unique_id") is None,
            UNIQUE,
            operation="clear_task_unique_id",
            expected="200 and no unique_id",
            response=cleared,
            api=self.api,
        )
        self.model[task].pop("unique_id")
        again = self.api.post("/task/annotation", json_body=self._body(unique_id=unique_id))
        check(
            again.status_code == 200,
            UNIQUE,
            operation="create_annotation_task",
            expected="200 once the unique_id is cleared",
            response=again,
            api=self.api,
        )
        new_task = again.json()["task_id"]
        self.model[new_task] = {"metadata": {}, "tags": None, "unique_id": unique_id}


def test_task_lifecycle(api: Api, target: Target, claim: Claim) -> None:
    project = run_name(target, "state")
    created = api.post("/projects", json_body={"type": "annotation", "name": project})
    assert created.status_code in (200, 409), created.text
    TaskLifecycle.api, TaskLifecycle.project = api, project
    TaskLifecycle.claim = staticmethod(claim)
    run_state_machine_as_test(
        TaskLifecycle,
        settings=settings(
            max_examples=target.max_examples,
            stateful_step_count=8,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )


def test_set_params_grows_param_history_by_one(api: Api, target: Target, claim: Claim) -> None:
    claim(PARAMS, "set_project_params")
    name = run_name(target, "params")
    created = api.post(
        "/projects", json_body={"type": "annotation", "name": name, "params": {"instruction": "v0"}}
    )
    check(
        created.status_code == 200,
        PARAMS,
        operation="create_project",
        expected="200",
        response=created,
        api=api,
    )
    history = len(created.json()["param_history"])
    for version in (1, 2):
        response = api.post(f"/projects/{name}/setParams", json_body={"instruction": f"v{version}"})
        body = response.json() if response.status_code == 200 else {}
        check(
            len(body.get("param_history", [])) == history + 1
            and body["param_history"][-1].get("instruction") == f"v{version}",
            PARAMS,
            operation="set_project_params",
            expected=f"param_history of {history + 1}, the last with instruction v{version}",
            response=response,
            api=api,
        )
        history += 1
    fetched = api.get(f"/projects/{name}")
    check(
        len(fetched.json().get("param_history", [])) == history,
        PARAMS,
        operation="get_project",
        expected=f"{history} versions",
        response=fetched,
        api=api,
    )


def test_batch_status_counts_its_tasks(api: Api, target: Target, claim: Claim) -> None:
    claim(BATCH, "get_batch_status")
    project, batch = run_name(target, "batch"), run_name(target, "batch")
    api.post("/projects", json_body={"type": "annotation", "name": project})
    created = api.post("/batches", json_body={"project": project, "name": batch})
    check(
        created.status_code == 200 and created.json().get("status") in ("staging", "in_progress"),
        BATCH,
        operation="create_batch",
        expected="200, staging or in_progress",
        response=created,
        api=api,
    )
    ids = []
    for _ in range(3):
        task = api.post(
            "/task/annotation",
            json_body={
                "attachment": "https://example.com/b.png",
                "objects_to_annotate": ["car"],
                "project": project,
                "batch": batch,
            },
        )
        check(
            task.status_code == 200,
            BATCH,
            operation="create_annotation_task",
            expected="200",
            response=task,
            api=api,
        )
        ids.append(task.json()["task_id"])
    finalized = api.post(f"/batches/{batch}/finalize")
    check(
        finalized.status_code == 200 and finalized.json().get("name") == batch,
        BATCH,
        operation="finalize_batch",
        expected="200 with the batch",
        response=finalized,
        api=api,
    )

    def statuses() -> dict[str, int]:
        found = [api.get(f"/task/{task}").json().get("status") for task in ids]
        return {str(status): found.count(status) for status in set(found)}

    for _ in range(5):
        # tasks may finish while this reads them: compare counts taken between two equal reads
        before = statuses()
        counts = api.get(f"/batches/{batch}/status")
        if statuses() == before:
            break
    want = before
    got = {
        k: v
        for k, v in counts.json().items()
        if k in ("pending", "completed", "error", "canceled") and v
    }
    check(
        counts.status_code == 200 and got == want,
        BATCH,
        operation="get_batch_status",
        expected=f"counts {want}",
        response=counts,
        api=api,
    )


def test_a_unique_id_is_taken_until_cleared(api: Api, target: Target, claim: Claim) -> None:
    claim(UNIQUE, "create_annotation_task")
    body = {
        "attachment": "https://example.com/unique.png",
        "objects_to_annotate": ["car"],
        "unique_id": f"contract-unique-{target.run_id}",
        "metadata": {"scale_contract_run": target.run_id},
    }
    first = api.post("/task/annotation", json_body=body)
    check(
        first.status_code == 200,
        UNIQUE,
        operation="create_annotation_task",
        expected="200",
        response=first,
        api=api,
    )
    duplicate = api.post("/task/annotation", json_body=body)
    check(
        duplicate.status_code == 409,
        UNIQUE,
        operation="create_annotation_task",
        expected="409",
        response=duplicate,
        api=api,
    )
    cleared = api.request("DELETE", f"/task/{first.json()['task_id']}/unique_id")
    check(
        cleared.status_code == 200 and cleared.json().get("unique_id") is None,
        UNIQUE,
        operation="clear_task_unique_id",
        expected="200, the task without unique_id",
        response=cleared,
        api=api,
    )
    again = api.post("/task/annotation", json_body=body)
    check(
        again.status_code == 200,
        UNIQUE,
        operation="create_annotation_task",
        expected="200 once cleared",
        response=again,
        api=api,
    )


def test_tags_set_add_and_delete_as_documented(api: Api, target: Target, claim: Claim) -> None:
    body = {
        "attachment": "https://example.com/tags.png",
        "objects_to_annotate": ["car"],
        "metadata": {"scale_contract_run": target.run_id},
    }
    created = api.post("/task/annotation", json_body=body)
    check(
        created.status_code == 200,
        SET_TAGS,
        operation="create_annotation_task",
        expected="200",
        response=created,
        api=api,
    )
    task = created.json()["task_id"]
    steps = [
        (SET_TAGS, "set_task_tags", "POST", ["tag1", "tag2"], ["tag1", "tag2"]),
        (ADD_TAGS, "add_task_tags", "PUT", ["tag2", "tag3"], ["tag1", "tag2", "tag3"]),
        (DELETE_TAGS, "delete_task_tags", "DELETE", ["tag1", "missing"], ["tag2", "tag3"]),
    ]
    for documented, operation_id, method, sent, expected in steps:
        claim(documented, operation_id)
        response = api.request(method, f"/task/{task}/tags", json_body=sent)
        got = response.json().get("tags") if response.status_code == 200 else None
        check(
            got == expected,
            documented,
            operation=operation_id,
            expected=f"tags {expected}",
            response=response,
            api=api,
        )


def test_set_metadata_replaces_the_metadata(api: Api, target: Target, claim: Claim) -> None:
    claim(METADATA, "set_task_metadata")
    body = {"attachment": "https://example.com/m.png", "objects_to_annotate": ["car"]}
    old = {"old": 1, "scale_contract_run": target.run_id}
    task = api.post("/task/annotation", json_body={**body, "metadata": old}).json()
    replaced = api.post(f"/task/{task['task_id']}/setMetadata", json_body={"new": 2})
    check(
        replaced.json().get("metadata") == {"new": 2},
        METADATA,
        operation="set_task_metadata",
        expected="metadata == {'new': 2}",
        response=replaced,
        api=api,
    )
    fetched = api.get(f"/task/{task['task_id']}")
    check(
        fetched.json().get("metadata") == {"new": 2},
        METADATA,
        operation="get_task",
        expected="metadata == {'new': 2}",
        response=fetched,
        api=api,
    )


def _task(api: Api, target: Target, purpose: str, hold: bool = False) -> dict[str, Any]:
    """A task of this run; `hold` asks scale-mock (only when the server is scale-mock) to keep
    it pending, as a human-labelled task would stay."""
    headers = hold_pending(target) if hold else None
    body = {
        "attachment": f"https://example.com/{purpose}.png",
        "objects_to_annotate": ["car"],
        "metadata": {"scale_contract_run": target.run_id},
    }
    created = api.post("/task/annotation", json_body=body, headers=headers)
    check(
        created.status_code == 200,
        RETRIEVE,
        operation="create_annotation_task",
        expected="200",
        response=created,
        api=api,
    )
    task: dict[str, Any] = created.json()
    return task


def test_a_pending_task_can_be_canceled(api: Api, target: Target, claim: Claim) -> None:
    """Reached only where a run can have a pending task: a live key, or scale-mock's hold."""
    claim(CANCEL, "cancel_task")
    task = _task(api, target, "cancel", hold=True)["task_id"]
    if api.get(f"/task/{task}").json().get("status") != "pending":
        return  # every task completes at once here: nothing can reach this rule
    response = api.post(f"/task/{task}/cancel")
    if response.status_code != 200 and api.get(f"/task/{task}").json().get("status") != "pending":
        return  # the task finished between the read and the cancel: nothing to conclude
    check(
        response.status_code == 200,
        CANCEL,
        operation="cancel_task",
        expected="200 for a pending task",
        response=response,
        api=api,
    )
    status = api.get(f"/task/{task}").json().get("status")
    check(
        status == "canceled",
        CANCEL,
        operation="get_task",
        expected="status canceled",
        response=api.last,
        api=api,
    )
    claim(CANCEL_NOT_PENDING, "cancel_task")
    again = api.post(f"/task/{task}/cancel")
    check(
        again.status_code in REFUSED_CANCEL,
        CANCEL_NOT_PENDING,
        operation="cancel_task",
        expected="400 or 500 for a second cancel",
        response=again,
        api=api,
    )


def test_a_finished_task_cannot_be_canceled(api: Api, target: Target, claim: Claim) -> None:
    """Reached where a run can have a finished task: a test key whose tasks complete, or
    scale-mock's control completing one."""
    claim(CANCEL_NOT_PENDING, "cancel_task")
    task = _task(api, target, "cancel-finished")["task_id"]
    status = api.get(f"/task/{task}").json().get("status")
    if status == "pending" and target.mock_controls:
        complete(api, target, task)
        status = api.get(f"/task/{task}").json().get("status")
    if status == "pending":
        return  # no task finishes during a run here: nothing can reach this rule
    response = api.post(f"/task/{task}/cancel")
    check(
        response.status_code in REFUSED_CANCEL,
        CANCEL_NOT_PENDING,
        operation="cancel_task",
        expected=f"400 or 500: the task is {status}",
        response=response,
        api=api,
    )
