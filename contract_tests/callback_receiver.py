"""Where callbacks land: the suite's receiver (when the server can reach it) and the tests'.

One small HTTP server that keeps every POST it gets; it can answer the first N with a failure
status, so a test can watch a server retry.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self

Delivery = tuple[dict[str, str], bytes]  # the request's headers (lowercase) and body


class CallbackReceiver:
    """Answers every POST with 200 (the first `fail_first` with `failure_status`) and keeps
    what came, until closed. Serving starts at once; use it as a context manager or `close()`."""

    def __init__(
        self, host: str = "127.0.0.1", fail_first: int = 0, failure_status: int = 500
    ) -> None:
        self.received: list[Delivery] = []
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                received.append((headers, self.rfile.read(length)))
                failing = len(received) <= fail_first
                self.send_response(failure_status if failing else 200)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}/scale-callback"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def json_bodies(self) -> list[tuple[dict[str, str], Any]]:
        """(headers, parsed JSON body) of every delivery so far."""
        return [(headers, json.loads(body)) for headers, body in list(self.received)]

    def delivery(self, task_id: str, wait: float) -> Delivery | None:
        """The first callback about `task_id`, waiting up to `wait` seconds for it."""
        deadline = time.monotonic() + wait
        while True:
            for headers, body in list(self.received):
                try:
                    if json.loads(body).get("task_id") == task_id:
                        return headers, body
                except (ValueError, AttributeError):
                    continue
            if time.monotonic() > deadline:
                return None
            time.sleep(0.05)

    def wait_for(self, count: int, timeout: float = 10) -> None:
        """Until `count` deliveries have come; an AssertionError after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while len(self.received) < count:
            assert time.monotonic() < deadline, f"{len(self.received)} of {count} callbacks"
            time.sleep(0.01)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
