"""pytest options and fixtures of the contract suite (`pytest contract_tests --base-url ...`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from contract_tests.api import Api, Rule
from contract_tests.spec import Operation
from contract_tests.target import Target, new_run_id

Claim = Callable[[Rule, Operation | str], None]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("scale-contract", "the Scale API contract suite")
    group.addoption("--base-url", help="API root including /v1, e.g. http://127.0.0.1:4010/v1")
    group.addoption("--api-key", help="a test_ key of the account under test")
    group.addoption("--second-api-key", help="a key of another account (tenant isolation)")
    group.addoption("--max-examples", type=int, default=10, help="examples per property")
    group.addoption("--seed", type=int, help="Hypothesis seed, to replay a run")
    group.addoption("--allow-live", action="store_true", help="accept a live_ key (costs money)")
    group.addoption(
        "--callback-host",
        help="host the server can POST callbacks to (default: 127.0.0.1 when the server is on "
        "loopback, else no callback checks); 'none' turns them off",
    )
    group.addoption("--callback-auth-key", help="expected scale-callback-auth header value")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "billable: creates tasks, which cost money on live keys")
    base_url = config.getoption("--base-url")
    if base_url is None:
        return  # not a contract run (e.g. `--help`)
    api_key = config.getoption("--api-key")
    if not api_key:
        raise pytest.UsageError("--api-key is required")
    if api_key.startswith("live_") and not config.getoption("--allow-live"):
        raise pytest.UsageError(
            "refusing a live_ key: live tasks are done by people and cost money; "
            "pass --allow-live to run against it anyway"
        )
    callback_host = config.getoption("--callback-host")
    target = Target(
        base_url=base_url.rstrip("/"),
        api_key=api_key,
        second_api_key=config.getoption("--second-api-key"),
        max_examples=config.getoption("--max-examples"),
        seed=config.getoption("--seed"),
        callback_host=callback_host,
        callback_auth_key=config.getoption("--callback-auth-key"),
        run_id=new_run_id(),
    )
    if callback_host is None and target.is_loopback:
        target = Target(**{**target.__dict__, "callback_host": "127.0.0.1"})
    if callback_host == "none":
        target = Target(**{**target.__dict__, "callback_host": None})
    target.publish()


def pytest_sessionstart(session: pytest.Session) -> None:
    """Fail fast, with exit status 2, when the server cannot be reached at all."""
    if session.config.getoption("--base-url") is None:
        return
    target = Target.from_environment()
    try:
        httpx.get(f"{target.base_url}/projects", auth=(target.api_key, ""), timeout=15)
    except httpx.HTTPError as error:
        pytest.exit(f"cannot reach {target.base_url}: {error}", returncode=2)


@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config) -> Target:
    if pytestconfig.getoption("--base-url") is None:
        pytest.exit("the contract suite needs --base-url and --api-key", returncode=2)
    return Target.from_environment()


@pytest.fixture(scope="session")
def api(target: Target) -> Iterator[Api]:
    client = Api(target.base_url, target.api_key)
    yield client
    client.close()


@pytest.fixture(scope="session")
def second_api(target: Target) -> Iterator[Api]:
    if target.second_api_key is None:
        pytest.skip("tenant isolation needs --second-api-key")
    client = Api(target.base_url, target.second_api_key)
    yield client
    client.close()


@pytest.fixture
def claim(record_property: Callable[[str, object], None]) -> Claim:
    """Record which documented rule (and operation) the test checks, for the report."""

    seen: set[tuple[str, str]] = set()

    def record(rule: Rule, operation: Operation | str) -> None:
        label = operation.label if isinstance(operation, Operation) else operation
        if (rule.id, label) in seen:
            return
        seen.add((rule.id, label))
        record_property("rule", rule.id)
        record_property("rule_text", rule.text)
        record_property("rule_location", rule.location)
        record_property("operation", label)

    return record
