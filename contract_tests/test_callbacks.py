"""Callbacks: when the server can reach the suite, a finished task is POSTed to its
`callback_url` with the documented body and the `scale-callback-auth` header."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from contract_tests.api import Api, Rule, check
from contract_tests.conftest import Claim
from contract_tests.spec import document, schema_errors
from contract_tests.target import Target

pytestmark = pytest.mark.billable
CALLBACK = document()["components"]["pathItems"]["TaskCallback"]["post"]
PAYLOAD = Rule(
    "callback.payload",
    " ".join(str(CALLBACK.get("description", "The callback body")).split()),
    "#/components/schemas/CallbackBody",
)
HEADER = Rule(
    "callback.auth_header",
    "Callbacks carry the scale-callback-auth header (the account's callback auth key).",
    "#/components/pathItems/TaskCallback/post/parameters",
)
WAIT_SECONDS = 20


class Receiver:
    def __init__(self, host: str) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                received.append(
                    ({k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length))
                )
                self.send_response(200)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}/scale-callback"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)


@pytest.fixture(scope="module")
def receiver(target: Target) -> Iterator[Receiver]:
    if target.callback_host is None:
        pytest.skip("the server cannot reach this suite: pass --callback-host to check callbacks")
    listening = Receiver(target.callback_host)
    listening.thread.start()
    yield listening
    listening.server.shutdown()
    listening.server.server_close()


def test_a_finished_task_is_posted_to_its_callback_url(
    api: Api, receiver: Receiver, target: Target, claim: Claim
) -> None:
    claim(PAYLOAD, "task_callback")
    created = api.post(
        "/task/annotation",
        json_body={
            "attachment": "https://example.com/callback.png",
            "objects_to_annotate": ["car"],
            "callback_url": receiver.url,
        },
    )
    assert created.status_code == 200, created.text
    task_id = created.json()["task_id"]
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        mine = [r for r in receiver.received if task_id.encode() in r[1]]
        if mine:
            break
        time.sleep(0.05)
    else:
        status = api.get(f"/task/{task_id}").json().get("status")
        if status == "pending":
            return  # the task did not finish during the run: no callback is due (not reached)
        check(
            False,
            PAYLOAD,
            "task_callback",
            f"a POST to {receiver.url} within {WAIT_SECONDS} s of the task finishing ({status})",
            created,
            api,
        )
    headers, raw = mine[0]
    try:
        body = json.loads(raw)
    except ValueError:
        body = None
    problems = schema_errors("#/components/schemas/CallbackBody", body)
    if isinstance(body, dict) and isinstance(body.get("task"), dict):
        if body.get("response") != body["task"].get("response"):
            problems.append("response is not the task's response (x-scale-rules)")
        if body.get("task_id") != body["task"].get("task_id"):
            problems.append("task_id is not the task's task_id (x-scale-rules)")
    check(not problems, PAYLOAD, "task_callback", f"a CallbackBody; problems: {problems}", None)
    claim(HEADER, "task_callback")
    value = headers.get("scale-callback-auth")
    expected = target.callback_auth_key
    check(
        bool(value) and (expected is None or value == expected),
        HEADER,
        "task_callback",
        f"scale-callback-auth: {expected or '<the account key>'}, got {value!r}",
        None,
    )
