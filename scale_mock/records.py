"""The two ways a named record is looked up or created: 404 if missing, 409 if taken."""

from __future__ import annotations

from typing import Any

from scale_mock.errors import ApiError, not_found
from scale_mock.store import Conflict, Tx


def require(tx: Tx, kind: str, name: str, what: str, field: str) -> Any:
    """The tenant's record, or a 404 naming it and the input that named it."""
    record = tx.get(kind, name)
    if record is None:
        raise not_found(what, field=field)
    return record


def insert_new(tx: Tx, kind: str, name: str, record: dict[str, Any], taken: str) -> None:
    """Store a new record; a name already in use is a 409 on `body.name`."""
    try:
        tx.insert(kind, name, record)
    except Conflict:
        raise ApiError(409, taken, field="body.name", rule="unique") from None
