"""Deliberately broken servers: scale-mock with one documented rule switched off.

Each is the faithful mock behind a small ASGI rewrite of requests or responses (or one option
of the mock), so each breaks exactly one rule, in one place. The contract suite must catch
every one of them and name the rule; a suite that passes them all would be worthless.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

RequestEdit = Callable[[Scope, bytes], tuple[Scope, bytes]]
ResponseEdit = Callable[[Scope, int, bytes], tuple[int, bytes]]


class Rewrite:
    """ASGI middleware applying one request edit and/or one response edit."""

    def __init__(
        self, app: ASGIApp, request: RequestEdit | None = None, response: ResponseEdit | None = None
    ) -> None:
        self.app, self.edit_request, self.edit_response = app, request, response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        if self.edit_request is not None:
            scope, body = self.edit_request(dict(scope), body)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        if self.edit_response is None:
            await self.app(scope, replay, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, replay, capture)
        status, content = self.edit_response(scope, start["status"], b"".join(chunks))
        headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(content)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": content})


def matches(scope: Scope, method: str, pattern: str) -> bool:
    """The request is `method` on a path matching `pattern` (whole path)."""
    return scope["method"] == method and re.fullmatch(pattern, scope["path"]) is not None


def edit_json(content: bytes, change: Callable[[Any], Any]) -> bytes:
    """`content` with `change` applied to its JSON; a body that is not JSON stays as it is."""
    try:
        payload = json.loads(content)
    except ValueError:
        return content
    return json.dumps(change(payload)).encode()


# --- the breaks ----------------------------------------------------------------------------


def accepts_seven_objects(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """Silently truncates `objects_to_annotate` to 6 instead of refusing 7 (maxItems: 6)."""
    if matches(scope, "POST", r"/v1/task/annotation") and body:
        payload = json.loads(body)
        if isinstance(payload, dict) and isinstance(payload.get("objects_to_annotate"), list):
            payload["objects_to_annotate"] = payload["objects_to_annotate"][:6]
            body = json.dumps(payload).encode()
    return scope, body


def drops_task_status(scope: Scope, status: int, content: bytes) -> tuple[int, bytes]:
    """`GET /task/{id}` answers without the required `status`."""
    if status == 200 and matches(scope, "GET", r"/v1/task/[^/]+"):
        content = edit_json(content, lambda task: {k: v for k, v in task.items() if k != "status"})
    return status, content


def crashes_on_bad_projects(scope: Scope, status: int, content: bytes) -> tuple[int, bytes]:
    """Invalid input to `POST /projects` gets a 500 instead of a 400."""
    if status == 400 and matches(scope, "POST", r"/v1/projects"):
        return 500, content
    return status, content


def ignores_missing_credentials(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """Serves requests without credentials as if they came from a default account."""
    headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"authorization"]
    if len(headers) == len(scope["headers"]):
        headers.append((b"authorization", b"Basic dGVzdF9kZWZhdWx0Og=="))  # test_default:
        scope["headers"] = headers
    return scope, body


def _leaks_to(owner: str) -> RequestEdit:
    def leak(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
        """Every key is served the owner's account."""
        import base64

        token = b"Basic " + base64.b64encode(f"{owner}:".encode())
        scope["headers"] = [
            (k, token if k.lower() == b"authorization" else v) for k, v in scope["headers"]
        ]
        return scope, body

    return leak


