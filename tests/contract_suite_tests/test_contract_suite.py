"""The contract suite proves itself: it passes the faithful mock and fails every broken server,
naming the broken rule. Each run is `scale-contract` in a child process, as a user runs it,
against a mock served by this process on a free port."""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scale_mock.testing import ThreadedMock
from tests.contract_suite_tests.broken_servers import BROKEN_SERVERS, OWNER, BrokenServer


def run_suite(base_url: str, report: Path, *extra: str) -> tuple[int, str, str]:
    command = [sys.executable, "-m", "contract_tests.cli", "--base-url", base_url]
    command += ["--report", str(report), *extra]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    summary = (report / "summary.md").read_text() if (report / "summary.md").exists() else ""
    return done.returncode, done.stdout + done.stderr, summary


def broken_rules(summary: str) -> str:
    return summary.split("## Honoured rules")[0]


def test_the_faithful_mock_passes_the_default_run(tmp_path: Path) -> None:
    with ThreadedMock(callback_time_scale=1e-4) as mock:
        started = time.monotonic()
        status, output, summary = run_suite(
            mock.base_url, tmp_path, "--api-key", "test_faithful", "--second-api-key", "test_other"
        )
        elapsed = time.monotonic() - started
    assert status == 0, output[-4000:]
    assert "0 rules broken" in summary
    assert elapsed < 120, f"the default run took {elapsed:.0f} s"
    assert (tmp_path / "junit.xml").exists()


def catch(broken: BrokenServer, report: Path) -> str | None:
    """Run the suite's relevant checks against one broken server; None if it was caught with
    its rule named, else what went wrong."""
    with ThreadedMock(wrap=broken.wrap, callback_time_scale=1e-4, **broken.mock_options) as mock:
        keys = ["--api-key", OWNER if broken.needs_second_key else "test_contract"]
        if broken.needs_second_key:
            keys += ["--second-api-key", "test_intruder"]
        status, output, summary = run_suite(
            mock.base_url, report, *keys, "-k", broken.select, "--max-examples", "5"
        )
    if status != 1:
        return f"{broken.name}: exit {status}, expected 1\n{output[-2000:]}"
    if f"**{broken.expected_rule}**" not in broken_rules(summary):
        return f"{broken.name}: {broken.expected_rule} not reported broken\n{summary[:2000]}"
    return None


def test_each_broken_server_is_caught_with_its_rule_named(tmp_path: Path) -> None:
    """One suite run per broken server, three at a time (each run is mostly start-up)."""
    with ThreadPoolExecutor(3) as pool:
        outcomes = pool.map(
            lambda item: catch(item[1], tmp_path / str(item[0])), enumerate(BROKEN_SERVERS)
        )
        missed = [outcome for outcome in outcomes if outcome is not None]
    assert not missed, "\n\n".join(missed)


def test_usage_and_connection_errors_exit_2(tmp_path: Path) -> None:
    status, output, _ = run_suite("http://127.0.0.1:9/v1", tmp_path, "--api-key", "test_x")
    assert status == 2, output[-2000:]
    assert "cannot reach" in output
    refused, output, _ = run_suite("http://127.0.0.1:9/v1", tmp_path, "--api-key", "live_x")
    assert refused == 2 and "--allow-live" in output
