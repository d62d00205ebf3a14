"""Retries for the Scale API, on httpx-retries.

What is retried: 429 and every 5xx, and transport errors on an established connection
(timeouts, a connection dropped mid-answer), for idempotent methods (GET, PUT, DELETE, HEAD,
OPTIONS) and for a POST whose JSON body carries a `unique_id` (the API answers a second create
with 409, so a retried create can never make a second task). A refused connection is not
retried: nothing listens there, and waiting on it only hides the mistake (a wrong base URL, a
server not started). Waits grow exponentially with full jitter, a `Retry-After` header wins,
all waits of one request stop after `TOTAL_SECONDS`, and each retry is logged (logger
`scale_api_client.retries`, WARNING) with what it follows.

Hand-written, copied into the package by scripts/generate_client.py.
"""

from __future__ import annotations

import json
import logging
import ssl

import httpx
from httpx_retries import Retry, RetryTransport

RETRY_STATUSES = frozenset([429, *range(500, 600)])
# Transport errors worth another attempt: the request may not have reached the server, or its
# answer was lost. `httpx.ConnectError` (refused, unreachable) is left out on purpose.
RETRIED_ERRORS: tuple[type[Exception], ...] = (
    httpx.TimeoutException,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
)
TOTAL_SECONDS = 60.0  # at most this long asleep between the attempts of one request

log = logging.getLogger(__name__)


def default_retry() -> Retry:
    """4 retries, waits of about 0.5, 1, 2, 4 s (full jitter), at most 60 s each and in all."""
    return Retry(
        total=4,
        backoff_factor=0.5,
        backoff_jitter=1.0,
        max_backoff_wait=60.0,
        total_timeout=TOTAL_SECONDS,
        status_forcelist=RETRY_STATUSES,
        retry_on_exceptions=RETRIED_ERRORS,
        respect_retry_after_header=True,
    )


def carries_unique_id(request: httpx.Request) -> bool:
    """Whether a request is a JSON body with a string `unique_id` (an idempotent create)."""
    if not request.headers.get("content-type", "").startswith("application/json"):
        return False
    try:
        body = json.loads(request.content)
    except (ValueError, httpx.RequestNotRead):
        return False
    return isinstance(body, dict) and isinstance(body.get("unique_id"), str)


_ATTEMPT = "scale_api_client.attempt"  # request extension: (attempts sent, what the last got)


def _before_attempt(request: httpx.Request) -> int:
    """Number this attempt; from the second on, log the retry and what it follows."""
    sent, outcome = request.extensions.get(_ATTEMPT, (0, ""))
    if sent:
        url, attempt = request.url.copy_with(username=None, password=None), sent + 1
        log.warning("retrying %s %s (attempt %d) after %s", request.method, url, attempt, outcome)
    return int(sent) + 1


class _SyncAttempts(httpx.HTTPTransport):
    def handle_request(self, request: httpx.Request) -> httpx.Response:
        number = _before_attempt(request)
        try:
            response = super().handle_request(request)
        except httpx.TransportError as error:
            request.extensions[_ATTEMPT] = (number, type(error).__name__)
            raise
        request.extensions[_ATTEMPT] = (number, f"status {response.status_code}")
        return response


class _AsyncAttempts(httpx.AsyncHTTPTransport):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        number = _before_attempt(request)
        try:
            response = await super().handle_async_request(request)
        except httpx.TransportError as error:
            request.extensions[_ATTEMPT] = (number, type(error).__name__)
            raise
        request.extensions[_ATTEMPT] = (number, f"status {response.status_code}")
        return response


class ScaleRetryTransport(RetryTransport):
    """httpx-retries' transport, with POST retried only when it carries a `unique_id`, and
    every retry logged."""

    def __init__(self, retry: Retry | None = None, verify: ssl.SSLContext | bool = True) -> None:
        super().__init__(retry=retry or default_retry())
        self._sync_transport = _SyncAttempts(verify=verify)
        self._async_transport = _AsyncAttempts(verify=verify)

    def _choose_retry(self, request: httpx.Request) -> None:
        if request.method == "POST" and carries_unique_id(request):
            allowed = [*self.retry.allowed_methods, "POST"]
            request.extensions.setdefault("retry", self.retry.copy_with(allowed_methods=allowed))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._choose_retry(request)
        return super().handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self._choose_retry(request)
        return await super().handle_async_request(request)
