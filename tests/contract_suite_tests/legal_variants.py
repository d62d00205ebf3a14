"""Legal-variant servers: scale-mock changed in one way the documents allow but our mock does not
do. The contract suite must pass every one of them (exit 0): a suite that fails a server the
documents allow is raising false alarms, and a verdict is worth exactly its false-alarm rate.

Each variant also hides scale-mock's own `/_mock` controls, as any other server would, so the
suite meets it as it would meet Scale itself.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Receive, Scope, Send

from contract_tests.spec import operations
from tests.contract_suite_tests.broken_servers import (
    RequestEdit,
    ResponseEdit,
    Rewrite,
    edit_json,
)


class HidesMockControls:
    """404 for `/_mock/*`: the server is not scale-mock as far as a client can tell."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/_mock"):
            await _plain(send, 404, b"Not Found", b"text/plain")
            return
        await self.app(scope, receive, send)


async def _plain(
    send: Send, status: int, body: bytes, content_type: bytes, extra: list[Any] | None = None
) -> None:
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    await send(
        {"type": "http.response.start", "status": status, "headers": headers + (extra or [])}
    )
    await send({"type": "http.response.body", "body": body})


class RateLimits:
    """A token bucket in front of everything, authentication included, as an API gateway does:
    past `rate` requests per second, 429 with `Retry-After` and an HTML body (documented: "429
    Too Many Requests -- You're sending too many requests"; the body of an answer from
    infrastructure in front of the API is not the JSON error object)."""

    def __init__(self, app: ASGIApp, rate: float = 60.0, burst: float = 20.0) -> None:
        self.app, self.rate, self.burst = app, rate, burst
        self.tokens, self.stamp = burst, time.monotonic()
        self.lock = threading.Lock()
        self.refused = 0

    def _take(self) -> bool:
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= 1:
                self.tokens -= 1
                return True
            self.refused += 1
            return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/v1") and not self._take():
            body = b"<html><body><h1>429 Too Many Requests</h1></body></html>"
            await _plain(send, 429, body, b"text/html", [(b"retry-after", b"1")])
            return
        await self.app(scope, receive, send)


class AnswersUndocumentedMethodsWith501:
    """TRACE, PATCH and any other method the API does not document: 501 Not Implemented, which
    HTTP allows (the documents say nothing of undocumented methods)."""

    DOCUMENTED = frozenset({"GET", "POST", "PUT", "DELETE"})

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in self.DOCUMENTED:
            await _plain(send, 501, b'{"error": "Not Implemented"}', b"application/json")
            return
        await self.app(scope, receive, send)


def _tasks_in(payload: Any) -> list[dict[str, Any]]:
    """Every task object in an answer: the answer itself, or a list page's docs."""
    if isinstance(payload, dict) and "task_id" in payload and "status" in payload:
        return [payload]
    if isinstance(payload, dict) and isinstance(payload.get("docs"), list):
        return [t for t in payload["docs"] if isinstance(t, dict) and "task_id" in t]
    return []


def adds_undocumented_fields(scope: Scope, status: int, content: bytes) -> tuple[int, bytes]:
    """Every JSON object answer, and every task in it, carries fields no document names."""

    def add(payload: Any) -> Any:
        # records (tasks, pages, projects, batches), not maps keyed by data (e.g. assignments)
        if isinstance(payload, dict) and ({"task_id", "docs", "name"} & set(payload)):
            payload["x_server_region"] = "us-west-2"
        for task in _tasks_in(payload):
            task["assigned_to"] = None
            task["work_started"] = False
        return payload

    if scope["path"].startswith("/v1"):
        content = edit_json(content, add)
    return status, content


def nulls_for_unfinished(scope: Scope, status: int, content: bytes) -> tuple[int, bytes]:
    """An unfinished task shows `response`, `completed_at` and `callback_succeeded` as null, as
    the documents' own outputs show nil (docs-2018)."""

    def nulls(payload: Any) -> Any:
        for task in _tasks_in(payload):
            if task.get("status") != "completed":
                task.setdefault("response", None)
                task.setdefault("completed_at", None)
                task.setdefault("callback_succeeded", None)
        return payload

    if scope["path"].startswith("/v1"):
        content = edit_json(content, nulls)
    return status, content


def _known_types() -> frozenset[str]:
    return frozenset(
        op.path.removeprefix("/task/")
        for op in operations()
        if op.method == "post" and op.path.startswith("/task/") and "{" not in op.path
    )


