"""The one way the mock says no: an `ApiError`, rendered as the spec's `Error` JSON."""

from __future__ import annotations

from starlette.responses import JSONResponse


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

    def response(self) -> JSONResponse:
        body: dict[str, object] = {"error": self.message, "status_code": self.status}
        if self.field:
            body["field"] = self.field
        if self.rule:
            body["rule"] = self.rule
        return JSONResponse(body, status_code=self.status, headers=self.headers)


def not_found(what: str, field: str | None = None) -> ApiError:
    return ApiError(404, f"{what} not found", field=field)
