"""Durable, per-tenant storage of the mock's objects in SQLite.

Every object (task, project, batch, ...) is one JSON document keyed by (tenant, kind, key), with
a sequence number that orders them by creation. `unique_id`s live in their own table whose
primary key makes "unique per tenant" a database guarantee, not a race-prone check.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (
    tenant TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,
    seq INTEGER NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (tenant, kind, key)
);
CREATE INDEX IF NOT EXISTS objects_by_seq ON objects (tenant, kind, seq);
CREATE TABLE IF NOT EXISTS unique_ids (
    tenant TEXT NOT NULL, unique_id TEXT NOT NULL, task_id TEXT NOT NULL,
    PRIMARY KEY (tenant, unique_id)
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


class Conflict(Exception):
    """The key or `unique_id` is already taken."""


class Store:
    def __init__(self, path: str = ":memory:") -> None:
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        if path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic, serialised unit of work; committed before the response is sent."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def next_seq(self, db: sqlite3.Connection) -> int:
        db.execute(
            "INSERT INTO counters VALUES ('seq', 1) "
            "ON CONFLICT(name) DO UPDATE SET value = value + 1"
        )
        row = db.execute("SELECT value FROM counters WHERE name = 'seq'").fetchone()
        return int(row[0])

    def insert(self, tenant: str, kind: str, key: str, doc: dict[str, Any]) -> None:
        with self.transaction() as db:
            self._insert(db, tenant, kind, key, doc)

    def _insert(
        self, db: sqlite3.Connection, tenant: str, kind: str, key: str, doc: dict[str, Any]
    ) -> None:
        try:
            db.execute(
                "INSERT INTO objects VALUES (?, ?, ?, ?, ?)",
                (tenant, kind, key, self.next_seq(db), json.dumps(doc)),
            )
        except sqlite3.IntegrityError:
            raise Conflict(key) from None

    def insert_task(self, tenant: str, task: dict[str, Any]) -> None:
        """Store a new task, claiming its `unique_id` in the same transaction."""
        with self.transaction() as db:
            if "unique_id" in task:
                self._claim(db, tenant, task["unique_id"], task["task_id"])
            self._insert(db, tenant, "task", task["task_id"], task)

    def _claim(self, db: sqlite3.Connection, tenant: str, unique_id: str, task_id: str) -> None:
        try:
            db.execute("INSERT INTO unique_ids VALUES (?, ?, ?)", (tenant, unique_id, task_id))
        except sqlite3.IntegrityError:
            raise Conflict(unique_id) from None

    def release_unique_id(self, db: sqlite3.Connection, tenant: str, unique_id: str) -> None:
        db.execute("DELETE FROM unique_ids WHERE tenant = ? AND unique_id = ?", (tenant, unique_id))

    def get(self, tenant: str, kind: str, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT doc FROM objects WHERE tenant = ? AND kind = ? AND key = ?",
                (tenant, kind, key),
            ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def put(
        self, db: sqlite3.Connection, tenant: str, kind: str, key: str, doc: dict[str, Any]
    ) -> None:
        db.execute(
            "UPDATE objects SET doc = ? WHERE tenant = ? AND kind = ? AND key = ?",
            (json.dumps(doc), tenant, kind, key),
        )

    def all(self, tenant: str, kind: str, newest_first: bool = True) -> list[dict[str, Any]]:
        order = "DESC" if newest_first else "ASC"
        with self._lock:
            rows = self._db.execute(
                f"SELECT doc FROM objects WHERE tenant = ? AND kind = ? ORDER BY seq {order}",
                (tenant, kind),
            ).fetchall()
        return [dict(json.loads(row[0])) for row in rows]

    def close(self) -> None:
        self._db.close()
