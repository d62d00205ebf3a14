"""The broad net: Schemathesis drives every operation with examples, boundary values (the
coverage phase) and generated data, valid and invalid, and checks every answer against the
spec: no 5xx, only documented statuses and content types, response bodies and headers as
declared, invalid requests rejected, credentials required, undeclared methods 405 with Allow.

Each Schemathesis check is its own rule (`schemathesis.<check>`), with its own tier, so that
an HTTP convention (405 + Allow for TRACE) never fails a default run while a 5xx does.

Schemathesis reads the spec as a run may hold a server to it (`spec.gated_document`): a rule of
a tier that does not gate this run (e.g. an `assumed` minimum) is neither generated against
nor judged. Form-encoded alternatives of request bodies are left out here (Schemathesis cannot
encode nested bodies that way); `test_form_bodies` checks them.

Safe by default on a real account: writes to objects this run did not create are sent to names
that cannot exist (`contract-nx-<run>`), bodies naming a project or batch name one that cannot
exist, created tasks carry the run id in `metadata`, account writes (team, Studio) are not sent
without --allow-account-writes, and billable creates count against --max-billable.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.checks import CheckResult
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup

from contract_tests import safety
from contract_tests.api import Rule, curl_command, record_failure, record_pass
from contract_tests.conftest import Claim
from contract_tests.records import RuleBroken
from contract_tests.spec import gated_document, iter_nodes
from contract_tests.target import Target
from contract_tests.transport import requests_session

FORM = "application/x-www-form-urlencoded"
DESCRIPTIONS = {
    "not_a_server_error": "No answer is a 5xx: invalid input gets a 4xx (400 Bad Request).",
    "status_code_conformance": "Every status is one the operation documents.",
    "content_type_conformance": "Every answer has the content type the spec declares for it.",
    "response_headers_conformance": "Declared response headers are present and valid.",
    "response_schema_conformance": "Every documented answer's body matches its schema.",
    "negative_data_rejection": "A request breaking a documented constraint is refused (4xx).",
    "missing_required_header": "A request without its required header (Authorization) is refused.",
    "unsupported_method": "A method the path does not declare gets 405 with an Allow header.",
    "allow_header_conformance": "OPTIONS answers an Allow header listing the declared methods.",
}
# When the behaviour matrix does not say otherwise: what the documents state, or only HTTP.
FALLBACK_TIERS = {
    "content_type_conformance": "http",
    "response_headers_conformance": "http",
    "unsupported_method": "http",
    "allow_header_conformance": "http",
}
CHECK_RULES = {
    name: Rule(
        f"schemathesis.{name}",
        text,
        "#/paths",
        fallback_tier=FALLBACK_TIERS.get(name, "docs"),
    )
    for name, text in DESCRIPTIONS.items()
}
EXCLUDED = [
    # Schema-valid requests a server may refuse for documented reasons JSON Schema cannot state
    # (x-scale-rules, unknown projects): `test_constraints` checks each such rule explicitly.
    schemathesis.checks.positive_data_acceptance,
    # Its probes bypass the run's session (no 429 handling, no rate cap, no extra headers);
    # `test_auth` sends the same requests without and with bad credentials, through it.
    schemathesis.checks.ignored_auth,
]
# A probe with a method the path does not declare is judged by these alone: what a server
# answers to TRACE is an HTTP matter, not a documented status.
METHOD_PROBE_CHECKS = frozenset({"unsupported_method", "allow_header_conformance"})

TARGET = Target.from_environment()
results: ContextVar[list[CheckResult] | None] = ContextVar("schemathesis_results", default=None)


def _view() -> dict[str, Any]:
    view = gated_document(TARGET.gating_tiers)
    for _, node in list(iter_nodes(view, "#")):
        if isinstance(node, dict) and isinstance(node.get("content"), dict):
            node["content"].pop(FORM, None)
    return view


# An explicit default configuration: a `schemathesis.toml` where the suite is started (the repo
# has one, for bare `schemathesis run`s) must not change what a contract run checks. The run's
# --seed is Schemathesis's own: without one it draws a random seed per run, which takes
# precedence over Hypothesis's --hypothesis-seed.
schema = schemathesis.openapi.from_dict(_view(), config=SchemathesisConfig(seed=TARGET.seed))
if TARGET.base_url:
    schema.config.update(base_url=TARGET.base_url, basic_auth=(TARGET.api_key, ""))

pytestmark = pytest.mark.billable


@schemathesis.hook
def before_call(context: Any, case: Case[Any], kwargs: dict[str, Any]) -> None:
    """Where Schemathesis notices edits to a case (and re-checks which parts are invalid)."""
    _make_safe(case, TARGET)


@schemathesis.hook
def after_validate(context: Any, case: Case[Any], response: Any, found: list[CheckResult]) -> None:
    collected = results.get()
    if collected is not None:
        collected.extend(found)


def _curl(response: Any) -> str:
    request: requests.PreparedRequest = response.request
    headers = [(name, str(value)) for name, value in request.headers.items()]
    body = request.body if isinstance(request.body, bytes | str) else None
    return curl_command(str(request.method), str(request.url), headers, body, auth=True)


def _describe(response: Any) -> str:
    text = response.content[:600].decode("utf-8", errors="replace")
    content_type = (response.headers.get("content-type") or [""])[0]
    return f"{response.status_code} {content_type}: {text}"


def _make_safe(case: Case[Any], target: Target) -> None:
    """Keep the case off objects this run did not create, and tag what it creates."""
    missing = f"{safety.RUN_PREFIX}nx-{target.run_id}"
    if case.method.upper() != "GET":
        for name in list(case.path_parameters or {}):
            if name != "task_type":
                case.path_parameters[name] = missing
    body: Any = case.body
    if isinstance(body, dict):
        for name in ("project", "batch"):
            if isinstance(body.get(name), str):
                body[name] = missing
        if safety.BILLABLE.match(case.formatted_path) and case.method.upper() == "POST":
            if isinstance(body.get("metadata"), dict):
                body["metadata"]["scale_contract_run"] = target.run_id
            elif "metadata" not in body:
                body["metadata"] = {"scale_contract_run": target.run_id}
        operation_id = case.operation.definition.raw.get("operationId")
        if operation_id in ("create_project", "create_batch") and isinstance(body.get("name"), str):
            body["name"] = f"{safety.RUN_PREFIX}st-{target.run_id}-{body['name'][:40]}"


@pytest.fixture(scope="module")
def session(target: Target) -> Any:
    with requests_session(target) as opened:
        yield opened


@schema.parametrize()
@settings(
    max_examples=TARGET.max_examples,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_operation_conforms_to_the_spec(
    case: Case[Any], claim: Claim, target: Target, session: requests.Session
) -> None:
    operation_id = str(case.operation.definition.raw.get("operationId"))
    label = f"{case.operation.label} ({operation_id})"
    for rule in CHECK_RULES.values():
        claim(rule, label)
    if operation_id in safety.ACCOUNT_WRITES and not target.allow_account_writes:
        pytest.skip("changes the account (team or Studio): needs --allow-account-writes")
    ledger = safety.ledger_for(target)
    try:
        ledger.reserve(case.method.upper(), case.formatted_path)
    except safety.BillableBudgetSpent as spent:
        pytest.skip(str(spent))
    excluded = list(EXCLUDED)
    if case.media_type == "multipart/form-data":
        # Schemathesis "breaks" a multipart text field by making it an array, and an empty
        # array is no field at all: the request it sends is valid (a false ST201).
        excluded.append(schemathesis.checks.negative_data_rejection)
    response = case.call(session=session, timeout=target.request_timeout)
    try:
        answer = response.json() if response.status_code == 200 else None
    except ValueError:
        answer = None
    ledger.created(case.method.upper(), case.formatted_path, response.status_code, answer)
    found: list[CheckResult] = []
    token = results.set(found)
    try:
        case.validate_response(
            response,
            excluded_checks=excluded,
            transport_kwargs={"session": session, "timeout": target.request_timeout},
        )
    except FailureGroup:
        pass  # every failure is in `found`, judged below rule by rule
    finally:
        results.reset(token)
    if response.status_code == 429:
        return  # still rate-limited after the retries: this case says nothing (not reached)
    probe = case.method.upper() != case.operation.method.upper()
    _judge([r for r in found if not probe or r.name in METHOD_PROBE_CHECKS], label, response)


def _judge(found: list[CheckResult], label: str, response: Any) -> None:
    """Record every check's verdict; fail the case on a gating failure. A failure of a tier
    that does not gate the run is recorded as a warning and the case goes on."""
    broken: list[RuleBroken] = []
    for result in found:
        rule = CHECK_RULES.get(result.name)
        if rule is None:
            continue
        if result.failure is None:
            record_pass(rule, label)
            continue
        failure = result.failure
        answer = _describe(response)
        broken.append(
            record_failure(
                rule,
                operation=label,
                expected=DESCRIPTIONS[result.name],
                observed=f"{failure.title}: {failure.message}\n{answer}",
                request=f"{response.request.method} {response.request.url}",
                response=answer,
                reproducer=_curl(response),
            )
        )
    gating = Target.from_environment().gating_tiers
    blocking = [b.message for b in broken if b.tier in gating]
    if blocking:
        # one case can break several rules: all of them are in the record, all are shown
        pytest.fail("\n\n".join(blocking), pytrace=False)
