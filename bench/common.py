"""What the benchmarks share: a task body and a fast way to fill an account with tasks."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import httpx

from scale_mock.store import Store
from scale_mock.testing import ThreadedMock

# The documents' categorization example without its `callback_url`: Prism sends no callbacks,
# so comparisons are of serving requests only.
CATEGORIZATION: dict[str, object] = {
    "instruction": "Is this company public or private?",
    "attachment_type": "website",
    "attachment": "http://www.google.com/",
    "categories": ["public", "private"],
}


def populate(database: Path, accounts: Mapping[str, int]) -> None:
    """Give each key of `accounts` that many tasks in the SQLite file `database`.

    One task per key goes through the mock's HTTP create path (so its shape is exactly what the
    mock stores); the rest are copies of it with new ids, written in one transaction."""
    store = Store(str(database))
    for key, count in accounts.items():
        with ThreadedMock(store=store) as mock, httpx.Client(auth=(key, "")) as client:
            created = client.post(f"{mock.base_url}/task/categorization", json=CATEGORIZATION)
            template = client.get(f"{mock.base_url}/task/{created.json()['task_id']}").json()
        with store.transaction() as db:
            for index in range(count - 1):
                task_id = f"{index:024x}"
                store.insert(db, key, "task", task_id, {**template, "task_id": task_id})
    store.close()
