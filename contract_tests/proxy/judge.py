"""Judging the exchanges the proxy forwarded: the spec's checks, the suite's records, the drift
and the log, in a process of their own.

Why a process: the checks are pure-Python JSON Schema work (about 0.8 ms for one task, 75 ms
for a page of 100), and the proxy's event loop must stay free to forward the next request at
once. On a thread they would still hold the interpreter's lock against the loop; in a process
they run beside it. The forwarding side (`app`) hands each exchange over as plain data
(`Seen`) and never waits. What waits to be judged is bounded in bytes (`MAX_PENDING_BYTES`, the
bodies kept plus a little): an exchange that would go past it is counted as not checked, and
the report says how many, rather than being held in memory or allowed to slow the traffic.

`Judge` does the work (in whichever process holds it); `JudgeProcess` runs one in a spawned
process and talks to it through two queues: exchanges and commands in order (so a report asked
for covers every exchange handed over before), answers back. The worker ignores SIGINT and
SIGTERM (the proxy tells it when to finish, after its own shutdown) and finishes on its own if
the proxy dies.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import queue
import signal
import threading
import time
import zlib
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from contract_tests.api import curl_command
from contract_tests.proxy.checker import NOT_READ, Checker, Finding, parse_json
from contract_tests.proxy.drift import Drift
from contract_tests.proxy.log import ExchangeLog
from contract_tests.proxy.recorder import Exchange, Recorder
from contract_tests.proxy.redact import Redactor
from contract_tests.proxy.shape import shape_of
from contract_tests.target import GATING_TIERS
from scale_spec import JSON, Operation

DEFAULT_CAP = 1 << 20  # bytes of a body kept for its check
SHOWN_BODY = 600  # characters of an answer a failure record shows
SHOWN_SUGGESTIONS = 10  # drift suggestions printed on exit (all are in drift.md)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_PENDING_BYTES = 128 << 20  # bytes of exchanges handed over and not yet judged
SEEN_OVERHEAD = 2048  # bytes an exchange is counted beyond its bodies (headers, fields)
DRIFT_PATCH_FILE = "drift.patch.json"
DRIFT_FILE = "drift.md"


@dataclass(frozen=True)
class Options:
    """What a judge needs (plain data: it crosses to the worker process)."""

    upstream: str
    spec: Path | None = None
    fail_on: frozenset[str] = GATING_TIERS
    command: str = "scale-contract proxy"
    log: Path | None = None
    report: Path | None = None
    cap: int = DEFAULT_CAP
    redact_fields: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Seen:
    """One exchange as the proxy saw it (secrets included: it is redacted when judged)."""

    time: str
    method: str
    raw_path: str
    query: str
    headers: list[tuple[str, str]]
    request_body: bytes | None  # None: over the cap (not kept)
    url: str  # the upstream URL, query included
    status: int  # 0: no answer
    response_headers: list[tuple[str, str]]
    response_body: bytes | None  # None: over the cap, broken off, or no answer
    request_bytes: int | None
    response_bytes: int
    upstream_fault: str
    duration_ms: float
    not_checked: bool = False  # handed over past the pending bound: logged, not judged


@dataclass(frozen=True)
class Verdict:
    """How a proxy run ends: its exit status and what to print."""

    status: int
    lines: list[str] = field(default_factory=list)


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


class Judge:
    """The checks, records, drift and log of a proxy run, in this process."""

    def __init__(self, options: Options) -> None:
        import scale_spec

        spec = scale_spec.load(options.spec.absolute() if options.spec else None)
        self.options = options
        self.checker = Checker(spec)
        self.drift = Drift(spec)
        self.redactor = Redactor(options.redact_fields)
        self.recorder = Recorder(options.upstream, spec.version, options.fail_on, options.command)
        self.log = ExchangeLog(options.log, self.redactor)
        self.not_checked = 0

    # -- the interface the proxy uses (JudgeProcess has the same) ---------------------------

    def submit(self, seen: Seen) -> None:
        self.judge(seen)

    def report(self) -> dict[str, Any]:
        """Write the report so far (if the run has a report directory); its summary."""
        if self.options.report is not None:
            self._write(self.options.report)
        verdicts = self.recorder.verdicts()
        return {
            "report": str(self.options.report) if self.options.report else None,
            "exchanges": self.recorder.exchanges,
            "not_checked": self.not_checked,
            "broken": sorted(verdicts.broken),
            "drift_suggestions": len(self.drift.suggestions()),
            "exit_status": self.recorder.exit_status(),
        }

    def finish(self, not_checked: int = 0) -> Verdict:
        """Close the log, write the report, and say how the run ends."""
        self.not_checked += not_checked
        self.log.close()
        if self.options.report is not None:
            self._write(self.options.report)
        lines = self.recorder.console()
        if self.not_checked:
            lines.append(
                f"not checked: {self.not_checked} exchanges (forwarded; the checks fell behind)"
            )
        suggestions = self.drift.suggestions()
        if suggestions:
            lines.append(
                f"drift: {len(suggestions)} suggestions for the spec (seen, not documented):"
            )
            lines += [
                f"  {self.redactor.text(s.sentence)}" for s in suggestions[:SHOWN_SUGGESTIONS]
            ]
            if len(suggestions) > SHOWN_SUGGESTIONS:
                lines.append(
                    f"  ... and {len(suggestions) - SHOWN_SUGGESTIONS} more in {DRIFT_FILE}"
                )
            if self.options.report is not None:
                lines.append(
                    f"  review {self.options.report / DRIFT_PATCH_FILE}, apply it with "
                    "scripts/apply_spec_patch.py, then `make client`"
                )
        return Verdict(self.recorder.exit_status(), lines)

    def _write(self, report: Path) -> None:
        self.recorder.write(report)
        patch = self.redactor.text(json.dumps(self.drift.patch(), indent=2, ensure_ascii=False))
        (report / DRIFT_PATCH_FILE).write_text(patch + "\n", encoding="utf-8")
        markdown = self.redactor.text(self.drift.markdown())
        (report / DRIFT_FILE).write_text(markdown, encoding="utf-8")

    # -- one exchange ------------------------------------------------------------------------

    def judge(self, seen: Seen) -> None:
        """Check, record and log one exchange; a fault in the checks is the proxy's own
        (logged with the entry), never the exchange's."""
        self.redactor.learn(seen.headers)
        entry: dict[str, Any] = {
            "time": seen.time,
            "method": seen.method,
            "path": seen.raw_path,
            "query": self.redactor.query(seen.query),
            "upstream": self.redactor.text(seen.url.split("?")[0]),
            "request_headers": self.redactor.headers(seen.headers),
            "status": seen.status,
            "response_bytes": seen.response_bytes,
            "upstream_fault": seen.upstream_fault,
            "request_bytes": seen.request_bytes,
            "duration_ms": seen.duration_ms,
            "response_headers": self.redactor.headers(seen.response_headers),
        }
        if seen.not_checked:
            self.not_checked += 1
            entry.update(operation=None, broken=[], judged="no: the checks fell behind")
            entry["replay"] = "safe" if seen.method in SAFE_METHODS else "no"
            self.log.write(entry)
            return
        try:
            self._judge(entry, seen)
        except Exception as error:  # a check that fails must not lose the log entry
            entry["check_error"] = f"{type(error).__name__}: {error}"[:300]
            self.log.write(entry)

    def _not_the_apis(self, op: Operation, status: int, content_type: str) -> str:
        """Why an answer is a gateway's rather than the API's (so no server rule is judged on
        it), or "". A 502 is a gateway's by definition; an HTML page with a status the operation
        does not document is a load balancer's, CDN's or firewall's (the API answers JSON)."""
        if status == 502:
            return "a 502 is a gateway's answer, not the API's"
        media = content_type.split(";")[0].strip().lower()
        if (
            status >= 400
            and media == "text/html"
            and self.checker.spec.response_for(op, status) is None
        ):
            return f"an HTML {status} page the operation does not document is a gateway's"
        return ""

    def _judge(self, entry: dict[str, Any], seen: Seen) -> None:
        if seen.method == "OPTIONS":
            # a browser's CORS preflight: sent by the browser, for no operation of the API
            entry.update(operation=None, broken=[], judged="no: OPTIONS (a CORS preflight)")
            self.log.write(entry)
            return
        if self.checker.spec_path(seen.raw_path) is None:
            # `/_mock/health`, `/favicon.ico`: beside the API, not a request of it
            root = self.checker.base_path
            entry.update(operation=None, broken=[], judged=f"no: outside the API root {root}")
            self.log.write(entry)
            return
        # HEAD is GET without the body (RFC 9110 9.3.2): judged as the GET operation
        method = "GET" if seen.method == "HEAD" else seen.method
        content_type = _header(seen.headers, "content-type")
        request_body = seen.request_body
        if request_body is not None:
            encoding = _header(seen.headers, "content-encoding")
            request_body = _decoded(request_body, encoding, self.options.cap)
        verdict = self.checker.check_request(
            method, seen.raw_path, seen.query, content_type, request_body
        )
        op = verdict.operation
        findings: list[Finding] = list(verdict.findings)
        self._log_request_body(entry, seen, content_type, request_body)
        answered = ""
        if seen.status and op is not None and not seen.upstream_fault:
            answer_type = _header(seen.response_headers, "content-type")
            body = seen.response_body
            if body is not None:
                encoding = _header(seen.response_headers, "content-encoding")
                body = _decoded(body, encoding, self.options.cap)
            elsewhere = self._not_the_apis(op, seen.status, answer_type)
            if seen.method == "HEAD":
                # the spec documents GET's answers, not HEAD's (a server may refuse HEAD)
                body, elsewhere = None, "the spec documents no answer to HEAD"
            if elsewhere:
                entry["judged"] = f"request only: {elsewhere}"
            else:
                judged = self.checker.check_response(op, seen.status, answer_type, body)
                findings += judged.findings
                self.drift.observe(op, seen.status, judged.schema_pointer, judged.body)
                if judged.body is not NOT_READ:
                    if self.redactor.fields:
                        self.redactor.body(judged.body)  # learn the named fields' values
                    entry["response_shape"] = shape_of(judged.body)
                    entry["response_ids"] = _identifiers(judged.body)
            text = (body or b"").decode("utf-8", errors="replace")
            if len(text) > SHOWN_BODY:
                text = text[:SHOWN_BODY] + "..."
            answered = f"{seen.status} {answer_type}: {text}"
        elif seen.upstream_fault:
            answered = f"{seen.status}: {seen.upstream_fault}"
        # one label for every request the spec has no operation for: paths are countless
        operation = op.label if op else f"{seen.method} (no operation)"
        has_auth = any(k.lower() == "authorization" for k, _ in seen.headers)
        shown_body = (
            request_body if request_body is not None and len(request_body) <= 4096 else None
        )
        if shown_body is not None and self.redactor.fields and "request_body" in entry:
            shown_body = json.dumps(entry["request_body"]).encode()
        query = self.redactor.query(seen.query)
        url = seen.url.split("?")[0] + (f"?{query}" if query else "")
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


