"""A failure report a person can act on. A server breaking exactly one rule (scale-mock taking a
7th `objects_to_annotate` on `POST /task/annotation`, where at most 6 are documented) gives:

- one entry for the rule, on a console of fewer than 100 lines, a screenful long, with its
  wording, tier, where the spec states it, the operation, the first request and answer, the
  number of cases and a `curl` reproducer that, sent again, breaks the rule again;
- the run's seed and the command that replays it, at the start and at the end, and that
  command gives the same failure;
- run.json (seed, spec version, server, start), summary.md never cut, a junit.xml under
  100 KB with unique test case names, and a self-contained report.html linking the rule to its
  place in the API reference.

And --max-failures N stops the run after N broken rules, the rest not reached.
"""

from __future__ import annotations

import html
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from html.parser import HTMLParser
from pathlib import Path

import httpx
import jsonschema
import pytest

import scale_spec
from contract_tests import records
from contract_tests.html_report import render_html
from contract_tests.records import Failure, RuleInfo, RuleOutcome
from contract_tests.report import (
    CONSOLE_LINES_PER_RULE,
    REPORT_FILE,
    entries,
    entry_lines,
    render_markdown,
)
from contract_tests.target import Target
from scale_mock.testing import ThreadedMock
from tests.contract_suite_tests.broken_servers import (
    BROKEN_SERVERS,
    Rewrite,
    accepts_seven_objects,
    drops_task_status,
)
from tests.contract_suite_tests.harness import SuiteRun, run_suite

ROOT = Path(__file__).resolve().parents[2]
KEY = "test_actionable"
BROKEN = next(s for s in BROKEN_SERVERS if s.request is accepts_seven_objects)
RULE = BROKEN.expected_rule  # create_annotation_task.body.objects_to_annotate.maxItems
SELECT = ("-k", BROKEN.select)  # three tests: the maxItems case and two others
REFERENCE_LINK = "index.html#tag/tasks/operation/create_annotation_task"
SEED_LINE = re.compile(r"^scale-contract: seed (\d+); spec (\S+); server (\S+); started (\S+)$")
REPLAY_PREFIX = "scale-contract: replay with: "


@dataclass
class OneRuleRun:
    run: SuiteRun
    base_url: str
    replayed: SuiteRun


@pytest.fixture(scope="module")
def one_rule(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OneRuleRun]:
    """The run, and its replay from the printed command, against the same broken server
    (which stays up for the tests that send the reproducer again)."""
    report = tmp_path_factory.mktemp("one-rule")
    with ThreadedMock(wrap=BROKEN.wrap) as mock:
        run = run_suite(mock.base_url, report, "--api-key", KEY, *SELECT, timeout=120)
        assert run.status == 1, run.explain()
        replayed = _replay(_replay_command(run.output), tmp_path_factory.mktemp("replay"))
        yield OneRuleRun(run, mock.base_url, replayed)


def _replay_command(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith(REPLAY_PREFIX)]
    assert len(lines) == 2 and lines[0] == lines[1], output  # at the start and at the end
    return lines[0].removeprefix(REPLAY_PREFIX)


def _replay(command: str, report: Path) -> SuiteRun:
    """Run the printed replay command as a user pastes it into a shell (the key in
    $SCALE_API_KEY), `scale-contract` being this venv's."""
    assert command.startswith("scale-contract ")
    runner = f"{shlex.quote(sys.executable)} -m contract_tests.cli"
    line = command.replace("scale-contract", runner, 1) + f" --report {shlex.quote(str(report))}"
    done = subprocess.run(
        ["bash", "-c", line],
        env={**os.environ, "SCALE_API_KEY": KEY},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    found = records.outcomes(records.read(report / records.RESULTS_FILE))
    return SuiteRun(done.returncode, done.stdout + done.stderr, found, report)


def _entry(output: str) -> list[str]:
    """The console lines of the one rule entry: from its BROKEN line to the next line of the
    run's own (`scale-contract: ...`)."""
    lines = output.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("BROKEN "))
    end = next(n for n in range(start + 1, len(lines)) if lines[n].startswith("scale-contract:"))
    return lines[start:end]


def test_one_broken_rule_is_one_entry_on_a_short_console(one_rule: OneRuleRun) -> None:
    run = one_rule.run
    assert run.status == 1 and run.failed() == {RULE}, run.explain()
    lines = run.output.splitlines()
    assert len(lines) < 100, run.output
    assert [line for line in lines if line.startswith(("BROKEN", "WARNING"))] == [
        f"BROKEN {RULE} [docs]: 1 case on 1 operation"
    ], run.output
    entry = _entry(run.output)
    assert len(entry) <= CONSOLE_LINES_PER_RULE, entry
    text = "\n".join(entry)
    for part in (
        "  rule:      `objects_to_annotate`: at most 6 items.",
        "  stated at: #/components/schemas/AnnotationTaskCreate/",
        "  broke on:  POST /task/annotation (create_annotation_task) (1 case)",
        "    expected:  400",
        f"    request:   POST {one_rule.base_url}/task/annotation",
        "    response:  200 application/json: {",
        '    reproduce: curl -X POST -u "$SCALE_API_KEY:"',
    ):
        assert part in text, (part, text)
    # the failure is described there alone: no pytest failure section or short summary
    assert "FAILED" not in run.output and "Traceback" not in run.output, run.output
    assert KEY not in run.output


