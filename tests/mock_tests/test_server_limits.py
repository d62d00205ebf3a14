"""scale-mock under slow, stalled, departing and countless clients (see `scale_mock.server`).

Each test runs a real uvicorn server on 127.0.0.1 and talks to it over raw sockets where the
point is what a well-behaved client would never send. Timeouts are set short (0.5 s) and each
assertion allows ten times that, so a loaded machine cannot make them flake.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from scale_mock.errors import ApiError
from scale_mock.faults import RateLimiter
from scale_mock.testing import SubprocessMock, ThreadedMock

SHORT = 0.5
PATIENCE = 5.0  # ten times SHORT: how long a test waits for the server to act
GOOD_AUTH = "Basic dGVzdF9saW1pdHM6"  # test_limits:
HEAD = (
    "POST /v1/task/categorization HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {auth}\r\n"
    "Content-Type: application/json\r\nContent-Length: {length}\r\n{extra}\r\n"
)


def head(length: int, auth: str = GOOD_AUTH, extra: str = "") -> bytes:
    return HEAD.format(auth=auth, length=length, extra=extra).encode()


def closed_by_server(sock: socket.socket, within: float = PATIENCE) -> bool:
    """Whether the server closes `sock` within `within` seconds (reading and dropping what it
    may still say)."""
    sock.settimeout(within)
    deadline = time.monotonic() + within
    try:
        while time.monotonic() < deadline:
            if sock.recv(65536) == b"":
                return True
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False
    return False


@pytest.fixture(scope="module")
def short(store_backend: str) -> Iterator[ThreadedMock]:
    with ThreadedMock(header_timeout=SHORT, idle_timeout=SHORT) as running:
        yield running


def test_a_connection_sending_nothing_is_closed_after_the_header_timeout(
    short: ThreadedMock,
) -> None:
    with socket.create_connection(("127.0.0.1", short.port)) as sock:
        assert closed_by_server(sock)


def test_a_head_sent_a_byte_at_a_time_is_closed(short: ThreadedMock) -> None:
    """Slowloris: every byte resets no clock; the whole head must arrive in time."""
    trickle = head(2, extra="X-Padding: " + "p" * 200 + "\r\n")
    with socket.create_connection(("127.0.0.1", short.port)) as sock:
        sock.settimeout(0.05)
        deadline = time.monotonic() + PATIENCE
        closed = False
        for byte in trickle:
            if time.monotonic() > deadline:
                break
            try:
                sock.send(bytes([byte]))
                closed = sock.recv(1) == b""
            except TimeoutError:
                continue
            except OSError:  # reset, broken pipe: closed as well
                closed = True
            if closed:
                break
        assert closed


def test_a_body_that_stalls_is_closed(short: ThreadedMock) -> None:
    with socket.create_connection(("127.0.0.1", short.port)) as sock:
        sock.sendall(head(1000) + b'{"instruction": ')
        assert closed_by_server(sock)


def test_a_keep_alive_client_is_served_on_one_connection() -> None:
    with ThreadedMock(header_timeout=30, idle_timeout=30) as server:
        ports = set()
        with httpx.Client(base_url=server.base_url, auth=("test_keepalive", "")) as client:
            for _ in range(3):
                response = client.get("/tasks")
                assert response.status_code == 200, response.text
                stream = response.extensions["network_stream"]
                ports.add(stream.get_extra_info("socket").getsockname()[1])
                time.sleep(0.2)
        assert len(ports) == 1


def test_an_idle_keep_alive_connection_is_closed_after_the_idle_timeout() -> None:
    with (
        ThreadedMock(header_timeout=30, idle_timeout=SHORT) as server,
        socket.create_connection(("127.0.0.1", server.port)) as sock,
    ):
        sock.sendall(b"GET /_mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        sock.settimeout(PATIENCE)
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        assert closed_by_server(sock)


def test_a_shorter_header_timeout_does_not_cut_an_idle_keep_alive_connection() -> None:
    """Between a response and the next request the idle timeout rules: a header timeout of
    SHORT must not close a connection idle for longer than SHORT but within `--idle-timeout`."""
    with (
        ThreadedMock(header_timeout=SHORT, idle_timeout=30) as server,
        socket.create_connection(("127.0.0.1", server.port)) as sock,
    ):
        sock.settimeout(PATIENCE)
        for _ in range(2):
            sock.sendall(b"GET /_mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert sock.recv(65536).startswith(b"HTTP/1.1 200")
            time.sleep(SHORT * 3)


def test_a_pipelined_request_whose_body_stalls_is_closed(short: ThreadedMock) -> None:
    """A second request sent with the first, its body stalling: the body timer of the second
    must survive the first's response."""
    with socket.create_connection(("127.0.0.1", short.port)) as sock:
        first = b"GET /_mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        sock.sendall(first + head(100) + b'{"na')
        assert closed_by_server(sock)


