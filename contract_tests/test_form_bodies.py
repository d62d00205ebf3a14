"""Form-encoded request bodies, as the documents' own `curl -d key=value` examples send them.

For every operation whose spec declares `application/x-www-form-urlencoded`, the valid base
body of `constraints.base_body` is sent form-encoded the way the documents write it: a list as
repeated keys, an object as bracket keys (`fields[email]=...`), booleans as `true`/`false`. The
server must take it as it takes the same body in JSON.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest

from contract_tests.api import Api, Rule, check
from contract_tests.conftest import Claim
from contract_tests.constraints import base_body
from contract_tests.safety import ACCOUNT_WRITES, BILLABLE, run_name
from contract_tests.spec import Operation, escape, operations, provenance, resolve
from contract_tests.target import Target

FORM = "application/x-www-form-urlencoded"


def accepted(op: Operation) -> Rule:
    """The operation's form-body rule, with the tier the spec gives its form media type (`docs`
    where a document shows the operation with `curl -d`, else `assumed`)."""
    body = op.definition.get("requestBody", {})
    return Rule(
        f"{op.operation_id}.body.form_encoded",
        "Request bodies may be form-encoded, as the documents' curl examples send them (`-d "
        "key=value`; repeated keys are arrays, `a[b]=` nested objects, `true`/`false` "
        "booleans), and are taken as the same body in JSON.",
        f"{op.pointer}/requestBody/content/{escape(FORM)}",
        provenance(body, FORM),
    )


def form_pairs(value: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """`value` as (key, text) pairs in the documents' form convention, or ValueError where it
    has no such form (a list of objects or of lists)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from form_pairs(item, f"{prefix}[{key}]" if prefix else str(key))
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict | list):
                raise ValueError("a list of objects or lists has no documented form encoding")
            yield from form_pairs(item, prefix)
    elif isinstance(value, bool):
        yield prefix, "true" if value else "false"
    elif value is not None:
        yield prefix, str(value)


def _cases() -> list[tuple[Operation, dict[str, Any]]]:
    found = []
    for op in operations():
        body = resolve(op.definition.get("requestBody", {}))
        if FORM not in body.get("content", {}) or op.operation_id in ACCOUNT_WRITES:
            continue
        if "{" in op.path.replace("{task_type}", ""):
            continue  # names a stored object: a 404 would say nothing about the encoding
        base = base_body(op)
        if not isinstance(base, dict) or not base:
            continue
        try:
            list(form_pairs(base))
        except ValueError:
            continue
        found.append((op, base))
    return found


CASES = _cases()
RULES = [accepted(op) for op, _ in CASES]  # known before any test runs: never run is not reached
pytestmark = pytest.mark.billable


@pytest.mark.parametrize(("op", "body"), CASES, ids=[op.operation_id for op, _ in CASES])
def test_a_form_encoded_body_is_taken_as_json(
    api: Api, target: Target, claim: Claim, op: Operation, body: dict[str, Any]
) -> None:
    rule = accepted(op)
    claim(rule, op)
    path = op.concrete_path(task_type="textcollection")
    if BILLABLE.match(path) and "metadata" not in body:
        body = {**body, "metadata": {"scale_contract_run": target.run_id}}
    if op.operation_id in ("create_project", "create_batch"):
        body = {**body, "name": run_name(target, "form")}
    pairs = list(form_pairs(body))
    content = urlencode(pairs).encode()
    response = api.request(op.method.upper(), path, content=content, headers={"content-type": FORM})
    check(
        response.status_code == 200,
        rule,
        operation=op,
        expected=f"200, as for the same body in JSON: {pairs}",
        response=response,
        api=api,
    )
