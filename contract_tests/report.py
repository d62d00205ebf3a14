"""The conformance report, rendered from the run's records (`records.py`): rule -> tier ->
pass, fail or not reached, with every failure's operation, expectation, observation and
reproducer, for the console, as Markdown (summary.md) and as JUnit XML (junit.xml). Nothing here
parses text: every figure comes from the records.
"""

from __future__ import annotations

import json
import re
import shlex
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contract_tests import options, safety
from contract_tests.records import (
    RESULTS_FILE,
    RUN_FILE,
    Failure,
    RuleInfo,
    RuleOutcome,
    RunInfo,
    classify,
)
from contract_tests.target import Target

TIERS = ("docs", "sdk", "http", "assumed")
LEDGER_GLOB = "created-*.json"
SUMMARY_FILE = "summary.md"
JUNIT_FILE = "junit.xml"
REPORT_FILE = "report.html"  # rendered by `html_report`


def prepare_report_dir(directory: Path) -> None:
    """The report dir exists before the first test (the ledgers go there as workers end) and
    holds nothing of an earlier run, so no file read after the run can be a stale one."""
    directory.mkdir(parents=True, exist_ok=True)
    outputs = (RESULTS_FILE, RUN_FILE, SUMMARY_FILE, JUNIT_FILE, REPORT_FILE)
    for stale in (*directory.glob(LEDGER_GLOB), *(directory / name for name in outputs)):
        stale.unlink(missing_ok=True)


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


CONSOLE_LINES_PER_RULE = 20  # a screenful: the console shows no more of one rule
CONSOLE_TEXT = 300  # characters of a wording or an answer the console shows
CONSOLE_OPERATIONS = 3  # operations listed per rule on the console (all of them elsewhere)


def one_line(text: str, limit: int | None = None) -> str:
    """`text` on one line (whitespace collapsed), cut to `limit` characters with a mark."""
    flat = " ".join(text.split())
    if limit is not None and len(flat) > limit:
        return flat[: limit - 1] + "…"
    return flat


@dataclass(frozen=True)
class Entry:
    """One broken rule (or warning), its failures grouped by the rule (their root cause): the
    operations where it broke with their number of cases, and the first failure in full."""

    outcome: RuleOutcome
    verdict: str  # "BROKEN" (its tier gates the run) or "WARNING"
    operations: tuple[tuple[str, int], ...]  # operation -> cases, in the order they broke

    @property
    def rule(self) -> RuleInfo:
        return self.outcome.info

    @property
    def first(self) -> Failure:
        return self.outcome.failures[0]

    @property
    def cases(self) -> int:
        return len(self.outcome.failures)

    @property
    def title(self) -> str:
        plural = "s" if self.cases != 1 else ""
        ops = len(self.operations)
        return (
            f"{self.verdict} {self.rule.id} [{self.rule.tier}]: {self.cases} case{plural} on "
            f"{ops} operation{'s' if ops != 1 else ''}"
        )


def entries(results: dict[str, RuleOutcome], target: Target) -> list[Entry]:
    """One entry per failed rule: the broken ones (in rule-id order), then the warnings."""
    verdicts = classify(results, target.gating_tiers)
    found: list[Entry] = []
    for verdict, selection in (("BROKEN", verdicts.broken), ("WARNING", verdicts.warned)):
        for outcome in selection:
            cases = Counter(failure.operation for failure in outcome.failures)
            found.append(Entry(outcome, verdict, tuple(cases.items())))
    return found


