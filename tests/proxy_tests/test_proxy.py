"""The validation proxy between the official SDK (or httpx) and scale-mock: forwards unchanged,
records the spec's rules as the suite does, logs without secrets, survives a dead upstream."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import scaleapi
from scaleapi.tasks import TaskType
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from contract_tests import records
from contract_tests.cli import main as scale_contract
from contract_tests.proxy.server import ThreadedProxy, free_port
from scale_mock.testing import ThreadedMock

KEY = "live_proxytestkey0123456789"
TASK = {
    "attachment": "https://example.com/a.png",
    "geometries": {"box": {"objects_to_annotate": ["car"]}},
}


def failures(report: Path) -> list[dict[str, Any]]:
    found = records.read(report / records.RESULTS_FILE)
    return [{"test": r.test, **e} for r in found for e in r.events if e["kind"] == "fail"]


def test_the_sdk_through_the_proxy_breaks_no_rule(tmp_path: Path) -> None:
    log, report = tmp_path / "log.jsonl", tmp_path / "report"
    with ThreadedMock() as mock, ThreadedProxy(mock.root_url, log=log, report=report) as proxy:
        client = scaleapi.ScaleClient(KEY, api_instance_url=f"{proxy.url}/v1")
        client.create_project("proxy-project", TaskType.ImageAnnotation)
        task = client.create_task(TaskType.ImageAnnotation, project="proxy-project", **TASK)
        assert client.get_task(task.id).id == task.id
        assert [t.id for t in client.get_tasks(project_name="proxy-project")] == [task.id]
        client.cancel_task(task.id)
        client.get_projects()
    assert proxy.status == 0
    assert failures(report) == []
    results = records.outcomes(records.read(report / records.RESULTS_FILE))
    assert results["response.get_task"].status == "pass"
    assert results["schemathesis.status_code_conformance"].status == "pass"
    assert (report / "summary.md").exists() and (report / "report.html").exists()
    assert json.loads((report / records.RUN_FILE).read_text())["base_url"] == mock.root_url
    text = log.read_text()
    assert len(text.splitlines()) >= 6
    assert KEY not in text
    basic = httpx.BasicAuth(KEY, "")._auth_header  # the Authorization value the SDK sends
    assert basic not in text and basic.split()[1] not in text
    assert '"authorization", "[redacted]"' in text


def rewrite(app: ASGIApp, change: Callable[[Scope, dict[str, Any]], Any]) -> ASGIApp:
    """`app` with its JSON answers rewritten by `change` (None: untouched)."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            status = start["status"]
            try:
                changed = change(scope, json.loads(body)) if body else None
            except ValueError:
                changed = None
            if changed is not None:
                status, data = changed
                body = json.dumps(data).encode()
            headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await app(scope, receive, capture)

    return wrapped


def drop_task_id(scope: Scope, data: Any) -> Any:
    if scope["method"] == "GET" and scope["path"].startswith("/v1/task/"):
        return 200, {k: v for k, v in data.items() if k != "task_id"}
    return None


def teapot_for_projects(scope: Scope, data: Any) -> Any:
    return (418, data) if scope["path"] == "/v1/projects" else None


def send(proxy: ThreadedProxy, method: str, path: str, **kwargs: Any) -> httpx.Response:
    with httpx.Client(base_url=f"{proxy.url}/v1", auth=(KEY, ""), timeout=10) as http:
        return http.request(method, path, **kwargs)


def test_a_task_answer_without_task_id_is_one_broken_docs_rule(tmp_path: Path) -> None:
    report = tmp_path / "report"
    with (
        ThreadedMock(wrap=lambda app: rewrite(app, drop_task_id)) as mock,
        ThreadedProxy(mock.root_url, report=report) as proxy,
    ):
        created = send(proxy, "POST", "/task/imageannotation", json=TASK)
        task_id = created.json()["task_id"]
        answer = send(proxy, "GET", f"/task/{task_id}")
        assert answer.status_code == 200 and "task_id" not in answer.json()
    assert proxy.status == 1
    [failure] = failures(report)
    assert failure["rule"]["id"] == "response.get_task.body.task_id.required"
    assert failure["rule"]["tier"] == "docs"
    assert failure["test"].startswith("proxy response:")
    assert failure["rule"]["location"] == "#/components/schemas/Task/required"


