"""Batches: created `in_progress` in a project, finalized, counted by task status.

A batch's status is `completed` once it has tasks and all of them are terminal (inventory 9.3,
an assumption); until then it keeps its stored status.
"""

from __future__ import annotations

from typing import Any

from scale_mock.clock import now, parse_filter_time
from scale_mock.context import Context
from scale_mock.projects import load_project
from scale_mock.records import insert_new, require
from scale_mock.store import Tx, Where

TERMINAL = ("completed", "canceled", "error")


def task_counts(tx: Tx, batch: str) -> dict[str, int]:
    return tx.count_by("task", "status", [Where("batch", "=", batch)])


def with_counts(tx: Tx, batch: dict[str, Any]) -> tuple[dict[str, Any], dict[str, int]]:
    """The batch with its derived status, and its task counts (one query for both)."""
    counts = task_counts(tx, batch["name"])
    if counts and all(status in TERMINAL for status in counts):
        batch["status"] = "completed"
    return batch, counts


def _with_status(tx: Tx, batch: dict[str, Any]) -> dict[str, Any]:
    return with_counts(tx, batch)[0]


def stored_batch(tx: Tx, name: str, field: str = "path.batch_name") -> Any:
    """The batch as stored (its status not yet derived from its tasks), or a 404."""
    return require(tx, "batch", name, f"Batch {name!r}", field)


def load_batch(tx: Tx, name: str) -> dict[str, Any]:
    return _with_status(tx, stored_batch(tx, name))


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
    return load_batch(ctx.tx, ctx.path("batch_name"))


def list_batches(ctx: Context) -> dict[str, Any]:
    query, tx = ctx.request.query, ctx.tx
    batches = [_with_status(tx, b) for b in tx.list("batch").docs]
    if "project" in query:
        batches = [b for b in batches if b["project"] == query["project"]]
    if "status" in query:
        batches = [b for b in batches if b["status"] == query["status"]]
    if "start_time" in query:
        start = _bound(query["start_time"], "start_time")
        batches = [b for b in batches if b["created_at"] >= start]
    if "end_time" in query:
        end = _bound(query["end_time"], "end_time")
        batches = [b for b in batches if b["created_at"] <= end]
    limit, offset = query.get("limit", 100), query.get("offset", 0)
    page = batches[offset : offset + limit]
    return {
        "docs": page,
        "totalDocs": len(batches),
        "limit": limit,
        "offset": offset,
        "has_more": offset + len(page) < len(batches),
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
    return _with_status(tx, batch)


def get_batch_status(ctx: Context) -> dict[str, Any]:
    batch = load_batch(ctx.tx, ctx.path("batch_name"))
    return {"status": batch["status"], **task_counts(ctx.tx, batch["name"])}


def set_batch_metadata(ctx: Context) -> dict[str, Any]:
    tx, name = ctx.tx, ctx.path("batch_name")
    batch = stored_batch(tx, name)
    batch["metadata"] = ctx.body or {}
    tx.put("batch", name, batch)
    return _with_status(tx, batch)
