"""Durable, per-tenant storage of the mock's objects: one transaction object, bound to a tenant.

Handlers see a `Tx` (`Storage.transaction(tenant)`): records are JSON documents keyed by
(kind, key) within the tenant, listed newest (or oldest) first with keyset paging. No SQL leaves
this module, so a second backend (PostgreSQL) implements `Storage` and `Tx` and nothing else.

`Store` is the SQLite backend. Every object (task, project, batch, file, ...) is one row keyed
by (tenant, kind, key), with a sequence number that orders them by creation. `unique_id`s live
in their own table whose primary key makes "unique per tenant" a database guarantee, not a
race-prone check. Lists are answered in SQL (expression indexes on the filtered fields, keyset
paging on the sequence number), so a page costs the same with 100k tasks as with 1k.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from typing import Any, Literal, Protocol

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
CREATE INDEX IF NOT EXISTS objects_by_batch_status
    ON objects (tenant, kind, json_extract(doc, '$.batch'), json_extract(doc, '$.status'));
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
CREATE TABLE IF NOT EXISTS callback_jobs (
    tenant TEXT NOT NULL, task_id TEXT NOT NULL, url TEXT NOT NULL, payload BLOB NOT NULL,
    attempt INTEGER NOT NULL, due_at REAL NOT NULL, lease TEXT, lease_until REAL,
    PRIMARY KEY (tenant, task_id)
);
CREATE INDEX IF NOT EXISTS callback_jobs_by_due ON callback_jobs (due_at);
CREATE INDEX IF NOT EXISTS callback_jobs_by_lease ON callback_jobs (lease_until)
    WHERE lease_until IS NOT NULL;
"""

Record = dict[str, Any]


class Conflict(Exception):
    """The key or `unique_id` is already taken."""


class Busy(Exception):
    """A transaction asked not to wait could not start at once; nothing was done."""


