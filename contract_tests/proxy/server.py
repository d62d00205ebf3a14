"""Building the proxy from its options, and serving it: in the foreground (`scale-contract
proxy`, uvicorn's signal handling stops it) or on a background thread (`ThreadedProxy`, for
tests: 127.0.0.1, a free port, stopped on exit)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import uvicorn

import scale_spec
from contract_tests.proxy.app import DEFAULT_CAP, ProxyApp
from contract_tests.proxy.checker import Checker
from contract_tests.proxy.log import ExchangeLog
from contract_tests.proxy.recorder import Recorder
from contract_tests.proxy.redact import Redactor
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
    command: str = field(default="scale-contract proxy")


DRIFT_PATCH_FILE = "drift.patch.json"
DRIFT_FILE = "drift.md"


def build(settings: Settings) -> ProxyApp:
    spec = scale_spec.load(settings.spec.absolute() if settings.spec else None)
    redactor = Redactor(settings.redact_fields)
    recorder = Recorder(settings.upstream, spec.version, settings.fail_on, settings.command)
    log = ExchangeLog(settings.log, redactor)
    app = ProxyApp(
        settings.upstream,
        Checker(spec),
        recorder,
        log,
        redactor,
        cap=settings.cap,
        timeout=settings.timeout,
    )
    report = settings.report
    if report is not None:
        app.on_report = lambda: write_report(app, report)
    return app


def write_report(app: ProxyApp, report: Path) -> dict[str, Any]:
    """The suite's report of the exchanges so far, and the drift suggestions (a JSON patch
    for openapi/scale.yaml, and the same for a person), in `report`; returns a summary."""
    app.recorder.write(report)
    patch = app.drift.patch()
    (report / DRIFT_PATCH_FILE).write_text(json.dumps(patch, indent=2) + "\n", encoding="utf-8")
    (report / DRIFT_FILE).write_text(app.drift.markdown(), encoding="utf-8")
    verdicts = app.recorder.verdicts()
    return {
        "report": str(report),
        "exchanges": app.recorder.exchanges,
        "broken": sorted(verdicts.broken),
        "drift_suggestions": len(app.drift.suggestions()),
        "exit_status": app.recorder.exit_status(),
    }


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


def finish(app: ProxyApp, report: Path | None) -> int:
    """Close the log, write the report (if asked), and return the exit status."""
    app.log.close()
    if report is not None:
        write_report(app, report)
    return app.recorder.exit_status()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ThreadedProxy:
    """The proxy on a background thread of this process, on 127.0.0.1 and a free port."""

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
        self.status: int | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Self:
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
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
        self.status = finish(self.app, self.settings.report)
