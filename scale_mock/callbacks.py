"""Deliver task callbacks the way the documents describe, off the request path.

"Scale will POST to your callback_url once the task is completed", with the task, its response
and the `scale-callback-auth` header; a non-2xx reply is retried "up to 20 times over the course
of the next 24 hours", and `callback_succeeded` records the outcome. An e-mail address as
`callback_url` gets "an email sent with the body as the task's JSON payload": the mock records
it instead of sending it.

A task's callback record (or e-mail) is written in the transaction that finishes the task, and
its delivery joins the agenda once that transaction commits. One worker thread owns the agenda
of due deliveries, so an API request only enqueues and never waits for a receiver.
`time_scale` compresses the retry schedule (0.001 turns ~21 hours into ~75 seconds) for tests
and for clients that want to watch the retries.
"""

from __future__ import annotations

import heapq
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from scale_mock.clock import now
from scale_mock.store import Storage, Tx

MAX_ATTEMPTS = 20
# Seconds before each retry: doubling from 10 s, capped at 2 h; the 19 waits add up to ~21 h.
RETRY_DELAYS = tuple(min(10 * 2**attempt, 7200) for attempt in range(MAX_ATTEMPTS - 1))
DEFAULT_AUTH_KEY = "scale-mock-callback-auth"


def is_email(address: str) -> bool:
    return "@" in address and "://" not in address


def callback_body(task: dict[str, Any]) -> dict[str, Any]:
    """The documented `CallbackBody`: `task_id`, `status`, `response` and the full `task`."""
    return {
        "task_id": task["task_id"],
        "status": task["status"],
        "response": task.get("response"),
        "task": task,
    }


@dataclass(order=True)
class _Delivery:
    due: float
    order: int
    tenant: str = field(compare=False)
    task_id: str = field(compare=False)
    url: str = field(compare=False)
    payload: bytes = field(compare=False)
    attempt: int = field(default=1, compare=False)


class CallbackDispatcher:
    """Posts callbacks from a background thread, retrying on a compressible schedule."""

    def __init__(
        self,
        store: Storage,
        auth_key: str = DEFAULT_AUTH_KEY,
        time_scale: float = 1.0,
        timeout: float = 10.0,
    ) -> None:
        self._store = store
        self._auth_key = auth_key
        self._time_scale = time_scale
        self._timeout = timeout
        self._agenda: list[_Delivery] = []
        self._order = itertools.count()
        self._wake = threading.Condition()
        self._stopping = False
        self._worker: threading.Thread | None = None

    def start(self) -> None:
        if self._worker is None:
            self._stopping = False
            self._worker = threading.Thread(
                target=self._run, name="scale-mock-callbacks", daemon=True
            )
            self._worker.start()

    def close(self) -> None:
        """Stop the worker; deliveries still waiting for a retry are dropped."""
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        if self._worker is not None:
            self._worker.join(timeout=self._timeout + 5)
            self._worker = None

    def task_finished(self, tx: Tx, task: dict[str, Any]) -> None:
        """Called in the transaction that completed or errored the task; returns at once."""
        url = task.get("callback_url")
        if not url:
            return
        body = callback_body(task)
        task_id = task["task_id"]
        if is_email(url):
            email = {"to": url, "task_id": task_id, "sent_at": now(), "body": body}
            tx.insert("email", f"{task_id}:{url}", email)
            return
        tx.put(
            "callback", task_id, {"task_id": task_id, "url": url, "attempts": [], "succeeded": None}
        )
        payload, tenant = json.dumps(body).encode(), tx.tenant
        tx.after_commit(
            lambda: self._schedule(
                _Delivery(time.monotonic(), next(self._order), tenant, task_id, url, payload)
            )
        )

    def _schedule(self, delivery: _Delivery) -> None:
        with self._wake:
            heapq.heappush(self._agenda, delivery)
            self._wake.notify()

    def _next_due(self) -> _Delivery | None:
        with self._wake:
            while not self._stopping:
                if self._agenda and self._agenda[0].due <= time.monotonic():
                    return heapq.heappop(self._agenda)
                wait = self._agenda[0].due - time.monotonic() if self._agenda else None
                self._wake.wait(timeout=wait)
            return None

    def _run(self) -> None:
        headers = {"scale-callback-auth": self._auth_key, "content-type": "application/json"}
        with httpx.Client(timeout=self._timeout, headers=headers) as http:
            while (delivery := self._next_due()) is not None:
                self._attempt(http, delivery)

    def _attempt(self, http: httpx.Client, delivery: _Delivery) -> None:
        outcome: dict[str, Any] = {"attempt": delivery.attempt, "at": now()}
        retryable = True
        try:
            reply = http.post(delivery.url, content=delivery.payload)
            outcome["status_code"] = reply.status_code
            succeeded = reply.is_success
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            outcome["error"] = f"{type(error).__name__}: {error}"
            succeeded, retryable = False, False
        except httpx.HTTPError as error:
            outcome["error"] = f"{type(error).__name__}: {error}"
            succeeded = False
        final = succeeded or not retryable or delivery.attempt >= MAX_ATTEMPTS
        self._record(delivery, outcome, succeeded if final else None)
        if not final:
            delay = RETRY_DELAYS[delivery.attempt - 1] * self._time_scale
            delivery.due = time.monotonic() + delay
            delivery.attempt += 1
            delivery.order = next(self._order)
            self._schedule(delivery)

    def _record(self, delivery: _Delivery, outcome: dict[str, Any], succeeded: bool | None) -> None:
        with self._store.transaction(delivery.tenant) as tx:
            record = tx.get("callback", delivery.task_id)
            if record is not None:
                record["attempts"].append(outcome)
                record["succeeded"] = succeeded
                tx.put("callback", delivery.task_id, record)
            if succeeded is not None:
                task = tx.get("task", delivery.task_id)
                if task is not None:
                    task["callback_succeeded"] = succeeded
                    tx.put("task", delivery.task_id, task)
