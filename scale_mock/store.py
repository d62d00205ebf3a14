"""Durable, per-tenant storage of the mock's objects in SQLite.

Every object (task, project, batch, file, ...) is one JSON document keyed by (tenant, kind, key),
with a sequence number that orders them by creation. `unique_id`s live in their own table whose
primary key makes "unique per tenant" a database guarantee, not a race-prone check.

The task list is answered in SQL (expression indexes on the filtered fields, keyset paging on
the sequence number), so a page costs the same with 100k tasks as with 1k.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (
    tenant TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,
    seq INTEGER NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (tenant, kind, key)
);
CREATE INDEX IF NOT EXISTS objects_by_seq ON objects (tenant, kind, seq);
CREATE INDEX IF NOT EXISTS objects_by_status
    ON objects (tenant, kind, json_extract(doc, '$.status'), seq);
CREATE INDEX IF NOT EXISTS objects_by_project
    ON objects (tenant, kind, json_extract(doc, '$.project'), seq);
CREATE INDEX IF NOT EXISTS objects_by_batch
    ON objects (tenant, kind, json_extract(doc, '$.batch'), seq);
CREATE TABLE IF NOT EXISTS unique_ids (
    tenant TEXT NOT NULL, unique_id TEXT NOT NULL, task_id TEXT NOT NULL,
    PRIMARY KEY (tenant, unique_id)
);
CREATE TABLE IF NOT EXISTS blobs (
    tenant TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (tenant, key)
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sizes (
    tenant TEXT NOT NULL, kind TEXT NOT NULL, size INTEGER NOT NULL,
    PRIMARY KEY (tenant, kind)
);
"""


class Conflict(Exception):
    """The key or `unique_id` is already taken."""


@dataclass(frozen=True)
class Filter:
    """One SQL condition on the stored document, e.g. `json_extract(doc, '$.status') = ?`."""

    sql: str
    params: Sequence[Any] = ()


@dataclass(frozen=True)
class Page:
    docs: list[dict[str, Any]]
    total: int
    last_seq: int | None
    has_more: bool


SQLITE_MAX_INTEGER = 2**63 - 1


