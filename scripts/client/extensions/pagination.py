"""Every task of `GET /tasks` and every batch of `GET /batches`, lazily, one page in memory.

Tasks page by `next_token` (the API's cursor) or, with `by_offset=True`, by the deprecated
`offset`; batches page by `offset`, the only paging `GET /batches` has. Filters are the list
operation's own keyword arguments (`project=`, `status=`, `start_time=`, ...), typed by the
operation's `Filters`: a misspelt or mistyped filter fails type-checking, not at run time.

Hand-written, copied into the package by scripts/generate_client.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any, Unpack

from .api.batches import list_batches
from .api.tasks import list_tasks
from .client import AuthenticatedClient
from .models.batch import Batch
from .models.task import Task
from .types import UNSET


def iter_tasks(
    client: AuthenticatedClient,
    *,
    page_size: int = 100,
    by_offset: bool = False,
    **filters: Unpack[list_tasks.Filters],
) -> Iterator[Task]:
    """Yield every task matching `filters`, newest first, fetching a page at a time."""
    token: Any = UNSET
    offset = 0
    while True:
        if by_offset:
            page = list_tasks.sync(client=client, limit=page_size, offset=offset, **filters)
        else:
            page = list_tasks.sync(client=client, limit=page_size, next_token=token, **filters)
        yield from page.docs
        if not page.has_more or not page.docs:
            return
        offset += len(page.docs)
        token = page.next_token
        if not by_offset and not isinstance(token, str):
            raise RuntimeError("the server said has_more but sent no next_token")


async def aiter_tasks(
    client: AuthenticatedClient,
    *,
    page_size: int = 100,
    by_offset: bool = False,
    **filters: Unpack[list_tasks.Filters],
) -> AsyncIterator[Task]:
    """`iter_tasks`, for asyncio."""
    token: Any = UNSET
    offset = 0
    while True:
        if by_offset:
            page = await list_tasks.asyncio(
                client=client, limit=page_size, offset=offset, **filters
            )
        else:
            page = await list_tasks.asyncio(
                client=client, limit=page_size, next_token=token, **filters
            )
        for task in page.docs:
            yield task
        if not page.has_more or not page.docs:
            return
        offset += len(page.docs)
        token = page.next_token
        if not by_offset and not isinstance(token, str):
            raise RuntimeError("the server said has_more but sent no next_token")


def iter_batches(
    client: AuthenticatedClient, *, page_size: int = 100, **filters: Unpack[list_batches.Filters]
) -> Iterator[Batch]:
    """Yield every batch matching `filters`, a page at a time."""
    offset = 0
    while True:
        page = list_batches.sync(client=client, limit=page_size, offset=offset, **filters)
        yield from page.docs
        if not page.has_more or not page.docs:
            return
        offset += len(page.docs)


async def aiter_batches(
    client: AuthenticatedClient, *, page_size: int = 100, **filters: Unpack[list_batches.Filters]
) -> AsyncIterator[Batch]:
    """`iter_batches`, for asyncio."""
    offset = 0
    while True:
        page = await list_batches.asyncio(client=client, limit=page_size, offset=offset, **filters)
        for batch in page.docs:
            yield batch
        if not page.has_more or not page.docs:
            return
        offset += len(page.docs)
