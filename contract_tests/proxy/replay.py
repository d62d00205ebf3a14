"""`scale-contract replay LOG --base-url URL`: send the requests of a proxy log again, to another
server, and compare each answer's shape with the recorded one.

A session recorded through the proxy against Scale becomes a regression test for a stand-in:
what Scale answered (status, content type, the shape of the JSON: fields and their types, never
the data, which the log does not keep) is what the stand-in must answer too.

Which requests go again (the log's `replay` mark): `safe` ones (GET, HEAD) always; `write` ones
(their whole body is in the log) only with --include-writes, since they create and bill on a
real server; `no` ones (a body the log does not hold, e.g. an upload) never. A request whose
logged body had redacted fields, or whose recorded answer was a 429 or a 5xx (a moment, not a
behaviour), is skipped and counted. Identifiers the recorded answers gave (`task_id`, ...) are
mapped to the ones the other server gives, in later paths, queries and bodies, so a create, then
a get of what it created, replays as such.

What fails a replay is what the documents back: another status than the recorded one, or a
replayed answer that breaks a rule of a gating tier of the spec (`docs`, `sdk`: a required field
gone, a type changed, an undocumented status). Shape differences beyond those (a field the
recording had and the spec makes optional, a field added, a null for a value, keys of a
free-form map) are listed as notes, since a task in another state or another account's data
differ so; `--strict` fails on a missing field or a changed type as well.

Exit status: 0 every replayed answer keeps the recorded status and the spec; 1 one does not; 2
usage or connection problem (one line, before the first request).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

import httpx

import scale_spec
from contract_tests.proxy.checker import Checker
from contract_tests.proxy.redact import SECRET_HEADERS, SHOWN
from contract_tests.proxy.shape import Difference, differences, shape_of
from contract_tests.target import GATING_TIERS

NOT_SENT_HEADERS = SECRET_HEADERS | {
    "host",
    "content-length",
    "content-encoding",  # the body is sent again as plain JSON
    "transfer-encoding",
    "connection",
    "keep-alive",
    "te",
    "trailer",
    "upgrade",
    "accept-encoding",
}
TRANSIENT = frozenset({429, 500, 502, 503, 504})


@dataclass
class Outcome:
    """One replayed request: what was recorded, what came back, and how they differ."""

    method: str
    path: str
    recorded_status: int
    replayed_status: int
    differences: list[Difference] = field(default_factory=list)

    @property
    def status_differs(self) -> bool:
        return self.recorded_status != self.replayed_status

    @property
    def differs(self) -> bool:
        return self.status_differs or any(d.breaking for d in self.differences)

    def as_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "recorded_status": self.recorded_status,
            "replayed_status": self.replayed_status,
            "differs": self.differs,
            "differences": [dict(d.__dict__) for d in self.differences],
        }


@dataclass
class Replay:
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    unreadable: int = 0

    @property
    def exit_status(self) -> int:
        return 1 if any(o.differs for o in self.outcomes) else 0


def read_log(path: Path) -> tuple[list[dict[str, Any]], int]:
    """The log's entries, and how many lines were not entries (a line cut by a crash)."""
    entries, unreadable = [], 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                unreadable += 1
                continue
            if isinstance(entry, dict) and "method" in entry and "path" in entry:
                entries.append(entry)
            else:
                unreadable += 1
    return entries, unreadable


