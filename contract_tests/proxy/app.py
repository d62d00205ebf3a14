"""The proxy as a plain ASGI app: each request forwarded unchanged to the upstream (method, raw
path and query, headers but `Host` and hop-by-hop ones, body streamed), each answer streamed back
unchanged (status, headers, raw bytes: no decoding, no re-encoding).

Nothing is buffered beyond `cap` bytes a side: a body is kept for the checks only while it fits,
past that it streams on and is not checked. Once the answer has been sent the exchange is handed
to the judge (`judge`: the checks, the records, the drift and the log, in a process of their
own), without waiting for it. Upstream faults pass through: no connection -> 502, no answer in
time -> 504 (the proxy's own answers, recorded as no server rule); a reset or timeout after the
answer started breaks the client's connection off, as the upstream broke off.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any
from urllib.parse import quote

import httpx
from starlette.types import Message, Receive, Scope, Send

from contract_tests.proxy.judge import DEFAULT_CAP, Judging, Seen

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
GONE = "the client went away before its request was sent"
CONTROL_PATHS = frozenset({"/_proxy/health", "/_proxy/report"})


class ClientGone(Exception):
    """The client disconnected while its request body was still being forwarded."""


class ProxyApp:
    def __init__(
        self,
        upstream: str,
        judge: Judging,
        *,
        cap: int = DEFAULT_CAP,
        timeout: float = 60.0,
    ) -> None:
        self.upstream = httpx.URL(upstream.rstrip("/"))
        self.prefix = self.upstream.raw_path.decode("ascii").split("?")[0].rstrip("/")
        self.judge = judge
        self.cap = cap
        self.timeout = httpx.Timeout(timeout, connect=min(timeout, 10.0))
        self.exchanges = 0
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
        time_seen = datetime.now(UTC).isoformat(timespec="milliseconds")
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
        status, sent, fault = 0, 0, ""
        kept_response = bytearray()
        response: httpx.Response | None = None
        try:
            try:
                response = await self.client.send(request, stream=True)
            except ClientGone:
                fault = GONE
                return
            except httpx.TimeoutException as error:
                status, fault = 504, f"upstream timeout: {type(error).__name__}"
                await self._answer(send, status, fault)
                return
            except httpx.HTTPError as error:
                if isinstance(error.__context__, ClientGone):
                    fault = GONE
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
            if fault != GONE:
                self.exchanges += 1
                kept_answer = len(kept_response) <= self.cap and not fault
                self.judge.submit(
                    Seen(
                        time=time_seen,
                        method=method,
                        raw_path=raw_path,
                        query=query,
                        headers=headers,
                        request_body=checked_request,
                        url=str(url),
                        status=status,
                        response_headers=(
                            list(response.headers.multi_items()) if response is not None else []
                        ),
                        response_body=bytes(kept_response) if kept_answer else None,
                        request_bytes=len(kept) if checked_request is not None else None,
                        response_bytes=sent,
                        upstream_fault=fault,
                        duration_ms=round((time.monotonic() - started) * 1000, 2),
                    )
                )

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

    async def _control(self, scope: Scope, receive: Receive, send: Send) -> None:
        """`/_proxy/health` (200 while serving) and `POST /_proxy/report` (write the report
        of every exchange so far, answer its summary): paths no API operation has, never
        forwarded."""
        if scope["path"] == "/_proxy/health":
            await self._json(send, 200, {"status": "ok", "exchanges": self.exchanges})
        elif scope["method"] != "POST":
            await self._json(send, 405, {"status_code": 405, "error": "POST /_proxy/report"})
        else:
            await self._json(send, 200, await asyncio.to_thread(self.judge.report))

    async def _json(self, send: Send, status: int, document: Mapping[str, Any]) -> None:
        body = json.dumps(document).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
