"""The proxy as a plain ASGI app: each request forwarded unchanged to the upstream (method, raw
path and query, headers but `Host` and hop-by-hop ones, body streamed), each answer streamed back
unchanged (status, headers, raw bytes: no decoding, no re-encoding).

Nothing is buffered beyond `cap` bytes a side: a body is kept for the checks only while it fits,
past that it streams on and is not checked. The checks run once the answer has been sent, so
they add no latency to it. Upstream faults pass through: no connection -> 502, no answer in time
-> 504 (the proxy's own answers, recorded as no server rule); a reset or timeout after the
answer started breaks the client's connection off, as the upstream broke off.
"""

from __future__ import annotations

import json
import time
import zlib
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any
from urllib.parse import quote

import httpx
from starlette.types import Message, Receive, Scope, Send

from contract_tests.api import curl_command
from contract_tests.proxy.checker import NOT_READ, Checker, Finding, parse_json
from contract_tests.proxy.drift import Drift
from contract_tests.proxy.log import ExchangeLog
from contract_tests.proxy.recorder import Exchange, Recorder
from contract_tests.proxy.redact import Redactor
from contract_tests.proxy.shape import shape_of
from scale_spec import JSON, Operation

DEFAULT_CAP = 1 << 20  # bytes of a body kept for its check
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
SHOWN_BODY = 600  # characters of an answer a failure record shows
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CONTROL_PATHS = frozenset({"/_proxy/health", "/_proxy/report"})


class ClientGone(Exception):
    """The client disconnected while its request body was still being forwarded."""


@dataclass(frozen=True)
class Seen:
    """One exchange as the proxy saw it, for its checks."""

    method: str
    raw_path: str
    query: str
    headers: list[tuple[str, str]]
    request_body: bytes | None  # None: over the cap (not kept)
    response: httpx.Response | None
    response_body: bytes | None  # None: over the cap, broken off, or no answer
    url: httpx.URL


