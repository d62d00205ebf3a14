"""Traffic the proxy meets beside plain API calls: HEAD, CORS preflights, compressed request
bodies, a gateway's error pages, fields a user wants kept out of the log, a check that crashes,
a client that leaves mid-upload, and the report asked for while serving."""

from __future__ import annotations

import asyncio
import gzip
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from contract_tests.proxy.judge import Judge, JudgeProcess, Options, Seen
from contract_tests.proxy.server import ThreadedProxy
from scale_mock.testing import ThreadedMock
from tests.proxy_tests.test_proxy import KEY, TASK, failures, send


def entries(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text().splitlines()]


def test_head_is_judged_as_its_get_and_a_preflight_is_not_judged(tmp_path: Path) -> None:
    report, log = tmp_path / "report", tmp_path / "log.jsonl"
    with ThreadedMock() as mock, ThreadedProxy(mock.root_url, report=report, log=log) as proxy:
        head = send(proxy, "HEAD", "/projects")
        preflight = send(
            proxy,
            "OPTIONS",
            "/projects",
            headers={"origin": "https://app.example", "access-control-request-method": "GET"},
        )
    assert head.status_code == 200
    assert preflight.status_code >= 200  # whatever the upstream says, passed on
    assert proxy.status == 0 and failures(report) == []
    head_entry, preflight_entry = entries(log)
    assert head_entry["operation"] == "list_projects"
    assert preflight_entry["operation"] is None
    assert preflight_entry["judged"].startswith("no: OPTIONS")


def test_a_gzip_request_body_is_checked_decoded(tmp_path: Path) -> None:
    """A compressed body is read as the server reads it: a valid one breaks no rule, an
    invalid one is still caught."""
    report = tmp_path / "report"

    def accept_gzip(app: ASGIApp) -> ASGIApp:
        async def wrapped(scope: Scope, receive: Receive, send_: Send) -> None:
            if scope["type"] != "http" or (b"content-encoding", b"gzip") not in scope["headers"]:
                await app(scope, receive, send_)
                return
            body, more = b"", True
            while more:
                message = await receive()
                body += message.get("body", b"")
                more = message.get("more_body", False)
            plain = gzip.decompress(body)
            headers = [
                (k, v)
                for k, v in scope["headers"]
                if k not in (b"content-encoding", b"content-length")
            ]
            headers.append((b"content-length", str(len(plain)).encode()))

            async def unzipped() -> Message:
                return {"type": "http.request", "body": plain, "more_body": False}

            await app({**scope, "headers": headers}, unzipped, send_)

        return wrapped

    zipped = {"content-encoding": "gzip", "content-type": "application/json"}
    with (
        ThreadedMock(wrap=accept_gzip) as mock,
        ThreadedProxy(mock.root_url, report=report) as proxy,
    ):
        good = gzip.compress(json.dumps(TASK).encode())
        assert send(proxy, "POST", "/task/imageannotation", content=good, headers=zipped).is_success
        bad = gzip.compress(json.dumps({"geometries": TASK["geometries"]}).encode())
        assert send(proxy, "POST", "/task/imageannotation", content=bad, headers=zipped).is_error
    [failure] = failures(report)
    assert failure["rule"]["id"].endswith("body.attachment.required"), failure["rule"]
    assert failure["test"].startswith("proxy request:")


def gateway(status: int, page: bytes, content_type: bytes = b"text/html") -> Any:
    """A stand-in for a load balancer in front of the API: this answer for /v1/projects."""

    def wrap(app: ASGIApp) -> ASGIApp:
        async def wrapped(scope: Scope, receive: Receive, send_: Send) -> None:
            if scope["type"] == "http" and scope["path"] == "/v1/projects":
                headers = [(b"content-type", content_type)]
                await send_({"type": "http.response.start", "status": status, "headers": headers})
                await send_({"type": "http.response.body", "body": page})
                return
            await app(scope, receive, send_)

        return wrapped

    return wrap


@pytest.mark.parametrize("status", [502, 403, 520])
def test_a_gateways_error_page_is_not_the_apis_violation(tmp_path: Path, status: int) -> None:
    report, log = tmp_path / "report", tmp_path / "log.jsonl"
    page = b"<html><body>Bad gateway / Forbidden</body></html>"
    with (
        ThreadedMock(wrap=gateway(status, page)) as mock,
        ThreadedProxy(mock.root_url, report=report, log=log) as proxy,
    ):
        assert send(proxy, "GET", "/projects").status_code == status
    assert proxy.status == 0 and failures(report) == []
    [entry] = entries(log)
    assert entry["judged"].startswith("request only:")


