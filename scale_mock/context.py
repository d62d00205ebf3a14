"""What every handler gets: the compiled spec, the store, the outbox, the caller and the input."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scale_mock.callbacks import CallbackDispatcher
from scale_mock.spec import CompiledSpec
from scale_mock.store import Store
from scale_mock.validation import ValidRequest


@dataclass(frozen=True)
class Services:
    """The long-lived parts of one running mock."""

    spec: CompiledSpec
    store: Store
    callbacks: CallbackDispatcher
    hold_test_tasks: bool = False  # `--hold-test-tasks`: test-mode tasks stay pending too


@dataclass(frozen=True)
class Context:
    """One authenticated, validated request."""

    services: Services
    key: str
    request: ValidRequest
    hold: bool = False  # `Scale-Mock-Hold: pending` on a task creation

    @property
    def store(self) -> Store:
        return self.services.store

    @property
    def body(self) -> Any:
        return self.request.body

    def path(self, name: str) -> str:
        return self.request.path[name]


Handler = Callable[[Context], Any]
