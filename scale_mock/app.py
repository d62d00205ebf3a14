"""The ASGI application: route by the spec, authenticate, validate, dispatch, answer JSON.

Routing comes from the compiled spec, so a path the spec does not declare is a 404 and a method
it does not declare is a 405 with an `Allow` header. Handlers receive validated input and a
transaction of the caller's tenant (see `store`), all their reads and writes in it, and return
JSON-ready data; every success is a 200, as the official SDK requires, and every error is raised
and rendered in one place (see `errors`). The control API
(`/_mock/...`, see `control`) lives beside `/v1` and is not part of the Scale API. Every `/v1`
request of a valid key goes into that key's request journal (see `journal`), and a task creation
with the (mock-only) request header `Scale-Mock-Hold: pending` keeps a test-mode task pending.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import unquote

from starlette.applications import Starlette
from starlette.convertors import Convertor, register_url_convertor
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from scale_mock import batches, control, files, projects, quality, studio, task_list, tasks, teams
from scale_mock.auth import api_key_from
from scale_mock.callbacks import DEADLINE as CALLBACK_DEADLINE
from scale_mock.callbacks import DEFAULT_AUTH_KEY, CallbackDispatcher
from scale_mock.callbacks import LEASE as CALLBACK_LEASE
from scale_mock.context import Context, Handler, Services
from scale_mock.errors import ERROR_MIDDLEWARE, EXCEPTION_HANDLERS, ApiError, invalid
from scale_mock.faults import FaultInjector, RateLimiter
from scale_mock.files import UploadedFile
from scale_mock.guards import (
    DEFAULT_MAX_BODY_SIZE,
    DEFAULT_MAX_UPLOAD_SIZE,
    bad_text,
    capped_stream,
    check_path,
    check_query,
    read_body,
)
from scale_mock.journal import RequestJournal
from scale_mock.spec import MULTIPART, CompiledOperation, CompiledSpec, load_spec
from scale_mock.store import Storage, StorageFault
from scale_mock.validation import validate_request

PREFIX = "/v1"
# Operations that read every record of a kind in the account (the API pages none of them): their
# transactions run on a worker thread, however large the account, never on the event loop.
WHOLE_ACCOUNT = frozenset(
    {
        "list_projects",
        "list_teammates",
        "list_studio_assignments",
        "list_studio_project_groups",
        "list_studio_batches",
        "set_studio_batches_priorities",
        "reset_studio_batches_priorities",
    }
)
HOLD_HEADER = "scale-mock-hold"


class _AnyPath(Convertor[str]):
    """Starlette's `path` convertor stops at a newline; names (`a%0Ab`) may contain one."""

    regex = r"[\s\S]*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("anything", _AnyPath())

HANDLERS: dict[str, Handler] = {
    "get_task": tasks.get_task,
    "cancel_task": tasks.cancel_task,
    "audit_task": tasks.audit_task,
    "set_task_unique_id": tasks.set_unique_id,
    "clear_task_unique_id": tasks.clear_unique_id,
    "set_task_metadata": tasks.set_metadata,
    "set_task_tags": tasks.set_tags,
    "add_task_tags": tasks.add_tags,
    "delete_task_tags": tasks.delete_tags,
    "list_tasks": task_list.list_tasks,
    "create_evaluation_task": quality.create_evaluation_task,
    "create_training_task": quality.create_training_task,
    "create_batch": batches.create_batch,
    "list_batches": batches.list_batches,
    "get_batch": batches.get_batch,
    "finalize_batch": batches.finalize_batch,
    "get_batch_status": batches.get_batch_status,
    "set_batch_metadata": batches.set_batch_metadata,
    "create_project": projects.create_project,
    "list_projects": projects.list_projects,
    "get_project": projects.get_project,
    "set_project_params": projects.set_project_params,
    "get_project_task_template": projects.get_task_template,
    "upload_file": files.upload_file,
    "import_file": files.import_file,
    "list_teammates": teams.list_teammates,
    "invite_teammates": teams.invite_teammates,
    "set_teammates_role": teams.set_teammates_role,
    "list_studio_assignments": studio.list_assignments,
    "add_studio_assignments": studio.add_assignments,
    "remove_studio_assignments": studio.remove_assignments,
    "list_studio_project_groups": studio.list_groups,
    "create_studio_project_group": studio.create_group,
    "update_studio_project_group": studio.update_group,
    "list_studio_batches": studio.list_batches,
    "assign_studio_batch": studio.assign_batch,
    "set_studio_batches_priorities": studio.set_priorities,
    "reset_studio_batches_priorities": studio.reset_priorities,
}


