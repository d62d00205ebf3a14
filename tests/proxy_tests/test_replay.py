"""`scale-contract replay`: a session recorded through the proxy, sent again to another server,
answers compared by shape; and the shape comparison itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import scaleapi
from scaleapi.tasks import TaskType
from starlette.types import Scope

from contract_tests.cli import main as scale_contract
from contract_tests.proxy.server import ThreadedProxy, free_port
from contract_tests.proxy.shape import differences, shape_of
from scale_mock.testing import ThreadedMock
from tests.proxy_tests.test_proxy import KEY, TASK, rewrite


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A log of the official SDK's session through the proxy: create a project and a task,
    read it, list, cancel, list projects."""
    log = tmp_path_factory.mktemp("recorded") / "log.jsonl"
    with ThreadedMock() as mock, ThreadedProxy(mock.root_url, log=log) as proxy:
        client = scaleapi.ScaleClient(KEY, api_instance_url=f"{proxy.url}/v1")
        client.create_project("replayed", TaskType.ImageAnnotation)
        task = client.create_task(TaskType.ImageAnnotation, project="replayed", **TASK)
        client.get_task(task.id)
        list(client.get_tasks(project_name="replayed"))
        client.cancel_task(task.id)
        client.get_projects()
    return log


def run(log: Path, url: str, capsys: pytest.CaptureFixture[str], *extra: str) -> Any:
    args = ["replay", str(log), "--base-url", url, "--api-key", KEY, "--allow-live"]
    status = scale_contract([*args, "--format", "json", *extra])
    return status, json.loads(capsys.readouterr().out)


def test_a_faithful_stand_in_answers_every_request_alike(
    recorded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with ThreadedMock() as other:
        status, found = run(recorded, other.base_url, capsys, "--include-writes")
    assert status == 0, found
    assert [o["method"] for o in found["outcomes"]] == ["POST", "POST", "GET", "GET", "POST", "GET"]
    assert not any(o["differs"] for o in found["outcomes"])
    # the task read and canceled is the one the stand-in created (identifiers mapped)
    assert [o["replayed_status"] for o in found["outcomes"]] == [200] * 6


def drop(field: str) -> Any:
    def change(scope: Scope, data: Any) -> Any:
        if scope["method"] == "GET" and scope["path"].startswith("/v1/task/"):
            return 200, {k: v for k, v in data.items() if k != field}
        return None

    return change


def test_a_stand_in_losing_a_required_field_is_named_with_the_rule(
    recorded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with ThreadedMock(wrap=lambda app: rewrite(app, drop("status"))) as other:
        status, found = run(recorded, other.base_url, capsys, "--include-writes")
    assert status == 1
    [differing] = [o for o in found["outcomes"] if o["differs"]]
    assert differing["method"] == "GET" and differing["path"].startswith("/v1/task/")
    kinds = [(d["kind"], d["where"], d["breaking"]) for d in differing["differences"]]
    assert kinds == [
        ("missing", "$.status", False),
        ("spec", "response.get_task.body.status.required", True),
    ]


def test_a_stand_in_losing_an_optional_field_is_a_note_unless_strict(
    recorded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The spec makes `created_at` optional: its absence is a shape note, a failure only
    with --strict."""
    with ThreadedMock(wrap=lambda app: rewrite(app, drop("created_at"))) as other:
        status, found = run(recorded, other.base_url, capsys, "--include-writes")
        assert status == 0, found
        [noted] = [o for o in found["outcomes"] if o["differences"]]
        assert [(d["kind"], d["where"]) for d in noted["differences"]] == [
            ("missing", "$.created_at")
        ]
        strict, _ = run(recorded, other.base_url, capsys, "--include-writes", "--strict")
    assert strict == 1


def test_without_writes_only_safe_requests_go_and_reads_of_unmade_things_are_skipped(
    recorded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[str] = []

    def spy(scope: Scope, data: Any) -> Any:
        seen.append(f"{scope['method']} {scope['path']}")
        return None

    with ThreadedMock(wrap=lambda app: rewrite(app, spy)) as other:
        status, found = run(recorded, other.base_url, capsys)
    assert status == 0
    assert all(line.startswith("GET ") for line in seen), seen
    assert [o["path"] for o in found["outcomes"]] == ["/v1/tasks", "/v1/projects"]
    assert sum(found["skipped"].values()) == 4


def test_usage_problems_exit_2_before_any_request(
    recorded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dead = f"http://127.0.0.1:{free_port()}/v1"
    assert scale_contract(["replay", str(recorded), "--base-url", dead, "--api-key", "k"]) == 2
    live = ["replay", str(recorded), "--base-url", dead, "--api-key", "live_x"]
    assert scale_contract(live) == 2
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    assert scale_contract(["replay", str(empty), "--base-url", dead, "--api-key", "k"]) == 2
    with_password = "http://user:hunter2pass@127.0.0.1:9/v1"
    credentials = ["replay", str(recorded), "--base-url", with_password, "--api-key", "k"]
    assert scale_contract(credentials) == 2
    captured = capsys.readouterr()
    errors = captured.err.splitlines()
    assert len(errors) == 4 and all(e.startswith("scale-contract replay:") for e in errors)
    assert "live_" in errors[1]
    assert "hunter2pass" not in captured.err + captured.out


@pytest.mark.parametrize(
    ("recorded_value", "replayed_value", "kinds"),
    [
        ({"a": 1, "b": "x"}, {"a": 2, "b": "y"}, []),
        ({"a": 1}, {"a": 1.5}, []),  # one JSON number
        ({"a": 1, "b": "x"}, {"a": 1}, [("missing", "$.b")]),
        ({"a": 1}, {"a": 1, "c": True}, [("extra", "$.c")]),
        ({"a": "x"}, {"a": None}, [("null", "$.a")]),
        ({"a": "x"}, {"a": 3}, [("type", "$.a")]),
        ({"l": [{"x": 1}]}, {"l": []}, []),  # an empty list says nothing of its elements
        ({"l": [{"x": 1}, {"y": "s"}]}, {"l": [{"x": 1}]}, [("missing", "$.l[].y")]),
    ],
)
def test_shape_differences(recorded_value: Any, replayed_value: Any, kinds: list[Any]) -> None:
    found = differences(shape_of(recorded_value), shape_of(replayed_value))
    assert [(d.kind, d.where) for d in found] == kinds


def test_a_shape_keeps_no_data() -> None:
    shape = shape_of({"task_id": "abc123secret", "n": [1, 2], "meta": {"who": "Jane"}})
    assert "abc123secret" not in json.dumps(shape) and "Jane" not in json.dumps(shape)
    assert shape == {"meta": {"who": "string"}, "n": ["integer"], "task_id": "string"}
