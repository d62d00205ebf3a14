"""Broken servers for the checks of `contract_tests/test_documented.py`: scale-mock behind
rewrites that each break one documented behaviour of the matrix (`openapi/behaviours.yaml`).

A run of the suite is mostly start-up, so breaks that cannot disturb one another share a server:
each break touches one field, status or endpoint that only its own check looks at, and the run
must name every rule of the server as broken.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Scope

from tests.contract_suite_tests.broken_servers import RequestEdit, ResponseEdit, Rewrite

TASK = r"/v1/task/[^/]+"
CREATE = r"/v1/task/[a-z]+"


def _is(scope: Scope, method: str, pattern: str) -> bool:
    return scope["method"] == method and re.fullmatch(pattern, scope["path"]) is not None


def _json(content: bytes) -> Any:
    try:
        return json.loads(content)
    except ValueError:
        return None


def _edit_json(
    method: str, pattern: str, status: int, change: Callable[[Any], Any]
) -> ResponseEdit:
    """A response edit applying `change` to the JSON body of matching answers."""

    def edit(scope: Scope, got: int, content: bytes) -> tuple[int, bytes]:
        payload = _json(content)
        if got == status and _is(scope, method, pattern) and payload is not None:
            return got, json.dumps(change(payload)).encode()
        return got, content

    return edit


def _status(method: str, pattern: str, old: int, new: int) -> ResponseEdit:
    def edit(scope: Scope, got: int, content: bytes) -> tuple[int, bytes]:
        return (new if got == old and _is(scope, method, pattern) else got), content

    return edit


def _without(*names: str) -> Callable[[Any], Any]:
    def drop(payload: Any) -> Any:
        return {k: v for k, v in payload.items() if k not in names}

    return drop


def _chain_requests(*edits: RequestEdit) -> RequestEdit:
    def chained(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
        for edit in edits:
            scope, body = edit(scope, body)
        return scope, body

    return chained


def _chain_responses(*edits: ResponseEdit) -> ResponseEdit:
    def chained(scope: Scope, status: int, content: bytes) -> tuple[int, bytes]:
        for edit in edits:
            status, content = edit(scope, status, content)
        return status, content

    return chained


# --- the breaks ------------------------------------------------------------------------------


def _drop_category_ids(task: Any) -> Any:
    params = {k: v for k, v in task.get("params", {}).items() if k != "category_ids"}
    return {**task, "params": params}


def _drop_category_id(task: Any) -> Any:
    """A categorization task given `category_ids` answers without `category_id`."""
    answer = task.get("response")
    if task.get("type") == "categorization" and isinstance(answer, dict):
        return {**task, "response": {k: v for k, v in answer.items() if k != "category_id"}}
    return task


def _misshapen_comparison(task: Any) -> Any:
    if task.get("type") == "comparison" and task.get("status") == "completed":
        return {**task, "response": "the comparison was done"}
    return task


def _instruction_without_project_part(task: Any) -> Any:
    if isinstance(task.get("instruction"), str):
        return {**task, "instruction": task["instruction"].split("\n\n")[0]}
    return task


def _drop_empty_metadata(payload: Any) -> Any:
    def strip(task: Any) -> Any:
        if isinstance(task, dict) and task.get("metadata") == {}:
            return {k: v for k, v in task.items() if k != "metadata"}
        return task

    if isinstance(payload, dict) and isinstance(payload.get("docs"), list):
        return {**payload, "docs": [strip(task) for task in payload["docs"]]}
    return strip(payload)


def _rename_batch(batch: Any) -> Any:
    return {**batch, "name": f"{batch.get('name')}-renamed"}


def _cancel_answers_pending(task: Any) -> Any:
    return {**task, "status": "pending"}


def default_limit_10(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """`GET /tasks` without `limit` pages by 10 (the documented default is 100)."""
    if _is(scope, "GET", r"/v1/tasks"):
        query = parse_qsl(scope["query_string"].decode())
        if not any(k == "limit" for k, _ in query):
            scope["query_string"] = urlencode([*query, ("limit", "10")]).encode()
    return scope, body


def attachments_always_fetched(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """An attachment that cannot be fetched (`.invalid`) is treated as one that can."""
    if _is(scope, "POST", CREATE) and b".invalid" in body:
        body = re.sub(rb"https://[^/\"]+\.invalid/", b"https://example.com/", body)
    return scope, body


def cancel_ignores_clear_unique_id(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """`POST /task/{id}/cancel?clear_unique_id=true` keeps the unique_id."""
    if _is(scope, "POST", rf"{TASK}/cancel"):
        query = [
            (k, v) for k, v in parse_qsl(scope["query_string"].decode()) if k != "clear_unique_id"
        ]
        scope["query_string"] = urlencode(query).encode()
    return scope, body


@dataclass(frozen=True)
class DocumentedBreak:
    """A broken server, the checks to run against it, and the rules its run must name."""

    name: str
    select: str
    expected_rules: tuple[str, ...]
    request: RequestEdit | None = None
    response: ResponseEdit | None = None
    api_key: str = "test_documented"

    def wrap(self, app: ASGIApp) -> ASGIApp:
        return Rewrite(app, self.request, self.response)


ALL_CHECKS = "test_documented"
CANCEL_CHECKS = "test_documented and cancel"
LIVE_KEY = "live_documented"  # scale-mock keeps a live key's tasks pending: cancel is reachable

DOCUMENTED_BREAKS = [
    DocumentedBreak(
        "create answers, stored params, completed_at, unknown task, duplicate project, batch "
        "answer, list default, attachment errors, chosen category",
        ALL_CHECKS,
        (
            "documented.create.returns_task_object",
            "documented.create.params_stored",
            "documented.task.completed_at_once_completed",
            "documented.get_task.unknown_404",
            "documented.project.duplicate_name_409",
            "documented.batch.create_returns_batch",
            "documented.list.default_limit_offset",
            "documented.attachment.unreachable_error_status",
            "documented.categorization.response_category",
        ),
        request=_chain_requests(default_limit_10, attachments_always_fetched),
        response=_chain_responses(
            _edit_json("POST", CREATE, 200, _without("type")),
            _edit_json("GET", TASK, 200, _drop_category_ids),
            _edit_json("GET", TASK, 200, _without("completed_at")),
            _edit_json("GET", TASK, 200, _drop_category_id),
            _status("GET", TASK, 404, 400),
            _status("POST", r"/v1/projects", 409, 200),
            _edit_json("POST", r"/v1/batches", 200, _rename_batch),
        ),
    ),
    DocumentedBreak(
        "metadata default, unknown cancel, unknown project, project answer, duplicate batch, "
        "inherited instruction, callback_succeeded, response shape",
        ALL_CHECKS,
        (
            "documented.task.metadata_default_empty",
            "documented.cancel.unknown_404",
            "documented.errors.not_found",
            "documented.project.create_returns_project",
            "documented.batch.duplicate_name_409",
            "documented.project.instruction_inherited",
            "documented.callback.succeeded_flag",
            "documented.task.response_per_type",
        ),
        response=_chain_responses(
            _edit_json("POST", CREATE, 200, _drop_empty_metadata),
            _edit_json("GET", TASK, 200, _drop_empty_metadata),
            _edit_json("GET", r"/v1/tasks", 200, _drop_empty_metadata),
            _status("POST", rf"{TASK}/cancel", 404, 400),
            _status("GET", r"/v1/projects/[^/]+", 404, 400),
            _status("GET", r"/v1/batches/[^/]+(/status)?", 404, 400),
            _edit_json("POST", r"/v1/projects", 200, _without("param_history")),
            _status("POST", r"/v1/batches", 409, 200),
            _edit_json("POST", CREATE, 200, _instruction_without_project_part),
            _edit_json("GET", TASK, 200, _instruction_without_project_part),
            _edit_json("GET", TASK, 200, _without("callback_succeeded")),
            _edit_json("GET", TASK, 200, _misshapen_comparison),
        ),
    ),
    DocumentedBreak(
        "cancel answers the task unchanged and ignores clear_unique_id (live key)",
        CANCEL_CHECKS,
        ("documented.cancel.returns_canceled_task", "documented.cancel.clear_unique_id"),
        request=cancel_ignores_clear_unique_id,
        response=_edit_json("POST", rf"{TASK}/cancel", 200, _cancel_answers_pending),
        api_key=LIVE_KEY,
    ),
]
