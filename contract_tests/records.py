"""Rule verdicts as data: what each test claimed and checked, and what that says per rule.

A test *claims* the rules it covers and *checks* them; each claim and check is an event attached
to the running test item (`user_properties`, which pytest-xdist carries to the controller).
When a test ends, its events and outcome become one `TestRecord`; the run's records are written
as JSON lines, and every report (console, Markdown, exit status) is computed from them:

- a rule with a failed check is **fail** (a gating failure if its tier gates the run, else a
  warning);
- a rule with passed checks and no failure is **pass**;
- a rule claimed but never checked, or never claimed at all, is **not reached**: nothing in the
  run exercised it on this server, which is never shown as a pass.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PROPERTY = "scale_contract"
RESULTS_FILE = "results.jsonl"
RUN_FILE = "run.json"  # the run itself: seed, spec version, server, start (`RunInfo`)
# what each line of RESULTS_FILE is (JSON Schema, draft 2020-12)
RESULTS_SCHEMA = Path(__file__).resolve().parent / "results.schema.json"


class Sink:
    """Where the running test's events go: its `user_properties`, a pass recorded once per
    rule and operation."""

    def __init__(self, properties: list[tuple[str, object]]) -> None:
        self.properties = properties
        self.seen: set[tuple[str, str, str]] = set()

    def add(self, event: dict[str, Any]) -> None:
        key = (event["kind"], event["rule"]["id"], event["operation"])
        if event["kind"] in ("claim", "pass"):
            if key in self.seen:
                return
            self.seen.add(key)
        self.properties.append((PROPERTY, event))


current_sink: ContextVar[Sink | None] = ContextVar("scale_contract_sink", default=None)


@dataclass(frozen=True)
class RuleInfo:
    id: str
    text: str
    location: str
    tier: str


@dataclass(frozen=True)
class Event:
    """One line of a test's record (`results.schema.json` states each field)."""

    kind: str  # the check's verdict: "claim", "pass" or "fail"
    rule: RuleInfo
    operation: str
    expected: str = ""
    observed: str = ""
    reproducer: str = ""
    request: str = ""  # a failure's request: method and URL
    response: str = ""  # a failure's answer: status, content type and the start of the body


@dataclass(eq=False)
class RuleBroken(Exception):
    """A documented rule the server broke, as data: which rule (id, wording, where the spec
    states it, tier), on which operation, what was expected and what was observed, the request
    and an excerpt of the answer, and a `curl` command that sends the request again.

    A check raises it; the plugin turns it into the test's outcome (a failure when the rule's
    tier gates the run, else a warning). Its `event()` is what the test's record holds."""

    rule: RuleInfo
    operation: str
    expected: str
    observed: str
    request: str = ""
    response: str = ""
    reproducer: str = ""

    def __post_init__(self) -> None:
        super().__init__(self.rule.id)

    def __reduce__(self) -> tuple[Any, ...]:
        fields = (self.operation, self.expected, self.observed, self.request, self.response)
        return (type(self), (self.rule, *fields, self.reproducer))

    def __str__(self) -> str:
        return self.message

    @property
    def rule_id(self) -> str:
        return self.rule.id

    @property
    def tier(self) -> str:
        return self.rule.tier

    @property
    def message(self) -> str:
        """What the test fails (or warns) with."""
        lines = [
            f"RULE {self.rule.id} [{self.rule.tier}]: {self.rule.text}",
            f"  stated at: {self.rule.location}",
            f"  operation: {self.operation}",
            f"  expected:  {self.expected}",
            f"  got:       {self.observed}",
        ]
        if self.reproducer:
            lines.append(f"  reproduce: {self.reproducer}")
        return "\n".join(lines)

    def event(self) -> Event:
        return Event(
            "fail",
            self.rule,
            self.operation,
            self.expected,
            self.observed,
            self.reproducer,
            self.request,
            self.response,
        )


def emit(event: Event) -> None:
    """Attach `event` to the running test, if any (outside a test there is nothing to report)."""
    sink = current_sink.get()
    if sink is not None:
        sink.add(asdict(event))


@dataclass
class TestRecord:
    test: str
    outcome: str  # passed, failed, skipped, xfailed
    message: str = ""
    events: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Failure:
    operation: str
    expected: str
    observed: str
    reproducer: str
    test: str
    request: str = ""  # method and URL
    response: str = ""  # status, content type and the start of the body


@dataclass(frozen=True)
class RunInfo:
    """What a run was (`run.json` beside results.jsonl; `$defs/run` of results.schema.json):
    the seed that replays it, the spec version and server it held to each other, when it
    started, the `scale-contract` command line that replays it (keys as variables), and why it
    stopped early, if it did."""

    seed: int
    spec_version: str
    base_url: str
    started_at: str  # ISO 8601, UTC
    replay: str
    strict: bool = False
    stopped: str = ""


