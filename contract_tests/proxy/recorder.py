"""The proxy's verdicts as the suite's records: one `TestRecord` per side and operation
(`proxy request: <operation>`, `proxy response: <operation>`), a pass once per rule and
operation, each failure a `RuleBroken` event (at most `MAX_FAILURES` kept per rule, so a long
run stays bounded). On exit they are written as results.jsonl and run.json and rendered into the
suite's reports (console, summary.md, junit.xml, report.html)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from contract_tests import records
from contract_tests.html_report import render_html
from contract_tests.proxy.checker import Finding
from contract_tests.report import (
    JUNIT_FILE,
    REPORT_FILE,
    SUMMARY_FILE,
    prepare_report_dir,
    render_console,
    render_junit,
    render_markdown,
)
from contract_tests.target import ALL_TIERS, GATING_TIERS, Target

MAX_FAILURES = 50  # failure cases kept per rule (the first ones; the rest only counted)


@dataclass(frozen=True)
class ProxyTarget(Target):
    """The upstream as the reports name it, gated by --fail-on rather than --strict."""

    fail_on: frozenset[str] = GATING_TIERS

    @property
    def gating_tiers(self) -> frozenset[str]:
        return self.fail_on


@dataclass(frozen=True)
class Exchange:
    """What a failure's record shows of the exchange (already redacted)."""

    operation: str
    request: str  # method and URL
    response: str  # status, content type and the start of the body
    reproducer: str


class Recorder:
    def __init__(self, upstream: str, spec_version: str, fail_on: Iterable[str], command: str):
        self.target = ProxyTarget(
            base_url=upstream,
            api_key="",
            fail_on=frozenset(fail_on),
            strict=frozenset(fail_on) >= ALL_TIERS,
        )
        self.run = records.RunInfo(
            seed=0,
            spec_version=spec_version,
            base_url=upstream,
            started_at=datetime.now(UTC).isoformat(timespec="seconds"),
            replay=command,
            strict=self.target.strict,
        )
        self._lock = threading.Lock()
        self._events: dict[str, list[dict[str, Any]]] = {}
        self._passes: set[tuple[str, str, str]] = set()
        self._failures: Counter[str] = Counter()
        self.exchanges = 0

    def add(self, findings: Iterable[Finding], exchange: Exchange) -> list[str]:
        """Record the findings of one exchange; returns the ids of the rules it broke."""
        broken = []
        with self._lock:
            self.exchanges += 1
            for finding in findings:
                test = f"proxy {finding.side}: {exchange.operation}"
                if finding.passed:
                    key = (test, finding.rule.id, exchange.operation)
                    if key not in self._passes:
                        self._passes.add(key)
                        event = records.Event("pass", finding.rule, exchange.operation)
                        self._events.setdefault(test, []).append(asdict(event))
                    continue
                broken.append(finding.rule.id)
                self._failures[finding.rule.id] += 1
                if self._failures[finding.rule.id] > MAX_FAILURES:
                    continue  # counted, not kept: no record is made for it
                events = self._events.setdefault(test, [])
                failure = records.RuleBroken(
                    finding.rule,
                    exchange.operation,
                    finding.expected,
                    finding.observed,
                    exchange.request,
                    exchange.response,
                    exchange.reproducer,
                )
                events.append(asdict(failure.event()))
        return broken

    def test_records(self) -> list[records.TestRecord]:
        with self._lock:
            found = []
            for test, events in sorted(self._events.items()):
                failed = any(event["kind"] == "fail" for event in events)
                outcome = "failed" if failed else "passed"
                found.append(records.TestRecord(test, outcome, events=[dict(e) for e in events]))
            return found

    def results(self) -> dict[str, records.RuleOutcome]:
        return records.outcomes(self.test_records())

    def verdicts(self) -> records.Verdicts:
        return records.classify(self.results(), self.target.gating_tiers)

    def exit_status(self) -> int:
        """1 if a rule of a --fail-on tier broke, else 0."""
        return 1 if self.verdicts().broken else 0

    def console(self) -> list[str]:
        return render_console(self.results(), self.target, self.run)

    def write(self, directory: Path) -> None:
        """results.jsonl, run.json, summary.md, junit.xml and report.html in `directory`."""
        prepare_report_dir(directory)
        found = self.test_records()
        records.write(found, directory)
        run = self.run
        records.write_run(run, directory)
        results = records.outcomes(found)
        summary = render_markdown(results, self.target, None, run)
        (directory / SUMMARY_FILE).write_text(summary + "\n", encoding="utf-8")
        (directory / JUNIT_FILE).write_text(render_junit(results, self.target), encoding="utf-8")
        page = render_html(results, self.target, run)
        (directory / REPORT_FILE).write_text(page, encoding="utf-8")
