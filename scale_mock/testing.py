"""Run scale-mock inside a test: in a thread of this process, or as a child process.

Both bind 127.0.0.1 on a free port, wait until the server answers, and stop it (and everything
it started) on exit, so a test never leaves a server behind.
"""

from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import httpx
import uvicorn
from starlette.types import ASGIApp

from scale_mock import server
from scale_mock.app import build_app
from scale_mock.store import Storage, Store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _in_memory() -> Storage:
    return Store(":memory:")


# What a `ThreadedMock` given no store serves from: a fresh in-memory SQLite database; the
# mock's tests swap in a fresh PostgreSQL database to run against that backend too.
default_store: Callable[[], Storage] = _in_memory


class ThreadedMock:
    """scale-mock served by uvicorn on a background thread, as `scale-mock` serves it (the same
    protocol and timeouts, see `server`); `build_app` options (`max_body_size`, ...) pass
    through."""

    def __init__(
        self,
        store: Storage | None = None,
        wrap: Callable[[ASGIApp], ASGIApp] | None = None,
        *,
        header_timeout: float = server.DEFAULT_HEADER_TIMEOUT,
        idle_timeout: float = server.DEFAULT_IDLE_TIMEOUT,
        **options: Any,
    ) -> None:
        """`wrap` puts ASGI middleware around the app (e.g. a response checker);
        `header_timeout` and `idle_timeout` are `scale-mock`'s `--header-timeout` and
        `--idle-timeout`."""
        self.port = free_port()
        self._owns_store = store is None
        self.store: Storage = store or default_store()
        app: ASGIApp = build_app(self.store, **options)
        self.app = wrap(app) if wrap else app
        config = server.config(
            self.app,
            header_timeout=header_timeout,
            idle_timeout=idle_timeout,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="scale-mock", daemon=True)

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """The API root, as clients want it (`.../v1`)."""
        return f"{self.root_url}/v1"

    def __enter__(self) -> Self:
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("scale-mock did not start")
            time.sleep(0.01)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=15)
        if self._owns_store:
            self.store.close()


class SubprocessMock:
    """The `scale-mock` command in its own process group, for restarts and crash tests."""

    def __init__(
        self,
        args: Sequence[str] = (),
        port: int | None = None,
        ca_bundle: str | None = None,
        output: Path | None = None,
    ) -> None:
        """`ca_bundle`: the CA that signed `--ssl-certfile`, when serving HTTPS; `output`: a
        file that gets the server's standard output and error (default: this process's)."""
        self.output = output
        self.port = port or free_port()
        self.args = ["--host", "127.0.0.1", "--port", str(self.port), *args]
        self.scheme = "https" if "--ssl-certfile" in args else "http"
        self.verify: ssl.SSLContext | bool = (
            ssl.create_default_context(cafile=ca_bundle) if ca_bundle else True
        )
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def root_url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.root_url}/v1"

    def start(self) -> Self:
        command = [sys.executable, "-m", "scale_mock.cli", *self.args]
        if self.output is None:
            self.process = subprocess.Popen(
                command, start_new_session=True, cwd=Path.cwd(), env=dict(os.environ)
            )
        else:
            with self.output.open("ab") as sink:
                self.process = subprocess.Popen(
                    command,
                    start_new_session=True,
                    cwd=Path.cwd(),
                    env=dict(os.environ),
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                )
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"scale-mock exited with {self.process.returncode}")
            try:
                health = httpx.get(f"{self.root_url}/_mock/health", verify=self.verify)
                if health.is_success:
                    return self
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("scale-mock did not answer within 30 s")
            time.sleep(0.05)

    def kill(self, sig: signal.Signals = signal.SIGKILL) -> None:
        """Send `sig` to the whole process group and reap it."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=15)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill(signal.SIGTERM)
        self.process = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