class IdMap:
    """Recorded identifiers -> the other server's, replaced wherever a value is one whole."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}

    def learn(self, recorded: Any, replayed: Any) -> None:
        if not isinstance(recorded, dict) or not isinstance(replayed, dict):
            return
        for key, value in recorded.items():
            other = replayed.get(key)
            if isinstance(value, str) and isinstance(other, str) and value != other:
                self.known[value] = other

    def path(self, path: str) -> str:
        parts = path.split("/")
        return "/".join(
            quote(self.known[unquote(p)], safe="") if unquote(p) in self.known else p for p in parts
        )

    def query(self, query: str) -> str:
        if not query or not self.known:
            return query
        pairs = parse_qsl(query, keep_blank_values=True)
        return urlencode([(k, self.known.get(v, v)) for k, v in pairs])

    def body(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.known.get(value, value)
        if isinstance(value, dict):
            return {k: self.body(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.body(v) for v in value]
        return value


def _redacted(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_redacted(v) for v in value.values())
    if isinstance(value, list):
        return any(_redacted(v) for v in value)
    return isinstance(value, str) and value == SHOWN


def _skip_reason(entry: dict[str, Any], include_writes: bool) -> str | None:
    mark = entry.get("replay", "no")
    if entry.get("path", "").startswith("/_proxy/"):
        return "the proxy's own"
    if entry.get("upstream_fault") or not entry.get("status"):
        return "no recorded answer"
    if entry["status"] in TRANSIENT:
        return f"recorded answer {entry['status']} (a moment, not a behaviour)"
    if mark == "no":
        return "a body the log does not hold"
    if mark == "write" and not include_writes:
        return "a write (--include-writes sends those)"
    if _redacted(entry.get("request_body")) or SHOWN in (entry.get("query") or ""):
        return "its logged body or query has redacted fields"
    if entry["method"] == "OPTIONS":
        return "a CORS preflight"
    return None


def _api_path(path: str, recorded_root: str) -> str:
    """The logged path below the API root it was sent to (`/v1/task/x` -> `/task/x`)."""
    if recorded_root and (path == recorded_root or path.startswith(recorded_root + "/")):
        return path[len(recorded_root) :] or "/"
    return path


def _mentions(entry: dict[str, Any], values: set[str]) -> bool:
    """Whether the request names one of `values` (a path segment, a query value, a string of
    its body)."""
    if not values:
        return False
    if any(unquote(part) in values for part in entry["path"].split("/")):
        return True
    if any(v in values for _, v in parse_qsl(entry.get("query") or "")):
        return True

    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    return any(s in values for s in strings(entry.get("request_body")))


def _spec_breaches(
    checker: Checker, method: str, path: str, answer: httpx.Response
) -> list[Difference]:
    """The replayed answer's breaches of the spec's gating rules (`path` below the API root)."""
    op = checker.spec.route("GET" if method == "HEAD" else method, path.split("?")[0])
    if op is None or method == "HEAD":
        return []
    found = checker.check_response(
        op, answer.status_code, answer.headers.get("content-type", ""), answer.content
    )
    return [
        Difference("spec", f.rule.id, f.expected, f.observed, breaking=True)
        for f in found.findings
        if not f.passed and f.rule.tier in GATING_TIERS
    ]


def replay_log(
    entries: list[dict[str, Any]],
    client: httpx.Client,
    checker: Checker,
    *,
    recorded_root: str = "/v1",
    include_writes: bool = False,
    strict: bool = False,
) -> Replay:
    """Send the entries' requests again through `client` (its base URL the other server's API
    root) and compare."""
    found = Replay()
    ids = IdMap()
    unmade: set[str] = set()  # identifiers only the recorded server made (writes not sent)
    for entry in entries:
        reason = _skip_reason(entry, include_writes)
        if reason is None and _mentions(entry, unmade):
            reason = "names what a write not sent made (--include-writes sends those)"
        if reason is not None:
            found.skipped[reason] += 1
            if entry.get("replay") != "safe":
                unmade.update((entry.get("response_ids") or {}).values())
            continue
        method = entry["method"]
        path = ids.path(_api_path(entry["path"], recorded_root))
        query = ids.query(entry.get("query") or "")
        headers = [
            (k, v) for k, v in entry.get("request_headers", []) if k.lower() not in NOT_SENT_HEADERS
        ]
        content = None
        if "request_body" in entry:
            content = json.dumps(ids.body(entry["request_body"])).encode()
        url = path.lstrip("/") + (f"?{query}" if query else "")
        answer = client.request(method, url, headers=headers, content=content)
        outcome = Outcome(method, entry["path"], int(entry["status"]), answer.status_code)
        recorded_shape = entry.get("response_shape")
        try:
            body = answer.json() if answer.content and method != "HEAD" else None
        except ValueError:
            body = None
        if recorded_shape is not None and body is not None and not outcome.status_differs:
            outcome.differences = [
                replace(d, breaking=strict and d.kind in ("missing", "type"))
                for d in differences(recorded_shape, shape_of(body))
            ]
        elif recorded_shape is not None and body is None and method != "HEAD":
            outcome.differences = [Difference("type", "$", "JSON", "not JSON", breaking=True)]
        outcome.differences += _spec_breaches(checker, method, path, answer)
        ids.learn(entry.get("response_ids"), body)
        found.outcomes.append(outcome)
    return found


def render(found: Replay, base_url: str) -> list[str]:
    lines = []
    for outcome in found.outcomes:
        if not outcome.differs and not outcome.differences:
            lines.append(f"same     {outcome.method} {outcome.path} -> {outcome.replayed_status}")
            continue
        verdict = "DIFFERS " if outcome.differs else "same*   "
        status = (
            f"{outcome.recorded_status} recorded, {outcome.replayed_status} replayed"
            if outcome.status_differs
            else str(outcome.replayed_status)
        )
        lines.append(f"{verdict} {outcome.method} {outcome.path} -> {status}")
        lines += [f"           {difference}" for difference in outcome.differences]
    differ = sum(o.differs for o in found.outcomes)
    skipped = sum(found.skipped.values())
    lines.append(
        f"replayed {len(found.outcomes)} requests against {base_url}: {differ} differ; "
        f"{skipped} skipped"
        + (f" ({found.unreadable} unreadable log lines)" if found.unreadable else "")
    )
    for reason, count in sorted(found.skipped.items()):
        lines.append(f"  skipped {count}: {reason}")
    if any(not o.differs and o.differences for o in found.outcomes):
        lines.append(
            "  same*: same status, within the spec; the shape differs where the spec allows "
            "(--strict fails on a missing field or a changed type)"
        )
    return lines


def parser() -> argparse.ArgumentParser:
    found = argparse.ArgumentParser(
        prog="scale-contract replay",
        description="Send the requests of a proxy log again to another server and compare the "
        "answers' shapes. Exit 0: all alike; 1: one differs; 2: usage or connection problem.",
    )
    found.add_argument("log", type=Path, help="a log written by `scale-contract proxy --log`")
    found.add_argument("--base-url", required=True, help="the other server's API root (…/v1)")
    found.add_argument(
        "--api-key",
        default=os.environ.get("SCALE_API_KEY"),
        help="the key to send (default: $SCALE_API_KEY; never printed)",
    )
    found.add_argument(
        "--include-writes",
        action="store_true",
        help="send recorded writes too (creates: on a real server they bill)",
    )
    found.add_argument("--allow-live", action="store_true", help="accept a live_ key")
    found.add_argument(
        "--recorded-root",
        default="/v1",
        help="the API root the logged paths start with (default /v1)",
    )
    found.add_argument(
        "--strict",
        action="store_true",
        help="fail on a missing field or a changed type too, not only on the spec's rules",
    )
    found.add_argument("--spec", type=Path, help="the spec to hold the answers to")
    found.add_argument("--format", choices=("text", "json"), default="text")
    found.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    return found


def usage_problem(args: argparse.Namespace) -> str | None:
    url = urlsplit(args.base_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        return "--base-url must be an http(s) URL (the other server's API root)"
    if url.username or url.password:
        return "--base-url must not carry credentials: pass the key with --api-key"
    if args.spec is not None and not args.spec.is_file():
        return f"--spec {args.spec}: no such file"
    if not args.log.is_file():
        return f"{args.log}: no such log"
    if not args.api_key:
        return "--api-key (or $SCALE_API_KEY) is required: the log holds no keys"
    if args.api_key.startswith("live_") and not args.allow_live:
        return "refusing a live_ key (live tasks cost money); pass --allow-live"
    if args.timeout <= 0:
        return "--timeout must be > 0"
    return None


def main(argv: list[str]) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)
    problem = usage_problem(args)
    if problem is None:
        entries, unreadable = read_log(args.log)
        if not entries:
            problem = f"{args.log}: no exchanges in it (is it a proxy --log?)"
    if problem is not None:
        print(f"scale-contract replay: {problem}", file=sys.stderr)
        return 2
    base = args.base_url.rstrip("/") + "/"
    with httpx.Client(
        base_url=base, auth=(args.api_key, ""), timeout=args.timeout, trust_env=False
    ) as client:
        try:
            client.get("")
        except httpx.HTTPError as error:
            print(
                f"scale-contract replay: cannot reach {args.base_url} ({type(error).__name__}); "
                "is the server up?",
                file=sys.stderr,
            )
            return 2
        try:
            found = replay_log(
                entries,
                client,
                Checker(scale_spec.load(args.spec.absolute() if args.spec else None)),
                recorded_root=args.recorded_root.rstrip("/"),
                include_writes=args.include_writes,
                strict=args.strict,
            )
        except httpx.HTTPError as error:
            print(f"scale-contract replay: {args.base_url} went away ({error})", file=sys.stderr)
            return 2
    found.unreadable = unreadable
    if args.format == "json":
        document = {
            "base_url": args.base_url,
            "outcomes": [o.as_dict() for o in found.outcomes],
            "skipped": dict(found.skipped),
            "unreadable_lines": found.unreadable,
            "exit_status": found.exit_status,
        }
        print(json.dumps(document, indent=2))
    else:
        for line in render(found, args.base_url):
            print(line)
    return found.exit_status
