"""A database that cannot take the work (full, locked by another process) answers the documented
503 with a JSON error naming the cause, keeps nothing of the refused request (no task without
its callback job, no `unique_id` claimed by a task that does not exist), and the mock recovers
by itself once the cause is gone.

"Full" is a real `SQLITE_FULL`: the store's size cap (`Store(max_size=...)`, the disk quota a
team machine sets with `--max-db-size`) is what a small disk does to SQLite.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from scale_mock.store import Store
from scale_mock.testing import ThreadedMock


@pytest.fixture(scope="module", autouse=True)
def store_backend() -> str:
    """SQLite's own behaviour (its file, its locks, its size cap): not run once per store."""
    return "sqlite"


KEY = "test_storage"
TASK = {
    "instruction": "Is this company public or private?",
    "attachment_type": "website",
    "attachment": "http://www.google.com/",
    "categories": ["public", "private"],
    "callback_url": "http://127.0.0.1:9/callback",
}


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "mock.sqlite"


def _create(client: httpx.Client, index: int) -> httpx.Response:
    padding = "x" * 2000  # each task takes room, so the cap is reached in a few dozen
    body = {**TASK, "unique_id": f"u-{index}", "metadata": {"padding": padding}}
    return client.post("/task/categorization", json=body)


def _all_tasks(client: httpx.Client) -> list[dict[str, object]]:
    tasks: list[dict[str, object]] = []
    token = None
    while True:
        page = client.get(
            "/tasks", params={"limit": 100, **({"next_token": token} if token else {})}
        )
        page.raise_for_status()
        tasks += page.json()["docs"]
        token = page.json().get("next_token")
        if not token:
            return tasks


def test_a_full_database_is_a_503_that_keeps_nothing_and_recovers(database: Path) -> None:
    store = Store(str(database), max_size=256 * 1024)
    with (
        ThreadedMock(store=store) as mock,
        httpx.Client(base_url=mock.base_url, auth=(KEY, "")) as client,
    ):
        acknowledged: list[str] = []
        refused: list[httpx.Response] = []
        for index in range(1000):
            answer = _create(client, index)
            if answer.status_code == 200:
                acknowledged.append(answer.json()["task_id"])
                continue
            refused.append(answer)
            if len(refused) == 3:
                break
        assert refused, "the cap was never reached: the test proves nothing"
        for answer in refused:
            assert answer.status_code == 503, answer.text
            assert answer.headers["content-type"] == "application/json"
            error = answer.json()
            assert error["rule"] == "storage_full" and "full" in error["error"], error
            assert answer.headers["retry-after"] == "1"
        # reads go on while the database is full, and hold every acknowledged task, only them
        assert sorted(str(t["task_id"]) for t in _all_tasks(client)) == sorted(acknowledged)
        outbox = httpx.get(f"{mock.root_url}/_mock/callbacks", auth=(KEY, "")).json()
        assert {c["task_id"] for c in outbox["callbacks"]} <= set(acknowledged)

        store.set_max_size(64 * 1024 * 1024)  # space returns
        first_refused = len(acknowledged)
        again = _create(client, first_refused)
        # the refused create claimed no unique_id: the same one is free now
        assert again.status_code == 200, again.text
        assert len(_all_tasks(client)) == len(acknowledged) + 1


def test_a_database_locked_by_another_process_is_a_503_and_recovers(database: Path) -> None:
    store = Store(str(database))
    with (
        ThreadedMock(store=store) as mock,
        httpx.Client(base_url=mock.base_url, auth=(KEY, ""), timeout=30) as client,
    ):
        assert _create(client, 0).status_code == 200
        other = sqlite3.connect(database, isolation_level=None)
        try:
            other.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
            answer = _create(client, 1)  # waits out SQLite's busy timeout, then gives up
            assert answer.status_code == 503, answer.text
            assert answer.json()["rule"] == "storage_unavailable"
            assert "locked" in answer.json()["error"]
            other.execute("ROLLBACK")
        finally:
            other.close()
        assert _create(client, 1).status_code == 200
        assert len(_all_tasks(client)) == 2


def test_a_stalled_database_never_stalls_the_event_loop(database: Path) -> None:
    """While one request waits for the database (here: its lock, held by this test as a slow
    query or a stalled disk would hold it), the server goes on answering everything that does
    not need the database: its work runs on worker threads, not on the event loop."""
    store = Store(str(database))
    with ThreadedMock(store=store) as mock:
        waiting: list[int] = []
        with store.transaction(KEY):  # the database is busy for as long as this block runs
            stuck = threading.Thread(
                target=lambda: waiting.append(
                    httpx.get(f"{mock.base_url}/tasks", auth=(KEY, ""), timeout=60).status_code
                )
            )
            stuck.start()
            time.sleep(0.2)  # the list request is in, waiting on the database
            health = httpx.get(f"{mock.root_url}/_mock/health", timeout=10)
            assert health.status_code == 200
            assert not waiting, "the list answered while the database was held"
        stuck.join(timeout=30)
        assert waiting == [200]
