"""Talking to the server under test, and saying precisely what it did wrong.

Every check goes through `Api`, which remembers the last exchange, so that a failure can name
the documented rule (its wording and where the spec states it), the operation, what was
expected and what came back, and give a `curl` command that reproduces it.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from typing import Any, NoReturn

import httpx
import pytest

from contract_tests.spec import Operation


@dataclass(frozen=True)
class Rule:
    """A documented rule: a stable id, the spec's wording, and where the spec states it."""

    id: str
    text: str
    location: str


def curl(request: httpx.Request, api_key: str | None) -> str:
    """A shell command that sends `request` again (the key shown as $SCALE_API_KEY)."""
    parts = ["curl", "-X", request.method]
    if api_key is not None:
        parts += ["-u", "$SCALE_API_KEY:"]
    for name, value in request.headers.items():
        if name.lower() in ("authorization", "host", "content-length", "accept-encoding"):
            continue
        if name.lower() in ("user-agent", "accept", "connection"):
            continue
        parts += ["-H", f"{name}: {value}"]
    body = request.content
    if body:
        parts += ["--data-binary", body.decode("utf-8", errors="replace")]
    parts.append(str(request.url))
    rendered = " ".join(shlex.quote(p) for p in parts)
    return rendered.replace(shlex.quote("$SCALE_API_KEY:"), '"$SCALE_API_KEY:"')


class Api:
    """An HTTP Basic client of one account, remembering its last exchange."""

    def __init__(self, base_url: str, api_key: str | None, timeout: float = 30.0) -> None:
        self.api_key = api_key
        auth = (api_key, "") if api_key is not None else None
        self._http = httpx.Client(base_url=base_url.rstrip("/"), auth=auth, timeout=timeout)
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
        self.last = self._http.request(method, path, params=params, headers=headers, **kwargs)
        return self.last

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def close(self) -> None:
        self._http.close()

    def reproduce(self, response: httpx.Response | None = None) -> str:
        response = response or self.last
        return curl(response.request, self.api_key) if response is not None else "(no request)"


def describe(response: httpx.Response | None) -> str:
    if response is None:
        return "no response"
    body = response.text
    if len(body) > 600:
        body = body[:600] + "..."
    return f"{response.status_code} {response.headers.get('content-type', '')}: {body}"


def violated(
    rule: Rule,
    operation: Operation | str,
    expected: str,
    response: httpx.Response | None,
    api: Api | None = None,
) -> NoReturn:
    """Fail the current test as a breach of `rule`, with everything needed to act on it."""
    label = operation.label if isinstance(operation, Operation) else operation
    lines = [
        f"RULE {rule.id}: {rule.text}",
        f"  stated at: {rule.location}",
        f"  operation: {label}",
        f"  expected:  {expected}",
        f"  got:       {describe(response)}",
    ]
    if response is not None:
        key = api.api_key if api is not None else None
        lines.append(f"  reproduce: {curl(response.request, key)}")
    pytest.fail("\n".join(lines), pytrace=False)


def check(
    condition: bool,
    rule: Rule,
    operation: Operation | str,
    expected: str,
    response: httpx.Response | None,
    api: Api | None = None,
) -> None:
    if not condition:
        violated(rule, operation, expected, response, api)
