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

from tests.contract_suite_tests.broken_servers import (
    RequestEdit,
    ResponseEdit,
    Rewrite,
    edit_json,
    matches,
)

TASK = r"/v1/task/[^/]+"
CREATE = r"/v1/task/[a-z]+"


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
        if got == status and matches(scope, method, pattern):
            return got, edit_json(content, change)
        return got, content

    return edit


def _status(method: str, pattern: str, old: int, new: int) -> ResponseEdit:
    def edit(scope: Scope, got: int, content: bytes) -> tuple[int, bytes]:
        return (new if got == old and matches(scope, method, pattern) else got), content

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
    if matches(scope, "GET", r"/v1/tasks"):
        query = parse_qsl(scope["query_string"].decode())
        if not any(k == "limit" for k, _ in query):
            scope["query_string"] = urlencode([*query, ("limit", "10")]).encode()
    return scope, body


def attachments_always_fetched(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """An attachment that cannot be fetched (`.invalid`) is treated as one that can."""
    if matches(scope, "POST", CREATE) and b".invalid" in body:
        body = re.sub(rb"https://[^/\"]+\.invalid/", b"https://example.com/", body)
    return scope, body


def _drop_body_key(method: str, pattern: str, name: str) -> RequestEdit:
    """Requests matching lose `name` from their JSON object body."""

    def edit(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
        payload = _json(body) if body else None
        if matches(scope, method, pattern) and isinstance(payload, dict) and name in payload:
            body = json.dumps({k: v for k, v in payload.items() if k != name}).encode()
        return scope, body

    return edit


def _drop_query(method: str, pattern: str, name: str) -> RequestEdit:
    def edit(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
        if matches(scope, method, pattern):
            query = [(k, v) for k, v in parse_qsl(scope["query_string"].decode()) if k != name]
            scope["query_string"] = urlencode(query).encode()
        return scope, body

    return edit


def email_callbacks_refused(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """A create whose callback_url is an e-mail address is made invalid (a 400 follows)."""
    payload = _json(body) if body else None
    if matches(scope, "POST", CREATE) and isinstance(payload, dict):
        url = payload.get("callback_url")
        if isinstance(url, str) and "@" in url and "://" not in url:
            body = json.dumps({**payload, "callback_url": 12345}).encode()
    return scope, body


def unique_id_suffixed(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """`POST /task/{id}/unique_id` stores another unique_id than the one sent."""
    payload = _json(body) if body else None
    if matches(scope, "POST", rf"{TASK}/unique_id") and isinstance(payload, dict):
        body = json.dumps({**payload, "unique_id": f"{payload.get('unique_id')}-other"}).encode()
    return scope, body


def _urgency_express(task: Any) -> Any:
    return {**task, "urgency": "express"} if "urgency" in task else task


def _bogus_attachment_url(file: Any) -> Any:
    return {**file, "attachment_url": "scaledata://no-such-account/no-such-file"}


def python_booleans_refused(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """A query boolean written as Python writes it (`True`, `False`) is made invalid."""
    query = parse_qsl(scope["query_string"].decode())
    if any(v in ("True", "False") for _, v in query):
        fixed = [(k, "not-a-boolean" if v in ("True", "False") else v) for k, v in query]
        scope["query_string"] = urlencode(fixed).encode()
    return scope, body


def slashes_decoded_before_routing(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """`%2F` in a project's name is taken for a path separator."""
    raw = scope.get("raw_path") or b""
    if scope["path"].startswith("/v1/projects/") and b"%2F" in raw.upper():
        scope["raw_path"] = raw.replace(b"%2F", b"/").replace(b"%2f", b"/")
    return scope, body


@dataclass(frozen=True)
class Break:
    """One documented behaviour switched off: the rule that must catch it, and how."""

    rule: str
    how: str
    request: RequestEdit | None = None
    response: ResponseEdit | None = None


@dataclass(frozen=True)
class DocumentedBreak:
    """A broken server (several breaks that cannot mask one another), the checks to run
    against it, and the key to run them with."""

    name: str
    select: str
    breaks: tuple[Break, ...]
    api_key: str = "test_documented"

    @property
    def expected_rules(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(b.rule for b in self.breaks))

    def wrap(self, app: ASGIApp) -> ASGIApp:
        requests = [b.request for b in self.breaks if b.request is not None]
        responses = [b.response for b in self.breaks if b.response is not None]
        return Rewrite(app, _chain_requests(*requests), _chain_responses(*responses))


ALL_CHECKS = "test_documented"
CANCEL_CHECKS = "test_documented and cancel"
LIVE_KEY = "live_documented"  # scale-mock keeps a live key's tasks pending: cancel is reachable
D = "documented."

TEST_KEY_BREAKS = (
    Break(
        D + "create.returns_task_object",
        "create answers lack the task's type",
        response=_edit_json("POST", CREATE, 200, _without("type")),
    ),
    Break(
        D + "create.params_stored",
        "a retrieved categorization task lacks params.category_ids",
        response=_edit_json("GET", TASK, 200, _drop_category_ids),
    ),
    Break(
        D + "task.completed_at_once_completed",
        "a retrieved task lacks completed_at",
        response=_edit_json("GET", TASK, 200, _without("completed_at")),
    ),
    Break(
        D + "categorization.response_category",
        "a categorization response lacks category_id",
        response=_edit_json("GET", TASK, 200, _drop_category_id),
    ),
    Break(
        D + "get_task.unknown_404",
        "an unknown task is 400",
        response=_status("GET", TASK, 404, 400),
    ),
    Break(
        D + "project.duplicate_name_409",
        "a second project of the same name is 200",
        response=_status("POST", r"/v1/projects", 409, 200),
    ),
    Break(
        D + "batch.create_returns_batch",
        "create_batch answers another name",
        response=_edit_json("POST", r"/v1/batches", 200, _rename_batch),
    ),
    Break(D + "list.default_limit_offset", "GET /tasks pages by 10", request=default_limit_10),
    Break(
        D + "attachment.unreachable_error_status",
        "an unreachable attachment is fetched anyway",
        request=attachments_always_fetched,
    ),
    Break(
        D + "task.metadata_default_empty",
        "an empty metadata is left out of every answer",
        response=_chain_responses(
            _edit_json("POST", CREATE, 200, _drop_empty_metadata),
            _edit_json("GET", TASK, 200, _drop_empty_metadata),
            _edit_json("GET", r"/v1/tasks", 200, _drop_empty_metadata),
        ),
    ),
    Break(
        D + "cancel.unknown_404",
        "canceling an unknown task is 400",
        response=_status("POST", rf"{TASK}/cancel", 404, 400),
    ),
    Break(
        D + "errors.not_found",
        "an unknown project or batch is 400",
        response=_chain_responses(
            _status("GET", r"/v1/projects/[^/]+", 404, 400),
            _status("GET", r"/v1/batches/[^/]+(/status)?", 404, 400),
        ),
    ),
    Break(
        D + "project.create_returns_project",
        "create_project answers without param_history",
        response=_edit_json("POST", r"/v1/projects", 200, _without("param_history")),
    ),
    Break(
        D + "batch.duplicate_name_409",
        "a second batch of the same name is 200",
        response=_status("POST", r"/v1/batches", 409, 200),
    ),
    Break(
        D + "project.instruction_inherited",
        "a retrieved task's instruction lacks the project's (create answers keep it, so that "
        "project_param_version's own break is what its check catches)",
        response=_edit_json("GET", TASK, 200, _instruction_without_project_part),
    ),
    Break(
        D + "callback.succeeded_flag",
        "a retrieved task lacks callback_succeeded",
        response=_edit_json("GET", TASK, 200, _without("callback_succeeded")),
    ),
    Break(
        D + "task.response_per_type",
        "a completed comparison task's response is a string",
        response=_edit_json("GET", TASK, 200, _misshapen_comparison),
    ),
    Break(
        D + "project.param_version",
        "project_param_version is ignored",
        request=_drop_body_key("POST", CREATE, "project_param_version"),
    ),
    Break(
        D + "list.limited_response",
        "limited_response is ignored",
        request=_drop_query("GET", r"/v1/tasks", "limited_response"),
    ),
    Break(
        D + "callback.email_address",
        "e-mail callback_urls are refused",
        request=email_callbacks_refused,
    ),
    Break(
        D + "audit.completed_task",
        "auditing a completed task is 400",
        response=_status("POST", rf"{TASK}/audit", 200, 400),
    ),
    Break(
        D + "task.set_unique_id",
        "another unique_id is stored than sent",
        request=unique_id_suffixed,
    ),
    Break(
        D + "list_batches.project_filter",
        "GET /batches ignores project",
        request=_drop_query("GET", r"/v1/batches", "project"),
    ),
    Break(
        D + "project.list_every_project",
        "GET /projects answers []",
        response=_edit_json("GET", r"/v1/projects", 200, lambda projects: []),
    ),
    Break(
        D + "files.attachment_url_usable",
        "an upload answers an attachment_url of no file",
        response=_edit_json("POST", r"/v1/files/upload", 200, _bogus_attachment_url),
    ),
    Break(
        D + "task.urgency_default",
        "a task created without urgency says express",
        response=_chain_responses(
            _edit_json("POST", CREATE, 200, _urgency_express),
            _edit_json("GET", TASK, 200, _urgency_express),
        ),
    ),
)
SDK_BREAKS = (
    Break(
        D + "sdk.set_unique_id_in_use_409",
        "a unique_id in use is given to a second task (200)",
        response=_status("POST", rf"{TASK}/unique_id", 409, 200),
    ),
    Break(
        D + "sdk.python_booleans",
        "True/False in a query are refused",
        request=python_booleans_refused,
    ),
    Break(
        D + "sdk.quoted_names",
        "%2F in a project name routes as a slash",
        request=slashes_decoded_before_routing,
    ),
)
LIVE_KEY_BREAKS = (
    Break(
        D + "cancel.returns_canceled_task",
        "cancel answers the task still pending",
        response=_edit_json("POST", rf"{TASK}/cancel", 200, _cancel_answers_pending),
    ),
    Break(
        D + "cancel.clear_unique_id",
        "cancel ignores clear_unique_id",
        request=_drop_query("POST", rf"{TASK}/cancel", "clear_unique_id"),
    ),
)

DOCUMENTED_BREAKS = [
    DocumentedBreak("every test-key break at once", ALL_CHECKS, TEST_KEY_BREAKS + SDK_BREAKS),
    DocumentedBreak(
        "the cancel breaks (a live key: its tasks stay pending)",
        CANCEL_CHECKS,
        LIVE_KEY_BREAKS,
        api_key=LIVE_KEY,
    ),
]
