"""The control API under `/_mock`: what a human or the outside world would do to a task.

Not part of the Scale API, and not in `scale.yaml`. It uses the same Basic auth as `/v1`, and a
key only reaches its own tenant:

- `GET  /_mock/health`: readiness probe (no auth); `{"status": "ok", "service": "scale-mock",
  "hold_header": "Scale-Mock-Hold", "hold_test_tasks": bool}`, so a client can tell the mock
  from a real server and learn how to keep a task pending.
- `POST /_mock/tasks/{task_id}/complete`: a pending task is completed, with the body's
  `response` (checked against the spec's `Task` schema for its type) or a synthetic one.
  Pending tasks are those of `live_` keys, and test-mode ones held pending: created with the
  request header `Scale-Mock-Hold: pending` (any other value is a 400), or every one when the
  mock runs with `--hold-test-tasks`. A held task can be canceled, like any pending task.
- `GET  /_mock/callbacks`: every callback delivery (attempts, status codes) and recorded e-mail.
- `POST /_mock/faults` `{"status": 429|500|503, "count": N, "retry_after": S}` and
  `DELETE /_mock/faults`: queue or clear failures of the key's next API requests (`--faults`).
- `GET  /_mock/files/{file_id}/content`: the bytes of an uploaded file.
- `GET  /_mock/requests`: the key's request journal, oldest first (see `journal`), a JSON list
  `[{"method", "path", "query", "operation_id", "status", "task_id"}, ...]` of every `/v1`
  request the key made (the newest 10,000); `DELETE /_mock/requests` empties it.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from jsonschema.exceptions import best_match
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from scale_mock.auth import api_key_from
from scale_mock.context import Services
from scale_mock.errors import ApiError, not_found
from scale_mock.faults import FAULT_STATUSES, FaultInjector
from scale_mock.journal import RequestJournal
from scale_mock.spec import SPEC_URI
from scale_mock.store import Tx
from scale_mock.tasks import complete_task, load_task

Endpoint = Callable[[Request, str], Awaitable[Response]]
ALL_METHODS = frozenset(
    {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "QUERY"}
)


async def _json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        raise ApiError(
            400, "The request body is not valid JSON", field="body", rule="json"
        ) from None
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object", field="body", rule="type")
    return body


def routes(
    services: Services,
    injector: FaultInjector,
    keys: frozenset[str] | None,
    journal: RequestJournal,
) -> list[Route]:
    task_schema = services.spec.validator({"$ref": f"{SPEC_URI}#/components/schemas/Task"})

    def authenticated(endpoint: Endpoint) -> Callable[[Request], Awaitable[Response]]:
        async def run(request: Request) -> Response:
            return await endpoint(request, api_key_from(request.headers.get("authorization"), keys))

        return run

    async def health(_request: Request) -> Response:
        return JSONResponse(
            {
                "status": "ok",
                "service": "scale-mock",
                "hold_header": "Scale-Mock-Hold",
                "hold_test_tasks": services.hold_test_tasks,
            }
        )

    async def complete(request: Request, key: str) -> Response:
        task_id = request.path_params["task_id"]
        body = await _json_body(request)  # before the transaction: nothing awaits inside one
        response = body.get("response")

        def complete_in(tx: Tx) -> dict[str, Any]:
            if response is not None:
                candidate = {**load_task(tx, task_id), "status": "completed", "response": response}
                error = best_match(task_schema.iter_errors(candidate))
                if error is not None:
                    raise ApiError(
                        400,
                        f"response does not match the spec for this task type: {error.message}",
                        field="body.response",
                        rule=str(error.validator),
                    )
            return complete_task(services, tx, task_id, response)

        return JSONResponse(await services.in_transaction(key, complete_in))

    async def callbacks(_request: Request, key: str) -> Response:
        def outbox(tx: Tx) -> dict[str, Any]:
            return {
                "callbacks": tx.list("callback", oldest_first=True).docs,
                "emails": tx.list("email", oldest_first=True).docs,
            }

        return JSONResponse(await services.in_transaction(key, outbox, heavy=True))

    async def queue_faults(request: Request, key: str) -> Response:
        if not injector.enabled:
            raise ApiError(
                400, "Fault injection is off; start scale-mock with --faults", rule="faults_enabled"
            )
        body = await _json_body(request)
        status, count, retry_after = (
            body.get("status"),
            body.get("count", 1),
            body.get("retry_after", 1),
        )
        if not isinstance(status, int) or isinstance(status, bool) or status not in FAULT_STATUSES:
            raise ApiError(
                400,
                f"status must be one of {sorted(FAULT_STATUSES)}",
                field="body.status",
                rule="enum",
            )
        for name, value in (("count", count), ("retry_after", retry_after)):
            if (
                not isinstance(value, int)
                or isinstance(value, bool)
                or value < (1 if name == "count" else 0)
            ):
                raise ApiError(
                    400,
                    f"{name} must be a non-negative integer",
                    field=f"body.{name}",
                    rule="minimum",
                )
        injector.queue(key, status, count, retry_after)
        return JSONResponse(
            {"queued": {"status": status, "count": count, "retry_after": retry_after}}
        )

    async def clear_faults(_request: Request, key: str) -> Response:
        injector.clear(key)
        return JSONResponse({"queued": None})

    async def file_content(request: Request, key: str) -> Response:
        file_id = request.path_params["file_id"]
        record, data = await services.in_transaction(
            key, lambda tx: (tx.get("file", file_id), tx.get_blob(file_id)), heavy=True
        )
        if record is None or data is None:
            raise not_found(f"Uploaded file {file_id!r}")
        # a download no browser sniffs into HTML, whatever type the uploader claimed
        headers = {"X-Content-Type-Options": "nosniff", "Content-Disposition": "attachment"}
        return Response(data, media_type=record.get("mime_type"), headers=headers)

    async def requests(_request: Request, key: str) -> Response:
        return JSONResponse(journal.entries(key))

    async def clear_requests(_request: Request, key: str) -> Response:
        journal.clear(key)
        return JSONResponse([])

    served = [
        Route("/_mock/health", health),
        Route("/_mock/requests", authenticated(requests), methods=["GET"]),
        Route("/_mock/requests", authenticated(clear_requests), methods=["DELETE"]),
        Route("/_mock/tasks/{task_id}/complete", authenticated(complete), methods=["POST"]),
        Route("/_mock/callbacks", authenticated(callbacks)),
        Route("/_mock/faults", authenticated(queue_faults), methods=["POST"]),
        Route("/_mock/faults", authenticated(clear_faults), methods=["DELETE"]),
        Route("/_mock/files/{file_id}/content", authenticated(file_content)),
    ]
    return [*served, *_not_allowed(served)]


def _not_allowed(served: list[Route]) -> list[Route]:
    """Other methods on a control path: 405 with `Allow`, as on the API."""
    allowed: dict[str, set[str]] = {}
    for route in served:
        allowed.setdefault(route.path, set()).update(route.methods or ())
    refusals = []
    for path, methods in allowed.items():
        allow = ", ".join(sorted(methods))

        async def refuse(request: Request, allow: str = allow) -> Response:
            raise ApiError(
                405,
                f"Method {request.method} not allowed here; allowed: {allow}",
                headers={"Allow": allow},
            )

        refusals.append(Route(path, refuse, methods=sorted(ALL_METHODS - methods)))
    return refusals