def test_the_seed_and_replay_command_are_printed_at_the_start_and_the_end(
    one_rule: OneRuleRun,
) -> None:
    run = one_rule.run
    lines = run.output.splitlines()
    seeds = [n for n, line in enumerate(lines) if SEED_LINE.match(line)]
    first_test = next(n for n, line in enumerate(lines) if re.match(r"^[.FsxX]+\s", line))
    broken = next(n for n, line in enumerate(lines) if line.startswith("BROKEN "))
    assert len(seeds) == 2 and seeds[0] < first_test < broken < seeds[1], run.output
    match = SEED_LINE.match(lines[seeds[0]])
    assert match is not None
    seed, version, server, _ = match.groups()
    assert version == scale_spec.load().version and server == one_rule.base_url
    command = _replay_command(run.output)
    assert f"--seed {seed}" in command and '--api-key "$SCALE_API_KEY"' in command, command
    assert "--report" not in command and KEY not in command

    info = records.read_run(run.report)
    assert info is not None and info.seed == int(seed) and info.replay == command
    assert info.spec_version == version and info.base_url == one_rule.base_url
    schema = json.loads(records.RESULTS_SCHEMA.read_text(encoding="utf-8"))
    run_schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/run"}
    validator = jsonschema.Draft202012Validator(run_schema)
    run_json = json.loads((run.report / records.RUN_FILE).read_text(encoding="utf-8"))
    assert not [e.message for e in validator.iter_errors(run_json)]


def test_the_replayed_seed_gives_the_same_failure(one_rule: OneRuleRun) -> None:
    run, replayed = one_rule.run, one_rule.replayed
    assert replayed.status == 1 and replayed.failed() == run.failed() == {RULE}, replayed.explain()
    first, again = run.results[RULE].failures[0], replayed.results[RULE].failures[0]
    assert (again.operation, again.expected, again.reproducer) == (
        first.operation,
        first.expected,
        first.reproducer,
    )
    original, replay = records.read_run(run.report), records.read_run(replayed.report)
    assert original is not None and replay is not None and replay.seed == original.seed


