"""The contract suite proves itself, as a user runs it (`scale-contract` in a child process):

- it passes the faithful mock, harms nothing there (checked from the mock's own journal and
  store), and leaves "not reached" only the account writes it was told not to make;
- it catches every broken server, naming the broken rule;
- it passes every legal-variant server (behaviour the documents allow that our mock lacks);
- a wrong URL, a rejected key or a closed port is exit 2 with a one-line hint.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TypeVar

import httpx
import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

from contract_tests import records
from contract_tests.registry import known_rules
from contract_tests.safety import ACCOUNT_WRITES
from scale_mock.testing import ThreadedMock, free_port
from tests.contract_suite_tests.broken_servers import BROKEN_SERVERS, OWNER, BrokenServer, Rewrite
from tests.contract_suite_tests.harness import run_suite
from tests.contract_suite_tests.legal_variants import ALL_AT_ONCE, LEGAL_VARIANTS, LegalVariant

T = TypeVar("T")
FOREIGN_PROJECT, FOREIGN_BATCH = "kitten_labeling", "batch_name_01_07_2021"  # the docs' names
WRITE_METHODS = frozenset({"POST", "PUT", "DELETE", "PATCH"})


def in_parallel(function: Callable[[T], str | None], items: list[T]) -> list[str]:
    """Run `function` on each item, three at a time (each run is mostly start-up); the
    non-None results are what went wrong."""
    with ThreadPoolExecutor(3) as pool:
        return [outcome for outcome in pool.map(function, items) if outcome is not None]


def _foreign_objects(mock: ThreadedMock, key: str) -> dict[str, object]:
    """What the account held before the run: the documents' project and batch, and a task."""
    with httpx.Client(base_url=mock.base_url, auth=(key, "")) as client:
        client.post(
            "/projects",
            json={"type": "annotation", "name": FOREIGN_PROJECT, "params": {"instruction": "x"}},
        ).raise_for_status()
        client.post(
            "/batches", json={"project": FOREIGN_PROJECT, "name": FOREIGN_BATCH}
        ).raise_for_status()
        task = client.post(
            "/task/annotation",
            json={"attachment": "https://example.com/mine.png", "objects_to_annotate": ["car"]},
        )
        task.raise_for_status()
        return _snapshot(client, task.json()["task_id"])


def _snapshot(client: httpx.Client, task_id: str) -> dict[str, object]:
    return {
        "project": client.get(f"/projects/{FOREIGN_PROJECT}").json(),
        "batch": client.get(f"/batches/{FOREIGN_BATCH}").json(),
        "task": client.get(f"/task/{task_id}").json(),
        "task_id": task_id,
    }


def _journal(mock: ThreadedMock, key: str) -> list[dict[str, object]]:
    answer = httpx.get(f"{mock.root_url}/_mock/requests", auth=(key, ""))
    answer.raise_for_status()
    entries = answer.json()
    assert isinstance(entries, list)
    return entries


def test_the_faithful_mock_passes_a_safe_default_run(tmp_path: Path) -> None:
    owner, other = "test_faithful", "test_other"
    with ThreadedMock(callback_time_scale=1e-4) as mock:
        before = _foreign_objects(mock, owner)
        run = run_suite(mock.base_url, tmp_path, "--api-key", owner, "--second-api-key", other)
        with httpx.Client(base_url=mock.base_url, auth=(owner, "")) as client:
            after = _snapshot(client, str(before["task_id"]))
            pending = client.get("/tasks", params={"status": "pending"}).json()
        journals = {key: _journal(mock, key) for key in (owner, other)}
    assert run.status == 0, run.explain()
    assert not run.failed(), run.explain()
    # the JUnit of a whole run grows with what broke, not with the spec (one case per rule)
    assert (tmp_path / "junit.xml").stat().st_size < 100_000

    # harmless: no account write, nothing foreign changed, nothing left pending
    for key, entries in journals.items():
        account_writes = [e for e in entries if e.get("operation_id") in ACCOUNT_WRITES]
        assert not account_writes, f"{key}: {account_writes[:3]}"
        foreign = [
            e
            for e in entries
            if e["method"] in WRITE_METHODS
            and any(
                name in str(e["path"])
                for name in (FOREIGN_PROJECT, FOREIGN_BATCH, str(before["task_id"]))
            )
            and int(str(e["status"])) < 400
        ]
        assert not foreign, f"{key} changed objects it did not create: {foreign[:3]}"
    assert after == before
    assert pending["total"] == 0, f"left pending: {[t['task_id'] for t in pending['docs']]}"

    # honest: the only rules not reached are the account writes it was told not to make
    found = records.outcomes(
        records.read(tmp_path / records.RESULTS_FILE), (r.info() for r in known_rules())
    )
    unreached = {rule for rule, outcome in found.items() if outcome.status == "not reached"}
    assert unreached, "a safe run cannot reach the account-write rules"
    assert all(rule.split(".")[0] in ACCOUNT_WRITES for rule in unreached), sorted(unreached)
    summary = (tmp_path / "summary.md").read_text()
    assert "| assumed |" in summary and "Not reached" in summary
    assert owner not in summary and owner not in (tmp_path / "junit.xml").read_text()


def catch(broken: BrokenServer, report: Path) -> str | None:
    """None if the suite exits 1 naming the broken rule, else what went wrong."""
    with ThreadedMock(wrap=broken.wrap, callback_time_scale=1e-4, **broken.mock_options) as mock:
        keys = ["--api-key", OWNER if broken.needs_second_key else "test_contract"]
        if broken.needs_second_key:
            keys += ["--second-api-key", "test_intruder"]
        run = run_suite(mock.base_url, report, *keys, "-k", broken.select, "--max-examples", "5")
    if run.status != 1:
        return f"{broken.name}: exit {run.status}, expected 1\n{run.explain()}"
    if broken.expected_rule not in run.failed():
        return f"{broken.name}: {broken.expected_rule} not reported broken\n{run.explain()}"
    return None


