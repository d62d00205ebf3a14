"""The checks of `contract_tests/test_documented.py` can fail: each broken server of
`documented_broken_servers.py` makes `scale-contract` exit 1 naming every rule it breaks, and
the faithful mock passes them (with a test key, whose tasks complete at once, and with a live
key, whose tasks stay pending so that cancel is reachable). Four suite runs, two at a time."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from scale_mock.testing import ThreadedMock
from tests.contract_suite_tests.documented_broken_servers import (
    ALL_CHECKS,
    CANCEL_CHECKS,
    DOCUMENTED_BREAKS,
    LIVE_KEY,
    DocumentedBreak,
)
from tests.contract_suite_tests.harness import SuiteRun, run_suite


def scale_contract(base_url: str, report: Path, key: str, select: str) -> SuiteRun:
    """`scale-contract` as a user runs it, in a child process, read back from its records."""
    extra = ["--api-key", key, "-k", select, "--max-examples", "3"]
    if key.startswith("live_"):
        extra.append("--allow-live")
    return run_suite(base_url, report, *extra, timeout=600)


def faithful(key: str, select: str, report: Path) -> str | None:
    with ThreadedMock(callback_time_scale=1e-4) as mock:
        run = scale_contract(mock.base_url, report, key, select)
    if run.status != 0:
        return f"faithful mock, key {key}, -k {select!r}: expected exit 0\n{run.explain()}"
    return None


def caught(broken: DocumentedBreak, report: Path) -> str | None:
    with ThreadedMock(wrap=broken.wrap, callback_time_scale=1e-4) as mock:
        run = scale_contract(mock.base_url, report, broken.api_key, broken.select)
    if run.status != 1:
        return f"{broken.name}: expected exit 1\n{run.explain()}"
    missed = [rule for rule in broken.expected_rules if rule not in run.failed()]
    if missed:
        return f"{broken.name}: not reported broken: {missed}\n{run.explain()}"
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


def test_every_documented_rule_has_a_broken_server() -> None:
    from contract_tests import test_documented

    broken = {rule for server in DOCUMENTED_BREAKS for rule in server.expected_rules}
    assert {rule.id for rule in test_documented.RULES} == broken