class Store:
    def __init__(self, path: str = ":memory:") -> None:
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        if path != ":memory:":
            # WAL with synchronous=NORMAL: a committed write is in the WAL before the response
            # is sent, so it survives the process being killed (only an OS crash or power loss
            # could lose the last transactions).
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
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

    def _next_seq(self, db: sqlite3.Connection) -> int:
        row = db.execute(
            "INSERT INTO counters VALUES ('seq', 1) "
            "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value"
        ).fetchone()
        return int(row[0])

    def insert(
        self, db: sqlite3.Connection, tenant: str, kind: str, key: str, doc: dict[str, Any]
    ) -> None:
        try:
            db.execute(
                "INSERT INTO objects VALUES (?, ?, ?, ?, ?)",
                (tenant, kind, key, self._next_seq(db), json.dumps(doc)),
            )
        except sqlite3.IntegrityError:
            raise Conflict(key) from None
        self._resize(db, tenant, kind, 1)

    def _resize(self, db: sqlite3.Connection, tenant: str, kind: str, change: int) -> None:
        """Keep each (tenant, kind) size, so an unfiltered count costs one row read."""
        db.execute(
            "INSERT INTO sizes VALUES (?, ?, ?) "
            "ON CONFLICT(tenant, kind) DO UPDATE SET size = size + excluded.size",
            (tenant, kind, change),
        )

    def put(
        self, db: sqlite3.Connection, tenant: str, kind: str, key: str, doc: dict[str, Any]
    ) -> None:
        db.execute(
            "UPDATE objects SET doc = ? WHERE tenant = ? AND kind = ? AND key = ?",
            (json.dumps(doc), tenant, kind, key),
        )

    def delete(self, db: sqlite3.Connection, tenant: str, kind: str, key: str) -> None:
        deleted = db.execute(
            "DELETE FROM objects WHERE tenant = ? AND kind = ? AND key = ?", (tenant, kind, key)
        )
        if deleted.rowcount:
            self._resize(db, tenant, kind, -deleted.rowcount)

    def claim_unique_id(
        self, db: sqlite3.Connection, tenant: str, unique_id: str, task_id: str
    ) -> None:
        try:
            db.execute("INSERT INTO unique_ids VALUES (?, ?, ?)", (tenant, unique_id, task_id))
        except sqlite3.IntegrityError:
            raise Conflict(unique_id) from None

    def release_unique_id(self, db: sqlite3.Connection, tenant: str, unique_id: str) -> None:
        db.execute("DELETE FROM unique_ids WHERE tenant = ? AND unique_id = ?", (tenant, unique_id))

    def put_blob(self, db: sqlite3.Connection, tenant: str, key: str, data: bytes) -> None:
        db.execute("INSERT OR REPLACE INTO blobs VALUES (?, ?, ?)", (tenant, key, data))

    def get_blob(self, tenant: str, key: str) -> bytes | None:
        with self._lock:
            row = self._db.execute(
                "SELECT data FROM blobs WHERE tenant = ? AND key = ?", (tenant, key)
            ).fetchone()
        return None if row is None else bytes(row[0])

    def get(self, tenant: str, kind: str, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT doc FROM objects WHERE tenant = ? AND kind = ? AND key = ?",
                (tenant, kind, key),
            ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def all(self, tenant: str, kind: str, newest_first: bool = True) -> list[dict[str, Any]]:
        order = "DESC" if newest_first else "ASC"
        with self._lock:
            rows = self._db.execute(
                f"SELECT doc FROM objects WHERE tenant = ? AND kind = ? ORDER BY seq {order}",
                (tenant, kind),
            ).fetchall()
        return [dict(json.loads(row[0])) for row in rows]

    def page(
        self,
        tenant: str,
        kind: str,
        filters: Sequence[Filter],
        limit: int,
        offset: int = 0,
        before_seq: int | None = None,
    ) -> Page:
        """Newest first: `limit` matching documents after skipping `offset`, or (keyset paging)
        those older than `before_seq`; `total` counts every match."""
        where = " AND ".join(["tenant = ?", "kind = ?", *(f.sql for f in filters)])
        params: list[Any] = [tenant, kind, *(p for f in filters for p in f.params)]
        page_where, page_params = where, list(params)
        if before_seq is not None:
            page_where += " AND seq < ?"
            page_params.append(before_seq)
            offset = 0
        with self._lock:
            if filters:
                total = self._db.execute(f"SELECT count(*) FROM objects WHERE {where}", params)
            else:
                total = self._db.execute(
                    "SELECT coalesce(max(size), 0) FROM sizes WHERE tenant = ? AND kind = ?",
                    (tenant, kind),
                )
            count = int(total.fetchone()[0])
            rows = self._db.execute(
                f"SELECT seq, doc FROM objects WHERE {page_where} "
                "ORDER BY seq DESC LIMIT ? OFFSET ?",
                # an offset past SQLite's integers skips everything, as any offset past `count`
                (*page_params, limit + 1, min(offset, SQLITE_MAX_INTEGER)),
            ).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        return Page(
            docs=[dict(json.loads(doc)) for _, doc in rows],
            total=count,
            last_seq=int(rows[-1][0]) if rows else None,
            has_more=more,
        )

    def count_by(
        self, tenant: str, kind: str, field: str, filters: Sequence[Filter]
    ) -> dict[str, int]:
        """How many matching documents have each value of `field` (a top-level key)."""
        where = " AND ".join(["tenant = ?", "kind = ?", *(f.sql for f in filters)])
        params = [tenant, kind, *(p for f in filters for p in f.params)]
        with self._lock:
            rows = self._db.execute(
                f"SELECT json_extract(doc, '$.{field}'), count(*) FROM objects "
                f"WHERE {where} GROUP BY 1",
                params,
            ).fetchall()
        return {str(value): int(count) for value, count in rows}

    def close(self) -> None:
        with self._lock:
            self._db.close()