def cancel_does_nothing(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """`POST /task/{id}/cancel` answers the task, unchanged, whatever its status."""
    if matches(scope, "POST", r"/v1/task/[^/]+/cancel"):
        path = scope["path"].removesuffix("/cancel")
        scope.update(method="GET", path=path, raw_path=path.encode(), query_string=b"")
    return scope, b"" if scope["method"] == "GET" else body


def duplicates_are_accepted(scope: Scope, status: int, content: bytes) -> tuple[int, bytes]:
    """A second create with a `unique_id` in use gets 200 instead of 409."""
    if status == 409 and matches(scope, "POST", r"/v1/task/[a-z]+"):
        return 200, content
    return status, content


def add_tags_replaces(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """`PUT /task/{id}/tags` (add) replaces the tags, as `POST` does."""
    if matches(scope, "PUT", r"/v1/task/[^/]+/tags"):
        scope["method"] = "POST"
    return scope, body


def set_params_keeps_history(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """`setParams` answers the project without adding a version."""
    if matches(scope, "POST", r"/v1/projects/[^/]+/setParams"):
        path = scope["path"].removesuffix("/setParams")
        raw = scope["raw_path"].removesuffix(b"/setParams")
        scope.update(method="GET", path=path, raw_path=raw)
        return scope, b""
    return scope, body


def lists_oldest_first(scope: Scope, status: int, content: bytes) -> tuple[int, bytes]:
    """`GET /tasks` pages come in ascending `created_at`."""
    if status == 200 and matches(scope, "GET", r"/v1/tasks"):
        content = edit_json(content, lambda page: {**page, "docs": list(reversed(page["docs"]))})
    return status, content


def _drops_query(name: str) -> RequestEdit:
    def drop(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
        if matches(scope, "GET", r"/v1/tasks"):
            query = [(k, v) for k, v in parse_qsl(scope["query_string"].decode()) if k != name]
            scope["query_string"] = urlencode(query).encode()
        return scope, body

    return drop


def miscounts_batches(scope: Scope, status: int, content: bytes) -> tuple[int, bytes]:
    """`GET /batches/{name}/status` reports every task as pending."""
    if status == 200 and matches(scope, "GET", r"/v1/batches/[^/]+/status"):

        def everything_pending(counts: dict[str, Any]) -> dict[str, Any]:
            total = sum(v for k, v in counts.items() if k != "status")
            return {"status": counts["status"], "pending": total}

        content = edit_json(content, everything_pending)
    return status, content


@dataclass(frozen=True)
class BrokenServer:
    """One broken rule: how to break it, which checks to run, the rule the report must name."""

    name: str
    select: str
    expected_rule: str
    request: RequestEdit | None = None
    response: ResponseEdit | None = None
    mock_options: dict[str, Any] = field(default_factory=dict)
    needs_second_key: bool = False

    def wrap(self, app: ASGIApp) -> ASGIApp:
        if self.request is None and self.response is None:
            return app
        return Rewrite(app, self.request, self.response)


OWNER = "test_owner"
BROKEN_SERVERS = [
    BrokenServer(
        "accepts 7 objects_to_annotate",
        "create_annotation_task and objects_to_annotate",
        "create_annotation_task.body.objects_to_annotate.maxItems",
        request=accepts_seven_objects,
    ),
    BrokenServer(
        "task without status",
        "real_object and get_task",
        "response.get_task",
        response=drops_task_status,
    ),
    BrokenServer(
        "server error on invalid input",
        "test_operation_conforms_to_the_spec",
        "schemathesis.not_a_server_error",
        response=crashes_on_bad_projects,
    ),
    BrokenServer(
        "no credentials accepted",
        "refuses_missing_or_bad_credentials and get_task",
        "auth.unauthorized",
        request=ignores_missing_credentials,
    ),
    BrokenServer(
        "tenants not isolated",
        "second_key",
        "auth.tenant_isolation",
        request=_leaks_to(OWNER),
        needs_second_key=True,
    ),
    BrokenServer(
        "cancel of a finished task accepted",
        "finished_task_cannot_be_canceled",
        "state.cancel_task_not_pending",
        request=cancel_does_nothing,
    ),
    BrokenServer(
        "cancel of a pending task does nothing",
        "pending_task_can_be_canceled",
        "state.cancel_task",
        request=cancel_does_nothing,
    ),
    BrokenServer(
        "duplicate unique_id accepted",
        "unique_id_is_taken",
        "state.unique_id",
        response=duplicates_are_accepted,
    ),
    BrokenServer(
        "add tags replaces", "tags_set_add", "state.add_task_tags", request=add_tags_replaces
    ),
    BrokenServer(
        "param_history does not grow",
        "set_params",
        "state.set_project_params",
        request=set_params_keeps_history,
    ),
    BrokenServer(
        "batch counts wrong", "batch_status", "state.get_batch_status", response=miscounts_batches
    ),
    BrokenServer(
        "list oldest first",
        "newest_first",
        "list.descending_created_at",
        response=lists_oldest_first,
    ),
    BrokenServer(
        "limit ignored", "pages_are_disjoint", "list.paging", request=_drops_query("limit")
    ),
    BrokenServer(
        "type filter ignored",
        "each_filter and type",
        "list.filter.type",
        request=_drops_query("type"),
    ),
    BrokenServer(
        "callbacks without auth header",
        "callback",
        "callback.auth_header",
        mock_options={"callback_auth_key": ""},
    ),
]
