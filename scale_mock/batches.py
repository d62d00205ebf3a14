"""Batches: created `in_progress` in a project, finalized, counted by task status.

A batch's status is `completed` once it has tasks and all of them are terminal (inventory 9.3,
an assumption); until then it keeps its own (`staging` or `in_progress`). That status is stored
with the batch and kept current by every write of one of its tasks (`task_written`), so a
list of batches filters and pages in one query of the store, whatever the number of batches
or of tasks in them.
"""

from __future__ import annotations

from typing import Any

from scale_mock.clock import now, parse_filter_time
from scale_mock.context import Context
from scale_mock.projects import load_project
from scale_mock.records import insert_new, require
from scale_mock.store import Storage, Tx, Where

TERMINAL = ("completed", "canceled", "error")


def task_counts(tx: Tx, batch: str) -> dict[str, int]:
    return tx.count_by("task", "status", [Where("batch", "=", batch)])


def _status_from(counts: dict[str, int], own: str) -> str:
    if counts and all(status in TERMINAL for status in counts):
        return "completed"
    return "in_progress" if own == "completed" else own


def _refresh(tx: Tx, batch: dict[str, Any]) -> None:
    status = _status_from(task_counts(tx, batch["name"]), batch["status"])
    if status != batch["status"]:
        batch["status"] = status
        tx.put("batch", batch["name"], batch)


def task_written(tx: Tx, task: dict[str, Any]) -> None:
    """Keep the stored status of the task's batch what its tasks make it (one indexed count)."""
    name = task.get("batch")
    batch = tx.get("batch", name) if isinstance(name, str) else None
    if batch is not None:
        _refresh(tx, batch)


MIGRATIONS_TENANT = ""  # no API key is empty: records of the mock itself
STATUSES_STORED = "batch_statuses_stored"


def store_statuses(store: Storage) -> None:
    """Once per database: give every batch the status its tasks make it. A database written
    before statuses were stored (and kept current by `task_written`) holds the status each
    batch was created with."""
    with store.transaction(MIGRATIONS_TENANT) as tx:
        if tx.get("migration", STATUSES_STORED) is not None:
            return
    for tenant in store.tenants("batch"):
        with store.transaction(tenant) as tx:
            for batch in tx.list("batch").docs:
                _refresh(tx, batch)
    with store.transaction(MIGRATIONS_TENANT) as tx:
        tx.put("migration", STATUSES_STORED, {"done_at": now()})


def stored_batch(tx: Tx, name: str, field: str = "path.batch_name") -> dict[str, Any]:
    """The batch (its status current: see `task_written`), or a 404."""
    return dict(require(tx, "batch", name, f"Batch {name!r}", field))


def create_batch(ctx: Context) -> dict[str, Any]:
    body = ctx.body
    load_project(ctx.tx, body["project"], field="body.project")
    batch = {
        "name": body["name"],
        "project": body["project"],
        "status": "in_progress",
        "created_at": now(),
        "metadata": body.get("metadata", {}),
        "callback": body.get("callback", ""),
        "calibration_batch": body.get("calibration_batch", False),
        "self_label_batch": body.get("self_label_batch", False),
    }
    taken = f"A batch named {body['name']!r} already exists"
    insert_new(ctx.tx, "batch", body["name"], batch, taken)
    return batch


def get_batch(ctx: Context) -> dict[str, Any]:
    return stored_batch(ctx.tx, ctx.path("batch_name"))


def list_batches(ctx: Context) -> dict[str, Any]:
    """Newest first, filtered and paged by the store: one page costs one query (and a count)."""
    query = ctx.request.query
    filters = [Where(name, "=", query[name]) for name in ("project", "status") if name in query]
    if "start_time" in query:
        filters.append(Where("created_at", ">=", _bound(query["start_time"], "start_time")))
    if "end_time" in query:
        filters.append(Where("created_at", "<=", _bound(query["end_time"], "end_time")))
    limit, offset = query.get("limit", 100), query.get("offset", 0)
    page = ctx.tx.list("batch", filters, limit=limit, offset=offset)
    return {
        "docs": page.docs,
        "totalDocs": page.total,
        "limit": limit,
        "offset": offset,
        "has_more": page.has_more,
    }


def _bound(raw: str, name: str) -> str:
    return parse_filter_time(raw, f"query.{name}")


def finalize_batch(ctx: Context) -> dict[str, Any]:
    """A `staging` batch starts (`in_progress`); finalizing again changes nothing."""
    tx, name = ctx.tx, ctx.path("batch_name")
    batch = stored_batch(tx, name)
    if batch["status"] == "staging":
        batch["status"] = "in_progress"
        tx.put("batch", name, batch)
    return batch


def get_batch_status(ctx: Context) -> dict[str, Any]:
    batch = stored_batch(ctx.tx, ctx.path("batch_name"))
    return {"status": batch["status"], **task_counts(ctx.tx, batch["name"])}


def set_batch_metadata(ctx: Context) -> dict[str, Any]:
    tx, name = ctx.tx, ctx.path("batch_name")
    batch = stored_batch(tx, name)
    batch["metadata"] = ctx.body or {}
    tx.put("batch", name, batch)
    return batch
