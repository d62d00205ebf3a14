"""A callback still to be retried when scale-mock stops is sent when it runs again: callbacks
are jobs in the database, on either store."""

from __future__ import annotations

import http.server
import threading
import time
import uuid
from typing import ClassVar

import httpx

from scale_mock.testing import SubprocessMock

TASK = {
    "instruction": "Is this company public or private?",
    "attachment_type": "website",
    "attachment": "http://www.google.com/",
    "categories": ["public", "private"],
}


class Receiver(http.server.BaseHTTPRequestHandler):
    """500 to the first POST, 200 to the rest."""

    posts: ClassVar[list[int]] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", 0)))
        status = 500 if not self.posts else 200
        self.posts.append(status)
        self.send_response(status)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_retry_pending_at_stop_is_sent_after_a_restart(database: str) -> None:
    Receiver.posts = []
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
    key = f"test_{uuid.uuid4().hex}"
    # the first retry waits 10 s x 0.3 = 3 s: the mock is stopped before it
    options = ["--db", database, "--callback-time-scale", "0.3"]
    try:
        with SubprocessMock(options) as first, httpx.Client(auth=(key, "")) as http_client:
            task_id = http_client.post(
                f"{first.base_url}/task/categorization", json={**TASK, "callback_url": hook}
            ).json()["task_id"]
            deadline = time.monotonic() + 10
            while not Receiver.posts and time.monotonic() < deadline:
                time.sleep(0.05)
        assert Receiver.posts == [500]  # stopped after the first attempt, before the retry
        with SubprocessMock(options) as again, httpx.Client(auth=(key, "")) as http_client:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                task = http_client.get(f"{again.base_url}/task/{task_id}").json()
                if task.get("callback_succeeded") is not None:
                    break
                time.sleep(0.1)
            records = http_client.get(f"{again.root_url}/_mock/callbacks").json()["callbacks"]
    finally:
        receiver.shutdown()
    assert task["callback_succeeded"] is True
    [record] = records
    assert [(a["attempt"], a["status_code"]) for a in record["attempts"]] == [(1, 500), (2, 200)]
    assert Receiver.posts == [500, 200]
