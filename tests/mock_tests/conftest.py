"""scale-mock in-process on a free 127.0.0.1 port, with callbacks retried on a compressed clock.

Every test client validates every response against the spec (see `conformance`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest
from starlette.types import ASGIApp

from scale_mock.testing import ThreadedMock
from tests.mock_tests.conformance import SpecCheckingApp, hook

TEST_KEY = "test_abc123"
LIVE_KEY = "live_abc123"
OTHER_KEY = "test_other456"
# 20 callback attempts within ~0.75 s instead of ~21 h.
TIME_SCALE = 1e-5

ClientFactory = Callable[[str], httpx.Client]


def fresh_key(mode: str = "test") -> str:
    """A key no other test uses: its own empty tenant."""
    return f"{mode}_{uuid.uuid4().hex}"


def api_client(base_url: str, key: str) -> httpx.Client:
    return httpx.Client(
        base_url=base_url, auth=(key, ""), timeout=10, event_hooks={"response": [hook]}
    )


@pytest.fixture(scope="module")
def mock() -> Iterator[ThreadedMock]:
    """One mock per test module; every response it gives, to any client, is spec-checked."""
    checker: list[SpecCheckingApp] = []

    def wrap(app: ASGIApp) -> ASGIApp:
        checker.append(SpecCheckingApp(app))
        return checker[0]

    with ThreadedMock(wrap=wrap, faults=True, callback_time_scale=TIME_SCALE) as running:
        yield running
    assert not checker[0].violations, checker[0].violations


@pytest.fixture(scope="module")
def base_url(mock: ThreadedMock) -> str:
    return mock.base_url


@pytest.fixture
def client_for(base_url: str) -> Iterator[ClientFactory]:
    opened: list[httpx.Client] = []

    def make(key: str) -> httpx.Client:
        opened.append(api_client(base_url, key))
        return opened[-1]

    yield make
    for http in opened:
        http.close()


@pytest.fixture
def client(client_for: ClientFactory) -> httpx.Client:
    return client_for(TEST_KEY)


@pytest.fixture
def live(client_for: ClientFactory) -> httpx.Client:
    return client_for(LIVE_KEY)


@pytest.fixture
def fresh(client_for: ClientFactory) -> httpx.Client:
    """A test-mode client of a new, empty tenant."""
    return client_for(fresh_key())


@pytest.fixture
def control(mock: ThreadedMock) -> Iterator[ClientFactory]:
    """A client of the control API (`/_mock`) for a key."""
    opened: list[httpx.Client] = []

    def make(key: str) -> httpx.Client:
        opened.append(httpx.Client(base_url=mock.root_url, auth=(key, ""), timeout=10))
        return opened[-1]

    yield make
    for http in opened:
        http.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The coverage check reads what every other test did, so it runs last."""
    last = [item for item in items if item.path.name == "test_every_operation.py"]
    items[:] = [item for item in items if item not in last] + last
