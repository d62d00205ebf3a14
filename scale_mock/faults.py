"""Failures on demand, for testing how clients cope (off unless `--faults` / `--rate-limit`).

- A request header `X-Scale-Mock-Fault: 429|500|503` answers that status at once
  (`X-Scale-Mock-Retry-After: N` sets the `Retry-After` of a 429 or 503; default 1).
- `POST /_mock/faults {"status": 503, "count": 2}` makes the key's next 2 API requests fail,
  so a client's retries can be watched succeeding.
- `--rate-limit N` answers 429 with `Retry-After` past N requests per second per key, as the
  documents' "Too many requests hit the API too quickly".
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass

from starlette.datastructures import Headers

from scale_mock.errors import ApiError

FAULT_HEADER = "x-scale-mock-fault"
RETRY_AFTER_HEADER = "x-scale-mock-retry-after"
FAULT_STATUSES = {
    429: "Too Many Requests - Too many requests hit the API too quickly",
    500: "Internal Server Error - We had a problem with our server. Try again later",
    503: "Server Timeout From Request Queueing - Try again later",
}


def fault_error(status: int, retry_after: int = 1) -> ApiError:
    headers = {"Retry-After": str(retry_after)} if status in (429, 503) else {}
    message = f"{FAULT_STATUSES[status]} (injected by scale-mock)"
    return ApiError(status, message, rule="injected_fault", headers=headers)


@dataclass
class _Queued:
    status: int
    remaining: int
    retry_after: int


class FaultInjector:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._queued: dict[str, deque[_Queued]] = {}
        self._lock = threading.Lock()

    def queue(self, key: str, status: int, count: int, retry_after: int) -> None:
        with self._lock:
            self._queued.setdefault(key, deque()).append(_Queued(status, count, retry_after))

    def clear(self, key: str) -> None:
        with self._lock:
            self._queued.pop(key, None)

    def check(self, key: str, headers: Headers) -> None:
        """Raise the fault this request asks for or has queued, if any."""
        if not self.enabled:
            return
        asked = headers.get(FAULT_HEADER)
        if asked is not None:
            status = int(asked) if asked.isdigit() and int(asked) in FAULT_STATUSES else None
            if status is None:
                raise ApiError(
                    400,
                    f"{FAULT_HEADER} must be one of {sorted(FAULT_STATUSES)}",
                    field=f"header.{FAULT_HEADER}",
                    rule="enum",
                )
            retry = headers.get(RETRY_AFTER_HEADER, "1")
            raise fault_error(status, int(retry) if retry.isdigit() else 1)
        with self._lock:
            pending = self._queued.get(key)
            if not pending:
                return
            fault = pending[0]
            fault.remaining -= 1
            if fault.remaining <= 0:
                pending.popleft()
        raise fault_error(fault.status, fault.retry_after)


class RateLimiter:
    """At most `per_second` requests per key in any rolling one-second window.

    Any string is a key when keys are open, so the state is bounded: windows are kept in
    least-recently-used order, a window idle for a second (it can refuse nothing any more) is
    dropped as soon as it is the oldest, and past `max_keys` windows active at once the oldest
    goes too (its key is forgotten early, not refused wrongly)."""

    def __init__(self, per_second: int | None, max_keys: int = 10_000) -> None:
        self.per_second = per_second
        self.max_keys = max_keys
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many keys' windows are held."""
        return len(self._seen)

    def check(self, key: str) -> None:
        if self.per_second is None:
            return
        moment = time.monotonic()
        with self._lock:
            self._forget_idle(moment)
            window = self._seen.get(key)
            if window is None:
                window = self._seen[key] = deque()
            self._seen.move_to_end(key)
            while window and window[0] <= moment - 1.0:
                window.popleft()
            if len(window) >= self.per_second:
                raise ApiError(
                    429,
                    f"Too Many Requests - more than {self.per_second} requests per second",
                    rule="rate_limit",
                    headers={"Retry-After": "1"},
                )
            window.append(moment)

    def _forget_idle(self, moment: float) -> None:
        """Drop the oldest windows while they are idle or too many (each request drops what it
        finds, so the work stays proportional to the requests)."""
        while self._seen:
            oldest = next(iter(self._seen.values()))
            if len(self._seen) < self.max_keys and oldest and oldest[-1] > moment - 1.0:
                return
            self._seen.popitem(last=False)
