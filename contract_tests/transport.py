"""How the suite's requests reach the server: timeouts, TLS, extra headers, a request-rate cap,
429 answers waited out, and answers read with a size cap.

Both HTTP stacks of a run go through here: httpx for the suite's own checks and `requests` for
Schemathesis. Retries are the libraries' own (httpx-retries, urllib3): a 429 is the API's
documented "Too Many Requests -- You're sending too many requests", never a broken rule, so it
is waited out (honouring `Retry-After`) before an answer reaches a check.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import requests
from httpx_retries import Retry, RetryTransport
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError
from urllib3.util import Retry as Urllib3Retry

from contract_tests.target import Target

USER_AGENT = "scale-contract"
RETRIED_STATUSES = (429,)
MAX_RETRIES = 8
MAX_WAIT_SECONDS = 60.0
# Answers larger than this are cut: a check never holds an unbounded body in memory.
MAX_BODY_BYTES = 8 * 1024 * 1024


class Throttle:
    """At most `rate` requests per second from this process (the run's share of --rate-limit)."""

    def __init__(self, rate: float | None) -> None:
        self.interval = 0.0 if not rate else 1.0 / rate
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        if not self.interval:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            time.sleep(start - now)


_throttles: dict[float | None, Throttle] = {}


def throttle_for(target: Target) -> Throttle:
    """One throttle per process and rate, shared by every client of the run."""
    rate = target.per_worker_rate
    return _throttles.setdefault(rate, Throttle(rate))


class ServerUnreachable(Exception):
    """The server cannot be connected to: a connection problem, not a broken rule."""


def _retry() -> Retry:
    every_method = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]
    return Retry(
        total=MAX_RETRIES,
        allowed_methods=every_method,
        status_forcelist=RETRIED_STATUSES,
        retry_on_exceptions=[],  # a failed connection is reported (exit 2), not retried
        backoff_factor=0.5,
        respect_retry_after_header=True,
        max_backoff_wait=MAX_WAIT_SECONDS,
    )


def httpx_client(target: Target, api_key: str | None) -> httpx.Client:
    """A client of one account (or of none, for `api_key=None`)."""
    throttle = throttle_for(target)

    def before(_request: httpx.Request) -> None:
        throttle.wait()

    transport = RetryTransport(transport=httpx.HTTPTransport(verify=target.verify), retry=_retry())
    return httpx.Client(
        base_url=target.base_url,
        auth=(api_key, "") if api_key is not None else None,
        timeout=target.request_timeout,
        headers={"user-agent": USER_AGENT, **dict(target.headers)},
        transport=transport,
        event_hooks={"request": [before]},
    )


def send_capped(client: httpx.Client, request: httpx.Request) -> httpx.Response:
    """Send and read at most MAX_BODY_BYTES of the answer; connection failures become
    `ServerUnreachable`."""
    try:
        response = client.send(request, stream=True)
    except (httpx.ConnectError, httpx.ConnectTimeout) as error:
        raise ServerUnreachable(f"cannot connect to {request.url.host}: {error}") from error
    try:
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                del body[MAX_BODY_BYTES:]
                response.extensions["scale_contract_truncated"] = True
                break
    finally:
        response.close()
    # the body is decoded already: its encoding and length headers no longer describe it
    dropped = (b"content-encoding", b"content-length")
    headers = [(k, v) for k, v in response.headers.raw if k.lower() not in dropped]
    capped = httpx.Response(
        response.status_code,
        headers=headers,
        content=bytes(body),
        request=request,
        extensions=response.extensions,
    )
    return capped


class _ThrottledAdapter(HTTPAdapter):
    def __init__(self, throttle: Throttle, **kwargs: Any) -> None:
        self.throttle = throttle
        super().__init__(**kwargs)

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        self.throttle.wait()
        try:
            return super().send(request, *args, **kwargs)
        except requests.ConnectTimeout as error:
            raise ServerUnreachable(f"cannot connect: {error}") from error
        except requests.ConnectionError as error:
            cause = getattr(error.args[0], "reason", None) if error.args else None
            if isinstance(cause, NewConnectionError):  # refused, unresolvable, unroutable
                raise ServerUnreachable(f"cannot connect: {cause}") from error
            raise


class _CappedRetry(Urllib3Retry):
    """urllib3's retry, with a `Retry-After` wait capped like httpx-retries caps it."""

    def get_retry_after(self, response: Any) -> float | None:
        seconds = super().get_retry_after(response)
        return None if seconds is None else min(seconds, MAX_WAIT_SECONDS)


def requests_session(target: Target) -> requests.Session:
    """The session Schemathesis sends through: same TLS, headers, rate cap and 429 handling."""
    session = requests.Session()
    retry = _CappedRetry(
        total=MAX_RETRIES,
        connect=0,
        read=0,
        status_forcelist=RETRIED_STATUSES,
        allowed_methods=None,
        backoff_factor=0.5,
        backoff_max=MAX_WAIT_SECONDS,
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    adapter = _ThrottledAdapter(throttle_for(target), max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.verify = target.verify
    session.headers.update(dict(target.headers))
    return session
