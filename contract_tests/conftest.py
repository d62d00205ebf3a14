"""The pytest plugin of the contract suite (`pytest contract_tests --base-url ...`).

It declares the options (`options.py`), checks the target before the first test (exit 2 with a
one-line hint), gives every test a sink for its rule events, turns a `RuleBroken` a check
raised into the test's failure (or warning), turns each finished test into a record, cleans up
what the run created, and at the end computes the verdict from the records: exit 0 when every
gating rule held, 1 when one broke, 2 when the server could not be reached. The report dir gets
results.jsonl and run.json (seed, spec version, server, start), and summary.md, junit.xml and
report.html rendered from them. Every run has a seed (chosen when --seed is not given), printed
with the command that replays the run at its start and at its end.

A failure is described once, in its rule's entry at the end of the run: pytest's own per-test
failure and warning texts are cut to a pointer to that entry.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

import pytest

from contract_tests import options, preflight, progress, records, safety
from contract_tests.api import Api, Rule
from contract_tests.callback_receiver import CallbackReceiver
from contract_tests.html_report import render_html
from contract_tests.preflight import EXIT_UNREACHABLE, PREFLIGHT_DONE
from contract_tests.registry import known_rules
from contract_tests.report import (
    JUNIT_FILE,
    REPORT_FILE,
    SUMMARY_FILE,
    created,
    prepare_report_dir,
    render_console,
    render_junit,
    render_markdown,
    replay_command,
    run_lines,
)
from contract_tests.spec import Operation, current
from contract_tests.target import Target
from contract_tests.transport import ServerUnreachable, unmetered

Claim = Callable[[Rule, Operation | str], None]
UNREACHABLE = "scale_contract_unreachable"


def pytest_addoption(parser: pytest.Parser) -> None:
    options.add_to_pytest(parser)


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


@pytest.hookimpl(tryfirst=True)  # before Hypothesis's plugin reads --hypothesis-seed
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "billable: creates tasks, which cost money on live keys")
    config.addinivalue_line(
        "markers", "account_writes: changes the account (team, Studio): --allow-account-writes"
    )
    if _is_worker(config):
        # the controller published the target; a worker gets the invocation's arguments only,
        # so the run's seed becomes its Hypothesis seed here
        seed = Target.from_environment().seed
        if seed is not None and config.getoption("hypothesis_seed", None) is None:
            config.option.hypothesis_seed = seed
        return
    values = vars(config.option)
    if values.get("base_url") is None:
        return  # not a contract run (e.g. `--help`)
    problem = options.usage_problem(values)
    if problem is not None:
        pytest.exit(f"scale-contract: {problem}", returncode=2)
    numprocesses = values.get("numprocesses") or 1  # pytest-xdist's -n: a number, or "auto"
    workers = int(numprocesses) if str(numprocesses).isdigit() else os.cpu_count() or 1
    target = options.build_target(values, workers=workers)
    if os.environ.get(PREFLIGHT_DONE) != target.base_url:
        hint = preflight.problem(target)
        if hint is not None:
            pytest.exit(f"scale-contract: {hint}", returncode=2)
    results_dir = values.get("report") or tempfile.mkdtemp(prefix="scale-contract-")
    prepare_report_dir(Path(results_dir))
    target = target.replace(
        mock_controls=preflight.has_mock_controls(target),
        results_dir=str(results_dir),
        seed=_seed(target, config),
    )
    if config.getoption("hypothesis_seed", None) is None:
        # --seed is Hypothesis's seed for every test (Schemathesis's too: test_schemathesis)
        config.option.hypothesis_seed = target.seed
    _load_what_the_cli_loads()
    target.publish()
    assert target.seed is not None
    run = records.RunInfo(
        seed=target.seed,
        spec_version=current().version,
        base_url=target.base_url,
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        replay=safety.redact(
            replay_command(
                values,
                target.seed,
                select=config.getoption("keyword", None) or None,
                workers=workers,
            ),
            target,
        ),
        strict=target.strict,
    )
    config.pluginmanager.register(RunRecorder(target, run), "scale-contract-recorder")
    if progress.wanted(config):
        config.pluginmanager.register(progress.Progress(), "scale-contract-progress")


def _seed(target: Target, config: pytest.Config) -> int:
    """The run's seed: --seed, else --hypothesis-seed when it is a number, else a new one
    (chosen before the target is published, so that workers and Schemathesis use it)."""
    if target.seed is not None:
        return target.seed
    given = str(config.getoption("hypothesis_seed", None) or "")
    return int(given) if given.isdigit() else secrets.randbelow(2**32)


def _load_what_the_cli_loads() -> None:
    """Hypothesis draws some values from the constants of the local modules loaded
    (`hypothesis.internal.constants_ast`): `pytest contract_tests` loads the CLI's module as
    `scale-contract` does, so that the same --seed sends the same requests from both."""
    import contract_tests.cli  # noqa: F401


SCHEMATHESIS_MODULE = "test_schemathesis.py"
SCHEMATHESIS_TEST = "schemathesis"
# One word of pytest's -k grammar; anything else between its operators is a phrase (see below).
KEYWORD_WORD = re.compile(r"(?:\w|:|\+|-|\.|\[|\]|\\|/)+")
KEYWORD_OPERATORS = frozenset({"and", "or", "not"})


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(
    collector: pytest.Module | pytest.Class, name: str, obj: object
) -> list[pytest.Item] | None:
    """The Schemathesis checks are one test per operation, `schemathesis[POST /task/annotation]`
    (the function `schemathesis` of test_schemathesis.py, parametrized by operation), so that
    `-k`, `--deselect` and JUnit names work by operation. Collecting them builds nothing: each
    builds its cases when it runs."""
    if name != SCHEMATHESIS_TEST or not isinstance(collector, pytest.Module):
        return None
    if collector.path.name != SCHEMATHESIS_MODULE:
        return None
    items: list[pytest.Item] = list(collector._genfunctions(name, obj))
    for item in items:  # the operationId and the test's older name find it too
        item.extra_keyword_matches.update(collector.obj.keywords(item))
    return items


def keyword_phrases(expression: str) -> tuple[str, dict[str, str]]:
    """A `-k` expression in which words not joined by `and`, `or` or `not` form one phrase
    (`POST /task/annotation`, `GET /task/{task_id}`), which pytest's grammar cannot take as one
    word: the expression with each such phrase replaced by a placeholder word, and the phrase
    of each placeholder. An expression pytest reads as it is comes back unchanged."""
    tokens = re.findall(r"[()]|[^\s()]+", expression)
    rewritten: list[str] = []
    phrases: dict[str, str] = {}
    words: list[str] = []

    def flush() -> None:
        if not words:
            return
        phrase = " ".join(words)
        if len(words) == 1 and KEYWORD_WORD.fullmatch(phrase):
            rewritten.append(phrase)
        else:
            placeholder = f"scale_contract_phrase_{len(phrases)}_"
            phrases[placeholder] = phrase
            rewritten.append(placeholder)
        words.clear()

    for token in tokens:
        if token in ("(", ")") or token in KEYWORD_OPERATORS:
            flush()
            rewritten.append(token)
        else:
            words.append(token)
    flush()
    return (" ".join(rewritten), phrases) if phrases else (expression, {})


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> Generator[None]:
    """`-k "POST /task/annotation"` selects by a phrase, as a word is selected: a test whose
    names (its id, its module, its keywords) contain the phrase, ignoring case. Around pytest's
    own `-k` deselection, which reads the placeholders of `keyword_phrases`; the option holds
    the expression as given again afterwards."""
    given = str(config.getoption("keyword") or "")
    rewritten, phrases = keyword_phrases(given)
    if phrases:
        from _pytest.mark import KeywordMatcher

        for item in items:
            matcher = KeywordMatcher.from_item(item)
            found = (p for p, phrase in phrases.items() if matcher(phrase))
            item.extra_keyword_matches.update(found)
        config.option.keyword = rewritten
    try:
        return (yield)
    finally:
        config.option.keyword = given


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None]:
    token = records.current_sink.set(records.Sink(item.user_properties))
    try:
        return (yield)
    finally:
        records.current_sink.reset(token)


def pytest_runtest_setup(item: pytest.Item) -> None:
    target = Target.from_environment()
    if target.deadline is not None and time.time() > target.deadline:
        pytest.skip("--deadline reached before this test started")
    if item.get_closest_marker("account_writes") and not target.allow_account_writes:
        pytest.skip("changes the account (team or Studio): needs --allow-account-writes")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None]:
    try:
        return (yield)
    except ServerUnreachable as error:
        item.session.shouldstop = f"the server went away: {error}"
        item.user_properties.append((UNREACHABLE, str(error)))
        raise
    except (records.RuleBroken, BaseExceptionGroup) as error:
        broken = _rules_broken(error)
        if not broken:
            raise
        notes = getattr(error, "__notes__", None)
    _judge_broken(broken, notes)  # outside the handler: the outcome shows the rule, no traceback


def _rules_broken(error: BaseException) -> list[records.RuleBroken]:
    """The broken rules `error` stands for (a group of them, as Hypothesis raises when it
    found several), or none if anything else is in it."""
    if isinstance(error, records.RuleBroken):
        return [error]
    if isinstance(error, BaseExceptionGroup):
        found = [_rules_broken(inner) for inner in error.exceptions]
        return [b for inner in found for b in inner] if all(found) else []
    return []


def _judge_broken(broken: list[records.RuleBroken], notes: list[str] | None) -> NoReturn:
    """The test's outcome for the rules it found broken (each already in its record): a
    failure if one's tier gates the run, else a warning (xfail)."""
    message = "\n\n".join(b.message for b in broken)
    if notes:  # e.g. Hypothesis's steps to the falsifying example
        message += "\n" + "\n".join(notes)
    gating = Target.from_environment().gating_tiers
    if any(b.tier in gating for b in broken):
        pytest.fail(message, pytrace=False)
    pytest.xfail(message)


