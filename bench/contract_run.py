"""How long a contract run takes, measured side by side in one run (never asserted in tests).

- the default `scale-contract` run against a fresh scale-mock, beside a bare `schemathesis run`
  of the same spec against another fresh mock (the ratio says what the suite's extra rules
  cost): seconds to the 10th API request (start-up, from the command), seconds in all, and the
  requests sent, all counted where the mock receives them;
- the same default run against a mock behind an added latency per request (as a server across a
  network is), with `--workers N`: beside it, what one worker would spend waiting on that
  latency alone (requests x latency);
- the time to exit 2 for the usage and connection problems a user meets first: a closed port,
  a base URL without `/v1`, a rejected key (the target is "within seconds": under 10 s).

Timings on a shared machine are noisy: compare the figures of one run, not of two runs.

Usage: .venv/bin/python bench/contract_run.py [--rounds N] [--workers N]
           [--latency-ms MS] [--latency-workers N] [--no-bare] [--no-latency]
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from common import Ratio, report
from starlette.types import ASGIApp, Receive, Scope, Send

from scale_mock.testing import ThreadedMock, free_port

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "scale.yaml"
STARTUP_REQUESTS = 10  # start-up ends when the server receives this many API requests


class Counting:
    """Counts the API requests a mock answers and notes when each arrived; with `latency`,
    answers each one that many seconds late (the other requests are served meanwhile)."""

    def __init__(self, app: ASGIApp, latency: float = 0.0) -> None:
        self.app, self.latency = app, latency
        self.arrivals: list[float] = []

    @property
    def count(self) -> int:
        return len(self.arrivals)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/v1"):
            self.arrivals.append(time.monotonic())
            if self.latency:
                await asyncio.sleep(self.latency)
        await self.app(scope, receive, send)


@dataclass
class Measured:
    seconds: float
    status: int
    requests: int
    startup: float  # seconds from the command to the STARTUP_REQUESTS-th API request


def with_url(command: list[str], flag: str, url: str) -> list[str]:
    return [*command, flag, url]


def timed(command: list[str]) -> tuple[float, int]:
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return time.monotonic() - started, done.returncode


def against_mock(build: Callable[[str], list[str]], latency: float = 0.0) -> Measured:
    """What `build(base_url)` took against a fresh mock (behind `latency` seconds)."""
    counter: list[Counting] = []

    def wrap(app: ASGIApp) -> ASGIApp:
        counter.append(Counting(app, latency))
        return counter[0]

    with ThreadedMock(wrap=wrap, callback_time_scale=1e-4) as mock:
        started = time.monotonic()
        done = subprocess.run(build(mock.base_url), capture_output=True, text=True, check=False)
        seconds = time.monotonic() - started
    arrivals = counter[0].arrivals
    startup = arrivals[STARTUP_REQUESTS - 1] - started if len(arrivals) >= 10 else float("nan")
    if done.returncode not in (0, 1):
        print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
    return Measured(seconds, done.returncode, len(arrivals), startup)


def _note(results: dict[str, list[float]], name: str, measured: Measured) -> None:
    print(
        f"{name}: {measured.seconds:.1f} s, start-up {measured.startup:.2f} s, "
        f"exit {measured.status}, {measured.requests} requests",
        flush=True,
    )
    results.setdefault(f"{name} (s)", []).append(measured.seconds)
    results.setdefault(f"{name} start-up (s)", []).append(measured.startup)
    results.setdefault(f"{name} requests", []).append(measured.requests)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--latency-workers", type=int, default=4)
    parser.add_argument("--no-bare", action="store_true", help="skip the bare schemathesis run")
    parser.add_argument("--no-latency", action="store_true", help="skip the latency runs")
    args = parser.parse_args()
    suite = [sys.executable, "-m", "contract_tests.cli", "--api-key", "test_bench"]
    suite += ["--second-api-key", "test_bench2"]
    bare = [str(Path(sys.executable).with_name("schemathesis")), "run", str(SPEC)]
    bare += ["--auth", "test_bench:", "--max-examples", "10", "--no-color"]
    latency = args.latency_ms / 1000
    results: dict[str, list[float]] = {}
    ratios: list[Ratio] = []
    for _ in range(args.rounds):
        report_dir = tempfile.mkdtemp(prefix="bench-contract-")
        command = [*suite, "--workers", str(args.workers), "--report", report_dir]
        _note(results, "scale-contract", against_mock(partial(with_url, command, "--base-url")))
        if not args.no_bare:
            measured = against_mock(partial(with_url, bare, "--url"))
            _note(results, "bare schemathesis run", measured)
        if not args.no_latency:
            name = f"scale-contract +{args.latency_ms:.0f} ms, {args.latency_workers} workers"
            report_dir = tempfile.mkdtemp(prefix="bench-contract-")
            command = [*suite, "--workers", str(args.latency_workers), "--report", report_dir]
            measured = against_mock(partial(with_url, command, "--base-url"), latency)
            _note(results, name, measured)
            floor = "one worker's wait on the latency alone (s)"
            results.setdefault(floor, []).append(measured.requests * latency)
        with ThreadedMock(keys=frozenset({"test_known"})) as mock:
            cases = {
                "exit 2, closed port (s)": (f"http://127.0.0.1:{free_port()}/v1", "test_known"),
                "exit 2, no /v1 (s)": (mock.root_url, "test_known"),
                "exit 2, key rejected (s)": (mock.base_url, "test_unknown"),
            }
            for name, (url, key) in cases.items():
                command = [sys.executable, "-m", "contract_tests.cli", "--base-url", url]
                seconds, status = timed([*command, "--api-key", key])
                assert status == 2, f"{name}: exit {status}"
                results.setdefault(name, []).append(seconds)
    if not args.no_bare:
        ratios.append(
            Ratio(
                "contract run / bare schemathesis run",
                "scale-contract (s)",
                "bare schemathesis run (s)",
                at_most=1.0,
            )
        )
    if not args.no_latency:
        name = f"scale-contract +{args.latency_ms:.0f} ms, {args.latency_workers} workers"
        ratios.append(
            Ratio(
                "+latency run / one worker's wait",
                f"{name} (s)",
                "one worker's wait on the latency alone (s)",
            )
        )
    return report(results, ratios)


if __name__ == "__main__":
    raise SystemExit(main())
