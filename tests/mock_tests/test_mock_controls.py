"""Mock-only controls a contract run relies on: holding test-mode tasks pending, and the request
journal (`GET /_mock/requests`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

import scale_spec
from scale_mock.journal import RequestJournal
from scale_mock.testing import SubprocessMock, ThreadedMock
from tests.mock_tests.conftest import ClientFactory, api_client, fresh_key

BOX = {"attachment": "http://127.0.0.1:9/a.png", "objects_to_annotate": ["car"]}
HOLD = {"Scale-Mock-Hold": "pending"}


def test_health_says_it_is_the_mock_and_how_to_hold_tasks(mock: ThreadedMock) -> None:
    health = httpx.get(f"{mock.root_url}/_mock/health").json()
    assert health == {
        "status": "ok",
        "service": "scale-mock",
        "hold_header": "Scale-Mock-Hold",
        "hold_test_tasks": False,
    }


# --- holding test-mode tasks pending -----------------------------------------------------


def test_a_held_test_task_stays_pending_until_completed(
    client_for: ClientFactory, control: ClientFactory
) -> None:
    key = fresh_key()
    http = client_for(key)
    held = http.post("/task/annotation", json=BOX, headers=HOLD).json()
    assert held["status"] == "pending"
    assert http.get(f"/task/{held['task_id']}").json()["status"] == "pending"
    done = control(key).post(f"/_mock/tasks/{held['task_id']}/complete")
    assert done.status_code == 200, done.text
    assert http.get(f"/task/{held['task_id']}").json()["status"] == "completed"
    # Without the header a test-mode task still completes at once.
    plain = http.post("/task/annotation", json=BOX).json()
    assert http.get(f"/task/{plain['task_id']}").json()["status"] == "completed"


def test_a_held_task_can_be_canceled_once(fresh: httpx.Client) -> None:
    """What a contract run needs the header for: the pending-only rules."""
    held = fresh.post("/task/annotation", json=BOX, headers={"scale-mock-hold": "Pending"}).json()
    canceled = fresh.post(f"/task/{held['task_id']}/cancel")
    assert (canceled.status_code, canceled.json()["status"]) == (200, "canceled")
    again = fresh.post(f"/task/{held['task_id']}/cancel")
    assert (again.status_code, again.json()["rule"]) == (400, "cancel_only_pending")


def test_the_hold_header_is_checked_on_creation_and_ignored_elsewhere(
    fresh: httpx.Client,
) -> None:
    wrong = fresh.post("/task/annotation", json=BOX, headers={"Scale-Mock-Hold": "forever"})
    assert wrong.status_code == 400
    assert (wrong.json()["field"], wrong.json()["rule"]) == ("header.scale-mock-hold", "enum")
    assert fresh.get("/tasks", headers={"Scale-Mock-Hold": "forever"}).status_code == 200


def test_a_held_task_with_an_unreachable_attachment_still_fails(fresh: httpx.Client) -> None:
    unreachable = {**BOX, "attachment": "http://images.invalid/a.png"}
    task = fresh.post("/task/annotation", json=unreachable, headers=HOLD).json()
    assert fresh.get(f"/task/{task['task_id']}").json()["status"] == "error"


@pytest.fixture(scope="module")
def holding_mock(store_backend: str) -> Iterator[ThreadedMock]:
    with ThreadedMock(hold_test_tasks=True) as mock:
        yield mock


def test_hold_test_tasks_keeps_every_test_task_pending(holding_mock: ThreadedMock) -> None:
    key = fresh_key()
    with api_client(holding_mock.base_url, key) as http:
        task = http.post(
            "/task/categorization",
            json={
                "instruction": "?",
                "attachment_type": "text",
                "attachment": "a",
                "categories": ["x"],
            },
        ).json()
        assert http.get(f"/task/{task['task_id']}").json()["status"] == "pending"
    done = httpx.post(
        f"{holding_mock.root_url}/_mock/tasks/{task['task_id']}/complete", auth=(key, "")
    )
    assert done.json()["status"] == "completed"
    assert httpx.get(f"{holding_mock.root_url}/_mock/health").json()["hold_test_tasks"] is True


def test_the_command_line_flag_holds_test_tasks() -> None:
    with SubprocessMock(["--db", ":memory:", "--hold-test-tasks"]) as server:
        key = fresh_key()
        with api_client(server.base_url, key) as http:
            task = http.post("/task/annotation", json=BOX).json()
            assert http.get(f"/task/{task['task_id']}").json()["status"] == "pending"


# --- the request journal -----------------------------------------------------------------


def journal_of(mock: ThreadedMock, key: str) -> list[dict[str, object]]:
    answer = httpx.get(f"{mock.root_url}/_mock/requests", auth=(key, ""))
    assert answer.status_code == 200, answer.text
    entries: list[dict[str, object]] = answer.json()
    return entries


def test_the_journal_lists_every_request_of_the_key_in_order(
    mock: ThreadedMock, client_for: ClientFactory
) -> None:
    key = fresh_key()
    http = client_for(key)
    task = http.post("/task/annotation", json=BOX, headers=HOLD).json()
    http.post(f"/task/{task['task_id']}/cancel", params={"clear_unique_id": "true"})
    http.get("/tasks", params=[("status", "pending"), ("limit", "2")])
    http.get("/batches/a%2Fb")
    http.get("/no/such/path")
    http.request("PATCH", "/tasks")
    http.post("/task/annotation", json={})
    assert journal_of(mock, key) == [
        {
            "method": "POST",
            "path": "/v1/task/annotation",
            "query": "",
            "operation_id": "create_annotation_task",
            "status": 200,
            "task_id": task["task_id"],
        },
        {
            "method": "POST",
            "path": f"/v1/task/{task['task_id']}/cancel",
            "query": "clear_unique_id=true",
            "operation_id": "cancel_task",
            "status": 200,
            "task_id": task["task_id"],
        },
        {
            "method": "GET",
            "path": "/v1/tasks",
            "query": "status=pending&limit=2",
            "operation_id": "list_tasks",
            "status": 200,
            "task_id": None,
        },
        {
            "method": "GET",
            "path": "/v1/batches/a%2Fb",
            "query": "",
            "operation_id": "get_batch",
            "status": 404,
            "task_id": None,
        },
        {
            "method": "GET",
            "path": "/v1/no/such/path",
            "query": "",
            "operation_id": None,
            "status": 404,
            "task_id": None,
        },
        {
            "method": "PATCH",
            "path": "/v1/tasks",
            "query": "",
            "operation_id": None,
            "status": 405,
            "task_id": None,
        },
        {
            "method": "POST",
            "path": "/v1/task/annotation",
            "query": "",
            "operation_id": "create_annotation_task",
            "status": 400,
            "task_id": None,
        },
    ]


def test_the_journal_is_per_key_and_needs_the_key(mock: ThreadedMock) -> None:
    mine, theirs = fresh_key(), fresh_key()
    with api_client(mock.base_url, mine) as http:
        http.get("/projects")
    assert [entry["path"] for entry in journal_of(mock, mine)] == ["/v1/projects"]
    assert journal_of(mock, theirs) == []
    assert httpx.get(f"{mock.root_url}/_mock/requests").status_code == 401
    # A request without a valid key belongs to no one and is not recorded.
    httpx.get(f"{mock.base_url}/projects", auth=("not_a_key", ""))
    assert httpx.delete(f"{mock.root_url}/_mock/requests", auth=(mine, "")).status_code == 200
    assert journal_of(mock, mine) == []


def test_the_journal_keeps_the_newest_entries() -> None:
    journal = RequestJournal(limit=3)
    for number in range(5):
        entry = journal.start("test_k", "GET", f"/v1/task/{number}", "")
        journal.finish(entry, "get_task", 404, str(number))
    assert [entry["task_id"] for entry in journal.entries("test_k")] == ["2", "3", "4"]
    assert journal.entries("test_other") == []


# --- undeclared methods ------------------------------------------------------------------


def test_every_method_the_spec_does_not_declare_is_405_with_allow(fresh: httpx.Client) -> None:
    by_path: dict[str, set[str]] = {}
    for op in scale_spec.load().operations:
        by_path.setdefault(op.path, set()).add(op.method.upper())
    for template, declared in by_path.items():
        path = re.sub(r"\{[^}]+\}", "x", template)
        for method in ("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"):
            if method in declared:
                continue
            answer = fresh.request(method, path)
            assert answer.status_code == 405, (method, path, answer.text)
            allowed = declared | ({"HEAD"} if "GET" in declared else set())
            assert set(answer.headers["allow"].split(", ")) == allowed, (method, path)


def test_control_paths_answer_other_methods_with_405_and_allow(mock: ThreadedMock) -> None:
    answer = httpx.put(f"{mock.root_url}/_mock/requests", auth=(fresh_key(), ""))
    assert answer.status_code == 405
    assert set(answer.headers["allow"].split(", ")) == {"GET", "HEAD", "DELETE"}
    assert httpx.get(f"{mock.root_url}/_mock/faults").headers["allow"] == "DELETE, POST"
