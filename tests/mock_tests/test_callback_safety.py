"""Callbacks under hostile input and slow receivers: where they may go, what the control API
says about failures, that one tenant's hanging receiver does not hold up another's, and the
start-up line of `scale-mock`."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from contract_tests.callback_receiver import CallbackReceiver
from scale_mock import callbacks
from scale_mock.callbacks import (
    UNREACHABLE,
    CallbackDispatcher,
    CallbackPolicy,
    CallbackRefused,
)
from scale_mock.cli import parse_args
from scale_mock.store import Store
from scale_mock.testing import SubprocessMock, ThreadedMock, free_port
from tests.mock_tests.conftest import TIME_SCALE, ClientFactory, api_client, fresh_key
from tests.mock_tests.test_tasks import BOX, create, error_of


class HangingReceiver:
    """Accepts connections and never answers (or answers `reply` and then hangs)."""

    def __init__(self, reply: bytes = b"") -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}/hang"
        self.reply = reply
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.accepted.append(connection)
            if self.reply:
                with contextlib.suppress(OSError):
                    connection.sendall(self.reply)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)  # wakes the accept()
        self.server.close()
        for connection in self.accepted:
            connection.close()
        self._thread.join(timeout=5)

    def __enter__(self) -> HangingReceiver:
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()


def callback_log(base_url: str, key: str) -> list[dict[str, Any]]:
    root = base_url.removesuffix("/v1")
    answer = httpx.get(f"{root}/_mock/callbacks", auth=(key, ""))
    return list(answer.json()["callbacks"])


def wait_for(predicate: Any, timeout: float = 10) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
    return value


# --- refused at creation -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/callback",
        "gopher://127.0.0.1:70/",
        "javascript:alert(1)",
        "www.example.com/callback",
        "http:///no-host",
        "http://user:pass@example.com/callback",
        "https://user@example.com/callback",
        "http://169.254.169.254/latest/meta-data/",
        "http://169.254.1.1/",
        "http://[fe80::1]/",
        "http://[fd00:ec2::254]/",
        "http://[::ffff:169.254.169.254]/",
        "http://0.0.0.0/",
    ],
)
def test_unsafe_callback_urls_are_refused_before_anything_is_stored(
    client_for: ClientFactory, url: str
) -> None:
    http = client_for(fresh_key())
    answer = http.post("/task/annotation", json={**BOX, "callback_url": url})
    field, rule = error_of(answer, 400)
    assert (field, rule) == ("body.callback_url", "callback_url")
    assert http.get("/tasks").json()["docs"] == []


@pytest.mark.parametrize(
    "url",
    [
        "ops@example.com",
        "http://127.0.0.1:9/callback",
        "https://www.example.com/callback?x=1",
        "http://10.1.2.3/callback",
        "http://192.168.0.10:8080/callback",
        "http://[::1]:9/callback",
    ],
)
def test_safe_callback_urls_are_accepted(client_for: ClientFactory, url: str) -> None:
    task = create(client_for(fresh_key("live")), callback_url=url)
    assert task["callback_url"] == url


def test_the_allow_list_opens_link_local_hosts_and_networks() -> None:
    default = CallbackPolicy()
    with pytest.raises(CallbackRefused):
        default.check_url("http://169.254.169.254/")
    opened = CallbackPolicy(("169.254.0.0/16", "Metadata.Internal"))
    opened.check_url("http://169.254.169.254/")
    opened.check_url("http://metadata.internal/")
    with pytest.raises(CallbackRefused):
        opened.check_url("file:///etc/passwd")  # the scheme and credentials rules stay
    with pytest.raises(CallbackRefused):
        opened.check_url("http://a:b@169.254.169.254/")
    with pytest.raises(ValueError):
        CallbackPolicy(("10.0.0.0/33",))


def test_scale_mock_callback_allow_is_repeatable() -> None:
    args = parse_args(["--callback-allow", "10.0.0.0/8", "--callback-allow", "h"])
    assert args.callback_allow == ["10.0.0.0/8", "h"]


# --- refused at delivery -----------------------------------------------------------------


def test_a_host_resolving_to_a_metadata_address_is_unreachable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = socket.getaddrinfo

    def rebinding(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "rebind.test":
            # One harmless address and one forbidden one: every address is checked.
            return [
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", port)),
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with (
        CallbackReceiver() as receiver,
        ThreadedMock(callback_time_scale=TIME_SCALE) as server,
    ):
        key = fresh_key()
        port = receiver.url.split(":")[2].split("/")[0]
        with api_client(server.base_url, key) as http:
            task = create(http, callback_url=f"http://rebind.test:{port}/cb")
            record = wait_for(
                lambda: [r for r in callback_log(server.base_url, key) if r["succeeded"] is False]
            )[0]
            assert record["task_id"] == task["task_id"]
            assert record["attempts"][-1]["error"] == UNREACHABLE
        assert receiver.received == []


def test_failures_say_unreachable_and_nothing_more() -> None:
    closed = f"http://127.0.0.1:{free_port()}/cb"
    with (
        HangingReceiver(reply=b"garbage\r\n\r\n") as garbage,
        ThreadedMock(callback_time_scale=TIME_SCALE) as server,
    ):
        key = fresh_key()
        with api_client(server.base_url, key) as http:
            create(http, callback_url=closed)
            create(http, callback_url=garbage.url)
            log = wait_for(
                lambda: (
                    found
                    if len(found := callback_log(server.base_url, key)) == 2
                    and all(len(r["attempts"]) >= 2 for r in found)
                    else None
                )
            )
    for record in log:
        for attempt in record["attempts"]:
            assert set(attempt) == {"attempt", "at", "error"}
            assert attempt["error"] == UNREACHABLE


# --- isolation, deadline, reply cap --------------------------------------------------------


def test_a_hanging_receiver_does_not_delay_another_tenants_callback() -> None:
    with (
        HangingReceiver() as hanging,
        CallbackReceiver() as receiver,
        ThreadedMock(callback_time_scale=TIME_SCALE) as server,
    ):
        slow, quick = fresh_key(), fresh_key()
        with api_client(server.base_url, slow) as a, api_client(server.base_url, quick) as b:
            # More hanging callbacks than there are senders: one tenant never takes them all.
            for _ in range(callbacks.SENDERS + 2):
                create(a, callback_url=hanging.url)
            wait_for(lambda: len(hanging.accepted) >= callbacks.PER_TENANT)
            time.sleep(0.2)
            started = time.monotonic()
            task = create(b, callback_url=receiver.url)
            assert receiver.delivery(task["task_id"], wait=1.0) is not None
            assert time.monotonic() - started < 1.0
        hanging.close()  # the senders' attempts end now, and the mock stops at once


def test_an_attempt_has_one_overall_deadline_and_a_reply_cap() -> None:
    store = Store(":memory:")
    dispatcher = CallbackDispatcher(store, timeout=0.5)
    dribble = HangingReceiver(reply=b"x" * (callbacks.MAX_REPLY + 10))
    with HangingReceiver() as hanging, dribble:
        started = time.monotonic()
        with pytest.raises((callbacks._Unreachable, OSError)):  # a timeout is an OSError
            dispatcher._post(hanging.url, b"{}")
        assert time.monotonic() - started < 2
        with pytest.raises(callbacks._Unreachable):
            dispatcher._post(dribble.url, b"{}")


def test_callback_threads_stop_with_the_server() -> None:
    before = set(threading.enumerate())
    with (
        CallbackReceiver() as receiver,
        ThreadedMock(callback_time_scale=TIME_SCALE) as server,
        api_client(server.base_url, fresh_key()) as http,
    ):
        task = create(http, callback_url=receiver.url)
        assert receiver.delivery(task["task_id"], wait=5) is not None
    left = [thread.name for thread in set(threading.enumerate()) - before]
    assert not [name for name in left if name.startswith("scale-mock")], left


# --- start-up line -----------------------------------------------------------------------


@pytest.fixture
def output(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "scale-mock.out"


def test_scale_mock_prints_one_startup_line(output: Path, tmp_path: Path) -> None:
    with SubprocessMock(["--db", ":memory:"], output=output) as server:
        httpx.get(f"{server.base_url}/tasks", auth=("test_x", ""))
        time.sleep(0.2)
        lines = output.read_text().splitlines()
        assert lines == [
            f"scale-mock: serving Scale API {_version()} on http://127.0.0.1:{server.port}/v1 "
            "(db :memory:, any test_/live_ key)"
        ]
    keys = tmp_path / "keys.txt"
    keys.write_text("test_one\nlive_two\n\n")
    output.unlink()
    with SubprocessMock(["--db", ":memory:", "--keys", str(keys), "--access-log"], output=output):
        line = output.read_text().splitlines()[0]
        assert line.endswith("(db :memory:, 2 keys from --keys)"), line
        # --access-log: uvicorn's access log (the start-up probes of /_mock/health, at least).
        assert wait_for(lambda: "/_mock/health" in output.read_text(), timeout=5)


def _version() -> str:
    import scale_spec

    return scale_spec.load().version
