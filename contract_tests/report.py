"""The conformance report, rendered from the run's records (`records.py`): rule -> tier ->
pass, fail or not reached, with every failure's operation, expectation, observation and
reproducer, for the console, as Markdown (summary.md) and as JUnit XML (junit.xml). Nothing here
parses text: every figure comes from the records.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from contract_tests.records import Failure, RuleOutcome, classify
from contract_tests.target import Target

TIERS = ("docs", "sdk", "http", "assumed")
LEDGER_GLOB = "created-*.json"


def tier_counts(results: dict[str, RuleOutcome]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {tier: Counter() for tier in TIERS}
    for outcome in results.values():
        counts.setdefault(outcome.info.tier, Counter())[outcome.status] += 1
    return counts


def created(directory: Path) -> dict[str, Any]:
    """What the run's processes created and cleaned up (their ledgers, merged)."""
    merged: dict[str, Any] = {"billable": 0, "tasks": {}, "cleanup": Counter()}
    for path in sorted(directory.glob(LEDGER_GLOB)):
        ledger = json.loads(path.read_text())
        merged["billable"] += ledger["billable"]
        merged["tasks"].update(ledger["tasks"])
        merged["cleanup"].update(ledger["cleanup"])
    return merged


def headline(results: dict[str, RuleOutcome], target: Target) -> str:
    verdicts = classify(results, target.gating_tiers)
    mode = "strict: every tier gates" if target.strict else "docs and sdk tiers gate"
    return (
        f"{len(results)} rules ({mode}): {len(verdicts.broken)} broken, "
        f"{len(verdicts.warned)} warnings, {len(verdicts.honoured)} pass, "
        f"{len(verdicts.not_reached)} not reached"
    )


def _failure_lines(outcome: RuleOutcome, limit: int | None) -> list[str]:
    lines = [f"  {outcome.info.text}", f"  stated at: {outcome.info.location}"]
    by_operation: dict[str, list[Any]] = {}
    for failure in outcome.failures:
        by_operation.setdefault(failure.operation, []).append(failure)
    shown = list(by_operation.items())
    for operation, failures in shown[:limit] if limit else shown:
        first = failures[0]
        lines.append(f"  - FAIL {operation} ({len(failures)} case(s))")
        lines.append(f"    expected: {first.expected}")
        observed = first.observed if limit is None else first.observed[:400]
        lines += [f"    got:      {line}" for line in observed.splitlines()[: limit or None]]
        if first.reproducer:
            lines.append(f"    reproduce: {first.reproducer}")
    if limit and len(shown) > limit:
        lines.append(f"  ... and {len(shown) - limit} more operations (see summary.md)")
    return lines


def render_console(results: dict[str, RuleOutcome], target: Target) -> list[str]:
    verdicts = classify(results, target.gating_tiers)
    lines = [f"scale-contract: {headline(results, target)}"]
    counts = tier_counts(results)
    for tier in TIERS:
        c = counts.get(tier, Counter())
        lines.append(
            f"  {tier:8} {c['pass']:4} pass  {c['fail']:4} fail  {c['not reached']:4} not reached"
        )
    for title, selection in (("BROKEN", verdicts.broken), ("WARNING", verdicts.warned)):
        for outcome in selection:
            lines.append(f"{title} {outcome.info.id} [{outcome.info.tier}]")
            lines += _failure_lines(outcome, limit=3)
    return lines


