"""Talking to the server under test, and saying precisely what it did wrong.

Every check goes through `Api`, which remembers the last exchange, so that a failure can name
the documented rule (its wording, tier and where the spec states it), the operation, what was
expected and what came back, and give a `curl` command that reproduces it (the key always as
`$SCALE_API_KEY`). Checks become records (`records.py`): a broken rule is raised as a
`RuleBroken`, which the plugin turns into a failure of the test when the rule's tier gates the
run, else into a warning (the test is marked xfail).
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NoReturn

import httpx
import pytest

from contract_tests import records, safety
from contract_tests.spec import Operation, behaviour_tiers
from contract_tests.target import Target
from contract_tests.transport import httpx_client, send_capped

_REGISTRY: dict[str, Rule] = {}


@dataclass(frozen=True)
class Rule:
    """A documented rule: a stable id, the spec's wording, where the spec states it, and its
    provenance tier: `tier` when the spec gives it (`x-provenance`), else the strongest tier of
    the behaviour-matrix rows naming this id, else `fallback_tier`."""

    id: str
    text: str
    location: str
    tier: str | None = None
    fallback_tier: str = "docs"

    def __post_init__(self) -> None:
        _REGISTRY.setdefault(self.id, self)

    @property
    def resolved_tier(self) -> str:
        return self.tier or behaviour_tiers().get(self.id) or self.fallback_tier

    def info(self) -> records.RuleInfo:
        return records.RuleInfo(self.id, self.text, self.location, self.resolved_tier)


def registered_rules() -> tuple[Rule, ...]:
    """The rules declared so far (every rule the suite knows: `registry.known_rules`)."""
    return tuple(_REGISTRY.values())


def _label(operation: Operation | str) -> str:
    return operation.label if isinstance(operation, Operation) else operation


UNSHOWN_HEADERS = frozenset(
    {"authorization", "host", "content-length", "accept-encoding", "user-agent", "accept"}
    | {"connection", "x-schemathesis-testcaseid"}
)


def curl_command(
    method: str, url: str, headers: Iterable[tuple[str, str]], body: bytes | str | None, auth: bool
) -> str:
    """A shell command that sends the request again, the key as `$SCALE_API_KEY` (never the
    key itself: the Authorization header is left out and `-u` names the variable)."""
    parts = ["curl", "-X", method]
    if auth:
        parts += ["-u", "$SCALE_API_KEY:"]
    for name, value in headers:
        if name.lower() not in UNSHOWN_HEADERS:
            parts += ["-H", f"{name}: {value}"]
    if body:
        text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
        parts += ["--data-binary", text]
    parts.append(url)
    rendered = " ".join(shlex.quote(p) for p in parts)
    return rendered.replace(shlex.quote("$SCALE_API_KEY:"), '"$SCALE_API_KEY:"')


def curl(request: httpx.Request, api_key: str | None) -> str:
    """`curl_command` for an httpx request."""
    return curl_command(
        request.method,
        str(request.url),
        request.headers.items(),
        request.content,
        auth=api_key is not None,
    )


class Api:
    """An HTTP Basic client of one account, remembering its last exchange."""

    def __init__(self, target: Target, api_key: str | None) -> None:
        self.target = target
        self.api_key = api_key
        self.http = httpx_client(target, api_key)
        self.ledger = safety.ledger_for(target)
        self.last: httpx.Response | None = None

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: Any = None,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        if json_body is not None:
            kwargs["content"] = json.dumps(json_body).encode()
            headers = {"content-type": "application/json", **(headers or {})}
        try:
            self.ledger.reserve(method, path)
        except safety.BillableBudgetSpent as spent:
            pytest.skip(str(spent))
        request = self.http.build_request(method, path, params=params, headers=headers, **kwargs)
        self.last = send_capped(self.http, request)
        self.ledger.created(method, path, self.last.status_code, _json_or_none(self.last))
        return self.last

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def close(self) -> None:
        self.http.close()


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def describe(response: httpx.Response | None) -> str:
    if response is None:
        return "no response"
    body = response.text
    if len(body) > 600:
        body = body[:600] + "..."
    return f"{response.status_code} {response.headers.get('content-type', '')}: {body}"


def record_pass(rule: Rule, operation: Operation | str) -> None:
    records.emit(records.Event("pass", rule.info(), _label(operation)))


def record_failure(
    rule: Rule,
    *,
    operation: Operation | str,
    expected: str,
    observed: str,
    request: str = "",
    response: str = "",
    reproducer: str = "",
) -> records.RuleBroken:
    """The record of a broken rule (the run's keys redacted), attached to the running test;
    the caller raises it, or keeps it as a warning."""
    target = Target.from_environment()
    broken = records.RuleBroken(
        rule.info(),
        _label(operation),
        expected=safety.redact(expected, target),
        observed=safety.redact(observed, target),
        request=safety.redact(request, target),
        response=safety.redact(response, target),
        reproducer=safety.redact(reproducer, target),
    )
    records.emit(broken.event())
    return broken


def violated(
    rule: Rule,
    *,
    operation: Operation | str,
    expected: str,
    response: httpx.Response | None,
    api: Api | None = None,
) -> NoReturn:
    """Raise `RuleBroken`: a breach of `rule`, with everything needed to act on it (the plugin
    fails the test with it, or marks it a warning when the rule's tier does not gate the run)."""
    reproducer = request = ""
    if response is not None:
        reproducer = curl(response.request, api.api_key if api is not None else None)
        request = f"{response.request.method} {response.request.url}"
    described = describe(response)
    raise record_failure(
        rule,
        operation=operation,
        expected=expected,
        observed=described,
        request=request,
        response=described,
        reproducer=reproducer,
    )


def check(
    condition: bool,
    rule: Rule,
    *,
    operation: Operation | str,
    expected: str,
    response: httpx.Response | None,
    api: Api | None = None,
) -> None:
    """Record a pass of `rule` if `condition` holds, else raise `RuleBroken` (`violated`)."""
    if not condition:
        violated(rule, operation=operation, expected=expected, response=response, api=api)
    record_pass(rule, operation)
