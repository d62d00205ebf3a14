"""Building the proxy from its options, and serving it: in the foreground (`scale-contract
proxy`, uvicorn's signal handling stops it) or on a background thread (`ThreadedProxy`, for
tests: 127.0.0.1, a free port, stopped on exit)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

import uvicorn

from contract_tests.proxy.app import ProxyApp
from contract_tests.proxy.judge import (
    DEFAULT_CAP,
    MAX_PENDING_BYTES,
    Judge,
    JudgeProcess,
    Judging,
    Options,
    Verdict,
)
from contract_tests.target import GATING_TIERS


@dataclass(frozen=True)
class Settings:
    upstream: str
    host: str = "127.0.0.1"
    port: int = 8080
    log: Path | None = None
    report: Path | None = None
    fail_on: frozenset[str] = GATING_TIERS
    spec: Path | None = None
    cap: int = DEFAULT_CAP
    timeout: float = 60.0
    redact_fields: frozenset[str] = frozenset()
    max_pending_bytes: int = MAX_PENDING_BYTES
    # the checks in a process of their own (the default), or in the proxy's (tests that
    # reach into them)
    checks_in_process: bool = True
    command: str = field(default="scale-contract proxy")


def build(settings: Settings) -> ProxyApp:
    options = Options(
        upstream=settings.upstream,
        spec=settings.spec.absolute() if settings.spec else None,
        fail_on=settings.fail_on,
        command=settings.command,
        log=settings.log,
        report=settings.report,
        cap=settings.cap,
        redact_fields=settings.redact_fields,
    )
    judge: Judging = (
        JudgeProcess(options, max_pending_bytes=settings.max_pending_bytes)
        if settings.checks_in_process
        else Judge(options)
    )
    return ProxyApp(settings.upstream, judge, cap=settings.cap, timeout=settings.timeout)


def config(app: ProxyApp, host: str, port: int) -> uvicorn.Config:
    """No `server` or `date` header of uvicorn's own: the upstream's answer passes unchanged."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        date_header=False,
        lifespan="on",
    )


def finish(app: ProxyApp) -> Verdict:
    """Judge what is left, close the log, write the report (if asked); how the run ends."""
    return app.judge.finish()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ThreadedProxy:
    """The proxy on a background thread of this process, on 127.0.0.1 and a free port; its
    checks in a process of their own, as `scale-contract proxy` runs them."""

    def __init__(self, upstream: str, fail_on: Iterable[str] = GATING_TIERS, **options: object):
        self.port = free_port()
        self.settings = Settings(
            upstream,
            port=self.port,
            fail_on=frozenset(fail_on),
            **options,  # type: ignore[arg-type]
        )
        self.app = build(self.settings)
        self._server = uvicorn.Server(config(self.app, "127.0.0.1", self.port))
        self._thread = threading.Thread(target=self._server.run, name="scale-proxy", daemon=True)
        self.verdict: Verdict | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def status(self) -> int | None:
        return self.verdict.status if self.verdict else None

    def __enter__(self) -> Self:
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                self.verdict = finish(self.app)
                raise RuntimeError("the proxy did not start")
            time.sleep(0.01)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=15)
        self.verdict = finish(self.app)