def test_an_undocumented_status_breaks_the_status_rule(tmp_path: Path) -> None:
    report = tmp_path / "report"
    with (
        ThreadedMock(wrap=lambda app: rewrite(app, teapot_for_projects)) as mock,
        ThreadedProxy(mock.root_url, report=report) as proxy,
    ):
        assert send(proxy, "GET", "/projects").status_code == 418
    assert proxy.status == 1
    [failure] = failures(report)
    assert failure["rule"]["id"] == "schemathesis.status_code_conformance"
    assert failure["rule"]["tier"] == "docs"
    assert failure["observed"] == "status 418"


def test_a_refused_request_is_the_clients_violation_and_still_forwarded(tmp_path: Path) -> None:
    report, seen = tmp_path / "report", []

    def spy(app: ASGIApp) -> ASGIApp:
        async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http":
                body = b""
                message = await receive()
                body += message.get("body", b"")
                seen.append((scope["method"], scope["raw_path"], scope["query_string"], body))

                async def replay() -> Message:
                    return {"type": "http.request", "body": body, "more_body": False}

                await app(scope, replay, send)
                return
            await app(scope, receive, send)

        return wrapped

    body = b'{"geometries": {"box": {"objects_to_annotate": ["car"]}}}'
    with ThreadedMock(wrap=spy) as mock, ThreadedProxy(mock.root_url, report=report) as proxy:
        answer = send(
            proxy,
            "POST",
            "/task/imageannotation",
            content=body,
            headers={"content-type": "application/json"},
        )
        assert answer.status_code == 400  # scale-mock's answer, passed on
    assert seen == [("POST", b"/v1/task/imageannotation", b"", body)]
    [failure] = failures(report)
    assert failure["test"].startswith("proxy request:")
    assert failure["rule"]["id"] == "request.create_imageannotation_task.body.attachment.required"
    assert failure["rule"]["tier"] in ("docs", "sdk")


