"""What every handler gets: the compiled spec, the outbox, the caller's transaction, the input."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from scale_mock.callbacks import CallbackDispatcher
from scale_mock.spec import CompiledSpec
from scale_mock.store import Busy, Storage, Tx
from scale_mock.validation import ValidRequest

T = TypeVar("T")


@dataclass(frozen=True)
class Services:
    """The long-lived parts of one running mock."""

    spec: CompiledSpec
    store: Storage
    callbacks: CallbackDispatcher
    hold_test_tasks: bool = False  # `--hold-test-tasks`: test-mode tasks stay pending too

    async def in_transaction(
        self, tenant: str, work: Callable[[Tx], T], *, heavy: bool = False
    ) -> T:
        """`work(tx)` in one transaction of `tenant`, never making the event loop wait for the
        database. A transaction that can start at once runs on the loop: most are a few indexed
        statements (the paged lists page in one query), and a hop to a worker thread per request
        would halve the requests served. One that would have to wait (another transaction, or
        another process, holds the database), or is `heavy` (an upload's bytes, a list of every
        record of a kind), runs on a worker thread, so `/_mock/health` and every other
        connection go on being served."""
        if not heavy:
            try:
                with self.store.transaction(tenant, wait=False) as tx:
                    return work(tx)
            except Busy:
                pass  # nothing was done: wait for the database on a worker thread

        def run() -> T:
            with self.store.transaction(tenant) as tx:
                return work(tx)

        return await run_in_threadpool(run)


@dataclass(frozen=True)
class Context:
    """One authenticated, validated request, served in one transaction of the caller's tenant."""

    services: Services
    tx: Tx
    request: ValidRequest
    hold: bool = False  # `Scale-Mock-Hold: pending` on a task creation

    @property
    def key(self) -> str:
        return self.tx.tenant

    @property
    def body(self) -> Any:
        return self.request.body

    def path(self, name: str) -> str:
        return self.request.path[name]


Handler = Callable[[Context], Any]