def _decoded(body: bytes, encoding: str, cap: int) -> bytes | None:
    """The body as the checks read it; None when its encoding is not one read here."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding in ("gzip", "deflate"):
        # decoded no further than the cap: a small body may expand a thousandfold
        decoder = zlib.decompressobj(47 if encoding == "gzip" else 15)
        try:
            out = decoder.decompress(body, cap + 1)
        except zlib.error:
            return None
        return None if len(out) > cap or decoder.unconsumed_tail else out
    return None


class ProxyApp:
    def __init__(
        self,
        upstream: str,
        checker: Checker,
        recorder: Recorder,
        log: ExchangeLog,
        redactor: Redactor,
        *,
        cap: int = DEFAULT_CAP,
        timeout: float = 60.0,
        drift: Drift | None = None,
        on_report: Callable[[], dict[str, Any]] | None = None,
    ) -> None:
        self.upstream = httpx.URL(upstream.rstrip("/"))
        self.prefix = self.upstream.raw_path.decode("ascii").split("?")[0].rstrip("/")
        self.checker = checker
        self.recorder = recorder
        self.log = log
        self.redactor = redactor
        self.cap = cap
        self.drift = drift if drift is not None else Drift(checker.spec)
        self.on_report = on_report
        self.timeout = httpx.Timeout(timeout, connect=min(timeout, 10.0))
        self._client: httpx.AsyncClient | None = None

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            # no cookie jar that keeps anything: one client's cookies never reach another's
            jar = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
            self._client = httpx.AsyncClient(timeout=self.timeout, trust_env=False, cookies=jar)
        return self._client

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._exchange(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._client is not None:
                    await self._client.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    def _url(self, raw_path: str, query: str) -> httpx.URL:
        path = raw_path
        if self.prefix and not (path == self.prefix or path.startswith(self.prefix + "/")):
            path = self.prefix + path
        target = path + (f"?{query}" if query else "")
        return self.upstream.copy_with(raw_path=target.encode("latin-1"))

    async def _exchange(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["path"] in CONTROL_PATHS:
            await self._control(scope, receive, send)
            return
        started = time.monotonic()
        method: str = scope["method"]
        raw = scope.get("raw_path")
        raw_path = raw.decode("latin-1") if raw else quote(scope["path"])
        query = scope.get("query_string", b"").decode("latin-1")
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
        self.redactor.learn(headers)
        kept = bytearray()
        more = True
        while more and len(kept) <= self.cap:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            kept += message.get("body", b"")
            more = bool(message.get("more_body", False))
        content: bytes | AsyncIterator[bytes]
        checked_request: bytes | None
        if more:
            content, checked_request = self._rest(bytes(kept), receive), None
        else:
            content = checked_request = bytes(kept)
        forwarded = [(k, v) for k, v in headers if k.lower() not in HOP_BY_HOP | {"host"}]
        url = self._url(raw_path, query)
        # built here, not by the client: its default headers (Accept-Encoding, User-Agent, ...)
        # and cookies would change what the client sent
        request = httpx.Request(
            method,
            url,
            headers=forwarded,
            content=content,
            extensions={"timeout": self.timeout.as_dict()},
        )
        entry: dict[str, Any] = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": method,
            "path": raw_path,
            "query": self.redactor.query(query),
            "upstream": self.redactor.text(str(url.copy_with(query=None))),
            "request_headers": self.redactor.headers(headers),
        }
        status, sent, fault = 0, 0, ""
        kept_response = bytearray()
        response: httpx.Response | None = None
        try:
            try:
                response = await self.client.send(request, stream=True)
            except ClientGone:
                fault = "the client went away before its request was sent"
                return
            except httpx.TimeoutException as error:
                status, fault = 504, f"upstream timeout: {type(error).__name__}"
                await self._answer(send, status, fault)
                return
            except httpx.HTTPError as error:
                if isinstance(error.__context__, ClientGone):
                    fault = "the client went away before its request was sent"
                    return
                status, fault = 502, f"upstream unreachable: {type(error).__name__}: {error}"
                await self._answer(send, status, fault)
                return
            status = response.status_code
            answer_headers = [
                (k, v)
                for k, v in response.headers.raw
                if k.decode("latin-1").lower() not in HOP_BY_HOP
            ]
            await send({"type": "http.response.start", "status": status, "headers": answer_headers})
            try:
                async for chunk in response.aiter_raw():
                    sent += len(chunk)
                    if len(kept_response) <= self.cap:
                        kept_response += chunk
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
            except httpx.HTTPError as error:
                fault = f"upstream broke off the answer: {type(error).__name__}"
                raise
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            if response is not None:
                await response.aclose()
            entry.update(status=status, response_bytes=sent, upstream_fault=fault)
            entry["request_bytes"] = len(kept) if checked_request is not None else None
            entry["duration_ms"] = round((time.monotonic() - started) * 1000, 2)
            seen = Seen(
                method,
                raw_path,
                query,
                headers,
                checked_request,
                response,
                bytes(kept_response) if len(kept_response) <= self.cap and not fault else None,
                url,
            )
            # after the answer has gone: the checks never delay it, and a fault in them is
            # the proxy's own (logged), never the exchange's
            try:
                self._judge(entry, seen)
            except Exception as error:  # a check that fails must not lose the log entry
                entry["check_error"] = f"{type(error).__name__}: {error}"[:300]
                self.log.write(entry)

    async def _rest(self, first: bytes, receive: Receive) -> AsyncIterator[bytes]:
        """The body past the cap, as it arrives; a client that leaves mid-body aborts the
        upstream request (rather than ending it early, which a chunked upload would take for
        a whole, shorter body)."""
        yield first
        more = True
        while more:
            message: Message = await receive()
            if message["type"] == "http.disconnect":
                raise ClientGone
            yield message.get("body", b"")
            more = bool(message.get("more_body", False))

    async def _answer(self, send: Send, status: int, reason: str) -> None:
        """The proxy's own answer (no upstream answer to pass on), as the spec's Error shape."""
        await self._json(send, status, {"status_code": status, "error": reason})

    def _not_the_apis(self, op: Operation, status: int, content_type: str) -> str:
        """Why an answer is a gateway's rather than the API's (so no server rule is judged on
        it), or "". A 502 is a gateway's by definition; an HTML page with a status the operation
        does not document is a load balancer's, CDN's or firewall's (the API answers JSON)."""
        if status == 502:
            return "a 502 is a gateway's answer, not the API's"
        media = content_type.split(";")[0].strip().lower()
        if status >= 400 and media == "text/html" and self.checker.declared(op, status) is None:
            return f"an HTML {status} page the operation does not document is a gateway's"
        return ""

    def _judge(self, entry: dict[str, Any], seen: Seen) -> None:
        """The exchange's checks, recorded and logged (after the answer was sent)."""
        response = seen.response
        entry["response_headers"] = (
            self.redactor.headers((k, v) for k, v in response.headers.multi_items())
            if response is not None
            else []
        )
        if seen.method == "OPTIONS":
            # a browser's CORS preflight: sent by the browser, for no operation of the API
            entry.update(operation=None, broken=[], judged="no: OPTIONS (a CORS preflight)")
            self.log.write(entry)
            return
        # HEAD is GET without the body (RFC 9110 9.3.2): judged as the GET operation
        method = "GET" if seen.method == "HEAD" else seen.method
        content_type = _header(seen.headers, "content-type")
        request_body = seen.request_body
        if request_body is not None:
            encoding = _header(seen.headers, "content-encoding")
            request_body = _decoded(request_body, encoding, self.cap)
        verdict = self.checker.check_request(
            method, seen.raw_path, seen.query, content_type, request_body
        )
        op = verdict.operation
        findings: list[Finding] = list(verdict.findings)
        self._log_request_body(entry, seen, content_type, request_body)
        answered = ""
        fault = entry["upstream_fault"]
        if response is not None and op is not None and not fault:
            answer_type = response.headers.get("content-type", "")
            body = seen.response_body
            if body is not None:
                body = _decoded(body, response.headers.get("content-encoding", ""), self.cap)
            if seen.method == "HEAD":
                body = None
            elsewhere = self._not_the_apis(op, response.status_code, answer_type)
            if elsewhere:
                entry["judged"] = f"request only: {elsewhere}"
            else:
                judged = self.checker.check_response(op, response.status_code, answer_type, body)
                findings += judged.findings
                if seen.method != "HEAD":
                    self.drift.observe(op, response.status_code, judged.schema_pointer, judged.body)
                if judged.body is not NOT_READ:
                    entry["response_shape"] = shape_of(judged.body)
                    entry["response_ids"] = _identifiers(judged.body)
            text = (body or b"").decode("utf-8", errors="replace")
            if len(text) > SHOWN_BODY:
                text = text[:SHOWN_BODY] + "..."
            answered = f"{response.status_code} {answer_type}: {text}"
        elif fault:
            answered = f"{entry['status']}: {fault}"
        # one label for every request the spec has no operation for: paths are countless
        operation = op.label if op else f"{seen.method} (no operation)"
        has_auth = any(k.lower() == "authorization" for k, _ in seen.headers)
        shown_body = (
            request_body if request_body is not None and len(request_body) <= 4096 else None
        )
        if shown_body is not None and self.redactor.fields and "request_body" in entry:
            shown_body = json.dumps(entry["request_body"]).encode()
        query = self.redactor.query(seen.query)
        url = str(seen.url.copy_with(query=None)) + (f"?{query}" if query else "")
        reproducer = curl_command(seen.method, url, seen.headers, shown_body, auth=has_auth)
        exchange = Exchange(
            operation,
            self.redactor.text(f"{seen.method} {url}"),
            self.redactor.text(answered),
            self.redactor.text(reproducer),
        )
        redacted = [
            Finding(
                f.rule,
                f.passed,
                f.side,
                self.redactor.text(f.expected),
                self.redactor.text(f.observed),
            )
            for f in findings
        ]
        entry["operation"] = op.operation_id if op else None
        entry["broken"] = self.recorder.add(redacted, exchange)
        self.log.write(entry)

    def _log_request_body(
        self, entry: dict[str, Any], seen: Seen, content_type: str, body: bytes | None
    ) -> None:
        """The request body as the log keeps it (JSON, the named fields redacted), and whether
        `replay` may send it again: `safe` (GET, HEAD: no effect), `write` (the whole body is
        logged: sent again only when asked), `no` (a body the log does not hold)."""
        media = content_type.split(";")[0].strip().lower()
        parsed = parse_json(body) if media in ("", JSON) or media.endswith("+json") else NOT_READ
        if parsed is not NOT_READ:
            entry["request_body"] = self.redactor.body(parsed)
        empty = seen.request_body is not None and not seen.request_body
        if seen.method in SAFE_METHODS:
            entry["replay"] = "safe"
        elif empty or parsed is not NOT_READ:
            entry["replay"] = "write"
        else:
            entry["replay"] = "no"

    async def _control(self, scope: Scope, receive: Receive, send: Send) -> None:
        """`/_proxy/health` (200 while serving) and `POST /_proxy/report` (write the report
        now, answer its summary): paths no API operation has, never forwarded."""
        if scope["path"] == "/_proxy/health":
            await self._json(send, 200, {"status": "ok", "exchanges": self.recorder.exchanges})
        elif scope["method"] != "POST":
            await self._json(send, 405, {"status_code": 405, "error": "POST /_proxy/report"})
        elif self.on_report is None:
            await self._json(send, 409, {"status_code": 409, "error": "started without --report"})
        else:
            await self._json(send, 200, self.on_report())

    async def _json(self, send: Send, status: int, document: Mapping[str, Any]) -> None:
        body = json.dumps(document).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _header(headers: list[tuple[str, str]], name: str) -> str:
    return next((v for k, v in headers if k.lower() == name), "")


def _identifiers(body: Any) -> dict[str, str]:
    """The answer's own identifiers (`task_id`, `id`, ... at its top level): `replay` maps a
    recorded one to the one the other server gave, for the requests that name it later."""
    if not isinstance(body, dict):
        return {}
    return {
        key: value
        for key, value in body.items()
        if isinstance(value, str) and (key == "id" or key.endswith("_id")) and value
    }
