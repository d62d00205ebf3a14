"""Check every response the mock gives in the tests against the spec, and record coverage.

Installed as an httpx response hook on the test clients, so no test can forget it: the status
must be declared by the operation (or by the shared error responses it references), and the
JSON body must validate against the declared schema with format checking. Each checked
(operationId, status) pair is recorded, so a test can assert that every operation was
exercised with a success and a failure.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import scale_spec
from scale_spec import Operation

SEEN: defaultdict[str, set[int]] = defaultdict(set)
# The same by client product (the first word of its User-Agent), e.g. "scale-api-client/0.1.0".
SEEN_BY_CLIENT: defaultdict[str, defaultdict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
API_PREFIX = "/v1"


def operation_of(method: str, path: str) -> Operation | None:
    """The operation serving `method path`, routed as OpenAPI matches (`Spec.route`)."""
    return scale_spec.load().route(method, path)


def check_response(response: httpx.Response) -> None:
    """Assert that `response` is one the spec allows for its request."""
    path = response.request.url.raw_path.decode("ascii").split("?")[0]  # still percent-encoded
    if not path.startswith(f"{API_PREFIX}/"):
        return  # the control API is not part of the Scale API
    head = response.request.method == "HEAD"  # GET without the body
    op = operation_of("GET" if head else response.request.method, path.removeprefix(API_PREFIX))
    if op is None:
        assert response.status_code in (404, 405), f"undeclared {path} answered {response}"
        return
    status = str(response.status_code)
    declared = op.definition["responses"]
    assert status in declared, f"{op.operation_id} answered undeclared {status}: {response.text}"
    where = f"{op.pointer}/responses/{status}"
    if "$ref" in declared[status]:
        where = declared[status]["$ref"]
    media_type = response.headers.get("content-type", "").split(";")[0]
    assert media_type == "application/json", f"{op.operation_id}: {media_type}"
    if head:
        assert response.content == b"", f"HEAD {path} answered a body"
        return
    body = response.json()
    validator = scale_spec.load().validator(f"{where}/content/application~1json/schema")
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]
    assert not errors, f"{op.operation_id} {status} breaks the spec: {errors}"
    SEEN[op.operation_id].add(response.status_code)
    product = response.request.headers.get("user-agent", "").split(" ")[0].split("/")[0]
    SEEN_BY_CLIENT[product][op.operation_id].add(response.status_code)


def hook(response: httpx.Response) -> None:
    response.read()
    check_response(response)


class SpecCheckingApp:
    """ASGI middleware that checks every `/v1` response against the spec, whoever the client
    is (the official SDK uses `requests`, out of reach of an httpx hook). Violations are
    collected, to be asserted empty when the server stops."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.violations: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        query = scope.get("query_string", b"")
        target = scope["raw_path"] + (b"?" + query if query else b"")
        request = httpx.Request(
            # an app answers HEAD with GET's body, which the HTTP server leaves out
            "GET" if scope["method"] == "HEAD" else scope["method"],
            "http://scale-mock" + target.decode("latin-1"),
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]],
        )
        response = httpx.Response(
            start["status"],
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in start["headers"]],
            content=b"".join(chunks),
            request=request,
        )
        try:
            check_response(response)
        except AssertionError as violation:
            self.violations.append(str(violation))
