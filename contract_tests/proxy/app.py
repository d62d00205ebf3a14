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
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any
from urllib.parse import quote

import httpx
from starlette.types import Message, Receive, Scope, Send

from contract_tests.api import curl_command
from contract_tests.proxy.checker import Checker, Finding
from contract_tests.proxy.log import ExchangeLog
from contract_tests.proxy.recorder import Exchange, Recorder
from contract_tests.proxy.redact import Redactor

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
    ) -> None:
        self.upstream = httpx.URL(upstream.rstrip("/"))
        self.prefix = self.upstream.raw_path.decode("ascii").split("?")[0].rstrip("/")
        self.checker = checker
        self.recorder = recorder
        self.log = log
        self.redactor = redactor
        self.cap = cap
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
            "query": query,
            "upstream": str(url),
            "request_headers": self.redactor.headers(headers),
        }
        status, sent, fault = 0, 0, ""
        kept_response = bytearray()
        response: httpx.Response | None = None
        try:
            try:
                response = await self.client.send(request, stream=True)
            except httpx.TimeoutException as error:
                status, fault = 504, f"upstream timeout: {type(error).__name__}"
                await self._answer(send, status, fault)
                return
            except httpx.HTTPError as error:
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
            self._judge(
                entry,
                method,
                raw_path,
                query,
                headers,
                checked_request,
                response,
                bytes(kept_response) if len(kept_response) <= self.cap and not fault else None,
                url,
            )

    async def _rest(self, first: bytes, receive: Receive) -> AsyncIterator[bytes]:
        yield first
        more = True
        while more:
            message: Message = await receive()
            if message["type"] == "http.disconnect":
                return
            yield message.get("body", b"")
            more = bool(message.get("more_body", False))

    async def _answer(self, send: Send, status: int, reason: str) -> None:
        """The proxy's own answer (no upstream answer to pass on), as the spec's Error shape."""
        body = json.dumps({"status_code": status, "error": reason}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _judge(
        self,
        entry: dict[str, Any],
        method: str,
        raw_path: str,
        query: str,
        headers: list[tuple[str, str]],
        request_body: bytes | None,
        response: httpx.Response | None,
        response_body: bytes | None,
        url: httpx.URL,
    ) -> None:
        """The exchange's checks, recorded and logged (after the answer was sent)."""
        content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
        verdict = self.checker.check_request(method, raw_path, query, content_type, request_body)
        findings: list[Finding] = list(verdict.findings)
        answered = ""
        if response is not None and verdict.operation is not None and not entry["upstream_fault"]:
            answer_type = response.headers.get("content-type", "")
            body = response_body
            if body is not None:
                body = _decoded(body, response.headers.get("content-encoding", ""), self.cap)
            findings += self.checker.check_response(
                verdict.operation, response.status_code, answer_type, body
            )
            text = (body or b"").decode("utf-8", errors="replace")
            if len(text) > SHOWN_BODY:
                text = text[:SHOWN_BODY] + "..."
            answered = f"{response.status_code} {answer_type}: {text}"
        elif entry["upstream_fault"]:
            answered = f"{entry['status']}: {entry['upstream_fault']}"
        # one label for every request the spec has no operation for: paths are countless
        operation = verdict.operation.label if verdict.operation else f"{method} (no operation)"
        has_auth = any(k.lower() == "authorization" for k, _ in headers)
        shown_body = (
            request_body if request_body is not None and len(request_body) <= 4096 else None
        )
        reproducer = curl_command(method, str(url), headers, shown_body, auth=has_auth)
        exchange = Exchange(
            operation,
            self.redactor.text(f"{method} {url}"),
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
        entry["operation"] = verdict.operation.operation_id if verdict.operation else None
        entry["broken"] = self.recorder.add(redacted, exchange)
        entry["response_headers"] = (
            self.redactor.headers((k, v) for k, v in response.headers.multi_items())
            if response is not None
            else []
        )
        self.log.write(entry)
