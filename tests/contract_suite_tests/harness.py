"""Run `scale-contract` as a user does (a child process) and read its verdict from the records
it writes (`results.jsonl`), never from its text."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from contract_tests import records
from contract_tests.records import RuleOutcome, classify
from contract_tests.target import GATING_TIERS


@dataclass
class SuiteRun:
    status: int
    output: str
    results: dict[str, RuleOutcome]
    report: Path

    def failed(self, gating: frozenset[str] = GATING_TIERS) -> set[str]:
        """Ids of the rules the run found broken in a gating tier."""
        return {outcome.info.id for outcome in classify(self.results, gating).broken}

    def explain(self) -> str:
        broken = "\n".join(
            f"{rule}: {r.failures[0].operation}: {r.failures[0].observed[:300]}"
            for rule, r in sorted(self.results.items())
            if r.failures
        )
        return f"exit {self.status}\n{broken}\n{self.output[-3000:]}"


def run_suite(base_url: str, report: Path, *extra: str, timeout: float = 900) -> SuiteRun:
    command = [sys.executable, "-m", "contract_tests.cli", "--base-url", base_url]
    command += ["--report", str(report), *extra]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    results_file = report / records.RESULTS_FILE
    found = records.outcomes(records.read(results_file)) if results_file.exists() else {}
    return SuiteRun(done.returncode, done.stdout + done.stderr, found, report)
