"""The broad net: Schemathesis drives every operation with examples, boundary values (the
coverage phase) and generated data, valid and invalid, and checks every answer against the
spec: no 5xx, only documented statuses and content types, response bodies and headers as
declared, invalid requests rejected, credentials required, undeclared methods 405 with Allow.

Schema-valid requests a server may still refuse for documented reasons that JSON Schema cannot
express (the `x-scale-rules`, unknown projects) are not counted against it
(`positive_data_acceptance` is off); `test_constraints` checks each such rule explicitly.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Case

from contract_tests.api import Rule
from contract_tests.conftest import Claim
from contract_tests.target import SPEC_PATH, Target

CONFORMS = Rule(
    "schemathesis.responses_and_inputs_match_the_spec",
    "Every answer matches the spec (status, content type, body, headers); invalid requests, "
    "missing credentials and undeclared methods are refused; no 5xx.",
    "#/paths",
)

TARGET = Target.from_environment()
schema = schemathesis.openapi.from_path(str(SPEC_PATH))
if TARGET.base_url:
    schema.config.update(base_url=TARGET.base_url, basic_auth=(TARGET.api_key, ""))

pytestmark = pytest.mark.billable


@schema.parametrize()
@settings(
    max_examples=TARGET.max_examples,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_operation_conforms_to_the_spec(case: Case[Any], claim: Claim, target: Target) -> None:
    operation_id = case.operation.definition.raw.get("operationId")
    claim(CONFORMS, f"{case.operation.label} ({operation_id})")
    excluded = [schemathesis.checks.positive_data_acceptance]
    if "multipart/form-data" in case.operation.get_request_payload_content_types():
        # Schemathesis "breaks" a multipart text field by making it an array, and an empty
        # array is no field at all: the request it sends is valid (a false ST201).
        excluded.append(schemathesis.checks.negative_data_rejection)
    case.call_and_validate(excluded_checks=excluded)
