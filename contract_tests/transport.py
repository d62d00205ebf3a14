"""How the suite's requests reach the server: timeouts, TLS, extra headers, a request-rate cap,
429 answers waited out, and answers read with a size cap.

Both HTTP stacks of a run go through here: httpx for the suite's own checks and `requests` for
Schemathesis. Retries are the libraries' own (httpx-retries, urllib3): a 429 is the API's
documented "Too Many Requests -- You're sending too many requests", never a broken rule, so it
is waited out (honouring `Retry-After`) before an answer reaches a check.

`--budget N` caps the requests of the run (every request on the wire, retries included): each
process sends at most its share (`Target.per_worker_budget`); a check that needs one more is
skipped (`BudgetSpent`, its rules "not reached"), never failed. The cleanup of what the run
created is not refused (`unmetered`).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
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


class BudgetSpent(pytest.skip.Exception):  # type: ignore[name-defined,misc]  # pytest.Skipped
    """The run's --budget of requests is spent: the check is skipped, its rules not reached.

    A skip, not an error: pytest reports the test skipped, and Hypothesis re-raises it at once
    (no shrinking, no further requests)."""


class Budget:
    """At most `limit` requests from this process (its share of --budget); None: no limit."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.sent = 0
        self._lock = threading.Lock()
        self._exempt = threading.local()

    def spend(self, refuse: bool = True) -> None:
        """Count one request about to be sent, or raise `BudgetSpent` if none is left (unless
        `refuse` is false)."""
        with self._lock:
            self.sent += 1
            if self.limit is None or not refuse or getattr(self._exempt, "on", False):
                return
            if self.sent > self.limit:
                self.sent -= 1
                raise BudgetSpent(f"--budget spent ({self.limit} requests for this process)")

    @contextlib.contextmanager
    def unmetered(self) -> Iterator[None]:
        """Requests that are sent (and counted) even when the budget is spent."""
        before = getattr(self._exempt, "on", False)
        self._exempt.on = True
        try:
            yield
        finally:
            self._exempt.on = before


_budgets: dict[int | None, Budget] = {}


def budget_for(target: Target) -> Budget:
    """One budget per process and share, shared by every client of the run."""
    share = target.per_worker_budget
    return _budgets.setdefault(share, Budget(share))


@contextlib.contextmanager
def unmetered(target: Target) -> Iterator[None]:
    """Send the requests of the block even when the run's budget is spent (the cleanup)."""
    with budget_for(target).unmetered():
        yield


class _Metered(httpx.BaseTransport):
    """Counts every request httpx sends (each retry too) against the budget."""

    def __init__(self, inner: httpx.BaseTransport, budget: Budget, refuse: bool) -> None:
        self.inner, self.budget, self.refuse = inner, budget, refuse

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.budget.spend(self.refuse)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


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


def httpx_client(target: Target, api_key: str | None, metered: bool = True) -> httpx.Client:
    """A client of one account (or of none, for `api_key=None`). Its requests count against
    --budget; with `metered=False` (the preflight) they are never refused."""
    throttle = throttle_for(target)

    def before(_request: httpx.Request) -> None:
        throttle.wait()

    counted = _Metered(httpx.HTTPTransport(verify=target.verify), budget_for(target), metered)
    transport = RetryTransport(transport=counted, retry=_retry())
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
    def __init__(self, throttle: Throttle, budget: Budget, **kwargs: Any) -> None:
        self.throttle, self.budget = throttle, budget
        super().__init__(**kwargs)

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        self.budget.spend()  # its retries are counted by `_CappedRetry`
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
    """urllib3's retry, with a `Retry-After` wait capped like httpx-retries caps it, and each
    retry counted against the budget."""

    budget: Budget | None = None

    def new(self, **kwargs: Any) -> _CappedRetry:
        fresh = super().new(**kwargs)
        fresh.budget = self.budget
        return fresh

    def increment(self, *args: Any, **kwargs: Any) -> _CappedRetry:
        fresh = super().increment(*args, **kwargs)  # raises when no retry is left
        if self.budget is not None:
            self.budget.spend()
        return fresh

    def get_retry_after(self, response: Any) -> float | None:
        seconds = super().get_retry_after(response)
        return None if seconds is None else min(seconds, MAX_WAIT_SECONDS)


class _Session(requests.Session):
    """A session that reads the environment's proxy and CA settings once per host and request
    settings, not on every request (requests scans the whole environment twice per request:
    a tenth of a Schemathesis case's time against a local server). The environment does not
    change during a run, so the settings are the ones requests would find."""

    def __init__(self) -> None:
        super().__init__()
        self._environment: dict[tuple[Any, ...], dict[str, Any]] = {}

    def merge_environment_settings(
        self, url: Any, proxies: Any, stream: Any, verify: Any, cert: Any
    ) -> dict[str, Any]:
        parts = urlsplit(str(url))
        given = tuple(sorted((proxies or {}).items()))
        key = (parts.scheme, parts.netloc, given, stream, verify, cert)
        found = self._environment.get(key)
        if found is None:
            found = super().merge_environment_settings(url, proxies, stream, verify, cert)
            self._environment[key] = found
        return {
            name: dict(value) if isinstance(value, dict) else value for name, value in found.items()
        }


def requests_session(target: Target) -> requests.Session:
    """The session Schemathesis sends through: same TLS, headers, rate cap and 429 handling."""
    session = _Session()
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
    retry.budget = budget_for(target)
    adapter = _ThrottledAdapter(throttle_for(target), retry.budget, max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.verify = target.verify
    session.headers.update(dict(target.headers))
    return session
