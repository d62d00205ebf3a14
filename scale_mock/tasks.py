"""Task semantics: creation for every type, retrieval, cancellation and the task list.

Follows the documents: creation answers 200 with the `pending` task, defaults filled into
`params`; with a `test_` key the task then completes at once with a synthetic response valid for
its type ("Requests made with test mode credentials are not completed by a human"); with a
`live_` key it stays pending. Attachments on the reserved `.invalid` domain fail as a real
unreachable attachment would: status `error` with the documented `AttachmentError` body.
"""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from scale_mock.auth import is_live
from scale_mock.errors import ApiError, not_found
from scale_mock.responses import synthetic_response
from scale_mock.spec import CompiledSpec
from scale_mock.store import Conflict, Store

COMMON_KEYS = (
    "callback_url",
    "instruction",
    "urgency",
    "metadata",
    "project",
    "project_param_version",
    "unique_id",
    "batch",
)
PIXEL_KEYS = ("min_width", "min_height")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return secrets.token_hex(12)


def _defaults(spec: CompiledSpec, schema: Any) -> dict[str, Any]:
    """Every property default the (allOf-merged) request schema declares."""
    schema = spec.resolve(schema)
    found: dict[str, Any] = {}
    for member in schema.get("allOf", []):
        found.update(_defaults(spec, member))
    for name, prop in schema.get("properties", {}).items():
        prop = spec.resolve(prop)
        if "default" in prop:
            found[name] = prop["default"]
    return found


def _attachment_urls(body: dict[str, Any]) -> list[str]:
    urls = [body["attachment"]] if isinstance(body.get("attachment"), str) else []
    urls += [a for a in body.get("attachments", []) if isinstance(a, str)]
    urls += [a["content"] for a in body.get("attachments", []) if isinstance(a, dict)]
    return urls


def _unreachable(urls: list[str]) -> list[str]:
    return [u for u in urls if (urlsplit(u).hostname or "").endswith(".invalid")]


def create_task(
    spec: CompiledSpec, store: Store, key: str, task_type: str, schema: Any, body: dict[str, Any]
) -> dict[str, Any]:
    if task_type == "categorize":
        task_type = "categorization"
    params = {**_defaults(spec, schema), **{k: v for k, v in body.items() if k not in COMMON_KEYS}}
    for name in PIXEL_KEYS:
        if isinstance(params.get(name), str):
            params[name] = int(params[name])
    if "row_fields" in params and "repeatable_fields" not in params:
        params["repeatable_fields"] = params.pop("row_fields")
    if isinstance(params.get("repeatable_fields"), dict):
        params["repeatable_fields"] = {
            k: {"description": v} if isinstance(v, str) else v
            for k, v in params["repeatable_fields"].items()
        }
    params.pop("urgency", None)
    instruction = body.get("instruction")
    if "project" in body:
        project = store.get(key, "project", body["project"])
        if project is None:
            raise ApiError(404, f"Project {body['project']!r} not found", field="body.project")
        version = body.get("project_param_version")
        history = project["param_history"]
        if version != -1 and history:
            chosen = (
                history[-1]
                if version is None
                else next((h for h in history if h["version"] == version), None)
            )
            if chosen is None:
                raise ApiError(
                    400,
                    f"project_param_version {version} does not exist",
                    field="body.project_param_version",
                    rule="exists",
                )
            inherited = {k: v for k, v in chosen.items() if k not in ("version", "created_at")}
            project_instruction = inherited.pop("instruction", None)
            params = {**inherited, **params}
            if project_instruction:
                instruction = (
                    f"{instruction}\n\n{project_instruction}"
                    if instruction
                    else project_instruction
                )
    if "batch" in body and store.get(key, "batch", body["batch"]) is None:
        raise ApiError(404, f"Batch {body['batch']!r} not found", field="body.batch")
    created = now()
    task: dict[str, Any] = {
        "task_id": new_id(),
        "created_at": created,
        "updated_at": created,
        "type": task_type,
        "status": "pending",
        "urgency": body.get("urgency", "standard"),
        "params": params,
        "metadata": body.get("metadata", {}),
    }
    for name in ("callback_url", "project", "batch", "unique_id"):
        if name in body:
            task[name] = body[name]
    if instruction is not None:
        task["instruction"] = instruction
    try:
        store.insert_task(key, task)
    except Conflict:
        raise ApiError(
            409,
            f"A task with unique_id {body['unique_id']!r} already exists",
            field="body.unique_id",
            rule="unique",
        ) from None
    snapshot = dict(task)
    failed = _unreachable(_attachment_urls(body))
    if failed:
        finish(
            store,
            key,
            task,
            "error",
            {
                "error": "One or more attachments could not be downloaded.",
                "attachments": [{"statusCode": 404, "url": url} for url in failed],
            },
        )
    elif not is_live(key):
        finish(store, key, task, "completed", synthetic_response(task))
    return snapshot


