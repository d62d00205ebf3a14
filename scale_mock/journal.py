"""The request journal: every API request a key made, in arrival order, for tests and users.

`GET /_mock/requests` answers the caller's own entries (see `control`). Each entry is the
method, the path and query string exactly as sent, the operation the spec routed it to (null for
an unknown path or method), the status answered (null while the request is still being served)
and the task it concerned (the created task, or the path's `task_id`; otherwise null). Requests
without a valid key belong to no tenant and are not recorded. Kept in memory, the newest
`LIMIT` entries per key.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Any

LIMIT = 10_000


class RequestJournal:
    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._entries: dict[str, deque[dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def start(self, key: str, method: str, path: str, query: str) -> dict[str, Any]:
        """Record a request as it arrives; the caller fills in the rest when it is answered."""
        entry: dict[str, Any] = {
            "method": method,
            "path": path,
            "query": query,
            "operation_id": None,
            "status": None,
            "task_id": None,
        }
        with self._lock:
            self._entries.setdefault(key, deque(maxlen=self.limit)).append(entry)
        return entry

    def finish(
        self, entry: dict[str, Any], operation_id: str | None, status: int, task_id: str | None
    ) -> None:
        with self._lock:
            entry.update(operation_id=operation_id, status=status, task_id=task_id)

    def entries(self, key: str) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(entry) for entry in self._entries.get(key, ())]

    def clear(self, key: str) -> None:
        with self._lock:
            self._entries.pop(key, None)
