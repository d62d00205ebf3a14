"""The results file is the run's one record: every line of results.jsonl is what
`contract_tests/results.schema.json` says, run.json its `$defs/run`, and summary.md, junit.xml
and report.html are renderings of them (rendering the records again gives the same files).
One run, against a server that breaks a gating rule (a task without `status`) and an `assumed`
one (an empty `objects_to_annotate` accepted: a warning), so that every kind of line is in it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from functools import partial
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from contract_tests import records
from contract_tests.conftest import verdict
from contract_tests.html_report import render_html
from contract_tests.registry import known_rules
from contract_tests.report import (
    JUNIT_FILE,
    REPORT_FILE,
    SUMMARY_FILE,
    created,
    render_junit,
    render_markdown,
)
from contract_tests.target import Target
from scale_mock.testing import ThreadedMock
from tests.contract_suite_tests.broken_servers import Rewrite, drops_task_status
from tests.contract_suite_tests.harness import SuiteRun, run_suite
from tests.contract_suite_tests.legal_variants import accepts_empty_lists

KEY = "test_results"
BROKEN, WARNED = "response.get_task", "create_annotation_task.body.objects_to_annotate.minItems"
SELECT = (
    "(real_object and get_task) or (create_annotation_task and objects_to_annotate and minItems)"
)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[SuiteRun, str]:
    report = tmp_path_factory.mktemp("results")
    wrap = partial(Rewrite, request=accepts_empty_lists, response=drops_task_status)
    with ThreadedMock(wrap=wrap) as mock:
        found = run_suite(mock.base_url, report, "--api-key", KEY, "-k", SELECT)
    assert found.status == 1, found.explain()
    return found, mock.base_url


def _lines(report: Path) -> list[dict[str, Any]]:
    text = (report / records.RESULTS_FILE).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_every_line_of_the_results_file_matches_the_schema(run: tuple[SuiteRun, str]) -> None:
    suite_run, _ = run
    schema = json.loads(records.RESULTS_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    lines = _lines(suite_run.report)
    assert lines
    for line in lines:
        problems = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(line)]
        assert not problems, (line["test"], problems)
    events = [e for line in lines for e in line["events"]]
    assert {e["kind"] for e in events} == {"claim", "pass", "fail"}
    assert {line["outcome"] for line in lines} >= {"failed", "xfailed"}
    failures = {e["rule"]["id"]: e for e in events if e["kind"] == "fail"}
    assert {BROKEN, WARNED} <= set(failures)
    for failure in failures.values():  # a RuleBroken, as data
        assert failure["request"].split()[0] in ("GET", "POST"), failure
        assert failure["response"] and failure["reproducer"].startswith("curl "), failure
        assert KEY not in json.dumps(failure)


def _run_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(records.RESULTS_SCHEMA.read_text(encoding="utf-8"))
    run_schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/run"}
    return jsonschema.Draft202012Validator(
        run_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_run_json_matches_the_schema(run: tuple[SuiteRun, str]) -> None:
    suite_run, base_url = run
    raw = json.loads((suite_run.report / records.RUN_FILE).read_text(encoding="utf-8"))
    validator = _run_validator()
    assert not [f"{e.json_path}: {e.message}" for e in validator.iter_errors(raw)]
    info = records.read_run(suite_run.report)
    assert info is not None and info.base_url == base_url and f"--seed {info.seed}" in info.replay
    assert KEY not in json.dumps(raw)
    wrong = [
        {**raw, "seed": -1},
        {**raw, "replay": "pytest contract_tests"},
        {**raw, "extra": 1},
        {k: v for k, v in raw.items() if k != "spec_version"},
    ]
    assert not [w for w in wrong if validator.is_valid(w)]


def test_the_schema_refuses_what_the_results_file_cannot_hold() -> None:
    validator = jsonschema.Draft202012Validator(
        json.loads(records.RESULTS_SCHEMA.read_text(encoding="utf-8"))
    )
    rule = {"id": "r", "text": "t", "location": "#/x", "tier": "docs"}
    event = {
        "kind": "pass",
        "rule": rule,
        "operation": "get_task",
        **dict.fromkeys(("expected", "observed", "reproducer", "request", "response"), ""),
    }
    line = {"test": "t.py::t", "outcome": "passed", "message": "", "events": [event]}
    assert validator.is_valid(line)
    wrong = [
        {**line, "outcome": "errored"},
        {**line, "extra": 1},
        {k: v for k, v in line.items() if k != "message"},
        {**line, "events": [{**event, "kind": "maybe"}]},
        {**line, "events": [{**event, "rule": {**rule, "tier": "folklore"}}]},
        {**line, "events": [{**event, "observed": "a pass observes nothing"}]},
        {**line, "events": [{**event, "kind": "fail"}]},  # a failure says what it saw
    ]
    assert not [w for w in wrong if validator.is_valid(w)]


def test_summary_and_junit_are_rendered_from_the_results_file(run: tuple[SuiteRun, str]) -> None:
    suite_run, base_url = run
    report = suite_run.report
    found = records.read(report / records.RESULTS_FILE)
    target = Target(base_url=base_url, api_key=KEY)
    _, results = verdict(found, target)
    run_info = records.read_run(report)
    summary = render_markdown(results, target, created(report), run_info)
    assert (report / SUMMARY_FILE).read_text(encoding="utf-8") == summary + "\n"
    junit = render_junit(results, target)
    assert (report / JUNIT_FILE).read_text(encoding="utf-8") == junit + "\n"
    page = render_html(results, target, run_info, created(report))
    assert (report / REPORT_FILE).read_text(encoding="utf-8") == page

    suite = ET.fromstring(junit)
    cases = suite.findall("testcase")
    names = [(case.get("classname"), case.get("name")) for case in cases]
    assert len(names) == len(set(names)) == int(suite.get("tests", "0"))
    assert len({name for _, name in names}) == len(names), "testcase names repeat"
    assert len(cases) >= len(known_rules())
    failed = [case for case in cases if case.find("failure") is not None]
    assert int(suite.get("failures", "-1")) == len(failed) >= 1
    assert all(BROKEN in str(case.get("name")) for case in failed), [c.get("name") for c in failed]
    text = failed[0].findtext("failure") or ""
    for part in (f"rule: {BROKEN} [docs]", "expected: ", "observed: ", "reproduce: curl "):
        assert part in text, text
    warned = [c.find("skipped") for c in cases if WARNED in str(c.get("name"))]
    assert warned and all(s is not None and s.get("type") == "warning" for s in warned), warned
    assert "hypothesis" not in junit.lower() and "base64" not in junit.lower()
    assert KEY not in junit
