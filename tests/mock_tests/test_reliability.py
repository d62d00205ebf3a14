"""Reliability: concurrent writers lose nothing, `unique_id` holds under a race, acknowledged
writes survive SIGKILL, and tenants never see each other. These run `scale-mock` as a child
process (a real server, as users run it), on a file database."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from scale_mock.testing import SubprocessMock
from tests.mock_tests.conftest import fresh_key

BOX = {"attachment": "http://127.0.0.1:9/a.png", "objects_to_annotate": ["car"]}
THREADS, CREATES_PER_THREAD = 8, 250


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SubprocessMock]:
    with SubprocessMock(["--db", str(tmp_path / "mock.sqlite3")]) as running:
        yield running


def test_concurrent_creates_are_all_stored(server: SubprocessMock) -> None:
    key = fresh_key("live")

    def create_many(_: int) -> list[str]:
        with httpx.Client(base_url=server.base_url, auth=(key, ""), timeout=30) as api:
            return [
                api.post("/task/annotation", json=BOX).raise_for_status().json()["task_id"]
                for _ in range(CREATES_PER_THREAD)
            ]

    with ThreadPoolExecutor(THREADS) as pool:
        created = [task_id for ids in pool.map(create_many, range(THREADS)) for task_id in ids]
    assert len(set(created)) == THREADS * CREATES_PER_THREAD
    with httpx.Client(base_url=server.base_url, auth=(key, ""), timeout=30) as api:
        assert api.get("/tasks", params={"limit": 1}).json()["total"] == len(created)
        listed: list[str] = []
        token = None
        while True:
            page = api.get(
                "/tasks", params={"limit": 100, **({"next_token": token} if token else {})}
            )
            listed += [t["task_id"] for t in page.json()["docs"]]
            token = page.json().get("next_token")
            if token is None:
                break
        assert sorted(listed) == sorted(created)
        for task_id in created[:: len(created) // 50]:
            assert api.get(f"/task/{task_id}").status_code == 200


def test_one_unique_id_raced_by_16_creates_wins_once(server: SubprocessMock) -> None:
    key = fresh_key("live")
    barrier = threading.Barrier(16)

    def create(_: int) -> int:
        with httpx.Client(base_url=server.base_url, auth=(key, ""), timeout=30) as api:
            barrier.wait()
            return api.post("/task/annotation", json={**BOX, "unique_id": "race"}).status_code

    with ThreadPoolExecutor(16) as pool:
        statuses = sorted(pool.map(create, range(16)))
    assert statuses == [200] + [409] * 15
    with httpx.Client(base_url=server.base_url, auth=(key, "")) as api:
        assert api.get("/tasks", params={"unique_id": "race"}).json()["total"] == 1


def test_acknowledged_writes_survive_sigkill(tmp_path: Path) -> None:
    database = str(tmp_path / "durable.sqlite3")
    key = fresh_key("live")
    with SubprocessMock(["--db", database]) as first:
        with httpx.Client(base_url=first.base_url, auth=(key, ""), timeout=30) as api:
            api.post("/projects", json={"type": "annotation", "name": "p"}).raise_for_status()
            ids = [
                api.post("/task/annotation", json={**BOX, "project": "p", "unique_id": f"u{i}"})
                .raise_for_status()
                .json()["task_id"]
                for i in range(100)
            ]
            api.post(f"/task/{ids[0]}/setMetadata", json={"kept": True}).raise_for_status()
            api.post(f"/task/{ids[1]}/cancel").raise_for_status()
        first.kill()  # SIGKILL: no shutdown, no flush
    with (
        SubprocessMock(["--db", database], port=first.port) as second,
        httpx.Client(base_url=second.base_url, auth=(key, ""), timeout=30) as api,
    ):
        assert api.get("/tasks", params={"limit": 1}).json()["total"] == 100
        assert api.get(f"/task/{ids[0]}").json()["metadata"] == {"kept": True}
        assert api.get(f"/task/{ids[1]}").json()["status"] == "canceled"
        assert api.get("/projects/p").status_code == 200
        duplicate = api.post("/task/annotation", json={**BOX, "unique_id": "u5"})
        assert duplicate.status_code == 409  # unique_ids survived too


def test_a_second_key_never_sees_the_first_keys_data(server: SubprocessMock) -> None:
    owner, stranger = fresh_key("live"), fresh_key("test")
    with httpx.Client(base_url=server.base_url, auth=(owner, "")) as api:
        api.post("/projects", json={"type": "annotation", "name": "p", "studio": True})
        api.post("/batches", json={"project": "p", "name": "b"})
        task = api.post("/task/annotation", json={**BOX, "batch": "b"}).json()
        upload = api.post("/files/upload", files={"file": ("a.txt", b"secret")}).json()
        api.post("/teams/invite", json={"emails": ["a@example.com"], "team_role": "member"})
        api.post("/studio/assignments/add", json={"emails": ["a@example.com"], "projects": ["p"]})
    with httpx.Client(base_url=server.base_url, auth=(stranger, "")) as other:
        task_id = task["task_id"]
        for method, path, body in [
            ("GET", f"/task/{task_id}", None),
            ("POST", f"/task/{task_id}/cancel", None),
            ("POST", f"/task/{task_id}/setMetadata", {"x": 1}),
            ("POST", f"/task/{task_id}/tags", ["x"]),
            ("POST", f"/task/{task_id}/unique_id", {"unique_id": "x"}),
            ("GET", "/projects/p", None),
            ("POST", "/projects/p/setParams", {"instruction": "x"}),
            ("GET", "/batches/b", None),
            ("POST", "/batches/b/finalize", None),
            ("GET", "/batches/b/status", None),
            ("GET", "/studio/projects/p/groups", None),
        ]:
            response = other.request(method, path, json=body)
            assert response.status_code == 404, (method, path, response.text)
        assert other.get("/tasks").json()["total"] == 0
        assert other.get("/projects").json() == []
        assert other.get("/batches").json()["totalDocs"] == 0
        assert [m["email"] for m in other.get("/teams").json()] == ["owner@example.com"]
        assert other.get("/studio/assignments").json() == {}
        attached = other.post(
            "/task/annotation", json={**BOX, "attachment": upload["attachment_url"]}
        )
        assert other.get(f"/task/{attached.json()['task_id']}").json()["status"] == "error"
        hub = httpx.Client(base_url=server.base_url.removesuffix("/v1"), auth=(stranger, ""))
        with hub:
            assert hub.get(f"/_mock/files/{upload['id']}/content").status_code == 404
