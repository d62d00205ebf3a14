"""Errors raised by the API functions.

`sync()` and `asyncio()` raise a `ScaleApiError` subclass for every error status the API
documents, carrying the server's message (and, from scale-mock, the field and rule it names);
`sync_detailed()` and `asyncio_detailed()` never raise on a status and return the `Response`.
"""

import json
from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")


class UnknownEnumValueWarning(UserWarning):
    """The server sent an enum value the client does not know; the raw value was kept."""


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class ScaleApiError(Exception):
    """An error answer of the Scale API: its status, message and, when given, field and rule."""

    def __init__(
        self,
        status_code: int,
        message: str,
        *,
        field: str | None = None,
        rule: str | None = None,
        headers: Mapping[str, str] | None = None,
        content: bytes = b"",
    ) -> None:
        self.status_code = status_code
        self.message = message
        self.field = field
        self.rule = rule
        self.headers = dict(headers or {})
        self.content = content
        where = f" [{field}: {rule}]" if field and rule else ""
        super().__init__(f"{status_code}: {message}{where}")


class InvalidRequest(ScaleApiError):
    """400: "The request was unacceptable, often due to missing a required parameter." """


class Unauthorized(ScaleApiError):
    """401: "No valid API key provided." """


class NotEnabled(ScaleApiError):
    """402: "Please contact sales@scaleapi.com before creating this type of task." """


class NotFound(ScaleApiError):
    """404: "The requested resource doesn't exist." """


class Duplicate(ScaleApiError):
    """409: "Object already exists with same name, idempotency key or unique_id." """


class ContentTooLarge(ScaleApiError):
    """413: the request's body is larger than the server accepts (no limit is documented)."""


class TooManyRequests(ScaleApiError):
    """429: "Too many requests hit the API too quickly." `retry_after` is in seconds."""

    @property
    def retry_after(self) -> float | None:
        value = self.headers.get("retry-after") or self.headers.get("Retry-After")
        try:
            return float(value) if value is not None else None
        except ValueError:
            return None


class ServerError(ScaleApiError):
    """5xx: the server failed; "Try again later"."""


class InternalServerError(ServerError):
    """500: "We had a problem with our server." """


class ServiceUnavailable(ServerError):
    """503: "Server Timeout From Request Queueing." """


class GatewayTimeout(ServerError):
    """504: "Server Timeout Error." """


ERRORS_BY_STATUS: dict[int, type[ScaleApiError]] = {
    400: InvalidRequest,
    401: Unauthorized,
    402: NotEnabled,
    404: NotFound,
    409: Duplicate,
    413: ContentTooLarge,
    429: TooManyRequests,
    500: InternalServerError,
    503: ServiceUnavailable,
    504: GatewayTimeout,
}


def error_for(status_code: int, content: bytes, headers: Mapping[str, str] | None = None) -> ScaleApiError:
    """The typed error of an error response; the message is the body's `error`, else its text."""
    body: Any = None
    try:
        body = json.loads(content)
    except ValueError:
        pass
    fields: dict[str, Any] = body if isinstance(body, dict) else {}
    error = fields.get("error")
    message = error if isinstance(error, str) else content.decode(errors="replace")
    kind = ERRORS_BY_STATUS.get(status_code)
    if kind is None:
        kind = ServerError if status_code >= 500 else ScaleApiError
    return kind(
        status_code,
        message,
        field=fields.get("field") if isinstance(fields.get("field"), str) else None,
        rule=fields.get("rule") if isinstance(fields.get("rule"), str) else None,
        headers=headers,
        content=content,
    )


def parsed_or_raise(response: "Any") -> Any:
    """The parsed success of a `Response`, or the typed error of its status."""
    status = int(response.status_code)
    if status >= 400:
        raise error_for(status, response.content, response.headers)
    if response.parsed is None:
        raise UnexpectedStatus(status, response.content)
    return response.parsed


__all__ = [
    "Duplicate",
    "GatewayTimeout",
    "InternalServerError",
    "InvalidRequest",
    "NotEnabled",
    "NotFound",
    "ScaleApiError",
    "ServerError",
    "ServiceUnavailable",
    "TooManyRequests",
    "Unauthorized",
    "UnexpectedStatus",
    "UnknownEnumValueWarning",
    "error_for",
    "parsed_or_raise",
]