class Judging(Protocol):
    """What the proxy asks of its judge, in process (`Judge`) or beside it (`JudgeProcess`)."""

    def submit(self, seen: Seen) -> None: ...

    def report(self) -> dict[str, Any]: ...

    def finish(self, not_checked: int = 0) -> Verdict: ...


def _size(seen: Seen) -> int:
    return len(seen.request_body or b"") + len(seen.response_body or b"") + SEEN_OVERHEAD


def _failure(error: BaseException) -> str:
    """The error on one line (a YAML error spans four)."""
    return " ".join(f"{type(error).__name__}: {error}".split())[:300]


def _serve(options: Options, jobs: Any, answers: Any, pending: Any) -> None:
    """The worker process: judge what comes, answer the commands, in order.

    It ignores SIGINT and SIGTERM, which a terminal or a supervisor sends to the whole process
    group: the proxy, stopped by them, then tells it to finish, and the report keeps every
    exchange. A command that fails is answered with its failure, never left unanswered."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    parent = os.getppid()
    try:
        judge = Judge(options)
    except Exception as error:  # the spec or the log cannot be had: said once, at start
        answers.put(("failed", 0, _failure(error)))
        return
    answers.put(("ready", 0, None))
    while True:
        try:
            kind, number, payload = jobs.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent:  # the proxy died: keep what was judged
                with suppress(Exception):
                    judge.finish()
                return
            continue
        if kind == "seen":
            judge.judge(payload)
            with pending.get_lock():
                pending.value -= _size(payload)
        elif kind == "report":
            try:
                answers.put(("report", number, judge.report()))
            except Exception as error:
                answers.put(("report", number, {"error": _failure(error)}))
        elif kind == "finish":
            try:
                verdict = judge.finish(payload)
            except Exception as error:
                verdict = Verdict(
                    2, [f"scale-contract proxy: the report failed: {_failure(error)}"]
                )
            answers.put(("finish", number, verdict))
            return


class ChecksFailed(RuntimeError):
    """The checks' process could not start (its message says why) or died."""


