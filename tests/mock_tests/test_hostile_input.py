"""Hostile input is a clear 4xx `Error` naming the field and the rule, refused before anything
is stored, and never a 500 (see `scale_mock.guards`).

Every request here but the body-size ones goes through the spec-checking clients of
`conftest`. A 413 is declared by no operation of the spec, so the body-size cases run on a mock
of their own, unwrapped, with plain `httpx` clients (or straight ASGI calls) and no conformance
hook.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp, Message

from scale_mock.app import build_app
from scale_mock.guards import DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_UPLOAD_SIZE, MAX_DEPTH
from scale_mock.store import Store
from scale_mock.testing import ThreadedMock
from tests.mock_tests.conformance import hook
from tests.mock_tests.conftest import ClientFactory, fresh_key

TASK = (
    b'{"instruction": %s, "attachment_type": "text", "attachment": "x",'
    b' "categories": ["a", "b"], "metadata": %s}'
)
JSON = {"content-type": "application/json"}
FORM = {"content-type": "application/x-www-form-urlencoded"}


def task_body(instruction: bytes = b'"x"', metadata: bytes = b"{}") -> bytes:
    return TASK % (instruction, metadata)


def assert_refused(response: httpx.Response, status: int, field: str, rule: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert (body["status_code"], body.get("field"), body.get("rule")) == (status, field, rule)
    assert field in body["error"] or status in (401, 413), body


def assert_nothing_stored(api: httpx.Client) -> None:
    listed = api.get("/tasks")
    assert listed.status_code == 200, listed.text
    assert listed.json()["docs"] == [] and listed.json()["total"] == 0
    assert api.get("/tasks", params={"limited_response": "true"}).status_code == 200


def create(api: httpx.Client, body: bytes, headers: dict[str, str] = JSON) -> httpx.Response:
    return api.post("/task/categorization", content=body, headers=headers)


# 1. Lone surrogates


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (task_body(instruction=b'"\\ud800"'), "body.instruction"),
        (task_body(instruction=b'"ok \\udfff then"'), "body.instruction"),
        (task_body(metadata=b'{"a": ["x", "\\ud83d"]}'), "body.metadata.a[1]"),
        (task_body(metadata=b'{"\\ud800": 1}'), "body.metadata"),
    ],
)
def test_a_lone_surrogate_in_a_json_body_is_a_400_and_nothing_is_stored(
    fresh: httpx.Client, body: bytes, field: str
) -> None:
    assert_refused(create(fresh, body), 400, field, "unicode")
    assert_nothing_stored(fresh)


def test_a_surrogate_pair_is_text_and_accepted(fresh: httpx.Client) -> None:
    created = create(fresh, task_body(instruction=b'"\\ud83d\\ude00"'))
    assert created.status_code == 200, created.text
    task = fresh.get(f"/task/{created.json()['task_id']}")
    assert task.json()["instruction"] == "\U0001f600", task.json()
    assert fresh.get("/tasks").json()["total"] == 1


def test_a_lone_surrogate_in_a_form_body_is_a_400_and_nothing_is_stored(
    fresh: httpx.Client,
) -> None:
    fields = "instruction=x&attachment_type=text&attachment=x&categories=a&categories=b"
    form = httpx.QueryParams({"metadata": '{"a": "\\ud800"}'})
    assert_refused(
        create(fresh, f"{fields}&{form}".encode(), FORM), 400, "body.metadata.a", "unicode"
    )
    # Percent-encoded, a surrogate is not UTF-8 at all: the form is refused as a whole.
    raw = b"instruction=%ED%A0%80&attachment_type=text&attachment=x&categories=a&categories=b"
    assert_refused(create(fresh, raw, FORM), 400, "body", "form")
    assert_nothing_stored(fresh)


def test_a_lone_surrogate_in_the_query_is_a_400_naming_the_parameter(fresh: httpx.Client) -> None:
    assert_refused(fresh.get("/tasks?project=%ED%A0%80"), 400, "query.project", "unicode")
    assert_refused(fresh.get("/tasks?status=ok&tags=a%ED%B0%80b"), 400, "query.tags", "unicode")
    assert fresh.get("/tasks?project=%E2%9C%93").status_code == 200  # real UTF-8 is fine


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (task_body(instruction=b'"a\\u0000b"'), "body.instruction"),
        (task_body(metadata=b'{"a": {"b": "x\\u0000"}}'), "body.metadata.a.b"),
        (task_body(metadata=b'{"k\\u0000": 1}'), "body.metadata"),
    ],
)
def test_a_nul_character_in_a_json_body_is_a_400_and_nothing_is_stored(
    fresh: httpx.Client, body: bytes, field: str
) -> None:
    """PostgreSQL's text cannot hold U+0000: refused on every store alike, never a 500."""
    assert_refused(create(fresh, body), 400, field, "unicode")
    assert_nothing_stored(fresh)