def verdict(
    found: list[records.TestRecord], target: Target
) -> tuple[int, dict[str, records.RuleOutcome]]:
    """The exit status a run's records give (0, 1, or 2 when the server went away), and the
    outcome of every rule the suite knows."""
    results = records.outcomes(found, (rule.info() for rule in known_rules()))
    if any(record.outcome == "unreachable" for record in found):
        return EXIT_UNREACHABLE, results
    return (1 if records.classify(results, target.gating_tiers).broken else 0), results


class RunRecorder:
    """On the controller (or without xdist): every finished test becomes a record; at the end
    the records are written, the verdict becomes the exit status and the console shows it.
    The run's seed and replay command are shown at its start and at its end; with
    --max-failures N the run stops once N rules are broken."""

    def __init__(self, target: Target, run: records.RunInfo) -> None:
        self.target = target
        self.run = run
        self.found: dict[str, records.TestRecord] = {}
        self.results: dict[str, records.RuleOutcome] | None = None
        self.broken: set[str] = set()  # rules broken so far (gating tiers)
        self.session: pytest.Session | None = None

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.session = session
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            for line in run_lines(self.run):
                reporter.write_line(line)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Fold the phases of a test into its record."""
        record = self.found.setdefault(report.nodeid, records.TestRecord(report.nodeid, "passed"))
        if hasattr(report, "wasxfail"):
            record.outcome, record.message = "xfailed", _message(report)
        elif report.failed and record.outcome != "failed":
            record.outcome, record.message = "failed", _message(report)
        elif report.skipped and record.outcome == "passed":
            record.outcome, record.message = "skipped", _message(report)
        for name, value in report.user_properties:
            if name == UNREACHABLE:
                record.outcome, record.message = "unreachable", str(value)
        _point_to_the_rule_entry(report)
        if report.when == "teardown":
            # the events of every phase of the test (setup, call, teardown) add up
            events = [v for n, v in report.user_properties if n == records.PROPERTY]
            record.events += [e for e in events if isinstance(e, dict)]
            record.message = safety.redact(record.message, self.target)
            self._stop_after_max_failures(record)

    def _stop_after_max_failures(self, record: records.TestRecord) -> None:
        limit = self.target.max_failures
        if limit is None or self.run.stopped:
            return
        found = records.classify(records.outcomes([record]), self.target.gating_tiers)
        self.broken |= {outcome.info.id for outcome in found.broken}
        if len(self.broken) < limit or self.session is None:
            return
        reason = f"--max-failures {limit}: {len(self.broken)} broken rule(s)"
        self.run = replace(self.run, stopped=reason)
        self.session.shouldstop = reason
        distributed = self.session.config.pluginmanager.get_plugin("dsession")
        if distributed is not None:  # pytest-xdist's controller loop has its own flag
            distributed.shouldstop = reason

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        found = list(self.found.values())
        assert self.target.results_dir is not None
        directory = Path(self.target.results_dir)
        records.write(found, directory)
        records.write_run(self.run, directory)
        undecided = (
            pytest.ExitCode.INTERRUPTED,
            pytest.ExitCode.INTERNAL_ERROR,
            pytest.ExitCode.USAGE_ERROR,
            pytest.ExitCode.NO_TESTS_COLLECTED,
        )
        if exitstatus in undecided and not (
            exitstatus == pytest.ExitCode.INTERRUPTED and self.run.stopped
        ):
            return
        session.exitstatus, self.results = verdict(found, self.target)
        ledger = created(directory)
        summary = render_markdown(self.results, self.target, ledger, self.run)
        (directory / SUMMARY_FILE).write_text(summary + "\n", encoding="utf-8")
        junit = render_junit(self.results, self.target)
        (directory / JUNIT_FILE).write_text(junit + "\n", encoding="utf-8")
        page = render_html(self.results, self.target, self.run, ledger)
        (directory / REPORT_FILE).write_text(page, encoding="utf-8")

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        terminalreporter.write_line("")
        if self.results is None:
            for line in run_lines(self.run):
                terminalreporter.write_line(line)
            return
        for line in render_console(self.results, self.target, self.run):
            terminalreporter.write_line(line)


def _point_to_the_rule_entry(report: pytest.TestReport) -> None:
    """Cut pytest's text of a test that broke rules (its failure section, its line in the
    short summary) to the rules' ids: their entries at the end of the run describe them."""
    if report.when != "call" or not (report.failed or hasattr(report, "wasxfail")):
        return
    ids = [
        str(value["rule"]["id"])
        for name, value in report.user_properties
        if name == records.PROPERTY and isinstance(value, dict) and value.get("kind") == "fail"
    ]
    if not ids:
        return
    pointer = f"broke {', '.join(dict.fromkeys(ids))}: see the rule's entry below"
    if report.failed:
        report.longrepr = pointer
    else:
        report.wasxfail = pointer


