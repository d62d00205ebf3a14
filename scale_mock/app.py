"""The ASGI application: route by the spec, authenticate, validate, dispatch, answer JSON.

Routing comes from the compiled spec (concrete paths before templated ones), so a path the spec
does not declare is a 404 and a method it does not declare is a 405 with an `Allow` header.
Handlers receive validated input and return JSON-ready data; every success is a 200, as the
official SDK requires.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from scale_mock import projects, tasks
from scale_mock.auth import api_key_from
from scale_mock.errors import ApiError
from scale_mock.spec import CompiledOperation, CompiledSpec, load_spec
from scale_mock.store import Store
from scale_mock.validation import ValidRequest, validate_request

PREFIX = "/v1"


@dataclass
class Context:
    spec: CompiledSpec
    store: Store
    key: str
    request: ValidRequest


Handler = Callable[[Context], Any]


def _create_task(ctx: Context) -> Any:
    op = ctx.request.operation
    return tasks.create_task(
        ctx.spec, ctx.store, ctx.key, op.path.rsplit("/", 1)[-1], op.body_schema, ctx.request.body
    )


HANDLERS: dict[str, Handler] = {
    "get_task": lambda c: tasks.get_task(c.store, c.key, c.request.path["task_id"]),
    "cancel_task": lambda c: tasks.cancel_task(
        c.store, c.key, c.request.path["task_id"], bool(c.request.query.get("clear_unique_id"))
    ),
    "list_tasks": lambda c: tasks.list_tasks(c.store, c.key, c.request.query),
    "create_project": lambda c: projects.create_project(c.store, c.key, c.request.body),
    "get_project": lambda c: projects.get_project(c.store, c.key, c.request.path["project_name"]),
    "list_projects": lambda c: projects.list_projects(c.store, c.key),
}


def handler_for(operation: CompiledOperation) -> Handler | None:
    if operation.operation_id in HANDLERS:
        return HANDLERS[operation.operation_id]
    if operation.path.startswith("/task/") and "{" not in operation.path:
        return _create_task
    return None


def build_app(
    store: Store, spec: CompiledSpec | None = None, keys: frozenset[str] | None = None
) -> Starlette:
    compiled = spec or load_spec()

    async def dispatch(request: Request) -> Response:
        try:
            return await _dispatch(request)
        except ApiError as error:
            return error.response()

    async def _dispatch(request: Request) -> Response:
        path = request.url.path.removeprefix(PREFIX).rstrip("/") or "/"
        matches = [(op, m) for op in compiled.operations if (m := op.pattern.match(path))]
        if not matches:
            raise ApiError(404, f"No such endpoint: {request.method} {request.url.path}")
        chosen = [(op, m) for op, m in matches if op.method == request.method]
        if not chosen:
            allowed = ", ".join(sorted({op.method for op, _ in matches}))
            raise ApiError(
                405,
                f"Method {request.method} not allowed here; allowed: {allowed}",
                headers={"Allow": allowed},
            )
        operation, match = chosen[0]
        key = api_key_from(request.headers.get("authorization"), keys)
        body = await request.body()
        valid = validate_request(
            compiled,
            operation,
            match.groupdict(),
            list(request.query_params.multi_items()),
            body,
        )
        handler = handler_for(operation)
        if handler is None:
            raise ApiError(501, f"{operation.operation_id} is not implemented by scale-mock yet")
        return JSONResponse(handler(Context(compiled, store, key, valid)), status_code=200)

    methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "QUERY"]
    routes = [Route("/{path:path}", dispatch, methods=methods)]
    return Starlette(routes=routes)
