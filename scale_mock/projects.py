"""Projects: names unique per account, parameters versioned in `param_history`.

"Projects keep a history of the parameters that they were set with": creation is version 0 and
every `setParams` appends the next version, which new tasks inherit.
"""

from __future__ import annotations

from typing import Any

from scale_mock.clock import now
from scale_mock.context import Context
from scale_mock.errors import ApiError
from scale_mock.records import insert_new, require
from scale_mock.store import Tx

TEMPLATE_TYPES = frozenset({"textcollection", "chat"})


def load_project(tx: Tx, name: str, field: str = "path.project_name") -> Any:
    return require(tx, "project", name, f"Project {name!r}", field)


def create_project(ctx: Context) -> dict[str, Any]:
    body = ctx.body
    created = now()
    params = dict(body.get("params") or {})
    project = {
        "name": body["name"],
        "type": body["type"],
        "created_at": created,
        "param_history": [{**params, "version": 0, "created_at": created}],
        "rapid": bool(body.get("rapid", False)),
        "studio": bool(body.get("studio", False)),
    }
    if body.get("datasetId") is not None:
        project["datasetId"] = body["datasetId"]
    taken = f"A project named {body['name']!r} already exists"
    insert_new(ctx.tx, "project", body["name"], project, taken)
    return project


def get_project(ctx: Context) -> Any:
    return load_project(ctx.tx, ctx.path("project_name"))


def list_projects(ctx: Context) -> list[dict[str, Any]]:
    return ctx.tx.list("project", oldest_first=True).docs


def set_project_params(ctx: Context) -> Any:
    """Append version n+1. With `patch: true` the new version merges into the current one;
    otherwise it replaces it (the SDK README's `patch=False`)."""
    name = ctx.path("project_name")
    project = load_project(ctx.tx, name)
    history = project["param_history"]
    changes = {k: v for k, v in ctx.body.items() if k != "patch"}
    base = {}
    if ctx.body.get("patch") and history:
        base = {k: v for k, v in history[-1].items() if k not in ("version", "created_at")}
    version = history[-1]["version"] + 1 if history else 0
    history.append({**base, **changes, "version": version, "created_at": now()})
    ctx.tx.put("project", name, project)
    return project


def get_task_template(ctx: Context) -> dict[str, Any]:
    """Only "TextCollection and Chat" projects have task templates (`sdk`)."""
    project = load_project(ctx.tx, ctx.path("project_name"))
    if project["type"] not in TEMPLATE_TYPES:
        raise ApiError(
            400,
            f"Project {project['name']!r} is a {project['type']} project; task templates exist "
            "only for textcollection and chat projects",
            field="path.project_name",
            rule="task_template_supported",
        )
    current = project["param_history"][-1] if project["param_history"] else {}
    return {
        "id": f"tt_{project['name']}",
        "version": current.get("version", 0),
        "created_at": project["created_at"],
        "updated_at": current.get("created_at", project["created_at"]),
        "template_variables": current.get("template_variables", {}),
        "auto_onboard_enabled": False,
    }