def test_the_upstream_gets_the_clients_headers_only_and_no_other_clients_cookie(
    tmp_path: Path,
) -> None:
    """The proxy adds none of its HTTP client's defaults (Accept-Encoding, User-Agent) and
    keeps no cookie: one client's `Set-Cookie` never reaches the upstream on another's behalf."""
    seen: list[dict[str, str]] = []

    def spy(app: ASGIApp) -> ASGIApp:
        async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            seen.append({k.decode(): v.decode() for k, v in scope["headers"]})

            async def with_cookie(message: Message) -> None:
                if message["type"] == "http.response.start":
                    message["headers"] = [*message["headers"], (b"set-cookie", b"lb=secret1")]
                await send(message)

            await app(scope, receive, with_cookie)

        return wrapped

    with ThreadedMock(wrap=spy) as mock, ThreadedProxy(mock.root_url) as proxy:
        with socket.create_connection(("127.0.0.1", proxy.port)) as raw:  # a bare client
            raw.sendall(b"GET /_mock/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            while raw.recv(65536):
                pass
        send(proxy, "GET", "/projects")  # another client, which sent no cookie
    first, second = seen
    assert "accept-encoding" not in first and "user-agent" not in first, first
    assert "cookie" not in second, second


def test_upstream_credentials_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert scale_contract(["proxy", "--upstream", "https://live_key:@api.example"]) == 2
    assert "credentials" in capsys.readouterr().err


def test_upstream_down_is_a_502_and_no_server_violation(tmp_path: Path) -> None:
    report, log = tmp_path / "report", tmp_path / "log.jsonl"
    dead = f"http://127.0.0.1:{free_port()}"
    with ThreadedProxy(dead, report=report, log=log) as proxy:
        answer = send(proxy, "GET", "/projects")
    assert answer.status_code == 502
    assert proxy.status == 0
    assert failures(report) == []
    [entry] = [json.loads(line) for line in log.read_text().splitlines()]
    assert entry["status"] == 502 and "unreachable" in entry["upstream_fault"]
    assert KEY not in log.read_text()


def test_usage_problems_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert scale_contract(["proxy"]) == 2  # --upstream is required
    assert scale_contract(["proxy", "--upstream", "ftp://x"]) == 2
    assert scale_contract(["proxy", "--upstream", "http://x", "--fail-on", "nope"]) == 2
    assert "scale-contract proxy" in capsys.readouterr().err


def test_the_subcommand_serves_until_interrupted_then_reports(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    report, port = tmp_path / "report", free_port()
    with ThreadedMock(wrap=lambda app: rewrite(app, teapot_for_projects)) as mock:
        command = [sys.executable, "-m", "contract_tests.cli", "proxy", "--upstream"]
        command += [mock.root_url, "--port", str(port), "--report", str(report)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 15
            while True:
                try:
                    answer = httpx.get(f"http://127.0.0.1:{port}/v1/projects", auth=(KEY, ""))
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline and process.poll() is None
                    time.sleep(0.05)
            assert answer.status_code == 418
            process.send_signal(signal.SIGTERM)
            output, _ = process.communicate(timeout=15)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 1
    assert "BROKEN schemathesis.status_code_conformance [docs]" in output
    assert (report / "summary.md").exists() and (report / "junit.xml").exists()


def add_foo(scope: Scope, data: Any) -> Any:
    if scope["method"] == "GET" and scope["path"].startswith("/v1/task/"):
        return 200, {**data, "foo": "bar"}
    return None


def test_an_undocumented_field_is_one_drift_suggestion_and_no_violation(tmp_path: Path) -> None:
    report = tmp_path / "report"
    with (
        ThreadedMock(wrap=lambda app: rewrite(app, add_foo)) as mock,
        ThreadedProxy(mock.root_url, report=report) as proxy,
    ):
        task_id = send(proxy, "POST", "/task/imageannotation", json=TASK).json()["task_id"]
        for _ in range(3):
            assert send(proxy, "GET", f"/task/{task_id}").json()["foo"] == "bar"
    assert proxy.status == 0 and failures(report) == []
    assert proxy.verdict is not None
    [suggestion] = [line.strip() for line in proxy.verdict.lines if "seen in" in line]
    assert suggestion.startswith("`Task.foo` seen in 3/3 answers of GET /task/")
    assert "string" in suggestion
    [operation] = json.loads((report / "drift.patch.json").read_text())
    assert operation["op"] == "add"
    assert operation["path"] == "/components/schemas/Task/properties/foo"
    assert operation["value"]["type"] == "string"
    assert "Task.foo" in (report / "drift.md").read_text()


def test_a_port_in_use_exits_2_before_serving(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = str(taken.getsockname()[1])
        assert scale_contract(["proxy", "--upstream", "http://x", "--port", port]) == 2
    assert "cannot listen on 127.0.0.1:" in capsys.readouterr().err


def test_a_spec_the_checks_cannot_read_exits_2_before_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: [unclosed\n")
    port = str(free_port())
    assert (
        scale_contract(["proxy", "--upstream", "http://x", "--spec", str(broken), "--port", port])
        == 2
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("scale-contract proxy: the checks cannot start")


def test_a_server_that_cannot_start_ends_the_checks_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """uvicorn exits on a bind lost to a race: the checks' process must not outlive it."""
    import multiprocessing

    import uvicorn

    def fail(self: object) -> None:
        raise SystemExit(1)

    monkeypatch.setattr(uvicorn.Server, "run", fail)
    port = str(free_port())
    assert scale_contract(["proxy", "--upstream", "http://x", "--port", port]) == 2
    assert multiprocessing.active_children() == []
    assert "could not serve" in capsys.readouterr().err
