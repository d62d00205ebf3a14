"""Retries, proven against the mock's fault injection: 429/5xx are retried for idempotent
requests and for creates with a `unique_id`, `Retry-After` is honoured, and a plain create is
never sent twice."""

from __future__ import annotations

import importlib.metadata
import logging
import time
from collections.abc import Iterator

import httpx
import pytest
from scale_api_client import AuthenticatedClient, from_api_key
from scale_api_client import errors as api_errors
from scale_api_client.api.projects import list_projects
from scale_api_client.api.tasks import create_annotation_task, get_task, list_tasks
from scale_api_client.models import AnnotationTaskCreate

import scale_spec
from scale_mock.testing import ThreadedMock, free_port
from tests.client_tests.conftest import fast_retry

BOX = {"attachment": "http://127.0.0.1:9/a.png", "objects_to_annotate": ["car"]}


@pytest.fixture
def faults(mock: ThreadedMock, key: str) -> Iterator[httpx.Client]:
    """The control API of the test's account: queue failures of its next requests."""
    with httpx.Client(base_url=mock.root_url, auth=(key, "")) as control:
        yield control


def queue(faults: httpx.Client, status: int, count: int, retry_after: int = 0) -> None:
    body = {"status": status, "count": count, "retry_after": retry_after}
    faults.post("/_mock/faults", json=body).raise_for_status()


@pytest.mark.parametrize("status", [429, 500, 503])
def test_idempotent_requests_are_retried_through_failures(
    client: AuthenticatedClient, faults: httpx.Client, status: int
) -> None:
    queue(faults, status, count=3)
    assert list_projects.sync(client=client) == []  # 3 failures, then the answer


def test_retries_give_up_with_the_typed_error(
    client: AuthenticatedClient, faults: httpx.Client
) -> None:
    queue(faults, 503, count=10)
    with pytest.raises(api_errors.ServiceUnavailable):
        list_projects.sync(client=client)  # 1 try + 4 retries
    faults.delete("/_mock/faults")


def test_retry_after_is_honoured(client: AuthenticatedClient, faults: httpx.Client) -> None:
    queue(faults, 429, count=1, retry_after=1)
    started = time.monotonic()
    list_tasks.sync(client=client)
    assert time.monotonic() - started >= 0.9  # the backoff alone would be milliseconds


def test_a_create_with_unique_id_is_retried(
    client: AuthenticatedClient, faults: httpx.Client
) -> None:
    queue(faults, 500, count=2)
    task = create_annotation_task.sync(
        client=client, body=AnnotationTaskCreate.from_dict({**BOX, "unique_id": "safe"})
    )
    assert get_task.sync(task.task_id, client=client).unique_id == "safe"


def test_a_create_without_unique_id_is_never_retried(
    client: AuthenticatedClient, faults: httpx.Client
) -> None:
    queue(faults, 500, count=1)
    with pytest.raises(api_errors.InternalServerError):
        create_annotation_task.sync(client=client, body=AnnotationTaskCreate.from_dict(BOX))
    assert list_tasks.sync(client=client).total == 0


def test_retries_can_be_turned_off(mock: ThreadedMock, key: str, faults: httpx.Client) -> None:
    queue(faults, 429, count=1, retry_after=3)
    with (
        from_api_key(key, base_url=mock.base_url, retries=False) as client,
        pytest.raises(api_errors.TooManyRequests) as caught,
    ):
        list_projects.sync(client=client)
    assert caught.value.retry_after == 3.0


def test_the_rate_limit_is_ridden_out(key: str) -> None:
    with (
        ThreadedMock(rate_limit=5) as limited,
        from_api_key(key, base_url=limited.base_url, retry=fast_retry(total=10)) as client,
    ):
        for _ in range(8):  # 3 over the limit: each waits out Retry-After: 1
            list_projects.sync(client=client)


def test_each_retry_is_logged_with_what_it_follows(
    client: AuthenticatedClient, faults: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="scale_api_client.retries")
    queue(faults, 503, count=2)
    list_projects.sync(client=client)
    lines = [r.getMessage() for r in caplog.records if r.name == "scale_api_client.retries"]
    assert len(lines) == 2, lines
    assert "(attempt 2) after status 503" in lines[0] and "/projects" in lines[0]
    assert "(attempt 3) after status 503" in lines[1]


def test_a_refused_connection_fails_at_once_without_retries(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Nothing listens on the port: a wrong base URL or a server not started. Retrying would
    only hide that for seconds (it took 8.8 s of silent retries before)."""
    caplog.set_level(logging.WARNING, logger="scale_api_client.retries")
    client = from_api_key("test_refused", base_url=f"http://127.0.0.1:{free_port()}/v1")
    with pytest.raises(httpx.ConnectError):
        get_task.sync("task-id", client=client)
    assert [r for r in caplog.records if r.name == "scale_api_client.retries"] == []


def test_the_package_names_its_version_and_generator() -> None:
    """The package's version is the spec's `info.version`; its generator is the pinned one."""
    import scale_api_client

    assert scale_api_client.__version__ == scale_spec.load().version
    generator = f"openapi-python-client {importlib.metadata.version('openapi-python-client')}"
    assert generator == scale_api_client.GENERATOR
    assert {"ScaleApiError", "NotFound", "TooManyRequests"} <= set(scale_api_client.__all__)