def is_task_creation(operation: CompiledOperation) -> bool:
    """The spec marks each operation creating a task with `x-scale-task-type`."""
    return operation.task_type is not None


def handlers_for(spec: CompiledSpec) -> dict[str, Handler]:
    """Every operation of the spec → its handler; an operation without one is a start-up error,
    so the mock cannot silently lag behind the spec."""
    found = {}
    for op in spec.operations:
        handler = tasks.create_task if is_task_creation(op) else HANDLERS.get(op.operation_id)
        if handler is None:
            raise LookupError(f"scale-mock has no handler for operation {op.operation_id}")
        found[op.operation_id] = handler
    return found


def _hold_requested(request: Request, operation: CompiledOperation) -> bool:
    """`Scale-Mock-Hold: pending` on a task creation keeps a test-mode task pending until
    `POST /_mock/tasks/{id}/complete`; elsewhere the header means nothing and is ignored."""
    value = request.headers.get(HOLD_HEADER)
    if value is None or not is_task_creation(operation):
        return False
    if value.strip().lower() != "pending":
        raise ApiError(
            400,
            f"Scale-Mock-Hold must be 'pending', not {value!r}",
            field=f"header.{HOLD_HEADER}",
            rule="enum",
        )
    return True


def _key_or_none(request: Request, keys: frozenset[str] | None) -> str | None:
    try:
        return api_key_from(request.headers.get("authorization"), keys)
    except ApiError:
        return None


class _StrictTextParser(MultiPartParser):
    """Starlette's multipart parser, except that a text part which is not text in its charset
    (UTF-8 unless the request says otherwise) is a 400 naming it, as in a JSON or form body,
    where Starlette would read it as Latin-1 and go on with mojibake."""

    def on_part_end(self) -> None:
        part = self._current_part
        if part.file is None:
            try:
                bytes(part.data).decode(self._charset)
            except (UnicodeDecodeError, LookupError):
                raise invalid(
                    f"body.{part.field_name}", f"not {self._charset} text", "unicode"
                ) from None
        super().on_part_end()


def _media_type(request: Request) -> str:
    return (request.headers.get("content-type") or "").split(";")[0].strip().lower()