class StorageFault(Exception):
    """The database refused the work for a reason of its own, not the request's: it is full
    (`full`: disk or `--max-db-size` quota), or cannot be written now (`unavailable`: read-only,
    locked by another process, an I/O error). The transaction was rolled back: nothing of it
    was kept, and the next one succeeds once the cause is gone."""

    def __init__(self, reason: Literal["full", "unavailable"], detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Where:
    """A condition on a top-level field of a record: `=`, `>=` or `<=` a value, `in` a list of
    values, or (`has_any`) a list field holding any of a list of values."""

    field: str
    op: Literal["=", ">=", "<=", "in", "has_any"]
    value: Any


@dataclass(frozen=True)
class CallbackJob:
    """A callback due to be sent, claimed by one sender until `lease` expires: the attempt it
    makes (1-based), and the token that alone may settle it."""

    tenant: str
    task_id: str
    url: str
    payload: bytes
    attempt: int
    lease: str


@dataclass(frozen=True)
class Page:
    """One page of a list; `cursor` is the position of its last record (pass it as `after`)."""

    docs: list[Record]
    total: int
    has_more: bool
    cursor: int | None


def page_of(rows: Sequence[Sequence[Any]], limit: int | None, total: int) -> Page:
    """A page from (seq, doc) rows read with one row past `limit` (whether there are more)."""
    more = limit is not None and len(rows) > limit
    kept = rows[:limit]
    return Page(
        docs=[dict(json.loads(doc)) for _, doc in kept],
        total=total,
        has_more=more,
        cursor=int(kept[-1][0]) if kept else None,
    )


def counts_of(rows: Iterable[Sequence[Any]]) -> dict[str, int]:
    """(value, count) rows as `count_by` answers them."""
    return {str(value): int(count) for value, count in rows}


def counts_by_group(rows: Iterable[Sequence[Any]]) -> dict[str, dict[str, int]]:
    """(group, value, count) rows as `count_each` answers them."""
    counts: dict[str, dict[str, int]] = {}
    for owner, value, count in rows:
        counts.setdefault(str(owner), {})[str(value)] = int(count)
    return counts


class Tx(Protocol):
    """One atomic unit of work on one tenant's records; nothing in it is seen by others (or
    kept) unless the whole transaction commits."""

    @property
    def tenant(self) -> str: ...

    def get(self, kind: str, key: str) -> Record | None: ...

    def insert(self, kind: str, key: str, record: Record) -> None:
        """Store a new record; `Conflict` if the key is taken."""

    def put(self, kind: str, key: str, record: Record) -> None:
        """Insert or replace (an existing record keeps its place in the order)."""

    def list(
        self,
        kind: str,
        where: Sequence[Where] = (),
        *,
        limit: int | None = None,
        offset: int = 0,
        after: int | None = None,
        oldest_first: bool = False,
    ) -> Page:
        """Matching records newest first (or oldest first): `limit` of them after skipping
        `offset`, or (keyset paging) those past the cursor `after`; `total` counts every
        match."""
        ...

    def count_by(self, kind: str, field: str, where: Sequence[Where] = ()) -> dict[str, int]:
        """How many matching records have each value of `field` (a top-level key)."""
        ...

    def count_each(
        self, kind: str, group: str, field: str, where: Sequence[Where] = ()
    ) -> dict[str, dict[str, int]]:
        """`count_by(kind, field)` for each value of `group`, in one query (e.g. the tasks of
        every batch of a page, by status)."""
        ...

    def claim_unique_id(self, unique_id: str, task_id: str) -> None:
        """`Conflict` if another task holds the `unique_id`."""

    def release_unique_id(self, unique_id: str) -> None: ...

    def put_blob(self, key: str, data: bytes) -> None: ...

    def get_blob(self, key: str) -> bytes | None: ...

    def after_commit(self, action: Callable[[], None]) -> None:
        """Run `action` once the transaction has committed (never if it rolls back)."""

    def schedule_callback(self, task_id: str, url: str, payload: bytes) -> None:
        """The task's callback, its first attempt due now, replacing any earlier one of the
        task. Times of jobs are the database's clock, one for every replica."""

    def settle_callback(self, task_id: str, lease: str, retry_in: float | None) -> bool:
        """The claimed attempt is made: the next one due in `retry_in` seconds, or the job done
        (None). False, changing nothing, if `lease` no longer holds the job (it expired and
        another sender took it): its outcome must then not be recorded."""
        ...


class Storage(Protocol):
    """A backend: transactions bound to a tenant (the API key that owns the records), one at a
    time; a caller never awaits inside one (the SQLite backend holds a thread lock)."""

    def transaction(self, tenant: str, *, wait: bool = True) -> AbstractContextManager[Tx]:
        """`wait=False`: `Busy` at once, before any work, if the transaction cannot start
        without waiting (another one is running, the database is locked)."""
        ...

    def tenants(self, kind: str) -> list[str]:
        """Every tenant holding records of `kind` (for a migration at start-up)."""
        ...

    def claim_callbacks(
        self, lease_seconds: float, limit: int, skip: Sequence[str] = ()
    ) -> list[CallbackJob]:
        """Up to `limit` callbacks due now and held by no live lease, at most one of each
        tenant and none of the tenants in `skip`, earliest first, each leased to the caller
        for `lease_seconds`: no other sender, in this process or another, gets them until the
        lease expires."""
        ...

    def next_callback_due(self) -> float | None:
        """Seconds until the next callback falls due (or a lease expires; 0 or less: due
        now); None: no callback to send."""
        ...

    def close(self) -> None: ...


SQLITE_MAX_INTEGER = 2**63 - 1
# The next due attempt, and the next lease to expire: each served by its index.
_NEXT_DUE = (
    "SELECT (SELECT min(due_at) FROM callback_jobs WHERE lease_until IS NULL), "
    "(SELECT min(lease_until) FROM callback_jobs WHERE lease_until IS NOT NULL)"
)
_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def checked_field(field: str) -> str:
    """`field`, if it is a plain top-level field name (every backend puts it in SQL text)."""
    if not _FIELD.fullmatch(field):
        raise ValueError(f"not a field name: {field!r}")
    return field


def _path(field: str) -> str:
    """The JSON path of a top-level field (as the expression indexes spell it)."""
    return f"'$.{checked_field(field)}'"


def _condition(where: Where) -> tuple[str, tuple[Any, ...]]:
    path = _path(where.field)
    if where.op in ("in", "has_any"):
        values = tuple(where.value)
        marks = ", ".join("?" * len(values))
        if where.op == "in":
            return f"json_extract(doc, {path}) IN ({marks})", values
        return f"EXISTS (SELECT 1 FROM json_each(doc, {path}) WHERE value IN ({marks}))", values
    return f"json_extract(doc, {path}) {where.op} ?", (where.value,)


class _SqliteTx:
    def __init__(self, db: sqlite3.Connection, tenant: str) -> None:
        self._db: sqlite3.Connection | None = db
        self._tenant = tenant
        self.committed: list[Callable[[], None]] = []

    @property
    def tenant(self) -> str:
        return self._tenant

    def _sql(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        if self._db is None:
            raise RuntimeError("the transaction is over")
        return self._db.execute(sql, params)

    def end(self) -> None:
        self._db = None

    def get(self, kind: str, key: str) -> Record | None:
        row = self._sql(
            "SELECT doc FROM objects WHERE tenant = ? AND kind = ? AND key = ?",
            (self._tenant, kind, key),
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def _next_seq(self) -> int:
        row = self._sql(
            "INSERT INTO counters VALUES ('seq', 1) "
            "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value"
        ).fetchone()
        return int(row[0])

    def _resize(self, kind: str, change: int) -> None:
        """Keep each (tenant, kind) size, so an unfiltered count costs one row read."""
        self._sql(
            "INSERT INTO sizes VALUES (?, ?, ?) "
            "ON CONFLICT(tenant, kind) DO UPDATE SET size = size + excluded.size",
            (self._tenant, kind, change),
        )

    def insert(self, kind: str, key: str, record: Record) -> None:
        try:
            self._sql(
                "INSERT INTO objects VALUES (?, ?, ?, ?, ?)",
                (self._tenant, kind, key, self._next_seq(), json.dumps(record)),
            )
        except sqlite3.IntegrityError:
            raise Conflict(key) from None
        self._resize(kind, 1)

    def put(self, kind: str, key: str, record: Record) -> None:
        updated = self._sql(
            "UPDATE objects SET doc = ? WHERE tenant = ? AND kind = ? AND key = ?",
            (json.dumps(record), self._tenant, kind, key),
        )
        if not updated.rowcount:
            self.insert(kind, key, record)

    def _where(self, kind: str, where: Sequence[Where]) -> tuple[str, list[Any]]:
        sql, params = ["tenant = ?", "kind = ?"], [self._tenant, kind]
        for condition in where:
            text, values = _condition(condition)
            sql.append(text)
            params.extend(values)
        return " AND ".join(sql), params

    def list(
        self,
        kind: str,
        where: Sequence[Where] = (),
        *,
        limit: int | None = None,
        offset: int = 0,
        after: int | None = None,
        oldest_first: bool = False,
    ) -> Page:
        sql, params = self._where(kind, where)
        if where:
            total = self._sql(f"SELECT count(*) FROM objects WHERE {sql}", params)
        else:
            total = self._sql(
                "SELECT coalesce(max(size), 0) FROM sizes WHERE tenant = ? AND kind = ?",
                (self._tenant, kind),
            )
        count = int(total.fetchone()[0])
        if after is not None:
            sql += " AND seq > ?" if oldest_first else " AND seq < ?"
            params.append(after)
            offset = 0
        rows = self._sql(
            f"SELECT seq, doc FROM objects WHERE {sql} "
            f"ORDER BY seq {'ASC' if oldest_first else 'DESC'} LIMIT ? OFFSET ?",
            # an offset past SQLite's integers skips everything, as any offset past `count`
            (*params, -1 if limit is None else limit + 1, min(offset, SQLITE_MAX_INTEGER)),
        ).fetchall()
        return page_of(rows, limit, count)

    def count_by(self, kind: str, field: str, where: Sequence[Where] = ()) -> dict[str, int]:
        sql, params = self._where(kind, where)
        rows = self._sql(
            f"SELECT json_extract(doc, {_path(field)}), count(*) FROM objects "
            f"WHERE {sql} GROUP BY 1",
            params,
        ).fetchall()
        return counts_of(rows)

    def count_each(
        self, kind: str, group: str, field: str, where: Sequence[Where] = ()
    ) -> dict[str, dict[str, int]]:
        sql, params = self._where(kind, where)
        rows = self._sql(
            f"SELECT json_extract(doc, {_path(group)}), json_extract(doc, {_path(field)}), "
            f"count(*) FROM objects WHERE {sql} GROUP BY 1, 2",
            params,
        ).fetchall()
        return counts_by_group(rows)

    def claim_unique_id(self, unique_id: str, task_id: str) -> None:
        try:
            self._sql("INSERT INTO unique_ids VALUES (?, ?, ?)", (self._tenant, unique_id, task_id))
        except sqlite3.IntegrityError:
            raise Conflict(unique_id) from None

    def release_unique_id(self, unique_id: str) -> None:
        self._sql(
            "DELETE FROM unique_ids WHERE tenant = ? AND unique_id = ?", (self._tenant, unique_id)
        )

    def put_blob(self, key: str, data: bytes) -> None:
        self._sql("INSERT OR REPLACE INTO blobs VALUES (?, ?, ?)", (self._tenant, key, data))

    def get_blob(self, key: str) -> bytes | None:
        row = self._sql(
            "SELECT data FROM blobs WHERE tenant = ? AND key = ?", (self._tenant, key)
        ).fetchone()
        return None if row is None else bytes(row[0])

    def after_commit(self, action: Callable[[], None]) -> None:
        self.committed.append(action)

    def schedule_callback(self, task_id: str, url: str, payload: bytes) -> None:
        self._sql(
            "INSERT OR REPLACE INTO callback_jobs VALUES (?, ?, ?, ?, 1, ?, NULL, NULL)",
            (self._tenant, task_id, url, payload, time.time()),
        )

    def settle_callback(self, task_id: str, lease: str, retry_in: float | None) -> bool:
        where = "WHERE tenant = ? AND task_id = ? AND lease = ?"
        if retry_in is None:
            done = self._sql(f"DELETE FROM callback_jobs {where}", (self._tenant, task_id, lease))
            return bool(done.rowcount)
        moved = self._sql(
            "UPDATE callback_jobs SET attempt = attempt + 1, due_at = ?, lease = NULL, "
            f"lease_until = NULL {where}",
            (time.time() + retry_in, self._tenant, task_id, lease),
        )
        return bool(moved.rowcount)


# SQLite's primary result codes (`sqlite3.Error.sqlite_errorcode & 0xFF`) that say the database
# cannot take the work now: the request was fine, and the mock is not broken.
_SQLITE_FULL = 13
_SQLITE_BUSY = 5
# How long a waiting transaction waits for another process's write lock (sqlite3's default).
BUSY_TIMEOUT_MS = 5000
_UNAVAILABLE = {
    5: "the database is locked by another process",  # SQLITE_BUSY
    6: "the database is locked",  # SQLITE_LOCKED
    8: "the database is read-only",  # SQLITE_READONLY
    10: "the disk could not be read or written",  # SQLITE_IOERR
    14: "the database file cannot be opened",  # SQLITE_CANTOPEN
}


@contextmanager
def _faults_named() -> Iterator[None]:
    """Turn SQLite's refusals of the environment into `StorageFault`; any other SQLite error
    (a malformed query) stays what it is, a bug."""
    try:
        yield
    except sqlite3.Error as error:
        code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
        if code == _SQLITE_FULL:
            raise StorageFault("full", "the database is full (disk or --max-db-size)") from error
        if code in _UNAVAILABLE:
            raise StorageFault("unavailable", _UNAVAILABLE[code]) from error
        raise


class Store:
    """The SQLite backend of `Storage`: one connection, one transaction at a time.

    `max_size` (bytes) caps the database file as a disk quota would: past it, writes are
    refused as `StorageFault("full")` and reads go on."""

    def __init__(self, path: str = ":memory:", *, max_size: int | None = None) -> None:
        self._db = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None
        )
        self._lock = threading.RLock()
        if path != ":memory:":
            # WAL with synchronous=NORMAL: a committed write is in the WAL before the response
            # is sent, so it survives the process being killed (only an OS crash or power loss
            # could lose the last transactions).
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._db.execute("PRAGMA busy_timeout = 0")  # a transaction says whether it waits
        if max_size is not None:
            self.set_max_size(max_size)

    def set_max_size(self, size: int) -> None:
        """Cap the database at about `size` bytes (whole pages; never below what it holds)."""
        page_size = int(self._db.execute("PRAGMA page_size").fetchone()[0])
        with self._lock:
            self._db.execute(f"PRAGMA max_page_count = {max(1, size // page_size)}")

    @contextmanager
    def transaction(self, tenant: str, *, wait: bool = True) -> Iterator[Tx]:
        """One atomic, serialised unit of work; committed before the response is sent. A
        refusal of the database itself (full, read-only, locked) is a `StorageFault`, with
        everything of the transaction rolled back. `wait=False`: `Busy` if another
        transaction holds the connection or another process the database's write lock."""
        if not self._lock.acquire(blocking=wait):
            raise Busy
        try:
            with _faults_named():
                self._begin(wait)
                tx = _SqliteTx(self._db, tenant)
                try:
                    yield tx
                    self._db.execute("COMMIT")
                except BaseException:
                    self._roll_back()
                    raise
                finally:
                    tx.end()
        finally:
            self._lock.release()
        for action in tx.committed:
            action()

    def _begin(self, wait: bool) -> None:
        """BEGIN IMMEDIATE: the write lock at once (statements inside never wait), or `Busy`;
        waiting for another process's lock (up to `BUSY_TIMEOUT_MS`) only when `wait`."""
        if self._db.in_transaction:  # a rollback failed earlier (an I/O error): end it now
            self._db.execute("ROLLBACK")
        if not wait:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                if (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF == _SQLITE_BUSY:
                    raise Busy from None
                raise
            return
        self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            self._db.execute("BEGIN IMMEDIATE")
        finally:
            self._db.execute("PRAGMA busy_timeout = 0")

    def _roll_back(self) -> None:
        if not self._db.in_transaction:
            return  # SQLite rolled back on its own (e.g. after a full disk)
        # the error being raised says more than a failed rollback; the next BEGIN ends it
        with suppress(sqlite3.Error):
            self._db.execute("ROLLBACK")

    def tenants(self, kind: str) -> list[str]:
        with self._lock, _faults_named():
            rows = self._db.execute("SELECT DISTINCT tenant FROM objects WHERE kind = ?", (kind,))
            return [str(tenant) for (tenant,) in rows.fetchall()]

    def claim_callbacks(
        self, lease_seconds: float, limit: int, skip: Sequence[str] = ()
    ) -> list[CallbackJob]:
        lease, now = uuid.uuid4().hex, time.time()
        marks = ", ".join("?" * len(skip))
        skipped = f"AND tenant NOT IN ({marks})" if skip else ""
        with self._lock, _faults_named():
            self._begin(wait=True)
            try:
                rows = self._db.execute(
                    "UPDATE callback_jobs SET lease = ?, lease_until = ? "
                    "WHERE (tenant, task_id) IN (SELECT tenant, task_id FROM ("
                    "SELECT tenant, task_id, due_at, "
                    "row_number() OVER (PARTITION BY tenant ORDER BY due_at) AS n "
                    "FROM callback_jobs WHERE due_at <= ? "
                    f"AND (lease_until IS NULL OR lease_until < ?) {skipped}"
                    ") WHERE n = 1 ORDER BY due_at LIMIT ?) "
                    "RETURNING tenant, task_id, url, payload, attempt",
                    (lease, now + lease_seconds, now, now, *skip, limit),
                ).fetchall()
                self._db.execute("COMMIT")
            except BaseException:
                self._roll_back()
                raise
        return [CallbackJob(t, k, u, bytes(p), int(a), lease) for t, k, u, p, a in rows]

    def next_callback_due(self) -> float | None:
        with self._lock, _faults_named():
            row = self._db.execute(_NEXT_DUE).fetchone()
        times = [float(t) for t in row if t is not None]
        return min(times) - time.time() if times else None

    def close(self) -> None:
        with self._lock:
            self._db.close()
