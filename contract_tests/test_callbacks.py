"""Callbacks: when the server can reach the suite, a finished task is POSTed to its
`callback_url` with the documented body and the `scale-callback-auth` header."""

from __future__ import annotations

import json

import pytest

from contract_tests.api import Api, Rule, check
from contract_tests.callback_receiver import CallbackReceiver
from contract_tests.conftest import Claim
from contract_tests.spec import document, schema_errors
from contract_tests.target import Target

pytestmark = pytest.mark.billable
CALLBACK = document()["components"]["pathItems"]["TaskCallback"]["post"]
PAYLOAD = Rule(
    "callback.payload",
    " ".join(str(CALLBACK.get("description", "The callback body")).split()),
    "#/components/schemas/CallbackBody",
)
HEADER = Rule(
    "callback.auth_header",
    "Callbacks carry the scale-callback-auth header (the account's callback auth key).",
    "#/components/pathItems/TaskCallback/post/parameters",
)
WAIT_SECONDS = 20


def test_a_finished_task_is_posted_to_its_callback_url(
    api: Api, callback_receiver: CallbackReceiver, target: Target, claim: Claim
) -> None:
    claim(PAYLOAD, "task_callback")
    created = api.post(
        "/task/annotation",
        json_body={
            "attachment": "https://example.com/callback.png",
            "objects_to_annotate": ["car"],
            "callback_url": callback_receiver.url,
            "metadata": {"scale_contract_run": target.run_id},
        },
    )
    check(
        created.status_code == 200,
        PAYLOAD,
        operation="create_annotation_task",
        expected="200",
        response=created,
        api=api,
    )
    task_id = created.json()["task_id"]
    delivery = callback_receiver.delivery(task_id, WAIT_SECONDS)
    if delivery is None:
        status = api.get(f"/task/{task_id}").json().get("status")
        if status == "pending":
            return  # the task did not finish during the run: no callback is due (not reached)
        check(
            False,
            PAYLOAD,
            operation="task_callback",
            expected=f"a POST to {callback_receiver.url} within {WAIT_SECONDS} s of the task "
            f"finishing ({status})",
            response=created,
            api=api,
        )
        return
    headers, raw = delivery
    try:
        body = json.loads(raw)
    except ValueError:
        body = None
    problems = schema_errors("#/components/schemas/CallbackBody", body)
    if isinstance(body, dict) and isinstance(body.get("task"), dict):
        if body.get("response") != body["task"].get("response"):
            problems.append("response is not the task's response (x-scale-rules)")
        if body.get("task_id") != body["task"].get("task_id"):
            problems.append("task_id is not the task's task_id (x-scale-rules)")
    check(
        not problems,
        PAYLOAD,
        operation="task_callback",
        expected=f"a CallbackBody; problems: {problems}",
        response=None,
    )
    claim(HEADER, "task_callback")
    value = headers.get("scale-callback-auth")
    expected = target.callback_auth_key
    check(
        bool(value) and (expected is None or value == expected),
        HEADER,
        operation="task_callback",
        expected=f"scale-callback-auth: {expected or '<the account key>'}, got {value!r}",
        response=None,
    )
