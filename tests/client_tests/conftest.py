"""The generated client against scale-mock, started on a free port for each test module.

The mock checks every response it gives against the spec (as in the mock's own tests), so a
passing client test is also a conformant exchange.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from httpx_retries import Retry
from scale_api_client import AuthenticatedClient, from_api_key
from scale_api_client.retries import RETRIED_ERRORS, RETRY_STATUSES
from starlette.types import ASGIApp

from scale_mock.testing import ThreadedMock
from tests.mock_tests.conformance import SpecCheckingApp


def fast_retry(total: int = 4) -> Retry:
    """The default policy with millisecond waits, so retry tests stay fast."""
    return Retry(
        total=total,
        backoff_factor=0.001,
        backoff_jitter=1.0,
        max_backoff_wait=5.0,
        status_forcelist=RETRY_STATUSES,
        retry_on_exceptions=RETRIED_ERRORS,
    )


@pytest.fixture(scope="module")
def mock() -> Iterator[ThreadedMock]:
    checker: list[SpecCheckingApp] = []

    def wrap(app: ASGIApp) -> ASGIApp:
        checker.append(SpecCheckingApp(app))
        return checker[0]

    with ThreadedMock(wrap=wrap, faults=True, callback_time_scale=1e-5) as running:
        yield running
    assert not checker[0].violations, checker[0].violations


@pytest.fixture
def key() -> str:
    """A fresh test-mode account per test."""
    return f"test_{uuid.uuid4().hex}"


@pytest.fixture
def client(mock: ThreadedMock, key: str) -> Iterator[AuthenticatedClient]:
    with from_api_key(key, base_url=mock.base_url, retry=fast_retry()) as api:
        yield api


@pytest.fixture
def live_client(mock: ThreadedMock) -> Iterator[AuthenticatedClient]:
    with from_api_key(f"live_{uuid.uuid4().hex}", base_url=mock.base_url) as api:
        yield api


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The coverage check reads what the other client tests did, so it runs after them."""
    last = [item for item in items if item.path.name == "test_every_operation.py"]
    items[:] = [item for item in items if item not in last] + last
