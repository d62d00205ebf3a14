"""Every operation of the spec was called through the generated client in this run, and
answered a success. Runs last (see `conftest.pytest_collection_modifyitems`)."""

from __future__ import annotations

from pathlib import Path

import pytest

import scale_spec
from tests.mock_tests.conformance import SEEN_BY_CLIENT

HERE = Path(__file__).parent


def test_every_operation_was_called_through_the_generated_client(
    request: pytest.FixtureRequest,
) -> None:
    ran = {Path(str(item.path)).name for item in request.session.items}
    needed = {"test_operations.py"}
    if not needed <= ran:
        pytest.skip("needs test_operations.py in the same run")
    seen = SEEN_BY_CLIENT["scale-api-client"]
    missing = [
        op.operation_id for op in scale_spec.load().operations if 200 not in seen[op.operation_id]
    ]
    assert not missing, f"never called with success through the client: {missing}"
