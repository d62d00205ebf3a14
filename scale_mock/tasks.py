"""Task semantics: creation for every type, the task's life, and the per-task operations.

Creation answers 200 with the `pending` task, defaults filled into `params`; with a `test_` key
the task then completes at once with a synthetic response valid for its type ("Requests made
with test mode credentials are not completed by a human"); with a `live_` key it stays pending
until the control API completes it, and so does a test-mode task created with the header
`Scale-Mock-Hold: pending` or by a mock started with `--hold-test-tasks`. Attachments that
cannot be fetched (the reserved `.invalid` domain, or a `scaledata://` URL of no stored file)
fail as the documents show, held or not: status `error` with the `AttachmentError` body. Every
finished task is handed to the callback dispatcher.

Conflicts on operations whose body is not a JSON object are 400, never 409: the official SDK
reads `body.get("unique_id")` on a 409 from any `task` path and would crash.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from scale_mock.auth import is_live
from scale_mock.batches import task_written
from scale_mock.callbacks import CallbackRefused
from scale_mock.clock import now
from scale_mock.context import Context, Services
from scale_mock.errors import ApiError, not_found
from scale_mock.responses import synthetic_response
from scale_mock.store import Conflict, Tx

COMMON_KEYS = frozenset(
    {
        "callback_url",
        "instruction",
        "urgency",
        "metadata",
        "project",
        "project_param_version",
        "unique_id",
        "batch",
    }
)
PIXEL_KEYS = ("min_width", "min_height")
TOP_LEVEL_SCRIPT = frozenset({"phonecall"})


def new_id() -> str:
    return secrets.token_hex(12)


def _attachment_urls(body: Mapping[str, Any]) -> list[str]:
    urls = [body["attachment"]] if isinstance(body.get("attachment"), str) else []
    attachments = body.get("attachments", [])
    if isinstance(attachments, list):
        urls += [a for a in attachments if isinstance(a, str)]
        urls += [a["content"] for a in attachments if isinstance(a, dict) and "content" in a]
    return urls


def _unreachable(tx: Tx, urls: list[str]) -> list[str]:
    """URLs the mock cannot fetch: the reserved `.invalid` domain, or unknown `scaledata://`."""
    failed = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme == "scaledata":
            file_id = parts.path.rsplit("/", 1)[-1]
            if tx.get("file", file_id) is None:
                failed.append(url)
        elif (parts.hostname or "").endswith(".invalid"):
            failed.append(url)
    return failed


def _task_params(services: Services, operation_id: str, body: Mapping[str, Any]) -> dict[str, Any]:
    """The stored `params`: the body's type-specific keys over the schema's defaults."""
    defaults = services.spec.defaults(operation_id)
    params = {k: v for k, v in defaults.items() if k not in COMMON_KEYS}
    params.update({k: v for k, v in body.items() if k not in COMMON_KEYS})
    for name in PIXEL_KEYS:
        if isinstance(params.get(name), str):
            params[name] = int(params[name])
    # `row_fields` (docs-2016) "will be stored in the params object" as sent: not renamed.
    if isinstance(params.get("repeatable_fields"), dict):
        params["repeatable_fields"] = {
            k: {"description": v} if isinstance(v, str) else v
            for k, v in params["repeatable_fields"].items()
        }
    return params


def _inherit_from_project(
    tx: Tx, body: Mapping[str, Any], params: dict[str, Any]
) -> tuple[dict[str, Any], str | None]:
    """Apply the project's parameters ("task params override project params") and append its
    instruction to the task's; `project_param_version` picks a version, -1 skips inheritance."""
    instruction = body.get("instruction")
    if "project" not in body:
        return params, instruction
    project = tx.get("project", body["project"])
    if project is None:
        raise ApiError(404, f"Project {body['project']!r} not found", field="body.project")
    version = body.get("project_param_version")
    history = project["param_history"]
    if version == -1 or not history:
        return params, instruction
    chosen = (
        history[-1]
        if version is None
        else next((h for h in history if h["version"] == version), None)
    )
    if chosen is None:
        raise ApiError(
            400,
            f"project_param_version {version} is not in the project's param_history",
            field="body.project_param_version",
            rule="exists",
        )
    inherited = {k: v for k, v in chosen.items() if k not in ("version", "created_at")}
    project_instruction = inherited.pop("instruction", None)
    if project_instruction:
        instruction = (
            f"{instruction}\n\n{project_instruction}" if instruction else project_instruction
        )
    return {**inherited, **params}, instruction