def entry_lines(entry: Entry, *, console: bool) -> list[str]:
    """The entry as text: on the console a screenful (wording and answer cut, three
    operations: at most CONSOLE_LINES_PER_RULE lines), else whole. The reproducer is never
    cut: it must run as printed."""
    first = entry.first
    cut = CONSOLE_TEXT if console else None
    lines = [
        entry.title,
        f"  rule:      {one_line(entry.rule.text, cut)}",
        f"  stated at: {entry.rule.location}",
    ]
    shown = entry.operations[:CONSOLE_OPERATIONS] if console else entry.operations
    for number, (operation, cases) in enumerate(shown):
        label = "broke on:  " if number == 0 else "           "
        lines.append(f"  {label}{operation or '(the run)'} ({cases} case{'s' * (cases != 1)})")
    if len(shown) < len(entry.operations):
        lines.append(f"             ... and {len(entry.operations) - len(shown)} more (summary.md)")
    lines.append(f"  first failure: {first.test}")
    lines.append(f"    expected:  {one_line(first.expected, cut)}")
    if first.request:
        lines.append(f"    request:   {first.request}")
    if first.response:
        lines.append(f"    response:  {one_line(first.response, cut)}")
    if first.observed and first.observed != first.response:
        observed = first.observed.splitlines() or [""]
        if console:
            observed = [one_line(observed[0], cut)] + (["..."] if len(observed) > 1 else [])
        lines += [f"    {'got:' if n == 0 else '':10} {line}" for n, line in enumerate(observed)]
    if first.reproducer:
        lines.append(f"    reproduce: {first.reproducer}")
    return lines


KEY_VARIABLES = {"api_key": "$SCALE_API_KEY", "second_api_key": "$SCALE_SECOND_API_KEY"}


def replay_command(
    values: Mapping[str, Any], seed: int, *, select: str | None = None, workers: int = 1
) -> str:
    """The `scale-contract` command line that runs these options again with `seed`: the keys
    (and extra header values that may be tokens) as shell variables (`$SCALE_API_KEY`,
    `$SCALE_SECOND_API_KEY`, `$SCALE_HEADER_<NAME>`), never themselves, and
    without --report (a replay does not overwrite the report it came from)."""
    replay = dict(values)
    replay.update(seed=seed, report=None)
    variables = list(KEY_VARIABLES.values())
    for name, variable in KEY_VARIABLES.items():
        if replay.get(name):
            replay[name] = variable
    headers = []
    for name, value in replay.get("header") or ():
        if len(value) >= 8:  # what `safety.redact` hides: a value long enough to be a token
            value = safety.header_variable(name)
            variables.append(f"{name}:{value}")
        headers.append((name, value))
    replay["header"] = headers or None
    parts = ["scale-contract", *options.to_pytest_args(replay)]
    if select:
        parts += ["-k", select]
    if workers > 1:
        parts += ["--workers", str(workers)]
    command = " ".join(shlex.quote(part) for part in parts)
    for variable in variables:  # double quotes: the shell expands the variable
        command = command.replace(shlex.quote(variable), f'"{variable}"')
    return command


def run_lines(run: RunInfo) -> list[str]:
    """The seed and the command that replays the run (printed at its start and at its end)."""
    return [
        f"scale-contract: seed {run.seed}; spec {run.spec_version}; server {run.base_url}; "
        f"started {run.started_at}",
        f"scale-contract: replay with: {run.replay}",
    ]


def render_console(
    results: dict[str, RuleOutcome], target: Target, run: RunInfo | None = None
) -> list[str]:
    lines = [f"scale-contract: {headline(results, target)}"]
    counts = tier_counts(results)
    for tier in TIERS:
        c = counts.get(tier, Counter())
        lines.append(
            f"  {tier:8} {c['pass']:4} pass  {c['fail']:4} fail  {c['not reached']:4} not reached"
        )
    for entry in entries(results, target):
        lines += entry_lines(entry, console=True)
    if run is not None:
        if run.stopped:
            lines.append(f"scale-contract: stopped early: {run.stopped} (the rest: not reached)")
        lines += run_lines(run)
    return lines


