"""A callback receiver for the mock's callback tests: each task's first POST answered 500, the
rest 200, and every answer it gave kept per task."""

from __future__ import annotations

import http.server
import json
import threading
import time
from types import TracebackType
from typing import Self


class FailFirstReceiver:
    """On 127.0.0.1 and a free port, on a thread of its own, for the `with` block. `delay`
    seconds pass before each answer (so an attempt can be caught in flight); `posts[task_id]`
    lists the statuses it answered, in order."""

    def __init__(self, delay: float = 0.0) -> None:
        self.posts: dict[str, list[int]] = {}
        lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                task_id = json.loads(body)["task_id"]
                with lock:
                    answered = receiver.posts.setdefault(task_id, [])
                    status = 200 if answered else 500
                    answered.append(status)
                time.sleep(delay)
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/hook"

    def count(self) -> int:
        """Every POST it has had."""
        return sum(len(statuses) for statuses in list(self.posts.values()))

    def __enter__(self) -> Self:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