def test_an_early_answer_that_closes_is_read_whole_not_reset(short: ThreadedMock) -> None:
    """A bad key on a large `Connection: close` POST: the 401 comes before the body is read;
    the server reads the rest of the body and drops it before closing, so the client, still
    writing, is not reset and reads the 401 (seen as a reset with a 9.5 MB body before)."""
    rest = b"x" * (2 * 1024 * 1024)
    with socket.create_connection(("127.0.0.1", short.port)) as sock:
        sock.settimeout(PATIENCE)
        sock.sendall(head(1 + len(rest), auth="Basic !!bad", extra="Connection: close\r\n") + b"x")
        answer = b""
        while b"No valid API key" not in answer:
            chunk = sock.recv(65536)
            assert chunk, answer
            answer += chunk
        assert answer.startswith(b"HTTP/1.1 401")
        sock.sendall(rest)  # a reset would raise here
        assert sock.recv(65536) == b""  # then a clean close, not ConnectionResetError


def test_a_client_leaving_mid_body_is_logged_at_debug_not_as_a_bug(
    short: ThreadedMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="scale_mock")
    with socket.create_connection(("127.0.0.1", short.port)) as sock:
        sock.sendall(head(1000) + b'{"instruction": ')
        time.sleep(0.1)
    deadline = time.monotonic() + PATIENCE
    while not any("client disconnected" in r.getMessage() for r in caplog.records):
        assert time.monotonic() < deadline, caplog.records
        time.sleep(0.05)
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_bytes_that_are_not_http_get_the_json_error_and_a_masked_log_line(
    short: ThreadedMock, caplog: pytest.LogCaptureFixture
) -> None:
    """Every answer of the mock is its JSON `Error`, even to a request its HTTP parser refuses
    (here a control character in a header value), and the log shows what was refused without
    the credentials in it."""
    caplog.set_level(logging.WARNING, logger="scale_mock")
    with socket.create_connection(("127.0.0.1", short.port), timeout=PATIENCE) as sock:
        sock.sendall(head(0, extra="X-Broken: a\x01b\r\n"))
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    status, _, rest = answer.partition(b"\r\n")
    headers, _, body = rest.partition(b"\r\n\r\n")
    assert status == b"HTTP/1.1 400 Bad Request"
    assert b"content-type: application/json" in headers.lower()
    assert httpx.Response(400, content=body).json()["status_code"] == 400
    logged = [r.getMessage() for r in caplog.records if "not an HTTP request" in r.getMessage()]
    assert logged and "X-Broken" in logged[0], caplog.records
    assert GOOD_AUTH.split()[1] not in logged[0]


def test_the_rate_limiter_holds_a_bounded_number_of_keys() -> None:
    limiter = RateLimiter(5, max_keys=1000)
    for number in range(100_000):
        limiter.check(f"test_{number}")
    assert len(limiter) <= 1000


def test_the_rate_limiter_drops_idle_windows_and_still_limits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [1000.0]
    monkeypatch.setattr("scale_mock.faults.time.monotonic", lambda: now[0])
    limiter = RateLimiter(2, max_keys=1000)
    for number in range(500):
        limiter.check(f"test_{number}")
    limiter.check("test_hot")
    limiter.check("test_hot")
    with pytest.raises(ApiError) as refused:
        limiter.check("test_hot")
    assert refused.value.status == 429
    now[0] += 1.5  # every window is idle: the next request finds only its own
    limiter.check("test_fresh")
    assert len(limiter) == 1


def test_the_cli_passes_the_caps_and_the_timeouts() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "scale_mock.cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for flag in ("--max-body-size", "--max-upload-size", "--header-timeout", "--idle-timeout"):
        assert flag in shown, flag
    args = ["--db", ":memory:", "--max-body-size", "100", "--max-upload-size", "200"]
    with SubprocessMock([*args, "--header-timeout", str(SHORT)]) as server:
        auth = ("test_clicaps", "")
        json_body = b'{"instruction": "' + b"x" * 200 + b'"}'
        refused = httpx.post(
            f"{server.base_url}/task/categorization",
            content=json_body,
            headers={"content-type": "application/json"},
            auth=auth,
        )
        assert refused.status_code == 413, refused.text
        body = refused.json()
        assert (body["field"], body["rule"]) == ("body", "max_body_size")
        upload = httpx.post(
            f"{server.base_url}/files/upload", files={"file": ("a.txt", b"y" * 300)}, auth=auth
        )
        assert upload.status_code == 413, upload.text
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            assert closed_by_server(sock)
