"""The broad net: Schemathesis drives every operation with examples, boundary values (the
coverage phase) and generated data, valid and invalid, and checks every answer against the
spec: no 5xx, only documented statuses and content types, response bodies and headers as
declared, invalid requests rejected, credentials required, undeclared methods 405 with Allow.

Each Schemathesis check is its own rule (`schemathesis.<check>`), with its own tier, so that
an HTTP convention (405 + Allow for TRACE) never fails a default run while a 5xx does.

One test per operation, `schemathesis[POST /task/annotation]`, also found by its operationId
and by its older name `test_operation_conforms_to_the_spec`: `-k "POST /task/annotation"`,
`-k create_annotation_task` and `--deselect 'test_schemathesis.py::schemathesis[GET /tasks]'`
select by operation (a phrase in `-k` matches as a word does: see
`conftest.keyword_phrases`). Collecting them builds nothing; each operation's cases (examples,
the coverage phase's boundary values, generated data) are built when its test runs, so a
selection pays only for what it selected.

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

import functools
import re
from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import pytest
import requests
from hypothesis import HealthCheck, settings

from contract_tests import safety
from contract_tests.api import Rule, curl_command, record_failure, record_pass
from contract_tests.conftest import Claim
from contract_tests.records import RuleBroken
from contract_tests.spec import Operation, gated_document, iter_nodes, operations
from contract_tests.target import Target
from contract_tests.transport import requests_session

if TYPE_CHECKING:
    from schemathesis import Case
    from schemathesis.checks import CheckResult
    from schemathesis.schemas import BaseSchema

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
EXCLUDED = (
    # Schema-valid requests a server may refuse for documented reasons JSON Schema cannot state
    # (x-scale-rules, unknown projects): `test_constraints` checks each such rule explicitly.
    "positive_data_acceptance",
    # Its probes bypass the run's session (no 429 handling, no rate cap, no extra headers);
    # `test_auth` sends the same requests without and with bad credentials, through it.
    "ignored_auth",
)
# A probe with a method the path does not declare is judged by these alone: what a server
# answers to TRACE is an HTTP matter, not a documented status.
METHOD_PROBE_CHECKS = frozenset({"unsupported_method", "allow_header_conformance"})
# Other names `-k` finds these tests by (the test's name before it had one per operation).
KEYWORDS = ("test_operation_conforms_to_the_spec",)

TARGET = Target.from_environment()
results: ContextVar[list[CheckResult] | None] = ContextVar("schemathesis_results", default=None)


def _view() -> dict[str, Any]:
    view = gated_document(TARGET.gating_tiers)
    for _, node in list(iter_nodes(view, "#")):
        if isinstance(node, dict) and isinstance(node.get("content"), dict):
            node["content"].pop(FORM, None)
    return view


@functools.cache
def _schema() -> BaseSchema:
    """Schemathesis's reading of the spec, made when the first of its tests runs (a run that
    selects none of them never pays for it).

    An explicit default configuration: a `schemathesis.toml` where the suite is started (the
    repo has one, for bare `schemathesis run`s) must not change what a contract run checks. The
    run's --seed is Schemathesis's own: without one it draws a random seed per run, which takes
    precedence over Hypothesis's --hypothesis-seed."""
    import schemathesis
    from schemathesis.config import SchemathesisConfig

    schemathesis.hook(before_call)
    schemathesis.hook(after_validate)
    schema = schemathesis.openapi.from_dict(_view(), config=SchemathesisConfig(seed=TARGET.seed))
    if TARGET.base_url:
        schema.config.update(base_url=TARGET.base_url, basic_auth=(TARGET.api_key, ""))
    return schema


@functools.cache
def _constants() -> Any:
    """Where Hypothesis draws constants from (the local modules loaded), read once per run as
    Schemathesis's plugin does at collection."""
    from schemathesis.python._constants.orchestrator import make_constants_value_source

    return make_constants_value_source(_schema())


def _operation_test(label: str) -> Callable[..., None]:
    """The Hypothesis test of one operation (its examples, boundary cases and generated data),
    built as Schemathesis's pytest plugin builds it, but only when the operation's test runs:
    the coverage cases of 72 operations take seconds to build."""
    from schemathesis.checks import load_all_checks
    from schemathesis.generation.feedback import FeedbackSources
    from schemathesis.pytest._test_builder import build_operation_test

    schema = _schema()
    load_all_checks()
    operation = schema.find_operation_by_label(label)
    if operation is None:
        raise LookupError(f"Schemathesis does not read {label} from the spec")
    feedback = FeedbackSources(constants_value_source=_constants())
    return build_operation_test(
        config=schema.config,
        operation=operation,
        test_func=conforms,
        given_kwargs={},
        feedback=feedback,
    )