def finish(store: Store, key: str, task: dict[str, Any], status: str, response: Any) -> None:
    stamp = now()
    task.update(status=status, response=response, updated_at=stamp)
    if status == "completed":
        task["completed_at"] = stamp
    with store.transaction() as db:
        store.put(db, key, "task", task["task_id"], task)


def get_task(store: Store, key: str, task_id: str) -> dict[str, Any]:
    task = store.get(key, "task", task_id)
    if task is None:
        raise not_found(f"Task {task_id!r}")
    return task


def cancel_task(store: Store, key: str, task_id: str, clear_unique_id: bool) -> dict[str, Any]:
    with store.transaction() as db:
        task = get_task(store, key, task_id)
        if task["status"] != "pending":
            raise ApiError(
                400,
                f"Task {task_id!r} is {task['status']}: you may only cancel pending tasks",
                field="path.task_id",
                rule="cancel_only_pending",
            )
        task.update(status="canceled", updated_at=now())
        if clear_unique_id and "unique_id" in task:
            store.release_unique_id(db, key, task.pop("unique_id"))
        store.put(db, key, "task", task_id, task)
    return task


_LIST_FILTERS: dict[str, Callable[[dict[str, Any], Any], bool]] = {
    "status": lambda t, v: t.get("status") == v,
    "type": lambda t, v: t.get("type") == v,
    "project": lambda t, v: t.get("project") == v,
    "batch": lambda t, v: t.get("batch") == v,
    "unique_id": lambda t, v: t.get("unique_id") in v,
    "tags": lambda t, v: bool(set(t.get("tags", [])) & set(v)),
}


def list_tasks(store: Store, key: str, query: dict[str, Any]) -> dict[str, Any]:
    matching = [
        t
        for t in store.all(key, "task")
        if all(test(t, query[name]) for name, test in _LIST_FILTERS.items() if name in query)
    ]
    limit = query.get("limit", 100)
    offset = query.get("offset", 0)
    if "next_token" in query:
        offset = _decode_token(query["next_token"])
    page = matching[offset : offset + limit]
    has_more = offset + len(page) < len(matching)
    result: dict[str, Any] = {
        "docs": page,
        "total": len(matching),
        "limit": limit,
        "offset": 0 if "next_token" in query else offset,
        "has_more": has_more,
    }
    if has_more:
        result["next_token"] = _encode_token(offset + len(page))
    if query.get("limited_response"):
        keep = ("task_id", "status", "metadata", "project", "otherVersion")
        result["docs"] = [{k: t[k] for k in keep if k in t} for t in page]
    return result


def _encode_token(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode()


def _decode_token(token: str) -> int:
    try:
        offset = json.loads(base64.urlsafe_b64decode(token.encode()))["o"]
    except (ValueError, KeyError, TypeError):
        raise ApiError(
            400,
            "next_token is not a token this server returned",
            field="query.next_token",
            rule="opaque_token",
        ) from None
    if not isinstance(offset, int) or offset < 0:
        raise ApiError(
            400,
            "next_token is not a token this server returned",
            field="query.next_token",
            rule="opaque_token",
        )
    return offset