def _check_batch(tx: Tx, body: Mapping[str, Any]) -> dict[str, Any] | None:
    """The batch the task joins (it must exist, in the task's project), if any."""
    if "batch" not in body:
        return None
    batch = tx.get("batch", body["batch"])
    if batch is None:
        raise ApiError(404, f"Batch {body['batch']!r} not found", field="body.batch")
    if "project" in body and batch["project"] != body["project"]:
        raise ApiError(
            400,
            f"Batch {body['batch']!r} belongs to project {batch['project']!r}, "
            f"not {body['project']!r}",
            field="body.batch",
            rule="batch_in_project",
        )
    return batch


def _check_callback_url(services: Services, body: Mapping[str, Any]) -> None:
    """Refuse, before anything is stored, a callback_url the mock will never call."""
    url = body.get("callback_url")
    if isinstance(url, str) and url:
        try:
            services.callbacks.check_url(url)
        except CallbackRefused as refused:
            raise ApiError(
                400, str(refused), field="body.callback_url", rule="callback_url"
            ) from None


def create_task(ctx: Context) -> dict[str, Any]:
    operation = ctx.request.operation
    body: Mapping[str, Any] = ctx.body
    task_type = operation.task_type
    tx = ctx.tx
    _check_callback_url(ctx.services, body)
    params = _task_params(ctx.services, operation.operation_id, body)
    params, instruction = _inherit_from_project(tx, body, params)
    batch = _check_batch(tx, body)
    default_urgency = ctx.services.spec.defaults(operation.operation_id).get("urgency")
    task: dict[str, Any] = {
        "task_id": new_id(),
        "type": task_type,
        "status": "pending",
        "urgency": body.get("urgency", default_urgency or "standard"),
        "params": params,
        "metadata": body.get("metadata", {}),
    }
    if instruction is not None:
        task["instruction"] = instruction
    if task_type in TOP_LEVEL_SCRIPT and "script" in body:
        # docs-2016 shows the phonecall's `script` on the task itself (its prose: in `params`).
        task["script"] = body["script"]
    for name in ("callback_url", "project", "batch", "unique_id"):
        if name in body:
            task[name] = body[name]
    if batch is not None:
        task["project"] = batch["project"]
    # Stamped inside the (serialised) transaction, so `created_at` order is insertion order.
    task["created_at"] = task["updated_at"] = now()
    try:
        if "unique_id" in task:
            tx.claim_unique_id(task["unique_id"], task["task_id"])
        tx.insert("task", task["task_id"], task)
        task_written(tx, task)
    except Conflict:
        raise ApiError(
            409,
            f"A task with unique_id {body['unique_id']!r} already exists",
            field="body.unique_id",
            rule="unique",
        ) from None
    acknowledged = dict(task)
    failed = _unreachable(tx, _attachment_urls(body))
    if failed:
        error = {
            "error": "One or more attachments could not be downloaded.",
            "attachments": [{"statusCode": 404, "url": url} for url in failed],
        }
        finish(ctx.services, tx, task["task_id"], "error", error)
    elif not (is_live(ctx.key) or ctx.hold or ctx.services.hold_test_tasks):
        finish(ctx.services, tx, task["task_id"], "completed", synthetic_response(task))
    return acknowledged


def finish(services: Services, tx: Tx, task_id: str, status: str, response: Any) -> dict[str, Any]:
    """Move a pending task to `completed` or `error` and hand it to the callback outbox, in the
    caller's transaction (which has seen the task pending: terminal states are immutable)."""
    task = load_task(tx, task_id)
    stamp = now()
    task.update(status=status, response=response, updated_at=stamp)
    if status == "completed":
        task["completed_at"] = stamp
    tx.put("task", task_id, task)
    task_written(tx, task)
    services.callbacks.task_finished(tx, task)
    return task


