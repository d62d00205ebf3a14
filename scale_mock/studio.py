"""Scale Studio: labeler assignments, project groups and the priority of pending batches.

Documented rules enforced here: a group's members "must be assigned to the specified project",
and setting priorities "must include all pending studio batches". Pending Studio batches are the
batches of `studio` projects that are not completed.
"""

from __future__ import annotations

import hashlib
from typing import Any

from scale_mock.batches import stored_batch, task_counts
from scale_mock.context import Context
from scale_mock.errors import ApiError
from scale_mock.projects import load_project
from scale_mock.records import insert_new, require
from scale_mock.store import Tx, Where

ASSIGNMENTS = "assignments"


def _short_id(*parts: str) -> str:
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:24]


def _assignments(tx: Tx) -> dict[str, list[str]]:
    found = tx.get("studio", ASSIGNMENTS)
    return {} if found is None else dict(found)


def list_assignments(ctx: Context) -> dict[str, list[str]]:
    return _assignments(ctx.tx)


def add_assignments(ctx: Context) -> dict[str, list[str]]:
    for index, project in enumerate(ctx.body["projects"]):
        load_project(ctx.tx, project, field=f"body.projects[{index}]")
    assignments = _assignments(ctx.tx)
    for email in ctx.body["emails"]:
        current = assignments.get(email, [])
        assignments[email] = list(dict.fromkeys([*current, *ctx.body["projects"]]))
    ctx.tx.put("studio", ASSIGNMENTS, assignments)
    return assignments


def remove_assignments(ctx: Context) -> dict[str, list[str]]:
    gone = set(ctx.body["projects"])
    assignments = _assignments(ctx.tx)
    for email in ctx.body["emails"]:
        kept = [p for p in assignments.get(email, []) if p not in gone]
        if kept:
            assignments[email] = kept
        else:
            assignments.pop(email, None)
    ctx.tx.put("studio", ASSIGNMENTS, assignments)
    return assignments


def _require_assigned(ctx: Context, project: str, emails: list[str], field: str) -> None:
    assignments = _assignments(ctx.tx)
    for index, email in enumerate(emails):
        if project not in assignments.get(email, []):
            raise ApiError(
                400,
                f"{email!r} is not assigned to project {project!r}; "
                "the emails must be assigned to the specified project",
                field=f"{field}[{index}]",
                rule="assigned_to_project",
            )


def _group(project: str, name: str, emails: list[str]) -> dict[str, Any]:
    workers = [{"id": _short_id(project, email), "email": email} for email in emails]
    return {
        "id": _short_id(project, "group", name),
        "name": name,
        "numWorkers": len(workers),
        "isSingleton": False,
        "workers": workers,
    }


def list_groups(ctx: Context) -> list[dict[str, Any]]:
    project = ctx.path("project_name")
    load_project(ctx.tx, project)
    prefix = f"{project}/"
    groups = ctx.tx.list("studio_group", oldest_first=True).docs
    return [g["group"] for g in groups if g["key"].startswith(prefix)]


def create_group(ctx: Context) -> dict[str, Any]:
    project = ctx.path("project_name")
    load_project(ctx.tx, project)
    emails = list(dict.fromkeys(ctx.body["emails"]))
    _require_assigned(ctx, project, emails, "body.emails")
    group = _group(project, ctx.body["name"], emails)
    record_key = f"{project}/{ctx.body['name']}"
    taken = f"Project {project!r} already has a group named {ctx.body['name']!r}"
    insert_new(ctx.tx, "studio_group", record_key, {"key": record_key, "group": group}, taken)
    return group


def update_group(ctx: Context) -> dict[str, Any]:
    project, name = ctx.path("project_name"), ctx.path("group_name")
    load_project(ctx.tx, project)
    record_key = f"{project}/{name}"
    what = f"Group {name!r} of project {project!r}"
    record = require(ctx.tx, "studio_group", record_key, what, "path.group_name")
    added = ctx.body.get("add_emails", [])
    _require_assigned(ctx, project, added, "body.add_emails")
    removed = set(ctx.body.get("remove_emails", []))
    current = [w["email"] for w in record["group"]["workers"]]
    emails = [e for e in dict.fromkeys([*current, *added]) if e not in removed]
    record["group"] = _group(project, name, emails)
    ctx.tx.put("studio_group", record_key, record)
    return dict(record["group"])


