"""The one way the mock says no: an `ApiError`, rendered as the spec's `Error` JSON.

Code raises; `EXCEPTION_HANDLERS`, registered on the application (the API and the control routes
alike), renders. Starlette's own refusals and unexpected exceptions become the same
JSON body, so no answer of the mock is ever a plain-text error. A database that cannot take the
work (full, read-only, locked) is the documented 503, not a bug's 500.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.types import ExceptionHandler

from scale_mock.store import StorageFault

log = logging.getLogger("scale_mock")


class ApiError(Exception):
    """An error response: status, a message a person can act on, and where/which rule."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        field: str | None = None,
        rule: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field
        self.rule = rule
        self.headers = headers or {}


def not_found(what: str, field: str | None = None) -> ApiError:
    return ApiError(404, f"{what} not found", field=field)


def invalid(field: str, reason: str, rule: str) -> ApiError:
    """The 400 of a value that breaks a rule, worded as Scale words it and naming the field."""
    return ApiError(400, f"Parameter is invalid, reason: {field}: {reason}", field=field, rule=rule)


def _render(error: ApiError) -> Response:
    body: dict[str, object] = {"error": error.message, "status_code": error.status}
    if error.field:
        body["field"] = error.field
    if error.rule:
        body["rule"] = error.rule
    return JSONResponse(body, status_code=error.status, headers=error.headers)


async def _api_error(_request: Request, error: Exception) -> Response:
    assert isinstance(error, ApiError)
    return _render(error)


async def _refused(_request: Request, error: Exception) -> Response:
    """Starlette's own refusals (a path its router cannot even parse)."""
    status = getattr(error, "status_code", 500)
    return _render(ApiError(status, str(getattr(error, "detail", "Request refused"))))


async def _storage_fault(_request: Request, error: Exception) -> Response:
    """The database cannot take the work now (full, read-only, locked): the documented 503
    "Try again later", with nothing of the request kept. Logged once, as an operator's
    problem, not a bug."""
    assert isinstance(error, StorageFault)
    log.warning("scale-mock's database refused a transaction: %s", error.detail)
    message = f"scale-mock cannot store this now: {error.detail}. Nothing was kept; try again later"
    rule = f"storage_{error.reason}"
    return _render(ApiError(503, message, rule=rule, headers={"Retry-After": "1"}))


async def _client_gone(request: Request, _error: Exception) -> Response:
    """The client left mid-request: nothing to answer (uvicorn drops writes to a gone
    client), and not a bug."""
    log.debug("client disconnected during %s %s", request.method, request.url.path)
    return Response(status_code=400)


async def _unexpected(request: Request, error: Exception) -> Response:
    """Any other exception: a bug, logged with its traceback."""
    log.error("scale-mock failed on %s %s", request.method, request.url.path, exc_info=error)
    return _render(ApiError(500, "scale-mock failed; this is a bug in the mock"))


EXCEPTION_HANDLERS: Mapping[Any, ExceptionHandler] = {
    ApiError: _api_error,
    StorageFault: _storage_fault,
    ClientDisconnect: _client_gone,
    HTTPException: _refused,
    Exception: _unexpected,
}

# `Starlette(exception_handlers=EXCEPTION_HANDLERS)` alone would give the `Exception` handler to
# the outermost middleware, which answers and then re-raises: uvicorn then drops the connection,
# and a client retrying the 500 on it gets a reset. The same mapping as this middleware, inside
# that one, answers and is done.
ERROR_MIDDLEWARE = Middleware(ExceptionMiddleware, handlers=EXCEPTION_HANDLERS)
