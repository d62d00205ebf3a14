"""Faults on demand: asked for by header, queued through the control API, or from the rate
limit; all off unless the mock was started with them."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from scale_mock.testing import ThreadedMock
from tests.mock_tests.conftest import ClientFactory, fresh_key


@pytest.mark.parametrize("status", [429, 500, 503])
def test_a_header_asks_for_a_fault(client: httpx.Client, status: int) -> None:
    response = client.get(
        "/tasks", headers={"X-Scale-Mock-Fault": str(status), "X-Scale-Mock-Retry-After": "7"}
    )
    assert response.status_code == status
    assert response.json()["status_code"] == status
    if status != 500:
        assert response.headers["retry-after"] == "7"
    assert client.get("/tasks").status_code == 200  # one request, one fault


def test_a_bad_fault_header_is_a_400(client: httpx.Client) -> None:
    response = client.get("/tasks", headers={"X-Scale-Mock-Fault": "418"})
    assert response.status_code == 400 and response.json()["rule"] == "enum"


def test_queued_faults_fail_the_next_requests_of_that_key_only(
    client_for: ClientFactory, control: ClientFactory
) -> None:
    key, other = fresh_key(), fresh_key()
    hub = control(key)
    queued = hub.post("/_mock/faults", json={"status": 503, "count": 2, "retry_after": 0})
    assert queued.status_code == 200
    api = client_for(key)
    assert client_for(other).get("/tasks").status_code == 200
    assert [api.get("/tasks").status_code for _ in range(3)] == [503, 503, 200]
    hub.post("/_mock/faults", json={"status": 500, "count": 5})
    assert hub.delete("/_mock/faults").status_code == 200
    assert api.get("/tasks").status_code == 200
    refused = hub.post("/_mock/faults", json={"status": 404})
    assert refused.status_code == 400 and refused.json()["field"] == "body.status"


@pytest.fixture
def limited() -> Iterator[ThreadedMock]:
    with ThreadedMock(rate_limit=5) as running:
        yield running


def test_the_rate_limit_answers_429_with_retry_after(limited: ThreadedMock) -> None:
    with httpx.Client(base_url=limited.base_url, auth=(fresh_key(), "")) as api:
        statuses = [api.get("/tasks").status_code for _ in range(8)]
        assert statuses == [200] * 5 + [429] * 3
        refused = api.get("/tasks")
        assert refused.headers["retry-after"] == "1"
    with httpx.Client(base_url=limited.base_url, auth=(fresh_key(), "")) as other:
        assert other.get("/tasks").status_code == 200  # per key


def test_faults_are_off_by_default(limited: ThreadedMock) -> None:
    with httpx.Client(base_url=limited.base_url, auth=(fresh_key(), "")) as api:
        assert api.get("/tasks", headers={"X-Scale-Mock-Fault": "500"}).status_code == 200
    with httpx.Client(base_url=limited.root_url, auth=(fresh_key(), "")) as hub:
        assert hub.post("/_mock/faults", json={"status": 500}).status_code == 400