def _fenced(text: str, language: str = "text") -> list[str]:
    """`text` as a Markdown code block, its fence longer than any backtick run inside."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{language}", text, fence]


def _markdown_entry(entry: Entry) -> list[str]:
    first = entry.first
    lines = [
        f"### {entry.verdict} `{entry.rule.id}` [{entry.rule.tier}]",
        "",
        f"{entry.cases} case(s) on {len(entry.operations)} operation(s) "
        f"({len(entry.outcome.passed)} passed); stated at `{entry.rule.location}`.",
        "",
        *(f"> {line}" for line in entry.rule.text.splitlines() or [""]),
        "",
    ]
    lines += [f"- broke on `{operation}`: {cases} case(s)" for operation, cases in entry.operations]
    lines += ["", f"First failure (`{first.test}`):", "", f"- expected: {one_line(first.expected)}"]
    if first.request:
        lines.append(f"- request: `{first.request}`")
    lines.append("")
    if first.response:
        lines += ["Response:", "", *_fenced(first.response), ""]
    if first.observed and first.observed != first.response:
        lines += ["Observed:", "", *_fenced(first.observed), ""]
    if first.reproducer:
        lines += [
            "Reproduce (`SCALE_API_KEY` set to the key):",
            "",
            *_fenced(first.reproducer, "sh"),
        ]
        lines.append("")
    return lines


def render_markdown(
    results: dict[str, RuleOutcome],
    target: Target,
    ledger: dict[str, Any] | None = None,
    run: RunInfo | None = None,
) -> str:
    """The whole report, never cut: every failure, every reason, every rule."""
    verdicts = classify(results, target.gating_tiers)
    lines = [
        f"# Conformance of {target.base_url} to the Scale API v1 spec",
        "",
        headline(results, target) + ".",
        "",
    ]
    if run is not None:
        lines += [
            f"Seed {run.seed}, spec version {run.spec_version}, started {run.started_at}.",
            "",
            *(
                ["Stopped early: " + run.stopped + " (the rest: not reached).", ""]
                * bool(run.stopped)
            ),
            "Replay:",
            "",
            *_fenced(run.replay, "sh"),
            "",
        ]
    lines += ["| tier | pass | fail | not reached |", "|---|---|---|---|"]
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
    found = entries(results, target)
    sections: Iterable[tuple[str, str]] = (
        ("BROKEN", "Broken rules (these decide the exit status)"),
        ("WARNING", "Warnings (tiers that do not gate this run; --strict makes them gate)"),
    )
    for verdict, title in sections:
        selection = [entry for entry in found if entry.verdict == verdict]
        if not selection:
            continue
        lines += [f"## {title}", ""]
        for entry in selection:
            lines += _markdown_entry(entry)
    if verdicts.not_reached:
        lines += ["## Not reached (nothing in this run could exercise these)", ""]
        for outcome in verdicts.not_reached:
            reasons = sorted(set(outcome.not_reached.values()))
            lines.append(f"- **{outcome.info.id}** [{outcome.info.tier}]: {'; '.join(reasons)}")
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
    """JUnit XML of the run, in rule-id order, grouped by tier (classname
    `scale-contract.<tier>`): a broken rule is one testcase per operation it broke on (named
    `<rule> on <operation>`), a `failure` carrying the rule, expected, observed and reproducer
    when its tier gates the run, else `skipped` as a warning with the same text; any other rule
    is one testcase (named by its id), passed, or `skipped` when not reached, with the reason.
    So the file grows with what broke, not with the size of the spec."""
    gating = target.gating_tiers
    suite = ET.Element("testsuite", name=JUNIT_SUITE)
    counts = Counter[str]()
    for outcome in sorted(results.values(), key=lambda r: r.info.id):
        classname = f"{JUNIT_SUITE}.{outcome.info.tier}"
        by_operation: dict[str, list[Failure]] = {}
        for failure in outcome.failures:
            by_operation.setdefault(failure.operation, []).append(failure)
        for operation, failures in sorted(by_operation.items()):
            name = f"{outcome.info.id} on {operation}" if operation else outcome.info.id
            case = ET.SubElement(suite, "testcase", classname=classname, name=name)
            counts["tests"] += 1
            head = f"{name}: expected {failures[0].expected}"
            if outcome.info.tier in gating:
                counts["failures"] += 1
                element = ET.SubElement(case, "failure", message=head[:300], type=outcome.info.tier)
            else:
                counts["skipped"] += 1
                element = ET.SubElement(
                    case, "skipped", message=f"warning: {head}"[:300], type="warning"
                )
            element.text = _failure_text(outcome, failures)
        if by_operation:
            continue
        case = ET.SubElement(suite, "testcase", classname=classname, name=outcome.info.id)
        counts["tests"] += 1
        if not outcome.passed:
            counts["skipped"] += 1
            reason = next(iter(outcome.not_reached.values()), "never checked")
            ET.SubElement(case, "skipped", message=f"not reached: {reason}"[:300])
    for name in ("tests", "failures", "skipped"):
        suite.set(name, str(counts[name]))
    suite.set("errors", "0")
    ET.indent(suite)
    return ET.tostring(suite, encoding="unicode", xml_declaration=True)
