"""`GET /tasks`: every documented filter, newest first, paged by `offset` or by `next_token`.

Filters become conditions on the stored task (`Where`) that the store answers in its own query
language, so a page of a large account costs about what it costs on a small one. `next_token`
is keyset paging: it carries the position of the last task returned, so tasks created while a
client pages do not shift pages.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from typing import Any, Literal

from scale_mock.clock import parse_filter_time
from scale_mock.context import Context
from scale_mock.errors import invalid
from scale_mock.store import SQLITE_MAX_INTEGER, Where

MAX_TOKEN_LENGTH = 256  # a token this server returns is about 30 characters
LIMITED_KEYS = ("task_id", "status", "metadata", "project", "otherVersion")


def _equals(name: str) -> Callable[[Any], Where]:
    return lambda value: Where(name, "=", value)


def _one_of(name: str) -> Callable[[Any], Where]:
    return lambda values: Where(name, "in", values)


def _any_tag(values: list[str]) -> Where:
    return Where("tags", "has_any", values)


def _time_bound(name: str, operator: Literal[">=", "<="], parameter: str) -> Callable[[Any], Where]:
    return lambda raw: Where(name, operator, parse_filter_time(raw, f"query.{parameter}"))


# Query parameter → the condition it puts on a task. Every time bound is inclusive: the SDK
# documents each as "the minimum (maximum) value of" its timestamp.
FILTERS: dict[str, Callable[[Any], Where]] = {
    "status": _equals("status"),
    "type": _equals("type"),
    "project": _equals("project"),
    "batch": _equals("batch"),
    "unique_id": _one_of("unique_id"),
    "customer_review_status": _one_of("customer_review_status"),
    "tags": _any_tag,
    "start_time": _time_bound("created_at", ">=", "start_time"),
    "end_time": _time_bound("created_at", "<=", "end_time"),
    "completed_after": _time_bound("completed_at", ">=", "completed_after"),
    "completed_before": _time_bound("completed_at", "<=", "completed_before"),
    "updated_after": _time_bound("updated_at", ">=", "updated_after"),
    "updated_before": _time_bound("updated_at", "<=", "updated_before"),
}


def _as_list(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value]


def list_tasks(ctx: Context) -> dict[str, Any]:
    query = ctx.request.query
    filters = []
    for name, build in FILTERS.items():
        if name in query:
            value = query[name]
            multi = name in ("unique_id", "customer_review_status", "tags")
            filters.append(build(_as_list(value) if multi else value))
    limit = query.get("limit", 100)
    token = query.get("next_token")
    before = decode_token(token) if token else None
    offset = 0 if token else query.get("offset", 0)
    page = ctx.tx.list("task", filters, limit=limit, offset=offset, after=before)
    docs = page.docs
    if query.get("limited_response"):
        docs = [{k: task[k] for k in LIMITED_KEYS if k in task} for task in docs]
    result: dict[str, Any] = {
        "docs": docs,
        "total": page.total,
        "limit": limit,
        "offset": offset,
        "has_more": page.has_more,
    }
    if page.has_more and page.cursor is not None:
        result["next_token"] = encode_token(page.cursor)
    return result


def encode_token(last_seq: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"before": last_seq}).encode()).decode()


def decode_token(token: str) -> int:
    refused = invalid("query.next_token", "not a token this server returned", "opaque_token")
    if len(token) > MAX_TOKEN_LENGTH:
        raise refused
    try:
        position = json.loads(base64.urlsafe_b64decode(token.encode()))["before"]
    except (ValueError, KeyError, TypeError, binascii.Error, RecursionError):
        raise refused from None
    if not isinstance(position, int) or isinstance(position, bool):
        raise refused
    if not 0 <= position <= SQLITE_MAX_INTEGER:
        raise refused
    return position