def _pending_studio_batches(ctx: Context) -> list[dict[str, Any]]:
    """Pending batches of studio projects: by priority when set, then oldest first."""
    tx = ctx.tx
    studio_projects = {
        p["name"]: p for p in tx.list("project", oldest_first=True).docs if p["studio"]
    }
    if not studio_projects:
        return []
    in_studio = Where("project", "in", list(studio_projects))
    not_done = Where("status", "in", ["staging", "in_progress"])
    pending = tx.list("batch", [in_studio, not_done], oldest_first=True).docs
    names = Where("batch", "in", [b["name"] for b in pending])
    counts = tx.count_each("task", "batch", "status", [names]) if pending else {}
    pending.sort(key=lambda b: (b.get("studioPriority") is None, b.get("studioPriority") or 0))
    return [
        _studio_view(b, studio_projects[b["project"]], counts.get(b["name"], {})) for b in pending
    ]


def _studio_view(
    batch: dict[str, Any], project: dict[str, Any], counts: dict[str, int]
) -> dict[str, Any]:
    return {
        "id": _short_id("batch", batch["name"]),
        "name": batch["name"],
        "projectId": _short_id("project", project["name"]),
        "projectName": project["name"],
        "batchType": "Production",
        "studioPriority": batch.get("studioPriority"),
        "total": sum(counts.values()),
        "completed": counts.get("completed", 0),
        "groups": batch.get("studio_groups", []),
    }


def list_batches(ctx: Context) -> list[dict[str, Any]]:
    return _pending_studio_batches(ctx)


def assign_batch(ctx: Context) -> dict[str, Any]:
    name = ctx.path("batch_name")
    batch = stored_batch(ctx.tx, name)
    project = load_project(ctx.tx, batch["project"])
    if not project["studio"]:
        raise ApiError(
            400,
            f"Batch {name!r} is not in a Studio project",
            field="path.batch_name",
            rule="studio_project",
        )
    known = {
        g["group"]["name"]
        for g in ctx.tx.list("studio_group").docs
        if g["key"].startswith(f"{project['name']}/")
    }
    for index, group in enumerate(ctx.body["groups"]):
        if group not in known:
            raise ApiError(
                400,
                f"Project {project['name']!r} has no group named {group!r}",
                field=f"body.groups[{index}]",
                rule="group_exists",
            )
    batch["studio_groups"] = list(dict.fromkeys(ctx.body["groups"]))
    ctx.tx.put("batch", name, batch)
    return _studio_view(batch, project, task_counts(ctx.tx, name))


def _set_priorities(ctx: Context, order: list[str]) -> None:
    for batch in ctx.tx.list("batch").docs:
        priority = order.index(batch["name"]) + 1 if batch["name"] in order else None
        if batch.get("studioPriority") != priority:
            batch["studioPriority"] = priority
            ctx.tx.put("batch", batch["name"], batch)


def set_priorities(ctx: Context) -> list[dict[str, Any]]:
    wanted = [entry["name"] for entry in ctx.body["batches"]]
    pending = [b["name"] for b in _pending_studio_batches(ctx)]
    for index, name in enumerate(wanted):
        if name not in pending:
            raise ApiError(
                400,
                f"{name!r} is not a pending Studio batch",
                field=f"body.batches[{index}].name",
                rule="pending_studio_batch",
            )
    missing = [name for name in pending if name not in wanted]
    if missing or len(set(wanted)) != len(wanted):
        raise ApiError(
            400,
            "You must include all pending studio batches, each once; missing: "
            + ", ".join(repr(m) for m in missing),
            field="body.batches",
            rule="all_pending_batches",
        )
    _set_priorities(ctx, wanted)
    return _pending_studio_batches(ctx)


def reset_priorities(ctx: Context) -> list[dict[str, Any]]:
    """Back to the default order, oldest first."""
    _set_priorities(ctx, [])
    return _pending_studio_batches(ctx)
