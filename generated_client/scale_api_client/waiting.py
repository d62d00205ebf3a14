"""Wait for a task to finish, by polling `GET /task/{task_id}`.

Scale finishes a task when a person (live keys) or the test pipeline (test keys) is done; the
push notification is the callback, and polling is for clients that cannot receive one.

Hand-written, copied into the package by scripts/generate_client.py.
"""

from __future__ import annotations

import asyncio
import time

from .api.tasks import get_task
from .client import AuthenticatedClient
from .models.task import Task
from .models.task_status import TaskStatus

FINISHED = frozenset({TaskStatus.COMPLETED, TaskStatus.CANCELED, TaskStatus.ERROR})


def wait_for_task(
    client: AuthenticatedClient, task_id: str, *, timeout: float = 600.0, interval: float = 5.0
) -> Task:
    """The task once it is completed, canceled or errored; TimeoutError after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        task = get_task.sync(task_id, client=client)
        if task.status in FINISHED:
            return task
        if time.monotonic() + interval > deadline:
            raise TimeoutError(f"task {task_id} still {task.status} after {timeout} s")
        time.sleep(interval)


async def await_task(
    client: AuthenticatedClient, task_id: str, *, timeout: float = 600.0, interval: float = 5.0
) -> Task:
    """`wait_for_task`, for asyncio."""
    deadline = time.monotonic() + timeout
    while True:
        task = await get_task.asyncio(task_id, client=client)
        if task.status in FINISHED:
            return task
        if time.monotonic() + interval > deadline:
            raise TimeoutError(f"task {task_id} still {task.status} after {timeout} s")
        await asyncio.sleep(interval)
