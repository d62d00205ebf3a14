"""Retries for the Scale API, on httpx-retries.

What is retried: 429 and every 5xx, and transport errors, for idempotent methods (GET, PUT,
DELETE, HEAD, OPTIONS) and for a POST whose JSON body carries a `unique_id` (the API answers a
second create with 409, so a retried create can never make a second task). Waits grow
exponentially with full jitter, and a `Retry-After` header wins.

Hand-written, copied into the package by scripts/generate_client.py.
"""

from __future__ import annotations

import json
import ssl

import httpx
from httpx_retries import Retry, RetryTransport

RETRY_STATUSES = frozenset([429, *range(500, 600)])


def default_retry() -> Retry:
    """4 retries, waits of about 0.5, 1, 2, 4 s (full jitter), at most 60 s each."""
    return Retry(
        total=4,
        backoff_factor=0.5,
        backoff_jitter=1.0,
        max_backoff_wait=60.0,
        status_forcelist=RETRY_STATUSES,
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


class ScaleRetryTransport(RetryTransport):
    """httpx-retries' transport, with POST retried only when it carries a `unique_id`."""

    def __init__(self, retry: Retry | None = None, verify: ssl.SSLContext | bool = True) -> None:
        super().__init__(retry=retry or default_retry())
        self._sync_transport = httpx.HTTPTransport(verify=verify)
        self._async_transport = httpx.AsyncHTTPTransport(verify=verify)

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
