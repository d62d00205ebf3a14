"""A callback still to be retried when scale-mock stops is sent when it runs again: callbacks
are jobs in the database, on either store."""

from __future__ import annotations

import time
import uuid

import httpx

from scale_mock.testing import SubprocessMock
from tests.mock_tests.receivers import FailFirstReceiver

TASK = {
    "instruction": "Is this company public or private?",
    "attachment_type": "website",
    "attachment": "http://www.google.com/",
    "categories": ["public", "private"],
}


def test_a_retry_pending_at_stop_is_sent_after_a_restart(database: str) -> None:
    key = f"test_{uuid.uuid4().hex}"
    # the first retry waits 10 s x 0.3 = 3 s: the mock is stopped before it
    options = ["--db", database, "--callback-time-scale", "0.3"]
    with FailFirstReceiver() as receiver:
        with SubprocessMock(options) as first, httpx.Client(auth=(key, "")) as http_client:
            task_id = http_client.post(
                f"{first.base_url}/task/categorization",
                json={**TASK, "callback_url": receiver.url},
            ).json()["task_id"]
            deadline = time.monotonic() + 10
            while not receiver.count() and time.monotonic() < deadline:
                time.sleep(0.05)
        # stopped after the first attempt, before the retry
        assert receiver.posts == {task_id: [500]}
        with SubprocessMock(options) as again, httpx.Client(auth=(key, "")) as http_client:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                task = http_client.get(f"{again.base_url}/task/{task_id}").json()
                if task.get("callback_succeeded") is not None:
                    break
                time.sleep(0.1)
            records = http_client.get(f"{again.root_url}/_mock/callbacks").json()["callbacks"]
    assert task["callback_succeeded"] is True
    [record] = records
    assert [(a["attempt"], a["status_code"]) for a in record["attempts"]] == [(1, 500), (2, 200)]
    assert receiver.posts == {task_id: [500, 200]}
