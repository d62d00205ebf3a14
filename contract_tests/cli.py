"""`scale-contract`: run the contract suite against a server and report rule by rule.

Exit status: 0 conformant, 1 at least one documented rule broken, 2 usage or connection error.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pytest

from contract_tests.report import collect, render

SUITE = Path(__file__).resolve().parent


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scale-contract",
        description="Check a server against the Scale API v1 spec and say which documented "
        "rule it breaks. Exit 0: conformant; 1: a rule is broken; 2: usage or connection error.",
    )
    parser.add_argument(
        "--base-url", required=True, help="API root with /v1, e.g. http://127.0.0.1:4010/v1"
    )
    parser.add_argument("--api-key", required=True, help="a test_ key of the account under test")
    parser.add_argument(
        "--second-api-key", help="a key of another account: checks tenant isolation"
    )
    parser.add_argument(
        "--max-examples",
        type=int,
        default=10,
        help="generated examples per operation and property (default 10)",
    )
    parser.add_argument("--seed", type=int, help="Hypothesis seed, to replay a run exactly")
    parser.add_argument(
        "--report", type=Path, metavar="DIR", help="write junit.xml and summary.md here"
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="parallel workers (pytest-xdist; default 1)"
    )
    parser.add_argument(
        "--allow-live", action="store_true", help="accept a live_ key (live tasks cost money)"
    )
    parser.add_argument(
        "--callback-host",
        help="host the server can POST callbacks to "
        "(default 127.0.0.1 for a server on loopback; 'none' to skip)",
    )
    parser.add_argument(
        "--callback-auth-key", help="the scale-callback-auth value callbacks must carry"
    )
    parser.add_argument(
        "-k", dest="select", help="only the checks matching this pytest -k expression"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.api_key.startswith("live_") and not args.allow_live:
        print(
            "scale-contract: refusing a live_ key (live tasks cost money); pass --allow-live",
            file=sys.stderr,
        )
        return 2
    report_dir = args.report or Path(tempfile.mkdtemp(prefix="scale-contract-"))
    report_dir.mkdir(parents=True, exist_ok=True)
    junit = report_dir / "junit.xml"
    command = [str(SUITE), "-c", str(SUITE / "pytest.ini"), "--rootdir", str(SUITE)]
    command += ["--base-url", args.base_url, "--api-key", args.api_key]
    command += ["--max-examples", str(args.max_examples), "--junitxml", str(junit)]
    command += ["-o", "junit_family=xunit1", "-q", "--tb=line"]
    for flag, value in (
        ("--second-api-key", args.second_api_key),
        ("--callback-host", args.callback_host),
        ("--callback-auth-key", args.callback_auth_key),
        ("--hypothesis-seed", None if args.seed is None else str(args.seed)),
        ("-k", args.select),
    ):
        if value is not None:
            command += [flag, value]
    if args.allow_live:
        command.append("--allow-live")
    if args.workers > 1:
        command += ["-n", str(args.workers)]
    print(f"scale-contract: checking {args.base_url} against the Scale API v1 spec", flush=True)
    status = pytest.main(command)
    if not junit.exists():
        return 2
    summary = render(collect(junit), args.base_url)
    (report_dir / "summary.md").write_text(summary + "\n")
    print()
    print(summary)
    print(f"report: {report_dir}")
    if status == pytest.ExitCode.OK:
        return 0
    if status == pytest.ExitCode.TESTS_FAILED:
        return 1
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
