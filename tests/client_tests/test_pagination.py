"""Pagination helpers (every task and batch exactly once, by cursor and by offset, lazily)
and waiting for a task."""

from __future__ import annotations

import itertools
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from scale_api_client import (
    AuthenticatedClient,
    aiter_batches,
    aiter_tasks,
    from_api_key,
    iter_batches,
    iter_tasks,
    wait_for_task,
)
from scale_api_client.api.batches import create_batch
from scale_api_client.api.projects import create_project
from scale_api_client.api.tasks import create_annotation_task
from scale_api_client.models import AnnotationTaskCreate, BatchCreate, ProjectCreate, TaskStatus

from scale_mock.testing import ThreadedMock

TASKS = 1_050
BOX = {"attachment": "http://127.0.0.1:9/a.png", "objects_to_annotate": ["car"]}


@pytest.fixture(scope="module")
def account(mock: ThreadedMock) -> Iterator[tuple[AuthenticatedClient, list[str]]]:
    """An account with 1,050 tasks in project `p`, shared by this module's tests."""
    with from_api_key(f"test_{uuid.uuid4().hex}", base_url=mock.base_url) as client:
        project = ProjectCreate.from_dict({"type": "annotation", "name": "p"})
        create_project.sync(client=client, body=project)
        body = AnnotationTaskCreate.from_dict({**BOX, "project": "p"})

        def create(_: int) -> str:
            return create_annotation_task.sync(client=client, body=body).task_id

        with ThreadPoolExecutor(4) as pool:
            created = list(pool.map(create, range(TASKS)))
        yield client, created


def test_iter_tasks_yields_every_task_once_by_cursor_and_by_offset(
    account: tuple[AuthenticatedClient, list[str]],
) -> None:
    client, created = account
    by_cursor = [task.task_id for task in iter_tasks(client, project="p")]
    assert len(by_cursor) == TASKS and set(by_cursor) == set(created)
    by_offset = [task.task_id for task in iter_tasks(client, by_offset=True, page_size=37)]
    assert by_offset == by_cursor


def test_iter_tasks_fetches_a_page_only_when_needed(
    account: tuple[AuthenticatedClient, list[str]],
) -> None:
    client, _ = account
    requests: list[httpx.Request] = []
    client.get_httpx_client().event_hooks["request"].append(requests.append)
    try:
        first = list(itertools.islice(iter_tasks(client, page_size=10), 25))
    finally:
        client.get_httpx_client().event_hooks["request"].remove(requests.append)
    assert len(first) == 25 and len(requests) == 3


@pytest.mark.anyio
async def test_aiter_tasks_and_batches(account: tuple[AuthenticatedClient, list[str]]) -> None:
    client, created = account
    seen = [task.task_id async for task in aiter_tasks(client, page_size=100)]
    assert sorted(seen) == sorted(created)
    for index in range(7):
        create_batch.sync(client=client, body=BatchCreate(project="p", name=f"b{index}"))
    names = [batch.name async for batch in aiter_batches(client, page_size=3)]
    assert sorted(names) == [f"b{i}" for i in range(7)]
    assert [b.name for b in iter_batches(client, page_size=2, project="p")] == names


def test_wait_for_task_returns_once_a_person_finishes_it(mock: ThreadedMock) -> None:
    key = f"live_{uuid.uuid4().hex}"
    with from_api_key(key, base_url=mock.base_url) as client:
        task = create_annotation_task.sync(client=client, body=AnnotationTaskCreate.from_dict(BOX))
        with pytest.raises(TimeoutError):
            wait_for_task(client, task.task_id, timeout=0.05, interval=0.01)
        finisher = threading.Timer(
            0.1,
            lambda: httpx.post(
                f"{mock.root_url}/_mock/tasks/{task.task_id}/complete", auth=(key, "")
            ),
        )
        finisher.start()
        done = wait_for_task(client, task.task_id, timeout=10, interval=0.02)
        finisher.join()
    assert done.status == TaskStatus.COMPLETED
