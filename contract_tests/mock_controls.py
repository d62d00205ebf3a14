"""scale-mock's documented controls, used only when the server is scale-mock (its
`GET /_mock/health` answered at the preflight): they let a run reach rules a test key never
reaches on its own, such as canceling a task that is still pending."""

from __future__ import annotations

from contract_tests.api import Api
from contract_tests.target import Target

HOLD_HEADER = "Scale-Mock-Hold"  # on a create: keep this test-mode task pending


def hold_pending(target: Target) -> dict[str, str] | None:
    """Headers for a create whose task should stay pending, where the server can do that."""
    return {HOLD_HEADER: "pending"} if target.mock_controls else None


def complete(api: Api, target: Target, task_id: str) -> None:
    """Have scale-mock finish a pending task, as a labeler would (no-op elsewhere)."""
    if target.mock_controls:
        api.post(f"{target.root_url}/_mock/tasks/{task_id}/complete", json_body={})
