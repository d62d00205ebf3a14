"""What every handler gets: the compiled spec, the outbox, the caller's transaction, the input."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scale_mock.callbacks import CallbackDispatcher
from scale_mock.spec import CompiledSpec
from scale_mock.store import Storage, Tx
from scale_mock.validation import ValidRequest


@dataclass(frozen=True)
class Services:
    """The long-lived parts of one running mock."""

    spec: CompiledSpec
    store: Storage
    callbacks: CallbackDispatcher
    hold_test_tasks: bool = False  # `--hold-test-tasks`: test-mode tasks stay pending too


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
