"""scale-mock in-process on a free 127.0.0.1 port, with callbacks retried on a compressed clock.

Every test client validates every response against the spec (see `conformance`). Every test
runs against both stores (`[sqlite]`, `[postgresql]`): a mock built without a store of its own
serves from a fresh in-memory SQLite database, or from a fresh database of a throwaway
PostgreSQL cluster (`scale_mock.pg_cluster`, started once per session; the tests of that store
skip, saying why, where PostgreSQL cannot be had).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest
from starlette.types import ASGIApp

from scale_mock import testing
from scale_mock.pg_cluster import PostgresCluster, PostgresUnavailable
from scale_mock.store import Storage
from scale_mock.testing import ThreadedMock
from tests.mock_tests.conformance import SpecCheckingApp, hook

TEST_KEY = "test_abc123"
LIVE_KEY = "live_abc123"
OTHER_KEY = "test_other456"
# 20 callback attempts within ~0.75 s instead of ~21 h.
TIME_SCALE = 1e-5

ClientFactory = Callable[[str], httpx.Client]
STORES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster | str]:
    """The session's PostgreSQL cluster, or why there is none."""
    try:
        cluster = PostgresCluster()
    except PostgresUnavailable as reason:
        yield str(reason)
        return
    with cluster:
        yield cluster


@pytest.fixture(scope="module", params=STORES, autouse=True)
def store_backend(request: pytest.FixtureRequest, postgres: PostgresCluster | str) -> Iterator[str]:
    """Which store the module's mocks serve from; PostgreSQL: a new database per mock."""
    if request.param == "sqlite":
        yield "sqlite"
        return
    if isinstance(postgres, str):
        pytest.skip(f"PostgreSQL store: {postgres}")
    from scale_mock.pg_store import PostgresStore

    def fresh_database() -> Storage:
        return PostgresStore(postgres.create_database(f"mock_{uuid.uuid4().hex[:16]}"))

    before = testing.default_store
    testing.default_store = fresh_database
    try:
        yield "postgresql"
    finally:
        testing.default_store = before


def fresh_key(mode: str = "test") -> str:
    """A key no other test uses: its own empty tenant."""
    return f"{mode}_{uuid.uuid4().hex}"


def api_client(base_url: str, key: str) -> httpx.Client:
    return httpx.Client(
        base_url=base_url, auth=(key, ""), timeout=10, event_hooks={"response": [hook]}
    )


@pytest.fixture(scope="module")
def database(
    store_backend: str, postgres: PostgresCluster | str, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """A durable `--db` of the module's store: a new SQLite file, or a new PostgreSQL database."""
    if store_backend == "postgresql" and isinstance(postgres, PostgresCluster):
        return postgres.create_database(f"db_{uuid.uuid4().hex[:16]}")
    return str(tmp_path_factory.mktemp("db") / "mock.sqlite3")


@pytest.fixture(scope="module")
def mock(store_backend: str) -> Iterator[ThreadedMock]:
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