class JudgeProcess:
    """A `Judge` in a spawned process (spawned, not forked: the proxy may run threads)."""

    def __init__(self, options: Options, *, max_pending_bytes: int = MAX_PENDING_BYTES) -> None:
        context = multiprocessing.get_context("spawn")
        self._jobs = context.Queue()
        self._answers = context.Queue()
        self._pending = context.Value("q", 0)
        self.max_pending_bytes = max_pending_bytes
        self._process = context.Process(
            target=_serve,
            args=(options, self._jobs, self._answers, self._pending),
            name="scale-proxy-checks",
            daemon=True,
        )
        self._process.start()
        self._lock = threading.Lock()
        self._asked = itertools.count(1)
        self._ready = False
        self.not_checked = 0

    def submit(self, seen: Seen) -> None:
        """Hand the exchange over, never waiting. Past the byte bound it goes without its
        bodies, to be logged as not checked (the log stays whole for `replay`); past twice
        the bound it is only counted."""
        size = _size(seen)
        with self._pending.get_lock():
            if self._pending.value + size > self.max_pending_bytes:
                seen = replace(seen, request_body=None, response_body=None, not_checked=True)
                size = _size(seen)
                if self._pending.value + size > 2 * self.max_pending_bytes:
                    self.not_checked += 1
                    return
            self._pending.value += size
        self._jobs.put(("seen", 0, seen))

    def _answer(self, kind: str, number: int, timeout: float) -> Any:
        """The worker's answer to command `number` of this kind (others passed over)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                answered, answered_number, value = self._answers.get(timeout=0.25)
            except queue.Empty:
                if not self._process.is_alive():
                    raise ChecksFailed("the checks' process died") from None
                if time.monotonic() > deadline:
                    raise ChecksFailed(
                        f"the checks' process gave no {kind} in {timeout:g} s"
                    ) from None
                continue
            if answered == "failed":
                raise ChecksFailed(value)
            if answered == "ready":
                self._ready = True
            if answered == kind and answered_number == number:
                return value

    def _ask(self, kind: str, payload: Any, timeout: float) -> Any:
        with self._lock:
            number = next(self._asked)
            self._jobs.put((kind, number, payload))
            return self._answer(kind, number, timeout)

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Block until the worker has read the spec and opened the log; `ChecksFailed` (with
        the worker's reason) if it could not."""
        with self._lock:
            if not self._ready:
                self._answer("ready", 0, timeout)

    def report(self) -> dict[str, Any]:
        summary: dict[str, Any] = self._ask("report", None, timeout=300)
        if "not_checked" in summary:
            summary["not_checked"] += self.not_checked
        return summary

    def finish(self, not_checked: int = 0) -> Verdict:
        try:
            verdict: Verdict = self._ask("finish", self.not_checked + not_checked, timeout=600)
        except ChecksFailed as error:
            verdict = Verdict(2, [f"scale-contract proxy: {error}"])
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        # a dead worker leaves the queue's pipe full: its feeder thread must not be waited for
        self._jobs.cancel_join_thread()
        self._jobs.close()
        self._answers.close()
        return verdict