def _send(reproducer: str) -> tuple[int, str]:
    """The printed `curl` sent again with SCALE_API_KEY set: by curl itself when it is
    installed, else read as curl would read it and sent with httpx."""
    if shutil.which("curl"):
        done = subprocess.run(
            ["bash", "-c", reproducer + " --silent --write-out '\\n%{http_code}'"],
            env={**os.environ, "SCALE_API_KEY": KEY},
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        text, _, status = done.stdout.rpartition("\n")
        return int(status), text
    words = shlex.split(reproducer.replace('"$SCALE_API_KEY:"', f"{KEY}:"))
    assert words[0] == "curl"
    method, url = "GET", ""
    auth: tuple[str, str] | None = None
    headers: dict[str, str] = {}
    body: bytes | None = None
    pairs = iter(words[1:])
    for word in pairs:
        if word == "-X":
            method = next(pairs)
        elif word == "-u":
            auth = (next(pairs).split(":")[0], "")
        elif word == "-H":
            name, _, value = next(pairs).partition(":")
            headers[name.strip()] = value.strip()
        elif word == "--data-binary":
            body = next(pairs).encode()
        else:
            url = word
    answer = httpx.request(method, url, headers=headers, content=body, auth=auth, timeout=30)
    return answer.status_code, answer.text


def test_the_printed_reproducer_breaks_the_rule_again(one_rule: OneRuleRun) -> None:
    lines = [line for line in _entry(one_rule.run.output) if "reproduce: " in line]
    assert len(lines) == 1
    reproducer = lines[0].split("reproduce: ", 1)[1]
    assert reproducer == one_rule.run.results[RULE].failures[0].reproducer
    status, body = _send(reproducer)
    # the rule's breach again: 7 objects accepted (200, a task) instead of refused (400)
    assert status == 200, body
    assert json.loads(body)["task_id"], body


def test_junit_is_small_and_names_each_case_once(one_rule: OneRuleRun) -> None:
    junit = one_rule.run.report / "junit.xml"
    assert junit.stat().st_size < 100_000
    suite = ET.parse(junit).getroot()
    names = [case.get("name") for case in suite.iter("testcase")]
    assert len(names) == len(set(names)) == int(suite.get("tests", "0"))
    failed = [c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None]
    assert failed == [f"{RULE} on POST /task/annotation (create_annotation_task)"]


def test_the_summary_is_never_cut(one_rule: OneRuleRun) -> None:
    run = one_rule.run
    summary = (run.report / "summary.md").read_text(encoding="utf-8")
    failure = run.results[RULE].failures[0]
    info = run.results[RULE].info
    for whole in (info.text, failure.response, failure.reproducer, failure.request):
        assert whole in summary, whole
    assert "…" not in summary.split("## Not reached")[0]
    info_run = records.read_run(run.report)
    assert info_run is not None and info_run.replay in summary


class Links(HTMLParser):
    """Every URL a page loads or links to, and the tags that load something."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []  # tag, attribute, value
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "action", "srcset", "data") and value is not None:
                self.urls.append((tag, name, value))


def test_the_html_report_is_self_contained_and_links_the_rule_into_the_reference(
    one_rule: OneRuleRun,
) -> None:
    page = (one_rule.run.report / REPORT_FILE).read_text(encoding="utf-8")
    links = Links()
    links.feed(page)
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(links.tags)
    outside = [u for u in links.urls if re.match(r"^\s*(https?:)?//", u[2], re.I)]
    assert outside == [], outside
    assert "url(" not in page and "@import" not in page
    assert all(u[2].startswith(("#", "index.html")) for u in links.urls), links.urls
    # the rule's entry, linked to its operation in the reference
    entry = page.split(f'id="rule-{RULE}"', 1)[1].split("</section>", 1)[0]
    assert f'href="{REFERENCE_LINK}"' in entry
    assert f'<a href="#rule-{RULE}">' in page  # from the table of all rules
    info = records.read_run(one_rule.run.report)
    assert info is not None
    for shown in (str(info.seed), info.spec_version, one_rule.base_url, info.started_at):
        assert shown in page
    failure = one_rule.run.results[RULE].failures[0]
    assert _escaped(failure.reproducer) in entry and _escaped(failure.response) in entry
    assert KEY not in page


def _escaped(text: str) -> str:
    return html.escape(text, quote=True)


def _outcome(rule: str, text: str, failures: int, operations: int) -> RuleOutcome:
    info = RuleInfo(rule, text, "#/components/schemas/X", "docs")
    outcome = RuleOutcome(info, passed={"GET /tasks (list_tasks)"})
    for n in range(failures):
        operation = f"POST /task/annotation{n % operations} (create_annotation_task)"
        outcome.failures.append(
            Failure(
                operation,
                "400 <b>",
                "Undocumented status\nline two\nline three",
                "curl -X POST http://127.0.0.1/v1/task/annotation",
                f"t.py::t[{n}]",
                "POST http://127.0.0.1/v1/task/annotation",
                "200 text/html: <script>alert(1)</script>" + "x" * 2000,
            )
        )
    return outcome


def test_an_entry_is_a_screenful_on_the_console_and_whole_elsewhere() -> None:
    text = "A long wording. " * 100
    results = {"r.one": _outcome("r.one", text, failures=12, operations=6)}
    target = Target(base_url="http://127.0.0.1/v1", api_key=KEY)
    (entry,) = entries(results, target)
    assert entry.cases == 12 and len(entry.operations) == 6
    console = entry_lines(entry, console=True)
    assert len(console) <= CONSOLE_LINES_PER_RULE and max(len(line) for line in console) < 400
    assert any("and 3 more" in line for line in console), console
    markdown = render_markdown(results, target)
    assert text.strip() in " ".join(markdown.split()) and "x" * 2000 in markdown
    assert markdown.count("- broke on `POST /task/annotation") == 6
    page = render_html(results, target)
    assert "<script>" not in page and "&lt;script&gt;" in page and "400 &lt;b&gt;" in page


def test_max_failures_stops_the_run_after_that_many_broken_rules(tmp_path: Path) -> None:
    """Two rules broken (7 objects taken; a task without `status`), --max-failures 1: the run
    stops after the first (its checks come first), the second is not reached."""

    both = partial(Rewrite, request=accepts_seven_objects, response=drops_task_status)
    select = f"({BROKEN.select} and maxItems) or (real_object and get_task)"
    with ThreadedMock(wrap=both) as mock:
        stopped = run_suite(
            mock.base_url, tmp_path, "--api-key", KEY, "-k", select, "--max-failures", "1"
        )
    assert stopped.status == 1 and stopped.failed() == {RULE}, stopped.explain()
    assert stopped.results.get("response.get_task") is None or (
        stopped.results["response.get_task"].status == "not reached"
    )
    assert "stopped early: --max-failures 1" in stopped.output, stopped.output
    info = records.read_run(tmp_path)
    assert info is not None and info.stopped.startswith("--max-failures 1")
    assert (tmp_path / "summary.md").exists() and (tmp_path / REPORT_FILE).exists()
