"""`scale-contract`: run the contract suite against a server and report rule by rule.

Exit status: 0 every rule of a gating tier held (by default `docs` and `sdk`; every tier with
--strict), 1 at least one such rule is broken, 2 usage or connection problem (said in one line
before the first test, or when the server goes away during the run).

The console says each broken rule once, in its entry at the end (pytest's per-test failure
texts and short summary are off: `-q --tb=no -rN`), with the run's seed and the command that
replays it at the start and at the end.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import pytest

from contract_tests import options, preflight, records
from contract_tests.preflight import EXIT_UNREACHABLE, PREFLIGHT_DONE
from contract_tests.report import JUNIT_FILE, REPORT_FILE, SUMMARY_FILE, prepare_report_dir

SUITE = Path(__file__).resolve().parent


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scale-contract",
        description="Check a server against the Scale API v1 spec and say which documented "
        "rule it breaks. Exit 0: conformant; 1: a documented rule is broken; 2: usage or "
        "connection problem.",
    )
    options.add_to_argparse(parser)
    parser.add_argument(
        "--workers", type=int, default=1, help="parallel workers (pytest-xdist; default 1)"
    )
    parser.add_argument(
        "-k", dest="select", help="only the checks matching this pytest -k expression"
    )
    return parser.parse_args(argv)


def fail(message: str) -> int:
    print(f"scale-contract: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    if given[:1] == ["proxy"]:  # `scale-contract proxy ...`: the validation proxy
        from contract_tests.proxy.cli import main as proxy_main

        return proxy_main(given[1:])
    if given[:1] == ["replay"]:  # `scale-contract replay LOG --base-url URL`
        from contract_tests.proxy.replay import main as replay_main

        return replay_main(given[1:])
    args = parse_args(argv)
    values = vars(args)
    problem = options.usage_problem(values)
    if problem is not None:
        return fail(problem)
    target = options.build_target(values, workers=args.workers)
    hint = preflight.problem(target)
    if hint is not None:
        return fail(hint)
    report_dir = args.report or Path(tempfile.mkdtemp(prefix="scale-contract-"))
    report_dir = Path(report_dir)
    prepare_report_dir(report_dir)  # again in the plugin; here too, lest pytest stop before it
    values["report"] = str(report_dir)
    command = [str(SUITE), "-c", str(SUITE / "pytest.ini"), "--rootdir", str(SUITE)]
    command += options.to_pytest_args(values)
    command += ["-q", "--tb=no", "-rN"]  # the rule entries describe the failures
    if args.select:
        command += ["-k", args.select]
    if args.workers > 1:
        command += ["-n", str(args.workers)]
    print(f"scale-contract: checking {target.base_url} against the Scale API v1 spec", flush=True)
    os.environ[PREFLIGHT_DONE] = target.base_url
    status = pytest.main(command)
    results_file = report_dir / records.RESULTS_FILE
    if status == pytest.ExitCode.NO_TESTS_COLLECTED:
        return fail("no check matched the selection (-k)")
    if not results_file.exists() or status not in (0, 1, 2):
        return fail(f"the run did not complete (pytest exit {int(status)})")
    # the plugin has turned the records into the exit status and written summary.md
    print(f"report: {report_dir} ({SUMMARY_FILE}, {REPORT_FILE}, {JUNIT_FILE})")
    if status == EXIT_UNREACHABLE:  # pytest's own "interrupted" is 2 as well
        found = records.read(results_file)
        lost = next((r.message for r in found if r.outcome == "unreachable"), None)
        return fail(f"the server went away during the run: {lost}" if lost else "interrupted")
    return int(status)


if __name__ == "__main__":
    raise SystemExit(main())
