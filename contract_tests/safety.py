"""What keeps a run harmless on a real account: keys never shown, billable creates counted and
capped, what the run created remembered and cleaned up, and no write to anything it did not
create (team and Studio writes only with --allow-account-writes).
"""

from __future__ import annotations

import base64
import re
import threading
from dataclasses import dataclass, field
from typing import Any

import httpx

from contract_tests.target import Target

# POST /task/<type>, /evaluation_tasks/<type>, /training_tasks/<type>: each creates a task,
# which is billed on a live key. A path pattern, not the spec's `x-scale-task-type`, on purpose:
# task types are open, and a create of a type the spec does not list is billed all the same.
BILLABLE = re.compile(r"^/(task|evaluation_tasks|training_tasks)/[^/]+$")
# Operations that change the account itself rather than objects a run creates.
ACCOUNT_WRITES = frozenset(
    {
        "invite_teammates",
        "set_teammates_role",
        "add_studio_assignments",
        "remove_studio_assignments",
        "create_studio_project_group",
        "update_studio_project_group",
        "assign_studio_batch",
        "set_studio_batches_priorities",
        "reset_studio_batches_priorities",
    }
)
RUN_PREFIX = "contract-"


def header_variable(name: str) -> str:
    """The shell variable a reproducer names instead of an extra header's value."""
    return "$SCALE_HEADER_" + re.sub(r"[^A-Za-z0-9]", "_", name).upper()


def secrets_of(target: Target) -> list[tuple[str, str]]:
    """(secret, what is shown instead) for every form in which the run's keys could show up in
    a text, and the values of its extra headers (a gateway token, say) long enough to be one."""
    found: list[tuple[str, str]] = []
    for key in (target.api_key, target.second_api_key):
        if key:
            found += [(key, "$SCALE_API_KEY")]
            found += [(base64.b64encode(f"{key}:".encode()).decode(), "$SCALE_API_KEY")]
    found += [(value, header_variable(name)) for name, value in target.headers if len(value) >= 8]
    return sorted(found, key=lambda pair: len(pair[0]), reverse=True)


def redact(text: str, target: Target) -> str:
    for secret, shown in secrets_of(target):
        text = text.replace(secret, shown)
    return text


def run_name(target: Target, purpose: str) -> str:
    """A name for an object of this run: says it is the suite's and which run made it."""
    return f"{RUN_PREFIX}{purpose}-{target.run_id}"


class BillableBudgetSpent(Exception):
    """--max-billable is reached: the check that needs another task is not reached."""


@dataclass
class Ledger:
    """The tasks this process created, and how many billable creates it sent."""

    limit: int | None
    billable: int = 0
    tasks: dict[str, str] = field(default_factory=dict)  # task_id -> path it was created at
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def reserve(self, method: str, path: str) -> None:
        """Refuse a create past the budget (what is billed is a create the server accepted)."""
        if method != "POST" or not BILLABLE.match(path):
            return
        if self.limit is not None and self.billable >= self.limit:
            raise BillableBudgetSpent(f"--max-billable {self.limit} reached")

    def created(self, method: str, path: str, status: int, body: Any) -> None:
        """Remember a task the server accepted to create (billed on a live key)."""
        if method != "POST" or not BILLABLE.match(path) or status != 200:
            return
        task_id = body.get("task_id") if isinstance(body, dict) else None
        with self._lock:
            self.billable += 1
            if isinstance(task_id, str):
                self.tasks[task_id] = path


_ledgers: dict[str, Ledger] = {}


def ledger_for(target: Target) -> Ledger:
    return _ledgers.setdefault(target.run_id, Ledger(target.per_worker_billable))


def cancel_pending(client: httpx.Client, ledger: Ledger) -> dict[str, int]:
    """Cancel every task this process created that is still pending; returns counts by result."""
    counts = {"canceled": 0, "finished": 0, "failed": 0}
    for task_id in list(ledger.tasks):
        try:
            status = client.get(f"/task/{task_id}").json().get("status")
            if status != "pending":
                counts["finished"] += 1
                continue
            answer = client.post(f"/task/{task_id}/cancel")
            counts["canceled" if answer.status_code == 200 else "failed"] += 1
        except (httpx.HTTPError, ValueError, AttributeError):
            counts["failed"] += 1
    return counts
