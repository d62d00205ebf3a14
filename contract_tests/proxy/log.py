"""The exchange log: one JSON object per line and exchange, redacted (`redact`), flushed as
written. Bodies are not logged, only their sizes; headers are, secret ones as `[redacted]`."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from contract_tests.proxy.redact import Redactor


class ExchangeLog:
    def __init__(self, path: Path | None, redactor: Redactor) -> None:
        self.path = path
        self.redactor = redactor
        self._lock = threading.Lock()
        self._handle = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = path.open("a", encoding="utf-8")

    def write(self, entry: dict[str, Any]) -> None:
        if self._handle is None:
            return
        text = json.dumps(entry, sort_keys=True, default=str, ensure_ascii=False)
        line = self.redactor.text(text)
        with self._lock:
            self._handle.write(line + "\n")
            self._handle.flush()

    def close(self) -> None:
        with self._lock:
            if self._handle is not None:
                self._handle.close()
                self._handle = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
