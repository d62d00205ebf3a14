"""The store's transaction object (`Storage.transaction(tenant)` → `Tx`), backend-neutral
behaviour every backend must have: tenant scoping, atomicity, ordering and keyset paging (run on
each store: `testing.default_store`); and SQLite's own `Busy`."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scale_mock import testing
from scale_mock.store import Busy, Conflict, Storage, Store, Where


@pytest.fixture
def store(store_backend: str) -> Iterator[Storage]:
    opened = testing.default_store()
    yield opened
    opened.close()


def test_records_belong_to_their_tenant(store: Storage) -> None:
    with store.transaction("test_a") as tx:
        tx.insert("task", "t1", {"task_id": "t1"})
        tx.claim_unique_id("u", "t1")
        tx.put_blob("f", b"bytes")
    with store.transaction("test_b") as tx:
        assert tx.get("task", "t1") is None
        assert tx.list("task").total == 0
        assert tx.get_blob("f") is None
        tx.insert("task", "t1", {"task_id": "t1", "tenant": "b"})
        tx.claim_unique_id("u", "t1")  # unique per tenant, not globally
    with store.transaction("test_a") as tx:
        assert tx.get("task", "t1") == {"task_id": "t1"}
        assert tx.get_blob("f") == b"bytes"


def test_insert_conflicts_and_put_replaces_in_place(store: Storage) -> None:
    with store.transaction("test_a") as tx:
        for name in ("a", "b", "c"):
            tx.insert("batch", name, {"name": name})
        with pytest.raises(Conflict):
            tx.insert("batch", "a", {"name": "a"})
        tx.put("batch", "a", {"name": "a", "changed": True})  # keeps its place
        tx.put("batch", "d", {"name": "d"})  # a new one goes last
        oldest_first = tx.list("batch", oldest_first=True)
    assert [d["name"] for d in oldest_first.docs] == ["a", "b", "c", "d"]
    assert oldest_first.docs[0]["changed"] is True
    assert oldest_first.total == 4


def test_a_failed_transaction_keeps_nothing_and_runs_no_after_commit(store: Storage) -> None:
    ran: list[str] = []
    with pytest.raises(RuntimeError), store.transaction("test_a") as tx:
        tx.insert("task", "t1", {"task_id": "t1"})
        tx.claim_unique_id("u", "t1")
        tx.after_commit(lambda: ran.append("rolled back"))
        raise RuntimeError("handler failed")
    with store.transaction("test_a") as tx:
        assert tx.get("task", "t1") is None
        tx.claim_unique_id("u", "t2")  # released with the rollback
        tx.after_commit(lambda: ran.append("committed"))
        assert ran == []  # not before the commit
    assert ran == ["committed"]


def test_unique_ids_are_claimed_and_released(store: Storage) -> None:
    with store.transaction("test_a") as tx:
        tx.claim_unique_id("u", "t1")
        with pytest.raises(Conflict):
            tx.claim_unique_id("u", "t2")
        tx.release_unique_id("u")
        tx.claim_unique_id("u", "t2")


def test_a_transaction_cannot_be_used_after_it_ends(store: Storage) -> None:
    with store.transaction("test_a") as tx:
        pass
    with pytest.raises(RuntimeError):
        tx.get("task", "t1")


def test_lists_filter_count_and_page_by_cursor(store: Storage) -> None:
    with store.transaction("test_a") as tx:
        for index in range(7):
            status = "completed" if index % 2 else "pending"
            tags = ["odd"] if index % 2 else []
            record = {"task_id": f"t{index}", "status": status, "tags": tags, "n": index}
            tx.insert("task", f"t{index}", record)
    with store.transaction("test_a") as tx:
        first = tx.list("task", limit=3)
        assert [d["n"] for d in first.docs] == [6, 5, 4]
        assert (first.total, first.has_more) == (7, True)
        second = tx.list("task", limit=3, after=first.cursor)
        assert [d["n"] for d in second.docs] == [3, 2, 1]
        last = tx.list("task", limit=3, after=second.cursor)
        assert ([d["n"] for d in last.docs], last.has_more) == ([0], False)
        assert [d["n"] for d in tx.list("task", limit=2, offset=5).docs] == [1, 0]
        forward = tx.list("task", limit=4, oldest_first=True)
        onward = tx.list("task", after=forward.cursor, oldest_first=True)
        assert [d["n"] for d in forward.docs + onward.docs] == list(range(7))
        pending = tx.list("task", [Where("status", "=", "pending")])
        assert ([d["n"] for d in pending.docs], pending.total) == ([6, 4, 2, 0], 4)
        between = [Where("n", ">=", 2), Where("n", "<=", 4)]
        assert [d["n"] for d in tx.list("task", between).docs] == [4, 3, 2]
        chosen = tx.list("task", [Where("task_id", "in", ["t1", "t5", "tx"])])
        assert [d["n"] for d in chosen.docs] == [5, 1]
        tagged = tx.list("task", [Where("tags", "has_any", ["odd", "none"])])
        assert tagged.total == 3
        assert tx.count_by("task", "status") == {"pending": 4, "completed": 3}
        assert tx.count_by("task", "status", [Where("n", "<=", 1)]) == {
            "pending": 1,
            "completed": 1,
        }


def test_a_field_name_is_never_sql(store: Storage) -> None:
    with store.transaction("test_a") as tx, pytest.raises(ValueError):
        tx.list("task", [Where("status') OR 1=1 --", "=", "x")])


def test_a_transaction_that_may_not_wait_is_busy_before_doing_anything(tmp_path: Path) -> None:
    """`wait=False` is how the mock keeps its event loop off a busy database: `Busy` at once,
    with nothing done, while another transaction or another process holds the database."""
    path = tmp_path / "busy.sqlite3"
    store = Store(str(path))
    ran: list[str] = []

    def attempt() -> None:
        try:
            with store.transaction("test_a", wait=False) as tx:
                tx.insert("task", "t", {"task_id": "t"})
                ran.append("ran")
        except Busy:
            ran.append("busy")

    with store.transaction("test_a"):  # another transaction of this store
        other = threading.Thread(target=attempt)
        other.start()
        other.join(timeout=10)
    other_process = sqlite3.connect(path, isolation_level=None)
    other_process.execute("BEGIN EXCLUSIVE")  # another process's write lock
    started = time.monotonic()
    attempt()
    waited = time.monotonic() - started
    other_process.execute("ROLLBACK")
    other_process.close()
    assert ran == ["busy", "busy"]
    assert waited < 2, "it waited for the other process's lock"
    attempt()
    assert ran[-1] == "ran"
    with store.transaction("test_a") as tx:
        assert tx.list("task").total == 1
    store.close()
