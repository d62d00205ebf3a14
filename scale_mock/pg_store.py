"""The PostgreSQL backend of `Storage`: several scale-mock replicas on one database behave as one
server.

The same records as the SQLite backend (`store`), in the same shape: one row per object keyed by
(tenant, kind, key), the document as JSON text (so an answer reads back byte for byte, key order
included), a global sequence for the creation order (keyset paging tokens hold across
replicas), `unique_ids` and name keys as primary keys (uniqueness under races is the database's,
not a check-then-write). Filters read the documents through expression indexes on
`(doc::json ->> field)`.

Isolation: every transaction first takes a transaction-scoped advisory lock on its tenant, so
the transactions of one tenant run one at a time across every replica, as they do in one SQLite
process, and a handler's read-then-write (cancel a pending task, keep a batch's status) cannot
interleave with another replica's. Tenants never share a row, so tenants run in parallel.

A transaction never runs on the event loop (`wait=False` is always `Busy`): a query crosses the
network, and the loop must go on serving `/_mock/health` and the other connections. The database
refusing the work (connection lost, shut down, read-only, disk full) is a `StorageFault`, the
mock's 503, with the transaction rolled back; connections are checked out of a pool and checked
before use, so the mock recovers as soon as the database is back.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
import psycopg_pool
from psycopg import errors, sql

from scale_mock.store import (
    Busy,
    CallbackJob,
    Conflict,
    Page,
    Record,
    StorageFault,
    Tx,
    Where,
    checked_field,
    counts_by_group,
    counts_of,
    page_of,
)

SCHEMA_LOCK = 0x5CA1E  # the advisory lock replicas take to create or migrate the schema at start
_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (
    tenant TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,
    seq BIGINT NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (tenant, kind, key)
);
CREATE SEQUENCE IF NOT EXISTS object_seq;
CREATE INDEX IF NOT EXISTS objects_by_seq ON objects (tenant, kind, seq);
CREATE INDEX IF NOT EXISTS objects_by_status
    ON objects (tenant, kind, ((doc::json) ->> 'status'), seq);
CREATE INDEX IF NOT EXISTS objects_by_project
    ON objects (tenant, kind, ((doc::json) ->> 'project'), seq);
CREATE INDEX IF NOT EXISTS objects_by_batch
    ON objects (tenant, kind, ((doc::json) ->> 'batch'), seq);
CREATE INDEX IF NOT EXISTS objects_by_batch_status
    ON objects (tenant, kind, ((doc::json) ->> 'batch'), ((doc::json) ->> 'status'));
CREATE TABLE IF NOT EXISTS unique_ids (
    tenant TEXT NOT NULL, unique_id TEXT NOT NULL, task_id TEXT NOT NULL,
    PRIMARY KEY (tenant, unique_id)
);
CREATE TABLE IF NOT EXISTS blobs (
    tenant TEXT NOT NULL, key TEXT NOT NULL, data BYTEA NOT NULL,
    PRIMARY KEY (tenant, key)
);
CREATE TABLE IF NOT EXISTS sizes (
    tenant TEXT NOT NULL, kind TEXT NOT NULL, size BIGINT NOT NULL,
    PRIMARY KEY (tenant, kind)
);
CREATE TABLE IF NOT EXISTS callback_jobs (
    tenant TEXT NOT NULL, task_id TEXT NOT NULL, url TEXT NOT NULL, payload BYTEA NOT NULL,
    attempt INTEGER NOT NULL, due_at DOUBLE PRECISION NOT NULL, lease TEXT,
    lease_until DOUBLE PRECISION,
    PRIMARY KEY (tenant, task_id)
);
CREATE INDEX IF NOT EXISTS callback_jobs_by_due ON callback_jobs (due_at);
CREATE INDEX IF NOT EXISTS callback_jobs_by_lease ON callback_jobs (lease_until)
    WHERE lease_until IS NOT NULL;
"""
NOW = "extract(epoch FROM clock_timestamp())"  # the database's clock: one for every replica
# the pool logs each failed reconnection; the 503s say it once per request instead
logging.getLogger("psycopg.pool").setLevel(logging.ERROR)
POOL_SIZE = 10  # connections per replica (the worker threads that run transactions share them)
CONNECT_TIMEOUT = 3.0  # seconds to get a working connection before answering 503
LOCK_TIMEOUT = 5.0  # seconds a transaction waits for its key's other transactions, then 503
STRIPES = 64  # per-tenant locks of this process (tenants share a stripe by hash)