def test_a_nul_character_in_a_query_or_a_path_is_a_400_naming_it(fresh: httpx.Client) -> None:
    assert_refused(fresh.get("/tasks?project=a%00b"), 400, "query.project", "unicode")
    assert_refused(fresh.get("/batches?project=a%00b"), 400, "query.project", "unicode")
    assert_refused(fresh.get("/task/a%00b"), 404, "path.task_id", "unicode")  # no such task
    fields = b"instruction=a%00b&attachment_type=text&attachment=x&categories=a&categories=b"
    assert_refused(create(fresh, fields, FORM), 400, "body.instruction", "unicode")
    assert_nothing_stored(fresh)


# 2. Non-finite numbers


@pytest.mark.parametrize("number", [b"NaN", b"Infinity", b"-Infinity", b"1e400", b"-1e400"])
def test_a_non_finite_number_is_a_400_and_nothing_is_stored(
    fresh: httpx.Client, number: bytes
) -> None:
    body = task_body(metadata=b'{"a": {"b": [1, %s]}}' % number)
    assert_refused(create(fresh, body), 400, "body.metadata.a.b[1]", "finite")
    assert_nothing_stored(fresh)


# 3. Depth


def nested(levels: int) -> bytes:
    """`metadata` holding arrays so that the whole body nests `levels` deep."""
    inner = levels - 2  # the body object and `metadata` are two levels
    return task_body(metadata=b'{"a": ' + b"[" * inner + b"]" * inner + b"}")


def test_nesting_deeper_than_the_limit_is_a_400_and_nothing_is_stored(
    fresh: httpx.Client,
) -> None:
    assert_refused(create(fresh, nested(MAX_DEPTH + 1)), 400, "body", "depth")
    for levels in (1_000, 100_000):  # beyond the parser's own recursion limit too
        assert_refused(create(fresh, nested(levels)), 400, "body", "depth")
    # brackets inside strings are text, not nesting
    assert create(fresh, task_body(instruction=b'"' + b"[" * 500 + b'"')).status_code == 200
    assert fresh.get("/tasks").json()["total"] == 1


def test_nesting_at_the_limit_is_accepted(fresh: httpx.Client) -> None:
    created = create(fresh, nested(MAX_DEPTH))
    assert created.status_code == 200, created.text
    assert fresh.get(f"/task/{created.json()['task_id']}").status_code == 200


def test_deep_json_in_a_form_field_is_a_400_naming_it(fresh: httpx.Client) -> None:
    fields = "instruction=x&attachment_type=text&attachment=x&categories=a&categories=b"
    deep = httpx.QueryParams({"metadata": '{"a": ' + "[" * 100 + "]" * 100 + "}"})
    response = create(fresh, f"{fields}&{deep}".encode(), FORM)
    assert response.status_code == 400, response.text
    assert response.json()["rule"] == "depth"
    assert response.json()["field"].startswith("body.metadata.a")
    assert_nothing_stored(fresh)


# 4. Paging parameters


def token(payload: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


@pytest.mark.parametrize(
    "next_token",
    [
        token({"before": 10**30}),
        token({"before": 2**63}),
        token({"before": -1}),
        token({"before": float("nan")}),
        token([[[[1]]]]),
        "not base64 !",
        "é",
        "A" * 10_000,
        base64.urlsafe_b64encode(b"[" * 5_000).decode(),
    ],
)
def test_a_malformed_or_huge_next_token_is_a_400_naming_it(
    fresh: httpx.Client, next_token: str
) -> None:
    response = fresh.get("/tasks", params={"next_token": next_token})
    assert_refused(response, 400, "query.next_token", "opaque_token")


def test_a_huge_offset_is_an_empty_page_not_an_error(fresh: httpx.Client) -> None:
    """The spec bounds `offset` below only, so any offset past the tasks is an empty page."""
    create(fresh, task_body())
    for path in ("/tasks", "/batches"):
        page = fresh.get(path, params={"offset": str(10**30)})
        assert page.status_code == 200, page.text
        assert page.json()["docs"] == []


# 5. Authorization


@pytest.mark.parametrize(
    "value",
    [
        b"Basic \xe9\xe9\xe9",
        b"Basic dGVzdF9hYmM\xff",
        b"Basic " + base64.b64encode(b"\xff\xfe:"),
        b"Basic " + base64.b64encode("test_\u00e9:".encode()),
        b"\xc3\xa9 " + base64.b64encode(b"test_abc123:"),
    ],
)
def test_a_non_ascii_or_non_utf8_basic_header_is_a_401(base_url: str, value: bytes) -> None:
    with httpx.Client(base_url=base_url, timeout=10, event_hooks={"response": [hook]}) as api:
        response = api.get("/tasks", headers={b"authorization": value})
        assert response.status_code == 401, response.text
        assert response.json()["status_code"] == 401


def test_a_non_ascii_header_on_the_control_api_is_a_401(mock: ThreadedMock) -> None:
    response = httpx.get(
        f"{mock.root_url}/_mock/requests", headers={b"authorization": b"Basic \xe9"}, timeout=10
    )
    assert response.status_code == 401, response.text


# 6. Body size caps (413 is declared by no operation: no conformance hook here)

SMALL_BODY, SMALL_UPLOAD = 2048, 8192


@pytest.fixture(scope="module")
def capped(store_backend: str) -> Iterator[ThreadedMock]:
    with ThreadedMock(max_body_size=SMALL_BODY, max_upload_size=SMALL_UPLOAD) as running:
        yield running


@pytest.fixture
def capped_api(capped: ThreadedMock) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=capped.base_url, auth=(fresh_key(), ""), timeout=10) as api:
        yield api