def _by_label() -> dict[str, Operation]:
    """The spec's operations by Schemathesis's label (`POST /task/annotation`), each test's id."""
    return {f"{op.method.upper()} {op.path}": op for op in operations()}


def keywords(item: pytest.Item) -> set[str]:
    """What `-k` finds the test of one operation by, besides its id
    (`schemathesis[POST /task/annotation]`): its operationId and the test's older name."""
    callspec = getattr(item, "callspec", None)
    op = _by_label().get(callspec.params.get("operation")) if callspec else None
    return {*KEYWORDS, op.operation_id} if op is not None else set(KEYWORDS)


pytestmark = pytest.mark.billable


def before_call(context: Any, case: Case[Any], kwargs: dict[str, Any]) -> None:
    """Where Schemathesis notices edits to a case (and re-checks which parts are invalid)."""
    _make_safe(case, TARGET)


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


# Headers of HTTP's own framing and connection handling, not of the API: a generated value
# (`content-length: ~`, seen) makes the request unreadable to any HTTP server, whose protocol
# 400 then says nothing of the API. The spec declares none of them as a parameter.
TRANSPORT_HEADERS = frozenset(
    {
        "content-length",
        "transfer-encoding",
        "host",
        "connection",
        "keep-alive",
        "proxy-connection",
        "te",
        "trailer",
        "upgrade",
        "expect",
    }
)
# RFC 9110 section 5: a field name is a token; a value is visible ASCII, spaces and tabs, not
# starting or ending with whitespace (stricter parsers, e.g. llhttp, refuse anything else).
_FIELD_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_FIELD_VALUE = re.compile(r"(?:[\x21-\x7e](?:[\x20-\x7e\t]*[\x21-\x7e])?)?")


def _keep_http_valid(case: Case[Any]) -> None:
    """Drop generated headers that would make the request invalid HTTP (see above)."""
    headers = case.headers
    if not headers:
        return
    for name in list(headers):
        value = headers[name]
        text = value if isinstance(value, str) else str(value)
        framing = name.lower() in TRANSPORT_HEADERS
        if framing or not _FIELD_NAME.fullmatch(name) or not _FIELD_VALUE.fullmatch(text):
            del headers[name]


def _make_safe(case: Case[Any], target: Target) -> None:
    """Keep the case off objects this run did not create, tag what it creates, and send only
    valid HTTP."""
    _keep_http_valid(case)
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


@pytest.mark.parametrize("operation", list(_by_label()))
def schemathesis(operation: str, claim: Claim, target: Target, session: requests.Session) -> None:
    """Schemathesis's checks on one operation: `schemathesis[POST /task/annotation]` (collected
    under this name by the plugin: see `conftest.pytest_pycollect_makeitem`)."""
    from schemathesis.core.control import SkipTest
    from schemathesis.generation.hypothesis.reporting import ignore_hypothesis_output

    op = _by_label()[operation]
    label = f"{operation} ({op.operation_id})"
    for rule in CHECK_RULES.values():
        claim(rule, label)
    if op.operation_id in safety.ACCOUNT_WRITES and not target.allow_account_writes:
        pytest.skip("changes the account (team or Studio): needs --allow-account-writes")
    test = _operation_test(operation)
    try:
        with ignore_hypothesis_output():
            test(target=target, session=session, passed=set())
    except SkipTest as skipped:  # e.g. no example could be generated for the operation
        pytest.skip(str(skipped))


@settings(
    max_examples=TARGET.max_examples,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def conforms(case: Case[Any], target: Target, session: requests.Session, passed: set[str]) -> None:
    """One case of an operation: sent, and judged by every check (`passed`: the checks that
    passed on an earlier case of the operation, whose passes are recorded once)."""
    import schemathesis
    from schemathesis.core.failures import FailureGroup

    operation_id = str(case.operation.definition.raw.get("operationId"))
    label = f"{case.operation.label} ({operation_id})"
    ledger = safety.ledger_for(target)
    try:
        ledger.reserve(case.method.upper(), case.formatted_path)
    except safety.BillableBudgetSpent as spent:
        pytest.skip(str(spent))
    excluded = [getattr(schemathesis.checks, name) for name in EXCLUDED]
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
    found = [r for r in found if not probe or r.name in METHOD_PROBE_CHECKS]
    _judge(found, label, response, passed)


def _judge(found: list[CheckResult], label: str, response: Any, passed: set[str]) -> None:
    """Record every check's verdict (a pass once per operation); fail the case on a gating
    failure. A failure of a tier that does not gate the run is recorded as a warning and the
    case goes on."""
    broken: list[RuleBroken] = []
    for result in found:
        rule = CHECK_RULES.get(result.name)
        if rule is None:
            continue
        if result.failure is None:
            if result.name not in passed:
                passed.add(result.name)
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
