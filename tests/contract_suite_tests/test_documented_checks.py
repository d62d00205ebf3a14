"""The checks of `contract_tests/test_documented.py` can fail: each broken server of
`documented_broken_servers.py` makes `scale-contract` exit 1 naming every rule it breaks, and
the faithful mock passes them (with a test key, whose tasks complete at once, and with a live
key, whose tasks stay pending so that cancel is reachable). Four suite runs, two at a time."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import pytest

from scale_mock.testing import ThreadedMock
from tests.contract_suite_tests.documented_broken_servers import (
    ALL_CHECKS,
    CANCEL_CHECKS,
    DOCUMENTED_BREAKS,
    LIVE_KEY,
    DocumentedBreak,
)

ROOT = Path(__file__).resolve().parents[2]


def scale_contract(base_url: str, report: Path, key: str, select: str) -> tuple[int, str]:
    """`scale-contract` as a user runs it, in a child process; exit status and all it printed
    (the summary included)."""
    command = [sys.executable, "-m", "contract_tests.cli", "--base-url", base_url]
    command += ["--api-key", key, "--report", str(report), "-k", select, "--max-examples", "3"]
    if key.startswith("live_"):
        command.append("--allow-live")
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=600, check=False, cwd=ROOT
    )
    summary = report / "summary.md"
    return done.returncode, done.stdout + done.stderr + (
        summary.read_text() if summary.exists() else ""
    )


def named(rule: str, output: str) -> bool:
    """The run reported `rule` broken (`RULE <id>:` of a failed check, `BROKEN <id> [tier]` of
    the summary)."""
    return re.search(rf"(?:RULE|BROKEN) {re.escape(rule)}(?=[ :])", output) is not None


def faithful(key: str, select: str, report: Path) -> str | None:
    with ThreadedMock(callback_time_scale=1e-4) as mock:
        status, output = scale_contract(mock.base_url, report, key, select)
    if status != 0:
        return (
            f"faithful mock, key {key}, -k {select!r}: exit {status}, expected 0\n{output[-3000:]}"
        )
    return None


def caught(broken: DocumentedBreak, report: Path) -> str | None:
    with ThreadedMock(wrap=broken.wrap, callback_time_scale=1e-4) as mock:
        status, output = scale_contract(mock.base_url, report, broken.api_key, broken.select)
    if status != 1:
        return f"{broken.name}: exit {status}, expected 1\n{output[-3000:]}"
    missed = [rule for rule in broken.expected_rules if not named(rule, output)]
    if missed:
        return f"{broken.name}: not reported broken: {missed}\n{output[-3000:]}"
    return None


def test_documented_checks_pass_the_faithful_mock_and_catch_each_broken_server(
    tmp_path: Path,
) -> None:
    jobs: list[Callable[[], str | None]] = [
        partial(faithful, "test_documented", ALL_CHECKS, tmp_path / "faithful-test"),
        partial(faithful, LIVE_KEY, CANCEL_CHECKS, tmp_path / "faithful-live"),
    ]
    jobs += [
        partial(caught, broken, tmp_path / f"broken-{index}")
        for index, broken in enumerate(DOCUMENTED_BREAKS)
    ]
    with ThreadPoolExecutor(2) as pool:
        problems = [p for p in pool.map(lambda job: job(), jobs) if p is not None]
    assert not problems, "\n\n".join(problems)


def test_every_documented_rule_has_a_broken_server(pytestconfig: pytest.Config) -> None:
    # The suite's modules mark tests `billable`, a marker its own configuration registers.
    pytestconfig.addinivalue_line("markers", "billable: creates tasks, which cost money")
    from contract_tests import test_documented

    broken = {rule for server in DOCUMENTED_BREAKS for rule in server.expected_rules}
    assert {rule.id for rule in test_documented.RULES} == broken
