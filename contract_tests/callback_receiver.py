"""Where a run receives the callbacks the server sends (when it can reach the suite)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Delivery = tuple[dict[str, str], bytes]  # the request's headers (lowercase) and body


class CallbackReceiver:
    """Answers every POST with 200 and keeps what came, until closed."""

    def __init__(self, host: str) -> None:
        self.received: list[Delivery] = []
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                received.append((headers, self.rfile.read(length)))
                self.send_response(200)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}/scale-callback"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

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

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
