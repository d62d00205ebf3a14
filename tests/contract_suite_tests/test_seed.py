"""`--seed` replays a run, whichever way the suite is started: `pytest contract_tests ... --seed 7`
and `scale-contract ... --seed 7` send the same requests (method, path, query and body) to a
fresh mock, as its request journal and the bodies it received show. Only the run id differs
(each run names what it makes after itself, so that two runs never collide on a real account):
it is replaced by `RUN` before comparing. The Schemathesis checks of the batch operations,
whose requests Hypothesis generates."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

import httpx
from starlette.types import ASGIApp, Scope

from scale_mock.testing import ThreadedMock
from tests.contract_suite_tests.broken_servers import Rewrite
from tests.contract_suite_tests.harness import run_suite

ROOT = Path(__file__).resolve().parents[2]
KEY = "test_seeded"
SELECT = ("-k", "conforms and batch", "--max-examples", "5")
Request = tuple[str, str, str, str]  # method, path, query, body
RUN_ID = re.compile(r"(contract-(?:nx|st)-)[0-9a-f]{1,8}")  # a long name may be cut in the id
RUN_TAG = re.compile(r'("scale_contract_run": )"[0-9a-f]{8}"')


def _normalised(request: Request) -> Request:
    """The request with this run's id as `RUN`."""
    method, path, query, body = (
        RUN_TAG.sub(r'\1"RUN"', RUN_ID.sub(r"\1RUN", part)) for part in request
    )
    return method, path, query, body


class Received:
    """Every API request with the body as it arrived (the mock's journal has no bodies)."""

    def __init__(self) -> None:
        self.requests: list[Request] = []

    def __call__(self, scope: Scope, body: bytes) -> tuple[Scope, bytes]:
        if scope["path"].startswith("/v1"):
            query = scope["query_string"].decode("latin-1")
            text = body.decode("utf-8", errors="backslashreplace")
            self.requests.append((scope["method"], scope["path"], query, text))
        return scope, body


def _journal(mock: ThreadedMock) -> list[Request]:
    answer = httpx.get(f"{mock.root_url}/_mock/requests", auth=(KEY, ""))
    answer.raise_for_status()
    return [(e["method"], e["path"], e["query"], "") for e in answer.json()]


def _seen(run: Callable[[str, Path], None], report: Path) -> tuple[Counter[Request], ...]:
    """What a fresh mock received from one run: (journal entries, requests with bodies)."""
    received = Received()
    wrap: Callable[[ASGIApp], ASGIApp] = partial(Rewrite, request=received)
    with ThreadedMock(wrap=wrap) as mock:
        run(mock.base_url, report)
        journal = _journal(mock)
    return tuple(
        Counter(_normalised(request) for request in requests)
        for requests in (journal, received.requests)
    )


def _scale_contract(base_url: str, report: Path) -> None:
    done = run_suite(base_url, report, "--api-key", KEY, "--seed", "7", *SELECT, timeout=120)
    assert done.status == 0, done.explain()


def _pytest(base_url: str, report: Path) -> None:
    command = [sys.executable, "-m", "pytest", "contract_tests", "--base-url", base_url]
    command += ["--api-key", KEY, "--seed", "7", "--report", str(report), *SELECT, "-q"]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def test_the_same_seed_sends_the_same_requests_from_both_entry_points(tmp_path: Path) -> None:
    cli_journal, cli_requests = _seen(_scale_contract, tmp_path / "cli")
    pytest_journal, pytest_requests = _seen(_pytest, tmp_path / "pytest")
    assert sum(cli_requests.values()) > 50, "the selection should send generated requests"
    assert pytest_journal == cli_journal, (
        pytest_journal - cli_journal,
        cli_journal - pytest_journal,
    )
    only_pytest = list((pytest_requests - cli_requests).elements())
    only_cli = list((cli_requests - pytest_requests).elements())
    assert not only_pytest and not only_cli, (only_pytest[:5], only_cli[:5])