@contextmanager
def _held(lock: threading.Lock, timeout: float) -> Iterator[None]:
    if not lock.acquire(timeout=timeout):
        raise psycopg_pool.PoolTimeout("this key's other transactions hold the database")
    try:
        yield
    finally:
        lock.release()


def _field(name: str) -> sql.Composable:
    """`((doc::json) ->> 'name')`, the expression the indexes are built on (`json`, not
    `jsonb`: a document may hold a NUL character, which `jsonb` refuses)."""
    return sql.SQL("((doc::json) ->> {})").format(sql.Literal(checked_field(name)))


def _condition(where: Where) -> tuple[sql.Composable, list[Any]]:
    if where.op == "has_any":
        name = sql.Literal(checked_field(where.field))
        text = sql.SQL(
            "EXISTS (SELECT 1 FROM json_array_elements_text("
            "CASE json_typeof((doc::json) -> {0}) WHEN 'array' THEN (doc::json) -> {0} END"
            ") AS item WHERE item = ANY(%s::text[]))"
        ).format(name)
        return text, [[str(v) for v in where.value]]
    if where.op == "in":
        return sql.SQL("{} = ANY(%s::text[])").format(_field(where.field)), [
            [str(v) for v in where.value]
        ]
    operator = sql.SQL(where.op)  # "=", ">=" or "<=", from the Where type
    return sql.SQL("{} {} %s").format(_field(where.field), operator), [str(where.value)]


