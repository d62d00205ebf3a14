"""scale-mock's HTTP server: uvicorn (httptools), with the time limits uvicorn lacks.

uvicorn closes a keep-alive connection after `timeout_keep_alive` of silence, but sets no limit
on a request still arriving: a connection that opens and sends nothing, sends its head a byte at
a time (slowloris) or stalls in the middle of its body holds a socket, a file descriptor and, for
a body, a handler for ever. `GuardedProtocol`, uvicorn's httptools protocol with three timers,
closes such a connection:

- the *header timeout*: a request's whole head must arrive within it, counted from the opening of
  the connection or from the first byte of the request (after a response, the silence before
  that byte is the idle timeout's); it also bounds what is left of a body the mock answered
  without reading (e.g. a 401 or a 413), counted from the answer;
- the *body timeout*: while a request's body is awaited, no byte for this long closes the
  connection (the same value as the header timeout; the clock stops while uvicorn itself holds
  the socket paused because the handler has not read what arrived yet), a pipelined request's
  body included;
- the *idle timeout*: uvicorn's own keep-alive timeout, between a response and the next request.

A response that ends the connection (`Connection: close`, HTTP/1.0) before the request's body has
all arrived would otherwise close a socket with unread bytes in it, which the kernel turns into a
reset: the client, still writing, may never read the answer. The connection instead *lingers*,
as nginx's `lingering_close`: the answer is followed by a half-close (FIN), the rest of the body is
read and dropped, and the socket closes when the body ends (or the header timeout from the end of
the response passes).

Bytes that are not an HTTP request get the mock's JSON `Error` 400, as every other refusal
does, and the log shows them (credentials masked).

A client that goes away mid-request is not the mock's failure: `errors` answers Starlette's
`ClientDisconnect` with a debug line, not the error-with-traceback of a bug.

Written against uvicorn 0.54's `uvicorn/protocols/http/httptools_impl.py`: it overrides the
parser callbacks, `data_received`, `send_400_response`, `connection_made` /
`connection_lost` / `shutdown` and `on_response_complete` only.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from asyncio import TimerHandle
from collections.abc import Callable
from typing import Any, cast

import uvicorn
from starlette.types import ASGIApp
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

DEFAULT_HEADER_TIMEOUT = 10.0
DEFAULT_IDLE_TIMEOUT = 5.0

log = logging.getLogger("scale_mock.server")
# a header that carries a credential, up to the end of its value
_CREDENTIALS = re.compile(rb"(?im)^((?:authorization|proxy-authorization|cookie)\s*:\s*)[^\r\n]*")


class _LingeringTransport:
    """The connection's transport as uvicorn sees it: `close()` lingers while the request's
    body is still arriving after its response (see the module's docstring); everything else is
    the real transport's."""

    def __init__(self, transport: asyncio.Transport, protocol: GuardedProtocol) -> None:
        self._transport = transport
        self._protocol = protocol

    def write(self, data: bytes) -> None:
        if not self._protocol.lingering:  # nothing more is said on a half-closed connection
            self._transport.write(data)

    def close(self) -> None:
        if self._protocol.should_linger():
            self._protocol.lingering = True
            self._transport.write_eof()
        else:
            self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a header, a body and an idle timeout (seconds)."""

    header_timeout: float = DEFAULT_HEADER_TIMEOUT
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timeout_keep_alive = self.idle_timeout  # type: ignore[assignment]  # a float is fine
        self._real_transport: asyncio.Transport | None = None
        self._head_timer: TimerHandle | None = None
        self._body_timer: TimerHandle | None = None
        self._body_pending = False  # a request's head has arrived and its body has not ended
        self._may_linger = True  # not once the connection is lost or the server shuts down
        self.lingering = False
        self._last_data = b""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._real_transport = transport
        super().connection_made(cast(asyncio.Transport, _LingeringTransport(transport, self)))
        self._head_timer = self._arm(self.header_timeout, self._head_timed_out)

    def connection_lost(self, exc: Exception | None) -> None:
        self._may_linger = False
        self._cancel_timers()
        super().connection_lost(exc)

    def shutdown(self) -> None:
        self._may_linger = False
        super().shutdown()

    # Requests that are not HTTP

    def data_received(self, data: bytes) -> None:
        self._last_data = data
        super().data_received(data)

    def send_400_response(self, msg: str) -> None:
        """Bytes the parser refuses get the mock's JSON `Error` (uvicorn's own is plain text,
        and every answer of the mock is JSON), and the log says what was refused (credentials
        masked), not only that something was."""
        shown = _CREDENTIALS.sub(rb"\1***", self._last_data[:300])
        log.warning("refused bytes that are not an HTTP request from %s: %r", self.client, shown)
        error = "The request is not valid HTTP/1.1: scale-mock could not read it"
        body = json.dumps({"error": error, "status_code": 400}).encode()
        head = [b"HTTP/1.1 400 Bad Request"]
        head += [name + b": " + value for name, value in self.server_state.default_headers]
        head += [
            b"content-type: application/json",
            b"content-length: " + str(len(body)).encode("ascii"),
            b"connection: close",
        ]
        self.transport.write(b"\r\n".join(head) + b"\r\n\r\n" + body)
        self.transport.close()

    # Parser callbacks

    def on_headers_complete(self) -> None:
        self._head_timer = self._cancel(self._head_timer)
        self._body_pending = True
        super().on_headers_complete()
        self._body_timer = self._arm(self.header_timeout, self._body_timed_out)

    def on_body(self, body: bytes) -> None:
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = self._arm(self.header_timeout, self._body_timed_out)
        super().on_body(body)

    def on_message_complete(self) -> None:
        self._body_pending = False
        self._body_timer = self._cancel(self._body_timer)
        if self.lingering:  # the body has been drained: nothing unread is left to reset
            self._close()
            return
        super().on_message_complete()

    def on_message_begin(self) -> None:
        """The first byte of a request after a response: its head is now on the clock (the
        silence before it was the idle timeout's)."""
        if self._head_timer is None:
            self._head_timer = self._arm(self.header_timeout, self._head_timed_out)
        super().on_message_begin()

    def on_response_complete(self) -> None:
        pipelined = bool(self.pipeline)
        early = self._body_pending  # answered before its body ended (a 401, a 413)
        if not pipelined and not early:
            # a pipelined request's body timer, or the unread body's, keeps its clock
            self._body_timer = self._cancel(self._body_timer)
        super().on_response_complete()
        closed = self._real_transport is None or self._real_transport.is_closing()
        if early and not pipelined and not closed:  # the rest of the body gets one timeout
            self._head_timer = self._cancel(self._head_timer)
            self._head_timer = self._arm(self.header_timeout, self._head_timed_out)

    # Lingering

    def should_linger(self) -> bool:
        """Whether closing now would drop unread body bytes a half-close can drain instead."""
        transport = self._real_transport
        return (
            self._may_linger
            and not self.lingering
            and self._body_pending
            and self.cycle is not None
            and self.cycle.response_complete
            and transport is not None
            and not transport.is_closing()
            and transport.can_write_eof()
        )

    # Timers

    def _arm(self, delay: float, callback: Callable[[], None]) -> TimerHandle:
        return self.loop.call_later(delay, callback)

    @staticmethod
    def _cancel(timer: TimerHandle | None) -> None:
        if timer is not None:
            timer.cancel()

    def _cancel_timers(self) -> None:
        self._head_timer = self._cancel(self._head_timer)
        self._body_timer = self._cancel(self._body_timer)

    def _head_timed_out(self) -> None:
        self._head_timer = None
        log.debug("closing %s: no complete request head in %ss", self.client, self.header_timeout)
        self._close()

    def _body_timed_out(self) -> None:
        self._body_timer = None
        if self.flow is not None and self.flow.read_paused:  # the handler is behind, not the client
            self._body_timer = self._arm(self.header_timeout, self._body_timed_out)
            return
        log.debug("closing %s: request body stalled for %ss", self.client, self.header_timeout)
        self._close()

    def _close(self) -> None:
        self._may_linger = False
        if self._real_transport is not None and not self._real_transport.is_closing():
            self._real_transport.close()


def protocol_class(
    header_timeout: float = DEFAULT_HEADER_TIMEOUT, idle_timeout: float = DEFAULT_IDLE_TIMEOUT
) -> type[GuardedProtocol]:
    """A `GuardedProtocol` with these timeouts, for `uvicorn.Config(http=...)` (which builds
    the protocol itself, so the values travel as class attributes)."""
    for name, value in (("header_timeout", header_timeout), ("idle_timeout", idle_timeout)):
        if not value > 0:
            raise ValueError(f"{name} must be positive, not {value}")
    attributes = {"header_timeout": header_timeout, "idle_timeout": idle_timeout}
    return type("GuardedProtocol", (GuardedProtocol,), attributes)


def run(
    app: ASGIApp,
    *,
    header_timeout: float = DEFAULT_HEADER_TIMEOUT,
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
    **options: Any,
) -> None:
    """`uvicorn.run` with the guarded protocol: `options` are `uvicorn.run`'s."""
    uvicorn.run(app, http=protocol_class(header_timeout, idle_timeout), **options)


def config(
    app: ASGIApp,
    *,
    header_timeout: float = DEFAULT_HEADER_TIMEOUT,
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
    **options: Any,
) -> uvicorn.Config:
    """The uvicorn configuration scale-mock runs with: `options` are `uvicorn.Config`'s."""
    return uvicorn.Config(app, http=protocol_class(header_timeout, idle_timeout), **options)
