"""Which store a `--db` value names: the one place that knows both backends (the SQLite one in
`store`, the PostgreSQL one in `pg_store`, which builds on it), so neither imports the other's
sibling."""

from __future__ import annotations

from scale_mock.store import Storage, Store


def open_store(database: str, *, max_size: int | None = None) -> Storage:
    """A `postgresql://` URL (several replicas may share it), else a SQLite file (or
    `:memory:`)."""
    if database.startswith(("postgresql://", "postgres://")):
        if max_size is not None:
            raise ValueError("--max-db-size is for SQLite files; PostgreSQL has its own quotas")
        from scale_mock.pg_store import PostgresStore  # psycopg only when asked for

        return PostgresStore(database)
    return Store(database, max_size=max_size)
