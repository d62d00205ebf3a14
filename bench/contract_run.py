"""How long a contract run takes, measured side by side in one run (never asserted in tests).

- the default `scale-contract` run against a fresh scale-mock, beside a bare `schemathesis run`
  of the same spec against another fresh mock (the ratio says what the suite's extra rules
  cost); requests are counted at the mock;
- the time to exit 2 for the usage and connection problems a user meets first: a closed port,
  a base URL without `/v1`, a rejected key (the target is "within seconds": under 10 s).

Usage: .venv/bin/python bench/contract_run.py [--rounds N] [--workers N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from common import Ratio, report
from starlette.types import ASGIApp, Receive, Scope, Send

from scale_mock.testing import ThreadedMock, free_port

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "scale.yaml"


class Counting:
    """Counts the API requests a mock answers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app, self.count = app, 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/v1"):
            self.count += 1
        await self.app(scope, receive, send)


def with_url(command: list[str], flag: str, url: str) -> list[str]:
    return [*command, flag, url]


def timed(command: list[str]) -> tuple[float, int]:
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return time.monotonic() - started, done.returncode


def against_mock(build: Callable[[str], list[str]]) -> tuple[float, int, int]:
    """(seconds, exit status, requests) of `build(base_url)` against a fresh mock."""
    counter: list[Counting] = []

    def wrap(app: ASGIApp) -> ASGIApp:
        counter.append(Counting(app))
        return counter[0]

    with ThreadedMock(wrap=wrap, callback_time_scale=1e-4) as mock:
        seconds, status = timed(build(mock.base_url))
    return seconds, status, counter[0].count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    suite = [sys.executable, "-m", "contract_tests.cli", "--api-key", "test_bench"]
    suite += ["--second-api-key", "test_bench2", "--workers", str(args.workers)]
    bare = [str(Path(sys.executable).with_name("schemathesis")), "run", str(SPEC)]
    bare += ["--auth", "test_bench:", "--max-examples", "10", "--no-color"]
    results: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        report_dir = tempfile.mkdtemp(prefix="bench-contract-")
        command = [*suite, "--report", report_dir]
        seconds, status, requests = against_mock(partial(with_url, command, "--base-url"))
        print(f"scale-contract default run: {seconds:.1f} s, exit {status}, {requests} requests")
        results.setdefault("scale-contract default run (s)", []).append(seconds)
        results.setdefault("scale-contract requests", []).append(requests)
        seconds, status, requests = against_mock(partial(with_url, bare, "--url"))
        print(f"bare schemathesis run: {seconds:.1f} s, exit {status}, {requests} requests")
        results.setdefault("bare schemathesis run (s)", []).append(seconds)
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
    return report(
        results,
        [
            Ratio(
                "contract run / bare schemathesis run",
                "scale-contract default run (s)",
                "bare schemathesis run (s)",
            ),
        ],
    )


if __name__ == "__main__":
    raise SystemExit(main())
