"""The Schemathesis checks are one test per operation (`schemathesis[POST /task/annotation]`),
so a selection by operation (`-k`, `--deselect`) runs exactly that operation's checks and never
loses them; `--budget N` caps the requests of a run, and what needs more is "not reached".

The requests are counted where the server receives them (an ASGI wrapper around the mock)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

from contract_tests import records
from contract_tests.conftest import keyword_phrases
from contract_tests.spec import operations
from scale_mock.testing import ThreadedMock
from tests.contract_suite_tests.harness import run_suite

ROOT = Path(__file__).resolve().parents[2]
ANNOTATION = "schemathesis[POST /task/annotation]"


class Counting:
    """Counts every request the server receives (the API's and the mock controls')."""

    def __init__(self, app: ASGIApp) -> None:
        self.app, self.paths = app, list[str]()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.paths.append(f"{scope['method']} {scope['path']}")
        await self.app(scope, receive, send)


def _collected(base_url: str, *extra: str) -> list[str]:
    """The node ids `pytest contract_tests --collect-only` selects with `extra`."""
    command = [sys.executable, "-m", "pytest", "contract_tests", "--collect-only", "-q"]
    command += ["--base-url", base_url, "--api-key", "test_collect", *extra]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode in (0, 5), done.stdout[-3000:] + done.stderr[-3000:]
    return [line for line in done.stdout.splitlines() if "::" in line]


@pytest.mark.parametrize(
    ("expression", "rewritten", "phrases"),
    [
        ("set_metadata", "set_metadata", {}),
        ("auth and not (second_key or bearer)", "auth and not (second_key or bearer)", {}),
        (
            "POST /task/annotation",
            "scale_contract_phrase_0_",
            {"scale_contract_phrase_0_": "POST /task/annotation"},
        ),
        (
            "schemathesis and not (GET /task/{task_id} or POST  /batches)",
            "schemathesis and not ( scale_contract_phrase_0_ or scale_contract_phrase_1_ )",
            {
                "scale_contract_phrase_0_": "GET /task/{task_id}",
                "scale_contract_phrase_1_": "POST /batches",
            },
        ),
        ("{task_id}", "scale_contract_phrase_0_", {"scale_contract_phrase_0_": "{task_id}"}),
    ],
)
def test_a_phrase_in_k_becomes_one_placeholder_word(
    expression: str, rewritten: str, phrases: dict[str, str]
) -> None:
    assert keyword_phrases(expression) == (rewritten, phrases)


def test_one_test_id_per_operation_selectable_by_k_and_deselect() -> None:
    labels = sorted(f"{op.method.upper()} {op.path}" for op in operations())
    with ThreadedMock() as mock:
        everything = _collected(mock.base_url)
        by_phrase = _collected(mock.base_url, "-k", "POST /task/annotation")
        by_braces = _collected(mock.base_url, "-k", "schemathesis and GET /task/{task_id}")
        by_id = _collected(mock.base_url, "-k", "schemathesis and create_annotation_task")
        by_old_name = _collected(mock.base_url, "-k", "conforms and POST /task/annotation")
        deselected = _collected(mock.base_url, "--deselect", f"test_schemathesis.py::{ANNOTATION}")
    ids = sorted(n.split("::", 1)[1] for n in everything if n.startswith("test_schemathesis.py"))
    assert ids == sorted(f"schemathesis[{label}]" for label in labels)
    assert by_phrase == [f"test_schemathesis.py::{ANNOTATION}"]
    assert by_braces == ["test_schemathesis.py::schemathesis[GET /task/{task_id}]"]
    assert by_id == by_phrase and by_old_name == by_phrase
    assert set(everything) - set(deselected) == {f"test_schemathesis.py::{ANNOTATION}"}


def test_k_by_operation_runs_that_operations_schemathesis_checks_only(tmp_path: Path) -> None:
    key = "test_byoperation"
    with ThreadedMock() as mock:
        run = run_suite(mock.base_url, tmp_path, "--api-key", key, "-k", "POST /task/annotation")
        journal = httpx.get(f"{mock.root_url}/_mock/requests", auth=(key, "")).json()
    assert run.status == 0, run.explain()
    found = records.read(tmp_path / records.RESULTS_FILE)
    assert [record.test for record in found] == [f"test_schemathesis.py::{ANNOTATION}"]
    decided = {
        (rule, operation)
        for rule, outcome in run.results.items()
        for operation in outcome.passed | {f.operation for f in outcome.failures}
    }
    assert decided and all(rule.startswith("schemathesis.") for rule, _ in decided), decided
    assert {operation for _, operation in decided} == {
        "POST /task/annotation (create_annotation_task)"
    }
    created = {e["task_id"] for e in journal if e["operation_id"] == "create_annotation_task"}
    cleanup = {f"/v1/task/{task_id}" for task_id in created}  # are they still pending?
    paths = {entry["path"] for entry in journal} - {"/v1/projects"} - cleanup  # and preflight
    assert paths == {"/v1/task/annotation"}, paths
    assert len(journal) > 50, "the operation's examples, boundary cases and generated data"


@pytest.mark.parametrize("workers", [1, 2])
def test_the_budget_caps_the_requests_and_leaves_the_rest_not_reached(
    tmp_path: Path, workers: int
) -> None:
    counters: list[Counting] = []

    def wrap(app: ASGIApp) -> ASGIApp:
        counters.append(Counting(app))
        return counters[0]

    budget = 30
    select = "refuses_missing_or_bad_credentials or POST /task/annotation"
    with ThreadedMock(wrap=wrap) as mock:
        run = run_suite(
            mock.base_url,
            tmp_path,
            "--api-key",
            "test_budget",
            "--budget",
            str(budget),
            "--workers",
            str(workers),
            "-k",
            select,
        )
    sent = counters[0].paths
    assert run.status == 0, run.explain()
    assert 10 < len(sent) <= budget, sent
    found = records.read(tmp_path / records.RESULTS_FILE)
    spent = [record for record in found if "--budget spent" in record.message]
    assert spent and all(record.outcome == "skipped" for record in spent)
    assert not run.failed()
    statuses = {outcome.status for outcome in run.results.values()}
    assert {"pass", "not reached"} <= statuses
