"""Every error the mock answers, the control API's and a bug's included, is the `Error` JSON."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

import httpx
import pytest

from scale_mock import testing
from scale_mock.store import CallbackJob, Tx
from scale_mock.testing import ThreadedMock
from tests.mock_tests.conftest import ClientFactory, fresh_key

BROKEN_KEY = "test_broken"


def assert_error_json(answer: httpx.Response, status: int | None = None) -> dict[str, Any]:
    """The documented error shape: `{"error": str, "status_code": int, "field"?, "rule"?}`."""
    assert answer.headers["content-type"] == "application/json", answer.text
    body = answer.json()
    assert isinstance(body["error"], str) and body["error"], body
    assert body["status_code"] == answer.status_code, body
    assert set(body) <= {"error", "status_code", "field", "rule"}, body
    if status is not None:
        assert answer.status_code == status, body
    return dict(body)


def test_a_bad_request_to_the_control_api_is_error_json(control: ClientFactory) -> None:
    hub = control(fresh_key())
    body = assert_error_json(hub.post("/_mock/faults", content=b"{not json"), 400)
    assert (body["field"], body["rule"]) == ("body", "json")
    body = assert_error_json(hub.post("/_mock/faults", json=["a list"]), 400)
    assert body["rule"] == "type"
    assert_error_json(hub.post("/_mock/tasks/no-such-task/complete"), 404)


def test_a_control_request_without_a_key_is_error_json(mock: ThreadedMock) -> None:
    answer = httpx.get(f"{mock.root_url}/_mock/callbacks")
    assert_error_json(answer, 401)
    assert answer.headers["www-authenticate"].startswith("Basic")


def test_an_unknown_control_route_is_error_json(control: ClientFactory) -> None:
    hub = control(fresh_key())
    for method in ("GET", "POST", "DELETE"):
        assert_error_json(hub.request(method, "/_mock/no-such-control"), 404)


def test_a_wrong_method_on_a_control_route_is_error_json(control: ClientFactory) -> None:
    answer = control(fresh_key()).put("/_mock/callbacks")
    assert_error_json(answer, 405)
    assert answer.headers["allow"]


def test_a_control_request_with_a_status_of_the_wrong_type_is_a_400_naming_it(
    control: ClientFactory,
) -> None:
    """A list where a status belongs (once a TypeError, a 500) is bad input, named."""
    wrong: tuple[object, ...] = ([], {}, "429", True)
    for status in wrong:
        answer = control(fresh_key()).post("/_mock/faults", json={"status": status})
        assert_error_json(answer, 400)
        assert "status" in answer.json()["error"]


class BrokenStore:
    """A `Storage` whose transactions fail for one tenant, as a bug or a lost disk would."""

    def __init__(self) -> None:
        self.store = testing.default_store()

    def transaction(self, tenant: str, *, wait: bool = True) -> AbstractContextManager[Tx]:
        if tenant == BROKEN_KEY:
            raise RuntimeError("the store is gone")
        return self.store.transaction(tenant, wait=wait)

    def tenants(self, kind: str) -> list[str]:
        return self.store.tenants(kind)

    def claim_callbacks(
        self, lease_seconds: float, limit: int, skip: Sequence[str] = ()
    ) -> list[CallbackJob]:
        return self.store.claim_callbacks(lease_seconds, limit, skip)

    def next_callback_due(self) -> float | None:
        return self.store.next_callback_due()

    def close(self) -> None:
        self.store.close()


@pytest.fixture(scope="module")
def broken_mock(store_backend: str) -> Iterator[ThreadedMock]:
    store = BrokenStore()
    with ThreadedMock(store=store) as running:
        yield running
    store.close()


def test_an_unexpected_failure_is_a_500_in_error_json_and_journaled(
    broken_mock: ThreadedMock,
) -> None:
    with httpx.Client(base_url=broken_mock.root_url, auth=(BROKEN_KEY, ""), timeout=10) as http:
        body = assert_error_json(http.get("/v1/projects"), 500)
        assert body["error"] == "scale-mock failed; this is a bug in the mock"
        assert_error_json(http.get("/_mock/callbacks"), 500)
        journal = http.get("/_mock/requests").json()
    assert [(e["operation_id"], e["status"]) for e in journal] == [("list_projects", 500)]
    with httpx.Client(base_url=broken_mock.base_url, auth=(fresh_key(), "")) as other:
        assert other.get("/projects").json() == []
