"""`make demo`: start scale-mock on a free port, run the contract suite against it, print the
conformance report (kept in reports/latest/: results.jsonl, summary.md and junit.xml). The mock
is this run's own, so the run may also make the account writes a run against a real account
does not make by default (--allow-account-writes): every rule is reached.

Exit status: the suite's (0 conformant, 1 a rule broken, 2 usage or connection error).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from scale_mock.testing import SubprocessMock

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "reports" / "latest"
NEXT_STEPS = """
Next:
  1. your own server:    .venv/bin/scale-contract --base-url https://api.scale.com/v1 \\
                             --api-key "$SCALE_API_KEY"   (test_ keys; touches only what it creates)
  2. the typed client:   make client   (regenerates generated_client/ from openapi/scale.yaml)
  3. the docs:           make docs     (the reference, provenance and this report, in docs/site/)"""


def main() -> int:
    mock_args = ["--db", ":memory:", "--callback-time-scale", "0.0001"]
    with SubprocessMock(mock_args) as mock:
        print(f"scale-mock serving {mock.base_url}", flush=True)
        started = time.monotonic()
        command = [sys.executable, "-m", "contract_tests.cli", "--base-url", mock.base_url]
        command += ["--api-key", "test_demo", "--second-api-key", "test_demo2"]
        # its own throwaway mock: the run may reach the team and Studio rules too
        command += ["--allow-account-writes"]
        command += ["--report", str(REPORT)]
        status = subprocess.run(command, check=False).returncode
        print(f"contract run: {time.monotonic() - started:.0f} s, exit {status}")
    print(NEXT_STEPS)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