def render_markdown(
    results: dict[str, RuleOutcome], target: Target, ledger: dict[str, Any] | None = None
) -> str:
    verdicts = classify(results, target.gating_tiers)
    lines = [
        f"# Conformance of {target.base_url} to the Scale API v1 spec",
        "",
        headline(results, target) + ".",
        "",
        "| tier | pass | fail | not reached |",
        "|---|---|---|---|",
    ]
    for tier, c in tier_counts(results).items():
        lines.append(f"| {tier} | {c['pass']} | {c['fail']} | {c['not reached']} |")
    lines.append("")
    if ledger is not None:
        cleanup = ", ".join(f"{k} {v}" for k, v in sorted(ledger["cleanup"].items())) or "none"
        lines += [
            f"Billable creates: {ledger['billable']} (cap: {target.max_billable or 'none'}); "
            f"tasks created: {len(ledger['tasks'])}; cleanup: {cleanup}.",
            "",
        ]
    sections: Iterable[tuple[str, list[RuleOutcome]]] = (
        ("Broken rules (these decide the exit status)", verdicts.broken),
        ("Warnings (tiers that do not gate this run; --strict makes them gate)", verdicts.warned),
    )
    for title, selection in sections:
        if not selection:
            continue
        lines += [f"## {title}", ""]
        for outcome in selection:
            lines.append(
                f"- **{outcome.info.id}** [{outcome.info.tier}] "
                f"({len(outcome.passed)} pass, {len(outcome.failures)} fail)"
            )
            lines += _failure_lines(outcome, limit=None)
        lines.append("")
    if verdicts.not_reached:
        lines += ["## Not reached (nothing in this run could exercise these)", ""]
        for outcome in verdicts.not_reached:
            reasons = sorted(set(outcome.not_reached.values()))
            lines.append(
                f"- **{outcome.info.id}** [{outcome.info.tier}]: {'; '.join(reasons)[:300]}"
            )
        lines.append("")
    if verdicts.honoured:
        lines += ["## Honoured rules", ""]
        for outcome in verdicts.honoured:
            lines.append(
                f"- **{outcome.info.id}** [{outcome.info.tier}] "
                f"({len(outcome.passed)} operations) `{outcome.info.location}`"
            )
        lines.append("")
    if ledger is not None and ledger["tasks"]:
        lines += ["## Tasks this run created", ""]
        lines += [f"- `{task}` ({path})" for task, path in sorted(ledger["tasks"].items())]
        lines.append("")
    return "\n".join(lines)


JUNIT_SUITE = "scale-contract"


def _failure_text(outcome: RuleOutcome, failures: list[Failure]) -> str:
    first = failures[0]
    lines = [
        f"rule: {outcome.info.id} [{outcome.info.tier}]: {outcome.info.text}",
        f"stated at: {outcome.info.location}",
        f"cases: {len(failures)} (first in {first.test})",
        f"expected: {first.expected}",
        f"observed: {first.observed}",
    ]
    if first.reproducer:
        lines.append(f"reproduce: {first.reproducer}")
    return "\n".join(lines)


def render_junit(results: dict[str, RuleOutcome], target: Target) -> str:
    """JUnit XML of the run: one testcase per rule and operation (named by both, grouped by
    tier: classname `scale-contract.<tier>`), in rule-id order. A broken rule of a gating tier
    is a `failure` carrying the rule, expected, observed and reproducer; one of a tier that does
    not gate the run is `skipped` as a warning with the same text; a rule not reached is
    `skipped` with the reason."""
    gating = target.gating_tiers
    suite = ET.Element("testsuite", name=JUNIT_SUITE)
    counts = Counter[str]()
    for outcome in sorted(results.values(), key=lambda r: r.info.id):
        by_operation: dict[str, list[Failure]] = {}
        for failure in outcome.failures:
            by_operation.setdefault(failure.operation, []).append(failure)
        operations = set(outcome.passed) | set(outcome.not_reached) | set(by_operation)
        for operation in sorted(operations):
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"{JUNIT_SUITE}.{outcome.info.tier}",
                name=f"{outcome.info.id} on {operation}" if operation else outcome.info.id,
            )
            counts["tests"] += 1
            failures = by_operation.get(operation)
            if failures:
                text = _failure_text(outcome, failures)
                head = f"{outcome.info.id} on {operation}: expected "
                head += failures[0].expected
                if outcome.info.tier in gating:
                    counts["failures"] += 1
                    element = ET.SubElement(
                        case, "failure", message=head[:300], type=outcome.info.tier
                    )
                else:
                    counts["skipped"] += 1
                    element = ET.SubElement(
                        case, "skipped", message=f"warning: {head}"[:300], type="warning"
                    )
                element.text = text
            elif operation not in outcome.passed:
                counts["skipped"] += 1
                reason = outcome.not_reached.get(operation, "")
                ET.SubElement(case, "skipped", message=f"not reached: {reason}"[:300])
    for name in ("tests", "failures", "skipped"):
        suite.set(name, str(counts[name]))
    suite.set("errors", "0")
    ET.indent(suite)
    return ET.tostring(suite, encoding="unicode", xml_declaration=True)
