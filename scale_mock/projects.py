"""Projects: names unique per account, parameters versioned in `param_history`."""

from __future__ import annotations

from typing import Any

from scale_mock.errors import ApiError, not_found
from scale_mock.store import Conflict, Store
from scale_mock.tasks import now


def create_project(store: Store, key: str, body: dict[str, Any]) -> dict[str, Any]:
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
    try:
        store.insert(key, "project", body["name"], project)
    except Conflict:
        raise ApiError(
            409,
            f"A project named {body['name']!r} already exists",
            field="body.name",
            rule="unique",
        ) from None
    return project


def get_project(store: Store, key: str, name: str) -> dict[str, Any]:
    project = store.get(key, "project", name)
    if project is None:
        raise not_found(f"Project {name!r}")
    return project


def list_projects(store: Store, key: str) -> list[dict[str, Any]]:
    return store.all(key, "project", newest_first=False)