def other_task_types_list_nothing(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """`GET /tasks?type=<a type this server has no task of>` is an empty page, for any type
    name ("or any other task type", docs-2016), where scale-mock refuses names it does not
    know."""
    if scope["method"] == "GET" and scope["path"] == "/v1/tasks":
        query = parse_qsl(scope["query_string"].decode(), keep_blank_values=True)
        if any(k == "type" and v not in _known_types() for k, v in query):
            kept = [(k, v) for k, v in query if k not in ("type", "project")]
            kept.append(("project", "contract-legal-variant-no-such-project"))
            scope["query_string"] = urlencode(kept).encode()
    return scope, body


def lists_tasks_of_new_types(scope: Scope, status: int, content: bytes) -> tuple[int, bytes]:
    """An account-wide task list also holds a task of a type no document names yet."""
    if status != 200 or scope["method"] != "GET" or scope["path"] != "/v1/tasks":
        return status, content
    if b"project=" in scope["query_string"] or b"type=" in scope["query_string"]:
        return status, content

    def add(page: Any) -> Any:
        if isinstance(page, dict) and isinstance(page.get("docs"), list) and page["docs"]:
            newcomer = dict(page["docs"][0], type="futuristicannotation", params={})
            newcomer.pop("response", None)
            page["docs"].append(newcomer)
        return page

    return status, edit_json(content, add)


def accepts_empty_lists(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """An empty `categories`, `objects_to_annotate` or `choices` is accepted (no minimum is
    documented): the server fills in a label of its own and creates the task."""
    if scope["method"] != "POST" or not scope["path"].startswith("/v1/task/") or not body:
        return scope, body
    try:
        payload = json.loads(body)
    except ValueError:
        return scope, body
    if isinstance(payload, dict):
        for name in ("categories", "objects_to_annotate", "choices", "labels"):
            if payload.get(name) == []:
                payload[name] = ["unlabelled"]
        body = json.dumps(payload).encode()
    return scope, body


def cancel_of_a_finished_task_is_500(
    scope: Scope, status: int, content: bytes
) -> tuple[int, bytes]:
    """Canceling a task that is not pending answers 500, exactly as docs-2016 and docs-2018
    say ("the endpoint will return a 500 error code if you attempt to cancel a completed
    task")."""
    cancel = scope["method"] == "POST" and scope["path"].endswith("/cancel")
    # the task's state, not a validation error of the request
    if status == 400 and cancel and b"cancel_only_pending" in content:
        return 500, json.dumps({"error": "Task cannot be canceled"}).encode()
    return status, content


@dataclass(frozen=True)
class LegalVariant:
    name: str
    request: RequestEdit | None = None
    response: ResponseEdit | None = None
    middleware: tuple[Callable[[ASGIApp], ASGIApp], ...] = ()
    mock_options: dict[str, Any] = field(default_factory=dict)
    select: str | None = None  # a -k expression: the checks this variant can trouble

    def wrap(self, app: ASGIApp) -> ASGIApp:
        if self.request is not None or self.response is not None:
            app = Rewrite(app, self.request, self.response)
        for layer in self.middleware:
            app = layer(app)
        return HidesMockControls(app)


ALL_MODULES = None  # no selection: the whole suite
LEGAL_VARIANTS = [
    LegalVariant(
        "rate-limits with 429 + Retry-After",
        middleware=(RateLimits,),
        select="auth or unique_id or set_metadata or pages_are",
    ),
    LegalVariant(
        "adds undocumented fields",
        response=adds_undocumented_fields,
        select="responses or documented or state or task_list",
    ),
    LegalVariant(
        "nulls on unfinished tasks",
        response=nulls_for_unfinished,
        mock_options={"hold_test_tasks": True},
        select="responses or documented or state or task_list",
    ),
    LegalVariant(
        "tasks stay pending (as live tasks do)",
        mock_options={"hold_test_tasks": True},
        select="state or documented or callback or task_list",
    ),
    LegalVariant(
        "other task types: listed, and filtered to nothing",
        request=other_task_types_list_nothing,
        response=lists_tasks_of_new_types,
        select="task_list or documented",
    ),
    LegalVariant("accepts empty label lists", request=accepts_empty_lists, select="constraints"),
    LegalVariant(
        "500 for canceling a finished task",
        response=cancel_of_a_finished_task_is_500,
        select="cancel",
    ),
    LegalVariant(
        "501 for undocumented methods",
        middleware=(AnswersUndocumentedMethodsWith501,),
        select="conforms",
    ),
]


def _composed(app: ASGIApp) -> ASGIApp:
    for variant in LEGAL_VARIANTS:
        if not variant.mock_options and RateLimits not in variant.middleware:
            app = variant.wrap(app)
    # a looser limit than the variant's own: the whole suite still meets 429s, in bursts
    return RateLimits(app, rate=250.0, burst=25.0)


# Every deviation above that needs no mock option, at once, for one run of the whole suite: a
# false alarm in a module a variant's own selection leaves out still shows here.
ALL_AT_ONCE = LegalVariant(
    "all of the above at once (whole suite)", middleware=(_composed,), select=ALL_MODULES
)