def test_each_broken_server_is_caught_with_its_rule_named(tmp_path: Path) -> None:
    missed = in_parallel(
        lambda item: catch(item[1], tmp_path / str(item[0])), list(enumerate(BROKEN_SERVERS))
    )
    assert not missed, "\n\n".join(missed)


def passes(variant: LegalVariant, report: Path) -> str | None:
    """None if the suite exits 0 on a server the documents allow, else what went wrong."""
    with ThreadedMock(wrap=variant.wrap, callback_time_scale=1e-4, **variant.mock_options) as mock:
        extra = ["-k", variant.select] if variant.select else []
        run = run_suite(
            mock.base_url,
            report,
            "--api-key",
            "test_variant",
            "--second-api-key",
            "test_variant2",
            "--max-examples",
            "3",
            *extra,
        )
    if run.status != 0:
        return f"{variant.name}: a false alarm\n{run.explain()}"
    return None


def test_each_legal_variant_server_passes(tmp_path: Path) -> None:
    """Each variant on the checks it can trouble, and all of them at once on the whole suite."""
    variants = [ALL_AT_ONCE, *LEGAL_VARIANTS]
    alarms = in_parallel(
        lambda item: passes(item[1], tmp_path / str(item[0])), list(enumerate(variants))
    )
    assert not alarms, "\n\n".join(alarms)


@pytest.mark.parametrize(
    ("case", "hint"),
    [
        ("wrong base URL (no /v1)", "did you mean"),
        ("key rejected", "key rejected: 401"),
        ("closed port", "cannot connect"),
        ("live key", "--allow-live"),
        ("key with whitespace", "whitespace"),
    ],
)
def test_usage_and_connection_problems_exit_2_with_a_one_line_hint(
    tmp_path: Path, case: str, hint: str
) -> None:
    with ThreadedMock(keys=frozenset({"test_known"})) as mock:
        base_url, key = {
            "wrong base URL (no /v1)": (mock.root_url, "test_known"),
            "key rejected": (mock.base_url, "test_unknown"),
            "closed port": (f"http://127.0.0.1:{free_port()}/v1", "test_known"),
            "live key": (mock.base_url, "live_known"),
            "key with whitespace": (mock.base_url, " test_known"),
        }[case]
        run = run_suite(base_url, tmp_path, "--api-key", key, timeout=120)
    assert run.status == 2, run.explain()
    problem = [line for line in run.output.splitlines() if line.startswith("scale-contract:")]
    assert len(problem) == 1 and hint in problem[0], run.output
    assert key.strip() not in run.output
    assert not (tmp_path / records.RESULTS_FILE).exists(), "exit 2 comes before the first test"


def test_the_results_file_is_the_report(tmp_path: Path) -> None:
    """summary.md comes from results.jsonl: each record is JSON with the fields the report
    reads (a re-rendering needs nothing else)."""
    with ThreadedMock() as mock:
        run = run_suite(mock.base_url, tmp_path, "--api-key", "test_r", "-k", "set_metadata")
    assert run.status == 0, run.explain()
    lines = (tmp_path / records.RESULTS_FILE).read_text().splitlines()
    assert lines and all(set(json.loads(line)) >= {"test", "outcome", "events"} for line in lines)
    assert run.results["state.set_task_metadata"].status == "pass"


class GoesAway:
    """Serves `count` API requests, then has the server shut down (no time involved)."""

    def __init__(self, app: ASGIApp, count: int, stop: Callable[[], None]) -> None:
        self.app, self.left, self.stop = app, count, stop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/v1"):
            self.left -= 1
            if self.left == 0:
                threading.Thread(target=self.stop).start()
        await self.app(scope, receive, send)


def test_a_server_that_goes_away_during_the_run_is_exit_2(tmp_path: Path) -> None:
    """Connection loss after the preflight is a connection problem, not broken rules."""
    mocks: list[ThreadedMock] = []
    wrap = partial(GoesAway, count=30, stop=lambda: mocks[0].__exit__(None, None, None))
    with ThreadedMock(wrap=wrap) as mock:
        mocks.append(mock)
        run = run_suite(mock.base_url, tmp_path, "--api-key", "test_gone", "-k", "auth")
    assert run.status == 2, run.explain()
    assert "went away" in run.output, run.output[-2000:]


def echoes_the_key_and_drops_status(scope: Scope, status: int, content: bytes) -> tuple[int, bytes]:
    """Every JSON answer repeats the caller's Authorization header; a task has no `status`."""
    secret = dict(scope["headers"]).get(b"authorization", b"").decode()
    try:
        payload = json.loads(content)
    except ValueError:
        return status, content
    if isinstance(payload, dict):
        payload["seen_authorization"] = secret
        payload.pop("status", None)
    return status, json.dumps(payload).encode()


def test_a_key_the_server_echoes_is_never_shown(tmp_path: Path) -> None:
    key = "test_echoedsecret"
    wrap = partial(Rewrite, response=echoes_the_key_and_drops_status)
    with ThreadedMock(wrap=wrap) as mock:
        run = run_suite(mock.base_url, tmp_path, "--api-key", key, "-k", "real_object and get_task")
    assert run.status == 1 and "response.get_task" in run.failed(), run.explain()
    encoded = base64.b64encode(f"{key}:".encode()).decode()
    for shown in (run.output, *(p.read_text() for p in tmp_path.iterdir() if p.is_file())):
        assert key not in shown and encoded not in shown