def _message(report: pytest.TestReport) -> str:
    if report.skipped and isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).removeprefix("Skipped: ")
    if hasattr(report, "wasxfail"):
        return str(report.wasxfail)
    return report.longreprtext[-3000:] if report.failed else ""


@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config) -> Target:
    found = Target.from_environment()
    if not found.base_url:
        pytest.exit("the contract suite needs --base-url and --api-key", returncode=2)
    return found


@pytest.fixture(scope="session")
def api(target: Target) -> Iterator[Api]:
    client = Api(target, target.api_key)
    yield client
    with unmetered(target):  # the cleanup is sent even when --budget is spent
        cleanup = safety.cancel_pending(client.http, client.ledger)
    if target.results_dir:
        ledger = {
            "billable": client.ledger.billable,
            "tasks": client.ledger.tasks,
            "cleanup": cleanup,
        }
        path = Path(target.results_dir) / f"created-{os.getpid()}.json"
        path.write_text(json.dumps(ledger, sort_keys=True))
    client.close()


@pytest.fixture(scope="session", autouse=True)
def _cleanup_after_the_run(request: pytest.FixtureRequest) -> None:
    """Every worker cancels what it created and left pending (via the `api` fixture's end)."""
    if Target.from_environment().base_url:
        request.getfixturevalue("api")


@pytest.fixture(scope="session")
def callback_receiver(target: Target) -> Iterator[CallbackReceiver]:
    """Where callbacks reach this run; skipped when the server cannot reach the suite."""
    if target.callback_host is None:
        pytest.skip("the server cannot reach this suite: pass --callback-host to check callbacks")
    receiver = CallbackReceiver(target.callback_host)
    yield receiver
    receiver.close()


@pytest.fixture(scope="session")
def second_api(target: Target) -> Iterator[Api]:
    if target.second_api_key is None:
        pytest.skip("tenant isolation needs --second-api-key")
    client = Api(target, target.second_api_key)
    yield client
    client.close()


@pytest.fixture
def claim() -> Claim:
    """Declare which documented rule (and operation) the test covers. A claimed rule that no
    check evaluates by the end of the test is reported "not reached"."""

    def record(rule: Rule, operation: Operation | str) -> None:
        label = operation.label if isinstance(operation, Operation) else operation
        records.emit(records.Event("claim", rule.info(), label))

    return record