def test_an_apis_json_answer_with_an_undocumented_status_is_still_judged(tmp_path: Path) -> None:
    """Only a gateway's page is excused: the API's own JSON 403 is an undocumented status."""
    report = tmp_path / "report"
    body = b'{"status_code": 403, "error": "forbidden"}'
    with (
        ThreadedMock(wrap=gateway(403, body, b"application/json")) as mock,
        ThreadedProxy(mock.root_url, report=report) as proxy,
    ):
        assert send(proxy, "GET", "/projects").status_code == 403
    assert proxy.status == 1
    [failure] = failures(report)
    assert failure["rule"]["id"] == "schemathesis.status_code_conformance"


def test_named_fields_and_url_credentials_never_reach_the_log(tmp_path: Path) -> None:
    log, report = tmp_path / "log.jsonl", tmp_path / "report"
    secret_url = "https://hookuser:hookpass99@hooks.example/scale"
    task = {**TASK, "callback_url": secret_url, "metadata": {"patient": "Jane Roe 1970"}}
    with (
        ThreadedMock() as mock,
        ThreadedProxy(
            mock.root_url, log=log, report=report, redact_fields=frozenset({"patient", "email"})
        ) as proxy,
    ):
        send(proxy, "POST", "/task/imageannotation", json=task)
        send(proxy, "GET", "/tasks", params={"email": "jane@example.com", "limit": 1})
    text = log.read_text() + "".join(p.read_text() for p in report.iterdir() if p.is_file())
    for secret in ("Jane Roe 1970", "hookpass99", "jane@example.com", KEY):
        assert secret not in text, secret
    created, listed = entries(log)
    assert created["request_body"]["metadata"] == {"patient": "[redacted]"}
    assert created["replay"] == "write"
    assert "email=%5Bredacted%5D" in listed["query"] or "email=[redacted]" in listed["query"]


def test_a_crashing_check_loses_neither_the_answer_nor_the_log_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "log.jsonl"
    with (
        ThreadedMock() as mock,
        ThreadedProxy(mock.root_url, log=log, checks_in_process=False) as proxy,
    ):

        def deep(*args: object) -> None:
            raise RecursionError("maximum recursion depth exceeded")

        assert isinstance(proxy.app.judge, Judge)
        monkeypatch.setattr(proxy.app.judge.checker, "check_request", deep)
        assert send(proxy, "GET", "/projects").status_code == 200
    [entry] = entries(log)
    assert entry["status"] == 200
    assert entry["check_error"].startswith("RecursionError")


def test_a_client_leaving_mid_upload_aborts_the_upstream_request() -> None:
    """Past the check cap the body streams; a client that leaves then must not make the
    upstream take the part it got for a whole (shorter) body."""
    got: list[bytes] = []

    async def upstream(scope: Scope, receive: Receive, send_: Send) -> None:
        if scope["type"] != "http":
            return
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
        got.append(body)
        await send_({"type": "http.response.start", "status": 200, "headers": []})
        await send_({"type": "http.response.body", "body": b"{}"})

    with (
        ThreadedMock(wrap=lambda app: upstream) as mock,
        ThreadedProxy(mock.root_url, cap=16) as proxy,
    ):
        messages: list[Message] = [
            {"type": "http.request", "body": b"x" * 64, "more_body": True},
            {"type": "http.disconnect"},
        ]

        async def receive() -> Message:
            return messages.pop(0)

        async def ignore(message: Message) -> None:
            pass

        scope = {
            "type": "http",
            "method": "POST",
            "path": "/v1/projects",
            "raw_path": b"/v1/projects",
            "query_string": b"",
            "headers": [(b"content-type", b"application/json")],
        }
        asyncio.run(proxy.app(scope, receive, ignore))
    assert got == []


def test_the_report_can_be_asked_for_while_serving(tmp_path: Path) -> None:
    report = tmp_path / "report"
    with ThreadedMock() as mock, ThreadedProxy(mock.root_url, report=report) as proxy:
        send(proxy, "GET", "/projects")
        summary = httpx.post(f"{proxy.url}/_proxy/report").json()
        assert summary["exchanges"] == 1 and summary["broken"] == []
        assert (report / "summary.md").exists()
        assert httpx.get(f"{proxy.url}/_proxy/health").status_code == 200