def write_run(run: RunInfo, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / RUN_FILE
    path.write_text(json.dumps(asdict(run), sort_keys=True, indent=2) + "\n", encoding="utf-8")
    return path


def read_run(directory: Path) -> RunInfo | None:
    path = directory / RUN_FILE
    if not path.exists():
        return None
    return RunInfo(**json.loads(path.read_text(encoding="utf-8")))


@dataclass
class RuleOutcome:
    info: RuleInfo
    passed: set[str] = field(default_factory=set)
    failures: list[Failure] = field(default_factory=list)
    not_reached: dict[str, str] = field(default_factory=dict)  # operation or test -> why

    @property
    def status(self) -> str:
        if self.failures:
            return "fail"
        if self.passed:
            return "pass"
        return "not reached"


def write(records: Iterable[TestRecord], directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / RESULTS_FILE
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(asdict(record), sort_keys=True) + "\n")
    return path


def read(path: Path) -> list[TestRecord]:
    with path.open(encoding="utf-8") as handle:
        return [TestRecord(**json.loads(line)) for line in handle if line.strip()]


def _info(raw: dict[str, Any]) -> RuleInfo:
    return RuleInfo(**raw)


SUITE_ERROR = RuleInfo(
    "suite.could_not_run",
    "A check could not complete: the server's answers broke what the check relies on.",
    "contract_tests",
    "docs",
)


def outcomes(
    records: Iterable[TestRecord], known: Iterable[RuleInfo] = ()
) -> dict[str, RuleOutcome]:
    """Per rule: pass, fail or not reached, from the tests' records (and every rule the suite
    knows, so a rule no test claimed shows as not reached)."""
    found: dict[str, RuleOutcome] = {}

    def outcome(info: RuleInfo) -> RuleOutcome:
        return found.setdefault(info.id, RuleOutcome(info))

    for record in records:
        claimed: dict[tuple[str, str], tuple[RuleInfo, str]] = {}
        decided: set[tuple[str, str]] = set()
        for raw in record.events:
            info, operation = _info(raw["rule"]), raw["operation"]
            result = outcome(info)
            if raw["kind"] == "claim":
                claimed.setdefault((info.id, operation), (info, operation))
            elif raw["kind"] == "pass":
                decided.add((info.id, operation))
                result.passed.add(operation)
            else:
                decided.add((info.id, operation))
                result.failures.append(
                    Failure(
                        operation,
                        raw["expected"],
                        raw["observed"],
                        raw["reproducer"],
                        record.test,
                        raw.get("request", ""),
                        raw.get("response", ""),
                    )
                )
        # a rule claimed for one operation and checked under another name still counts as
        # decided for the test (e.g. claimed for create, checked on the follow-up GET)
        checked_rules = {rule for rule, _ in decided}
        undecided = {
            key: claim
            for key, claim in claimed.items()
            if key not in decided and key[0] not in checked_rules
        }
        if record.outcome == "failed" and not any(raw["kind"] == "fail" for raw in record.events):
            # the test broke off with an error of its own: the rules it was checking are failed,
            # with the error as what was observed
            blamed = undecided or {(SUITE_ERROR.id, record.test): (SUITE_ERROR, record.test)}
            for info, operation in blamed.values():
                outcome(info).failures.append(
                    Failure(operation, "the check to complete", record.message, "", record.test)
                )
            continue
        why = record.message if record.outcome == "skipped" else "no check applied on this server"
        for info, operation in undecided.values():
            outcome(info).not_reached.setdefault(operation, why)
    for info in known:
        if info.id not in found:
            found[info.id] = RuleOutcome(info, not_reached={"": "not exercised by this run"})
    return found


@dataclass(frozen=True)
class Verdicts:
    """A run's rules by verdict, each list in rule-id order."""

    broken: list[RuleOutcome]  # failed, in a tier that gates the run
    warned: list[RuleOutcome]  # failed, in a tier that does not
    not_reached: list[RuleOutcome]
    honoured: list[RuleOutcome]


def classify(results: dict[str, RuleOutcome], gating: Iterable[str]) -> Verdicts:
    tiers = set(gating)
    ordered = sorted(results.values(), key=lambda r: r.info.id)
    return Verdicts(
        broken=[r for r in ordered if r.status == "fail" and r.info.tier in tiers],
        warned=[r for r in ordered if r.status == "fail" and r.info.tier not in tiers],
        not_reached=[r for r in ordered if r.status == "not reached"],
        honoured=[r for r in ordered if r.status == "pass"],
    )