def padded(size: int) -> bytes:
    return task_body(instruction=b'"%s"' % (b"x" * size))


def test_a_json_body_over_the_cap_is_a_413_and_nothing_is_stored(
    capped_api: httpx.Client,
) -> None:
    assert_refused(create(capped_api, padded(SMALL_BODY)), 413, "body", "max_body_size")
    assert_nothing_stored(capped_api)
    assert create(capped_api, padded(SMALL_BODY // 2)).status_code == 200


def test_a_chunked_body_without_content_length_is_capped_too(capped_api: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield task_body(instruction=b'"')[:40]
        for _ in range(100):
            yield b"x" * 100

    response = capped_api.post("/task/categorization", content=chunks(), headers=JSON)
    assert "content-length" not in response.request.headers
    assert_refused(response, 413, "body", "max_body_size")
    assert_nothing_stored(capped_api)


def test_a_form_body_has_the_json_cap(capped_api: httpx.Client) -> None:
    body = b"instruction=" + b"x" * SMALL_BODY + b"&attachment_type=text"
    assert_refused(create(capped_api, body, FORM), 413, "body", "max_body_size")
    assert_nothing_stored(capped_api)


def test_an_upload_has_its_own_larger_cap(capped_api: httpx.Client) -> None:
    fits = capped_api.post("/files/upload", files={"file": ("a.txt", b"x" * (SMALL_BODY * 2))})
    assert fits.status_code == 200, fits.text
    over = capped_api.post("/files/upload", files={"file": ("b.txt", b"x" * SMALL_UPLOAD)})
    assert_refused(over, 413, "body", "max_body_size")


async def asgi_call(
    app: ASGIApp, headers: list[tuple[bytes, bytes]], receive_chunks: AsyncIterator[bytes]
) -> tuple[int, dict[bytes, bytes], bytes, int]:
    """One POST /v1/task/categorization straight into `app`; the status, headers and body of
    the answer, and how many chunks the app read."""
    read = 0
    sent: list[Message] = []

    async def receive() -> Message:
        nonlocal read
        try:
            chunk = await receive_chunks.__anext__()
        except StopAsyncIteration:
            return {"type": "http.request", "body": b"", "more_body": False}
        read += 1
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: Message) -> None:
        sent.append(message)

    auth = b"Basic " + base64.b64encode(fresh_key().encode() + b":")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/task/categorization",
        "raw_path": b"/v1/task/categorization",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"authorization", auth), (b"content-type", b"application/json"), *headers],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    await app(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], dict(start["headers"]), body, read


async def endless(chunk: bytes) -> AsyncIterator[bytes]:
    while True:
        yield chunk


def test_a_lying_content_length_does_not_lift_the_cap_and_reading_stops_there() -> None:
    store = Store(":memory:")
    app = build_app(store, max_body_size=SMALL_BODY)
    status, _, body, read = asyncio.run(
        asgi_call(app, [(b"content-length", b"10")], endless(b"x" * 512))
    )
    assert status == 413
    assert json.loads(body)["rule"] == "max_body_size"
    assert read <= SMALL_BODY // 512 + 1  # abandoned at the cap, not drained
    with store.transaction("test_any") as tx:
        assert tx.list("task").total == 0


def test_the_default_caps_refuse_a_declared_oversize_body_without_reading_it() -> None:
    assert (DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_UPLOAD_SIZE) == (10 * 2**20, 100 * 2**20)
    app = build_app(Store(":memory:"))
    size = str(DEFAULT_MAX_BODY_SIZE + 1).encode()
    status, _, body, read = asyncio.run(
        asgi_call(app, [(b"content-length", size)], endless(b"x" * 65536))
    )
    assert (status, json.loads(body)["rule"], read) == (413, "max_body_size", 0)


# 7. Served files


def test_a_served_file_is_an_attachment_never_sniffed(
    client_for: ClientFactory, control: ClientFactory
) -> None:
    key = fresh_key()
    html = b"<html><script>alert(1)</script></html>"
    upload = client_for(key).post("/files/upload", files={"file": ("x.html", html, "text/html")})
    hub = control(key)
    served = hub.get(f"/_mock/files/{upload.json()['id']}/content")
    assert served.status_code == 200
    assert served.content == html
    assert served.headers["x-content-type-options"] == "nosniff"
    assert served.headers["content-disposition"] == "attachment"
    missing = hub.get("/_mock/files/nope/content")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/json")
