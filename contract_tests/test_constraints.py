"""Each documented constraint, broken alone, gets 400 with the documented error body.

The cases come from `constraints.catalogue()`, i.e. from the spec: adding a `maxItems` to the
spec adds a case here.
"""

from __future__ import annotations

import pytest

from contract_tests.api import Api, check
from contract_tests.conftest import Claim
from contract_tests.constraints import Violation, catalogue
from contract_tests.safety import ACCOUNT_WRITES
from contract_tests.spec import schema_errors
from contract_tests.target import Target

CASES = catalogue()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_request_breaking_one_constraint_is_refused(
    api: Api, target: Target, claim: Claim, case: Violation
) -> None:
    claim(case.rule, case.operation)
    if case.operation.operation_id in ACCOUNT_WRITES and not target.allow_account_writes:
        pytest.skip("changes the account (team or Studio): needs --allow-account-writes")
    response = api.request(
        case.operation.method.upper(),
        case.path,
        params=dict(case.query) or None,
        json_body=case.body,
    )
    check(
        response.status_code == 400,
        case.rule,
        operation=case.operation,
        expected="400: the request breaks this rule and only this rule",
        response=response,
        api=api,
    )
    try:
        payload = response.json()
    except ValueError:
        payload = None
    problems = schema_errors("#/components/schemas/Error", payload)
    check(
        not problems,
        case.rule,
        operation=case.operation,
        expected=f"the documented error body (components/schemas/Error); problems: {problems}",
        response=response,
        api=api,
    )
