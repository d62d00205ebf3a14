"""Task operations beyond create/get: audit, unique_id, metadata, tags, the life of a task,
attachment failures, callbacks, and project inheritance. Responses are spec-checked by the
client hook (see `conformance`)."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

import scale_spec
from contract_tests.callback_receiver import CallbackReceiver
from scale_mock.callbacks import DEFAULT_AUTH_KEY, MAX_ATTEMPTS
from tests.mock_tests.conftest import LIVE_KEY, OTHER_KEY, TEST_KEY, ClientFactory

BOX = {"attachment": "http://127.0.0.1:9/a.png", "objects_to_annotate": ["car"]}


def create(http: httpx.Client, **extra: Any) -> dict[str, Any]:
    response = http.post("/task/annotation", json={**BOX, **extra})
    assert response.status_code == 200, response.text
    return dict(response.json())


def error_of(response: httpx.Response, status: int) -> tuple[str | None, str | None]:
    assert response.status_code == status, response.text
    body = response.json()
    return body.get("field"), body.get("rule")


def wait_until(check: Any, timeout: float = 10) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := check()):
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.02)
    return result


# --- audit -----------------------------------------------------------------------------


def test_audit_accepts_or_rejects_completed_tasks_only(
    client: httpx.Client, live: httpx.Client
) -> None:
    task = create(client)
    accepted = client.post(f"/task/{task['task_id']}/audit", json={"accepted": True})
    assert accepted.status_code == 200
    assert client.get(f"/task/{task['task_id']}").json()["customer_review_status"] == "accepted"
    rejected = client.post(
        f"/task/{task['task_id']}/audit", json={"accepted": False, "comments": None}
    )
    assert rejected.json()["customer_review_status"] == "rejected"
    pending = create(live)
    verdict = live.post(f"/task/{pending['task_id']}/audit", json={"accepted": True})
    assert error_of(verdict, 400) == ("path.task_id", "audit_only_completed")
    assert error_of(client.post(f"/task/{task['task_id']}/audit", json={}), 400) == (
        "body.accepted",
        "required",
    )
    assert client.post("/task/nope/audit", json={"accepted": True}).status_code == 404


# --- unique_id ---------------------------------------------------------------------------


def test_unique_id_can_be_set_changed_and_cleared(live: httpx.Client) -> None:
    first, second = create(live), create(live)
    path = f"/task/{first['task_id']}/unique_id"
    assert live.post(path, json={"unique_id": "uid-a"}).json()["unique_id"] == "uid-a"
    taken = live.post(f"/task/{second['task_id']}/unique_id", json={"unique_id": "uid-a"})
    assert error_of(taken, 409) == ("body.unique_id", "unique")
    assert live.post(path, json={"unique_id": "uid-b"}).json()["unique_id"] == "uid-b"
    # "uid-a" was released by the change, "uid-b" is held
    assert create(live, unique_id="uid-a")["unique_id"] == "uid-a"
    assert live.post("/task/annotation", json={**BOX, "unique_id": "uid-b"}).status_code == 409
    cleared = live.delete(path)
    assert cleared.status_code == 200 and "unique_id" not in cleared.json()
    assert create(live, unique_id="uid-b")["unique_id"] == "uid-b"
    assert error_of(live.post(path, json={}), 400) == ("body.unique_id", "required")
    assert live.delete("/task/nope/unique_id").status_code == 404


def test_unique_ids_are_per_tenant(client_for: ClientFactory) -> None:
    mine, theirs = client_for("test_tenantA"), client_for("test_tenantB")
    create(mine, unique_id="shared")
    assert create(theirs, unique_id="shared")["unique_id"] == "shared"
    listed = theirs.get("/tasks", params={"unique_id": "shared"}).json()
    assert listed["total"] == 1


# --- metadata and tags -------------------------------------------------------------------


def test_set_metadata_replaces_it(client: httpx.Client) -> None:
    task = create(client, metadata={"old": 1})
    path = f"/task/{task['task_id']}/setMetadata"
    assert client.post(path, json={"new": {"nested": True}}).json()["metadata"] == {
        "new": {"nested": True}
    }
    assert client.post(path).json()["metadata"] == {}  # the SDK sends no body for {}
    assert error_of(client.post(path, json=["a"]), 400) == ("body", "type")
    assert error_of(client.post(path, content=b"{nope"), 400) == ("body", "json")
    assert client.post("/task/nope/setMetadata", json={}).status_code == 404


def test_tags_set_add_and_delete_keep_order(client: httpx.Client) -> None:
    task = create(client)
    assert "tags" not in task
    path = f"/task/{task['task_id']}/tags"
    assert client.post(path, json=["tag1", "tag2"]).json()["tags"] == ["tag1", "tag2"]
    assert client.put(path, json=["tag2", "tag3"]).json()["tags"] == ["tag1", "tag2", "tag3"]
    assert client.request("DELETE", path, json=["tag1", "tag2", "missing"]).json()["tags"] == [
        "tag3"
    ]
    assert client.post(path, json=[]).json()["tags"] == []
    assert error_of(client.post(path, json={"tags": ["x"]}), 400) == ("body", "type")
    assert error_of(client.put(path, json=[1]), 400) == ("body[0]", "type")
    assert client.put("/task/nope/tags", json=["a"]).status_code == 404


# --- the life of a task ------------------------------------------------------------------


def test_live_tasks_wait_for_the_control_api(live: httpx.Client, control: ClientFactory) -> None:
    task = create(live, objects_to_annotate=["car"], with_labels=True)
    assert live.get(f"/task/{task['task_id']}").json()["status"] == "pending"
    hub = control(LIVE_KEY)
    done = hub.post(f"/_mock/tasks/{task['task_id']}/complete")
    assert done.status_code == 200 and done.json()["status"] == "completed"
    fetched = live.get(f"/task/{task['task_id']}").json()
    assert fetched["completed_at"] == fetched["updated_at"]
    assert fetched["response"]["annotations"][0]["label"] == "car"
    again = hub.post(f"/_mock/tasks/{task['task_id']}/complete")
    assert error_of(again, 400) == ("path.task_id", "complete_only_pending")
    canceled = live.post(f"/task/{task['task_id']}/cancel")
    assert error_of(canceled, 400) == ("path.task_id", "cancel_only_pending")
    assert control(OTHER_KEY).post(f"/_mock/tasks/{task['task_id']}/complete").status_code == 404


def test_control_api_checks_a_given_response_against_the_spec(
    live: httpx.Client, control: ClientFactory
) -> None:
    task = create(live)
    hub = control(LIVE_KEY)
    wrong = hub.post(
        f"/_mock/tasks/{task['task_id']}/complete", json={"response": {"annotations": "x"}}
    )
    assert error_of(wrong, 400)[0] == "body.response"
    box = {"annotations": [{"left": 1, "top": 2, "width": 3, "height": 4}]}
    right = hub.post(f"/_mock/tasks/{task['task_id']}/complete", json={"response": box})
    assert right.json()["response"] == box


def test_test_mode_responses_are_valid_for_every_documented_type(client: httpx.Client) -> None:
    """The hook validates each completed task's `response` against its type's schema."""
    bodies: dict[str, dict[str, Any]] = {
        "categorization": {"attachment": "a", "attachment_type": "text", "categories": ["x"]},
        "comparison": {"attachments": ["a", "b"], "attachment_type": "text", "choices": ["a"]},
        "transcription": {
            "attachment": "http://127.0.0.1:9/a.png",
            "attachment_type": "image",
            "repeatable_fields": {"name": "the name"},
        },
        "segmentannotation": {"attachment": "http://127.0.0.1:9/a", "labels": ["road"]},
        "polygonannotation": {**BOX, "min_vertices": 4},
        "lineannotation": BOX,
        "pointannotation": BOX,
        "cuboidannotation": BOX,
    }
    for kind, body in bodies.items():
        task = client.post(f"/task/{kind}", json={"instruction": "Do it.", **body}).json()
        fetched = client.get(f"/task/{task['task_id']}").json()
        assert fetched["status"] == "completed", kind


def test_unfetchable_attachments_fail_with_the_documented_error(client: httpx.Client) -> None:
    bad = "https://images.invalid/cat.png"
    task = create(client, attachment=bad)
    fetched = client.get(f"/task/{task['task_id']}").json()
    assert fetched["status"] == "error"
    assert fetched["response"]["attachments"] == [{"statusCode": 404, "url": bad}]
    unknown = create(client, attachment="scaledata://acct/no-such-file")
    assert client.get(f"/task/{unknown['task_id']}").json()["status"] == "error"


# --- callbacks ---------------------------------------------------------------------------


def test_callback_carries_the_documented_body_and_header(
    client: httpx.Client, control: ClientFactory
) -> None:
    with CallbackReceiver() as receiver:
        task = create(client, callback_url=receiver.url)
        receiver.wait_for(1)
    headers, body = receiver.json_bodies()[0]
    errors = scale_spec.load().schema_errors("#/components/schemas/CallbackBody", body)
    assert not errors, errors
    assert headers["scale-callback-auth"] == DEFAULT_AUTH_KEY
    assert headers["content-type"] == "application/json"
    assert body["task_id"] == body["task"]["task_id"] == task["task_id"]
    assert body["status"] == "completed" and body["response"] == body["task"]["response"]
    succeeded = wait_until(
        lambda: client.get(f"/task/{task['task_id']}").json().get("callback_succeeded")
    )
    assert succeeded is True


def test_callbacks_are_retried_until_a_2xx(client: httpx.Client, control: ClientFactory) -> None:
    with CallbackReceiver(fail_first=3) as receiver:
        task = create(client, callback_url=receiver.url)
        receiver.wait_for(4)
        time.sleep(0.1)
        assert len(receiver.received) == 4  # no retry after the 2xx
    wait_until(lambda: client.get(f"/task/{task['task_id']}").json().get("callback_succeeded"))
    log = control(TEST_KEY).get("/_mock/callbacks").json()["callbacks"]
    record = next(r for r in log if r["task_id"] == task["task_id"])
    assert [a["status_code"] for a in record["attempts"]] == [500, 500, 500, 200]


def test_a_callback_that_never_succeeds_stops_after_20_attempts(
    client_for: ClientFactory,
) -> None:
    http = client_for("test_neverok")
    with CallbackReceiver(fail_first=10_000, failure_status=503) as receiver:
        task = create(http, callback_url=receiver.url)
        flag = wait_until(
            lambda: "callback_succeeded" in (t := http.get(f"/task/{task['task_id']}").json()) and t
        )
        assert flag["callback_succeeded"] is False
        assert len(receiver.received) == MAX_ATTEMPTS


def test_email_callbacks_are_recorded_not_sent(
    client_for: ClientFactory, control: ClientFactory
) -> None:
    http = client_for("test_mailer")
    task = create(http, callback_url="ops@example.com")
    emails = wait_until(lambda: control("test_mailer").get("/_mock/callbacks").json()["emails"])
    assert emails[0]["to"] == "ops@example.com"
    assert emails[0]["body"]["task"]["task_id"] == task["task_id"]


def test_canceled_tasks_send_no_callback(live: httpx.Client) -> None:
    with CallbackReceiver() as receiver:
        task = create(live, callback_url=receiver.url)
        live.post(f"/task/{task['task_id']}/cancel")
        time.sleep(0.2)
    assert receiver.received == []


# --- projects and tasks ------------------------------------------------------------------


@pytest.fixture
def kittens(fresh: httpx.Client) -> httpx.Client:
    http = fresh
    body = {"type": "annotation", "name": "kittens", "params": {"instruction": "v0 rules"}}
    assert http.post("/projects", json=body).status_code == 200
    updated = http.post("/projects/kittens/setParams", json={"instruction": "v1 rules"})
    assert [v["version"] for v in updated.json()["param_history"]] == [0, 1]
    return http


def test_tasks_inherit_the_chosen_project_version(kittens: httpx.Client) -> None:
    latest = create(kittens, project="kittens", instruction="Task.")
    assert latest["instruction"] == "Task.\n\nv1 rules"
    assert latest["project"] == "kittens"
    pinned = create(kittens, project="kittens", project_param_version=0)
    assert pinned["instruction"] == "v0 rules"
    skipped = create(kittens, project="kittens", project_param_version=-1, instruction="Mine.")
    assert skipped["instruction"] == "Mine."
    missing = kittens.post(
        "/task/annotation", json={**BOX, "project": "kittens", "project_param_version": 7}
    )
    assert error_of(missing, 400) == ("body.project_param_version", "exists")
    unknown = kittens.post("/task/annotation", json={**BOX, "project": "nope"})
    assert error_of(unknown, 404)[0] == "body.project"


def test_set_params_grows_history_and_patch_merges(kittens: httpx.Client) -> None:
    patched = kittens.post(
        "/projects/kittens/setParams", json={"patch": True, "with_labels": True}
    ).json()
    current = patched["param_history"][-1]
    assert (current["version"], current["instruction"], current["with_labels"]) == (
        2,
        "v1 rules",
        True,
    )
    replaced = kittens.post("/projects/kittens/setParams", json={"with_labels": False}).json()
    assert "instruction" not in replaced["param_history"][-1]
    assert len(replaced["param_history"]) == 4
    assert kittens.post("/projects/nope/setParams", json={}).status_code == 404