def test_exchanges_past_the_pending_bound_are_forwarded_and_counted_not_checked(
    tmp_path: Path,
) -> None:
    log = tmp_path / "log.jsonl"
    with (
        ThreadedMock() as mock,
        ThreadedProxy(mock.root_url, log=log, max_pending_bytes=0) as proxy,
    ):
        assert all(send(proxy, "GET", "/projects").status_code == 200 for _ in range(3))
    assert proxy.verdict is not None
    assert "not checked: 3 exchanges (forwarded; the checks fell behind)" in proxy.verdict.lines
    assert log.read_text() == ""


def test_every_exchange_handed_over_is_judged_before_the_run_ends(tmp_path: Path) -> None:
    """The checks run beside the forwarding; finishing waits for the last of them."""
    log = tmp_path / "log.jsonl"
    with ThreadedMock() as mock, ThreadedProxy(mock.root_url, log=log) as proxy:
        for _ in range(40):
            send(proxy, "GET", "/projects")
    assert len(entries(log)) == 40
    assert proxy.status == 0


def everything_written(tmp_path: Path, lines: list[str]) -> str:
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    return "\n".join([*lines, *(p.read_text(encoding="utf-8") for p in files)])


def test_named_fields_stay_out_of_failure_records_and_drift_too(tmp_path: Path) -> None:
    """A named field's value is gone from the log, and also from a failure's message, the
    answer a record shows and the console, in whatever escaping."""
    secret, accented = "SECRETINSTR2", "Zoë Geheimname"
    log, report = tmp_path / "log.jsonl", tmp_path / "report"
    with (
        ThreadedMock() as mock,
        ThreadedProxy(
            mock.root_url,
            log=log,
            report=report,
            redact_fields=frozenset({"instruction", "patient"}),
        ) as proxy,
    ):
        wrong_type = {"attachment": "https://example.com/a.png", "instruction": [secret]}
        send(proxy, "POST", "/task/annotation", json={**wrong_type, "objects_to_annotate": ["a"]})
        task = {**TASK, "metadata": {"patient": accented}, "callback_url": "nope:" + secret}
        send(proxy, "POST", "/task/imageannotation", json=task)
    assert proxy.verdict is not None and proxy.status == 1  # the wrong type is a broken rule
    text = everything_written(tmp_path, proxy.verdict.lines)
    for value in (secret, accented, json.dumps(accented)[1:-1]):
        assert value not in text, value


def test_url_credentials_inside_a_query_value_are_taken_out(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    encoded = "https%3A%2F%2Fuser%3AURLPASSWORD3%40example.com%2Fx"
    with ThreadedMock() as mock, ThreadedProxy(mock.root_url, log=log) as proxy:
        send(proxy, "GET", f"/tasks?callback={encoded}&limit=1")
    assert "URLPASSWORD3" not in log.read_text()


def test_a_server_refusing_head_is_not_blamed(tmp_path: Path) -> None:
    """The spec documents GET's answers, not HEAD's: a 405 to HEAD breaks no rule."""
    report = tmp_path / "report"
    body = b'{"status_code": 405, "error": "no HEAD here"}'
    with (
        ThreadedMock(wrap=gateway(405, body, b"application/json")) as mock,
        ThreadedProxy(mock.root_url, report=report) as proxy,
    ):
        assert send(proxy, "HEAD", "/projects").status_code == 405
    assert proxy.status == 0 and failures(report) == []


def test_past_the_pending_bound_an_exchange_is_logged_unjudged(tmp_path: Path) -> None:
    """Without its bodies, so the log stays whole for `replay`; the report counts it."""
    log = tmp_path / "log.jsonl"
    judge = JudgeProcess(Options(upstream="http://up", log=log), max_pending_bytes=3000)
    big = Seen(
        time="2026-11-30T00:00:00.000+00:00",
        method="GET",
        raw_path="/v1/projects",
        query="",
        headers=[("authorization", "Basic eDp5")],
        request_body=b"",
        url="http://up/v1/projects",
        status=200,
        response_headers=[("content-type", "application/json")],
        response_body=b"[" + b" " * 5000 + b"]",
        request_bytes=0,
        response_bytes=5002,
        upstream_fault="",
        duration_ms=1.0,
    )
    judge.submit(big)
    verdict = judge.finish()
    [entry] = entries(log)
    assert entry["judged"] == "no: the checks fell behind" and entry["replay"] == "safe"
    assert "not checked: 1 exchanges (forwarded; the checks fell behind)" in verdict.lines