class _PostgresTx:
    def __init__(self, connection: psycopg.Connection[Any], tenant: str) -> None:
        self._db: psycopg.Connection[Any] | None = connection
        self._tenant = tenant
        self.committed: list[Callable[[], None]] = []

    @property
    def tenant(self) -> str:
        return self._tenant

    def _sql(self, query: sql.Composable | str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        if self._db is None:
            raise RuntimeError("the transaction is over")
        return self._db.execute(query, params)  # type: ignore[arg-type]

    def end(self) -> None:
        self._db = None

    def get(self, kind: str, key: str) -> Record | None:
        row = self._sql(
            "SELECT doc FROM objects WHERE tenant = %s AND kind = %s AND key = %s",
            (self._tenant, kind, key),
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def _resize(self, kind: str, change: int) -> None:
        self._sql(
            "INSERT INTO sizes VALUES (%s, %s, %s) "
            "ON CONFLICT (tenant, kind) DO UPDATE SET size = sizes.size + excluded.size",
            (self._tenant, kind, change),
        )

    def insert(self, kind: str, key: str, record: Record) -> None:
        assert self._db is not None
        try:
            with self._db.transaction():  # a savepoint: a taken key leaves the rest standing
                self._sql(
                    "INSERT INTO objects VALUES (%s, %s, %s, nextval('object_seq'), %s)",
                    (self._tenant, kind, key, json.dumps(record)),
                )
        except errors.UniqueViolation:
            raise Conflict(key) from None
        self._resize(kind, 1)

    def put(self, kind: str, key: str, record: Record) -> None:
        updated = self._sql(
            "UPDATE objects SET doc = %s WHERE tenant = %s AND kind = %s AND key = %s",
            (json.dumps(record), self._tenant, kind, key),
        )
        if not updated.rowcount:
            self.insert(kind, key, record)

    def _where(self, kind: str, where: Sequence[Where]) -> tuple[sql.Composable, list[Any]]:
        parts: list[sql.Composable] = [sql.SQL("tenant = %s"), sql.SQL("kind = %s")]
        params: list[Any] = [self._tenant, kind]
        for condition in where:
            text, values = _condition(condition)
            parts.append(text)
            params.extend(values)
        return sql.SQL(" AND ").join(parts), params

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
        condition, params = self._where(kind, where)
        if where:
            total = self._sql(
                sql.SQL("SELECT count(*) FROM objects WHERE {}").format(condition), params
            )
        else:
            total = self._sql(
                "SELECT coalesce(max(size), 0) FROM sizes WHERE tenant = %s AND kind = %s",
                (self._tenant, kind),
            )
        row = total.fetchone()
        count = int(row[0]) if row else 0
        if after is not None:
            condition = sql.SQL("{} AND seq {} %s").format(
                condition, sql.SQL(">" if oldest_first else "<")
            )
            params.append(after)
            offset = 0
        rows = self._sql(
            sql.SQL(
                "SELECT seq, doc FROM objects WHERE {} ORDER BY seq {} LIMIT %s OFFSET %s"
            ).format(condition, sql.SQL("ASC" if oldest_first else "DESC")),
            # an offset past PostgreSQL's bigint skips everything, as any offset past `count`
            (*params, None if limit is None else limit + 1, min(offset, 2**63 - 1)),
        ).fetchall()
        return page_of(rows, limit, count)

    def count_by(self, kind: str, field: str, where: Sequence[Where] = ()) -> dict[str, int]:
        condition, params = self._where(kind, where)
        rows = self._sql(
            sql.SQL("SELECT {}, count(*) FROM objects WHERE {} GROUP BY 1").format(
                _field(field), condition
            ),
            params,
        ).fetchall()
        return counts_of(rows)

    def count_each(
        self, kind: str, group: str, field: str, where: Sequence[Where] = ()
    ) -> dict[str, dict[str, int]]:
        condition, params = self._where(kind, where)
        rows = self._sql(
            sql.SQL("SELECT {}, {}, count(*) FROM objects WHERE {} GROUP BY 1, 2").format(
                _field(group), _field(field), condition
            ),
            params,
        ).fetchall()
        return counts_by_group(rows)

    def claim_unique_id(self, unique_id: str, task_id: str) -> None:
        assert self._db is not None
        try:
            with self._db.transaction():
                self._sql(
                    "INSERT INTO unique_ids VALUES (%s, %s, %s)", (self._tenant, unique_id, task_id)
                )
        except errors.UniqueViolation:
            raise Conflict(unique_id) from None

    def release_unique_id(self, unique_id: str) -> None:
        self._sql(
            "DELETE FROM unique_ids WHERE tenant = %s AND unique_id = %s",
            (self._tenant, unique_id),
        )

    def put_blob(self, key: str, data: bytes) -> None:
        self._sql(
            "INSERT INTO blobs VALUES (%s, %s, %s) "
            "ON CONFLICT (tenant, key) DO UPDATE SET data = excluded.data",
            (self._tenant, key, data),
        )

    def get_blob(self, key: str) -> bytes | None:
        row = self._sql(
            "SELECT data FROM blobs WHERE tenant = %s AND key = %s", (self._tenant, key)
        ).fetchone()
        return None if row is None else bytes(row[0])

    def after_commit(self, action: Callable[[], None]) -> None:
        self.committed.append(action)

    def schedule_callback(self, task_id: str, url: str, payload: bytes) -> None:
        self._sql(
            f"INSERT INTO callback_jobs VALUES (%s, %s, %s, %s, 1, {NOW}, NULL, NULL) "
            "ON CONFLICT (tenant, task_id) DO UPDATE SET url = excluded.url, "
            "payload = excluded.payload, attempt = 1, due_at = excluded.due_at, lease = NULL, "
            "lease_until = NULL",
            (self._tenant, task_id, url, payload),
        )

    def settle_callback(self, task_id: str, lease: str, retry_in: float | None) -> bool:
        where = "WHERE tenant = %s AND task_id = %s AND lease = %s"
        if retry_in is None:
            done = self._sql(f"DELETE FROM callback_jobs {where}", (self._tenant, task_id, lease))
            return bool(done.rowcount)
        moved = self._sql(
            f"UPDATE callback_jobs SET attempt = attempt + 1, due_at = {NOW} + %s, lease = NULL, "
            f"lease_until = NULL {where}",
            (retry_in, self._tenant, task_id, lease),
        )
        return bool(moved.rowcount)


@contextmanager
def _faults_named() -> Iterator[None]:
    """The database's refusals of the environment as `StorageFault`; any other error (a
    malformed query, a constraint the code did not expect) stays what it is, a bug."""
    try:
        yield
    except (errors.DiskFull, errors.OutOfMemory) as error:
        raise StorageFault("full", "the database is full") from error
    except errors.ReadOnlySqlTransaction as error:
        raise StorageFault("unavailable", "the database is read-only") from error
    except (errors.LockNotAvailable, psycopg_pool.PoolTimeout) as error:
        busy = "the database is busy with this key's other requests; try again"
        raise StorageFault("unavailable", busy) from error
    except psycopg.OperationalError as error:
        raise StorageFault("unavailable", "the database cannot be reached") from error


class PostgresStore:
    """`Storage` on a PostgreSQL database (`postgresql://user@host:port/dbname`)."""

    def __init__(self, url: str, *, pool_size: int = POOL_SIZE) -> None:
        self.url = url
        with _faults_named(), psycopg.connect(url, autocommit=True, connect_timeout=5) as db:
            db.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK,))
            try:
                db.execute(_SCHEMA)
            finally:
                db.execute("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK,))
        self._pool = psycopg_pool.ConnectionPool(
            url,
            min_size=1,
            max_size=pool_size,
            timeout=CONNECT_TIMEOUT,
            check=psycopg_pool.ConnectionPool.check_connection,
            kwargs={"connect_timeout": 5},
            open=True,
            name="scale-mock",
        )
        self._stripes = [threading.Lock() for _ in range(STRIPES)]

    @contextmanager
    def transaction(self, tenant: str, *, wait: bool = True) -> Iterator[Tx]:
        """One atomic unit of work on `tenant`'s records, serialised with the tenant's other
        transactions on every replica. `wait=False` is `Busy` at once (see the module)."""
        if not wait:
            raise Busy
        tx: _PostgresTx | None = None
        # one of this tenant's transactions at a time in this process, before a connection is
        # taken: a busy tenant holds one connection of the pool, not all of them
        stripe = self._stripes[zlib.crc32(tenant.encode("utf-8", "surrogatepass")) % STRIPES]
        with (
            _faults_named(),
            _held(stripe, LOCK_TIMEOUT),
            self._pool.connection() as db,
            db.transaction(),
        ):
            # another replica's transaction of the tenant: waited for, within LOCK_TIMEOUT
            db.execute(f"SET LOCAL lock_timeout = '{int(LOCK_TIMEOUT * 1000)}ms'")
            db.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (tenant,))
            db.execute("SET LOCAL lock_timeout = 0")
            tx = _PostgresTx(db, tenant)
            try:
                yield tx
            finally:
                tx.end()
        for action in tx.committed:
            action()

    def tenants(self, kind: str) -> list[str]:
        with _faults_named(), self._pool.connection() as db:
            rows = db.execute("SELECT DISTINCT tenant FROM objects WHERE kind = %s", (kind,))
            return [str(tenant) for (tenant,) in rows.fetchall()]

    def claim_callbacks(
        self, lease_seconds: float, limit: int, skip: Sequence[str] = ()
    ) -> list[CallbackJob]:
        """`FOR UPDATE SKIP LOCKED`: replicas claiming at once take different jobs."""
        lease = uuid.uuid4().hex
        with _faults_named(), self._pool.connection() as db, db.transaction():
            rows = db.execute(
                "WITH candidates AS (SELECT tenant, task_id, due_at FROM callback_jobs "
                f"WHERE due_at <= {NOW} AND (lease_until IS NULL OR lease_until < {NOW}) "
                "AND NOT (tenant = ANY(%s::text[])) ORDER BY due_at LIMIT %s "
                "FOR UPDATE SKIP LOCKED), "
                "picked AS (SELECT tenant, task_id FROM (SELECT tenant, task_id, due_at, "
                "row_number() OVER (PARTITION BY tenant ORDER BY due_at) AS n "
                "FROM candidates) ranked WHERE n = 1 ORDER BY due_at LIMIT %s) "
                f"UPDATE callback_jobs AS job SET lease = %s, lease_until = {NOW} + %s "
                "FROM picked WHERE job.tenant = picked.tenant AND job.task_id = picked.task_id "
                "RETURNING job.tenant, job.task_id, job.url, job.payload, job.attempt",
                (list(skip), limit * 8, limit, lease, lease_seconds),
            ).fetchall()
        return [CallbackJob(t, k, u, bytes(p), int(a), lease) for t, k, u, p, a in rows]

    def next_callback_due(self) -> float | None:
        with _faults_named(), self._pool.connection() as db:
            row = db.execute(
                "SELECT (SELECT min(due_at) FROM callback_jobs WHERE lease_until IS NULL), "
                "(SELECT min(lease_until) FROM callback_jobs WHERE lease_until IS NOT NULL), "
                f"{NOW}"
            ).fetchone()
        assert row is not None
        times = [float(t) for t in row[:2] if t is not None]
        return min(times) - float(row[2]) if times else None

    def close(self) -> None:
        self._pool.close()