def load_task(tx: Tx, task_id: str) -> dict[str, Any]:
    task = tx.get("task", task_id)
    if task is None:
        raise not_found(f"Task {task_id!r}", "path.task_id")
    return task


def get_task(ctx: Context) -> dict[str, Any]:
    return load_task(ctx.tx, ctx.path("task_id"))


def _require_status(task: dict[str, Any], wanted: str, rule: str, action: str) -> None:
    if task["status"] != wanted:
        raise ApiError(
            400,
            f"Task {task['task_id']!r} is {task['status']}: you may only {action} {wanted} tasks",
            field="path.task_id",
            rule=rule,
        )


def cancel_task(ctx: Context) -> dict[str, Any]:
    def cancel(task: dict[str, Any]) -> None:
        _require_status(task, "pending", "cancel_only_pending", "cancel")
        task["status"] = "canceled"
        if ctx.request.query.get("clear_unique_id") and "unique_id" in task:
            ctx.tx.release_unique_id(task.pop("unique_id"))

    return _update(ctx, cancel)


def audit_task(ctx: Context) -> dict[str, Any]:
    """Accept or reject a completed task; the verdict becomes its `customer_review_status`."""

    def audit(task: dict[str, Any]) -> None:
        _require_status(task, "completed", "audit_only_completed", "audit")
        task["customer_review_status"] = "accepted" if ctx.body["accepted"] else "rejected"
        task["audit"] = {"accepted": ctx.body["accepted"], "comments": ctx.body.get("comments")}

    return _update(ctx, audit)


def set_unique_id(ctx: Context) -> dict[str, Any]:
    tx, wanted = ctx.tx, ctx.body["unique_id"]
    task = load_task(tx, ctx.path("task_id"))
    if task.get("unique_id") == wanted:
        return task
    try:
        tx.claim_unique_id(wanted, task["task_id"])
    except Conflict:
        raise ApiError(
            409,
            f"A task with unique_id {wanted!r} already exists",
            field="body.unique_id",
            rule="unique",
        ) from None
    if "unique_id" in task:
        tx.release_unique_id(task["unique_id"])
    task.update(unique_id=wanted, updated_at=now())
    tx.put("task", task["task_id"], task)
    return task


def _update(ctx: Context, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """Load the task, apply `change(task)`, stamp and store it."""
    task = load_task(ctx.tx, ctx.path("task_id"))
    change(task)
    task["updated_at"] = now()
    ctx.tx.put("task", task["task_id"], task)
    task_written(ctx.tx, task)
    return task


def clear_unique_id(ctx: Context) -> dict[str, Any]:
    def clear(task: dict[str, Any]) -> None:
        if "unique_id" in task:
            ctx.tx.release_unique_id(task.pop("unique_id"))

    return _update(ctx, clear)


def set_metadata(ctx: Context) -> dict[str, Any]:
    """Replace the metadata with the body (the SDK sends no body for `{}`)."""
    return _update(ctx, lambda task: task.update(metadata=ctx.body or {}))


def set_tags(ctx: Context) -> dict[str, Any]:
    """Replace all tags."""
    return _update(ctx, lambda task: task.update(tags=_unique(ctx.body or [])))


def add_tags(ctx: Context) -> dict[str, Any]:
    """Add tags, keeping their order; ones already present are ignored."""
    return _update(
        ctx, lambda task: task.update(tags=_unique([*task.get("tags", []), *(ctx.body or [])]))
    )


def delete_tags(ctx: Context) -> dict[str, Any]:
    """Remove tags; ones not present are ignored."""
    gone = set(ctx.body or [])
    return _update(
        ctx, lambda task: task.update(tags=[t for t in task.get("tags", []) if t not in gone])
    )


def _unique(tags: list[str]) -> list[str]:
    return list(dict.fromkeys(tags))


def complete_task(services: Services, tx: Tx, task_id: str, response: Any | None) -> dict[str, Any]:
    """The control API's "a human finished this task": pending → completed."""
    task = load_task(tx, task_id)
    _require_status(task, "pending", "complete_only_pending", "complete")
    return finish(services, tx, task_id, "completed", response or synthetic_response(task))