async def _read_form(request: Request, limit: int) -> dict[str, Any]:
    """The multipart form, its files spooled to disk past 1 MiB (Starlette's parser), the body
    read no further than `limit` bytes (a 413 past it)."""
    try:
        if _media_type(request) == MULTIPART:
            stream = capped_stream(request, limit)
            form = await _StrictTextParser(request.headers, stream, max_part_size=limit).parse()
        else:  # e.g. a form-encoded body, judged against the multipart schema all the same
            await read_body(request, limit)
            form = await request.form()
    except (MultiPartException, HTTPException):  # malformed input, not our failure
        raise ApiError(
            400, "The request body is not a valid multipart form", field="body", rule="multipart"
        ) from None
    parsed: dict[str, Any] = {}
    for name, raw in form.multi_items():
        value: Any = raw
        if isinstance(raw, UploadFile):
            for text in (raw.filename, raw.content_type):
                if text and "\x00" in text:
                    raise bad_text(f"body.{name}")
            value = UploadedFile(raw.filename, raw.content_type, raw.file)
        if name in parsed:  # a repeated field is a list, which validation then judges
            previous = parsed[name]
            parsed[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            parsed[name] = value
    return parsed


def build_app(
    store: Storage,
    spec: CompiledSpec | None = None,
    keys: frozenset[str] | None = None,
    *,
    faults: bool = False,
    rate_limit: int | None = None,
    callback_auth_key: str = DEFAULT_AUTH_KEY,
    callback_time_scale: float = 1.0,
    callback_timeout: float = CALLBACK_DEADLINE,
    callback_lease: float = CALLBACK_LEASE,
    hold_test_tasks: bool = False,
    max_body_size: int = DEFAULT_MAX_BODY_SIZE,
    max_upload_size: int = DEFAULT_MAX_UPLOAD_SIZE,
) -> Starlette:
    """`hold_test_tasks`: test-mode tasks stay pending, as live-mode ones do, until
    `POST /_mock/tasks/{id}/complete` (the `Scale-Mock-Hold: pending` header, for all).
    `max_body_size` caps a JSON or form body and `max_upload_size` a `multipart/form-data` one,
    in bytes: a larger body is a 413 (`rule: max_body_size`), read no further than the cap."""
    compiled = spec or load_spec()
    handlers = handlers_for(compiled)
    batches.store_statuses(store)
    callbacks = CallbackDispatcher(
        store, callback_auth_key, callback_time_scale, callback_timeout, lease=callback_lease
    )
    services = Services(compiled, store, callbacks, hold_test_tasks)
    injector = FaultInjector(faults)
    limiter = RateLimiter(rate_limit)
    journal = RequestJournal()

    async def api(request: Request) -> Response:
        # Route on the raw path: `/batches/b%2F1` is the batch "b/1", not a longer path.
        raw_path = request.scope.get("raw_path", b"").decode("latin-1") or request.url.path
        key = _key_or_none(request, keys)
        entry = None
        if key is not None:
            query = request.scope.get("query_string", b"").decode("latin-1")
            entry = journal.start(key, request.method, raw_path, query)
        seen: dict[str, Any] = {}
        status = 500  # unless answered, or refused with an `ApiError` (rendered in `errors`)
        try:
            response = await _api(request, raw_path, seen)
            status = response.status_code
            return response
        except ApiError as error:
            status = error.status
            raise
        except StorageFault:
            status = 503  # as `errors` renders it
            raise
        finally:
            if entry is not None:
                journal.finish(entry, seen.get("operation_id"), status, seen.get("task_id"))

    async def _api(request: Request, raw_path: str, seen: dict[str, Any]) -> Response:
        if not raw_path.startswith(f"{PREFIX}/"):
            raise ApiError(404, f"No such endpoint: {request.method} {request.url.path}")
        path = raw_path.removeprefix(PREFIX).rstrip("/") or "/"
        matches = compiled.match(path)
        if not matches:
            raise ApiError(404, f"No such endpoint: {request.method} {request.url.path}")
        # HEAD is GET without the body (RFC 9110 9.3.2; uvicorn leaves the body out)
        method = "GET" if request.method == "HEAD" else request.method
        chosen = [(op, params) for op, params in matches if op.method == method]
        if not chosen:
            methods = {op.method for op, _ in matches}
            allowed = ", ".join(sorted(methods | ({"HEAD"} if "GET" in methods else set())))
            raise ApiError(
                405,
                f"Method {request.method} not allowed here; allowed: {allowed}",
                headers={"Allow": allowed},
            )
        operation, path_params = chosen[0]
        check_path(path_params, operation.operation.responses)
        seen["operation_id"] = operation.operation_id
        if "task_id" in path_params:
            seen["task_id"] = unquote(path_params["task_id"])
        key = api_key_from(request.headers.get("authorization"), keys)
        limiter.check(key)
        injector.check(key, request.headers)
        hold = _hold_requested(request, operation)
        check_query(request.scope.get("query_string", b""))
        content_type = request.headers.get("content-type")
        plan = operation.body_for(content_type)
        body, form = b"", None
        if plan is not None and plan.media_type == MULTIPART:
            form = await _read_form(request, max_upload_size)
        else:
            body = await read_body(request, max_body_size)
        valid = validate_request(
            compiled,
            operation,
            path_params,
            list(request.query_params.multi_items()),
            body,
            form,
            content_type,
        )
        handler = handlers[operation.operation_id]
        heavy = form is not None or operation.operation_id in WHOLE_ACCOUNT
        result = await services.in_transaction(
            key, lambda tx: handler(Context(services, tx, valid, hold)), heavy=heavy
        )
        if is_task_creation(operation) and isinstance(result, dict):
            seen["task_id"] = result.get("task_id")
        return JSONResponse(result, status_code=200)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        callbacks.start()
        try:
            yield
        finally:
            callbacks.close()

    methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "QUERY"]
    routes = [
        *control.routes(services, injector, keys, journal),
        Route("/{path:anything}", api, methods=methods),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers=EXCEPTION_HANDLERS,
        middleware=[ERROR_MIDDLEWARE],
    )
    app.state.services = services
    return app
