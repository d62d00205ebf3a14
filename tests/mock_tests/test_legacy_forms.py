"""The 2016 forms keep their documented shapes, whether sent as JSON or as the documents' form.

- transcription `row_fields` "will be stored in the `params` object" (docs-2016 L434) as sent,
  and its response has `rows` ("an array of such dictionaries", L481);
- a phonecall task shows `script` at its top level, as the task the document returns (L567-585),
  and in `params`, as its prose says (L595);
- `/task/categorize` and `/task/phonecall` default `urgency` to the spec's default for them
  (`day`: "optional, default `day`", L274, L614), read from the spec, not fixed in the mock.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote_plus

import httpx
import pytest

import scale_spec
from tests.mock_tests.conftest import ClientFactory

SPEC = scale_spec.load()
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
ROW_FIELDS = {"username": "Username of submitter", "comment_count": "Number of comments"}
TRANSCRIPTION = {
    "instruction": "Transcribe the given fields. Then for each news item on the page, ...",
    "attachment_type": "website",
    "attachment": "http://www.google.com/",
    "fields": {"title": "Title of Webpage"},
    "row_fields": ROW_FIELDS,
}
TRANSCRIPTION_FORM = (
    "instruction=Transcribe&attachment_type=website&attachment=http%3A%2F%2Fwww.google.com%2F"
    "&fields[title]=Title+of+Webpage&row_fields[username]=Username+of+submitter"
    "&row_fields[comment_count]=Number+of+comments"
)
SCRIPT = "Hello {{name}}! Are you happy today? (pause) One more thing - what is your email address?"
PHONECALL = {
    "callback_url": "http://www.example.com/callback",
    "instruction": "Call this person and follow the script provided, recording responses",
    "phone_number": "5055006865",
    "entity_name": "Alexandr Wang",
    "script": SCRIPT,
    "fields": {"email": "Email Address"},
    "choices": ["He is happy", "He is not happy"],
}
CATEGORIZE = {
    "instruction": "Is this company public or private?",
    "attachment_type": "website",
    "attachment": "http://www.google.com/",
    "categories": ["public", "private"],
}


def send(http: httpx.Client, path: str, body: dict[str, Any] | str) -> dict[str, Any]:
    if isinstance(body, str):
        response = http.post(path, content=body.encode(), headers=FORM)
    else:
        response = http.post(path, json=body)
    assert response.status_code == 200, response.text
    return dict(response.json())


def spec_urgency_default(path: str) -> Any:
    return SPEC.property_defaults(SPEC.find("post", path)).get("urgency")


@pytest.mark.parametrize("body", [TRANSCRIPTION, TRANSCRIPTION_FORM], ids=["json", "form"])
def test_row_fields_stay_in_params_as_sent(
    client: httpx.Client, live: httpx.Client, body: dict[str, Any] | str
) -> None:
    task = send(live, "/task/transcription", body)
    assert task["params"]["row_fields"] == ROW_FIELDS
    assert "repeatable_fields" not in task["params"]
    assert live.get(f"/task/{task['task_id']}").json()["params"]["row_fields"] == ROW_FIELDS
    done = client.get(f"/task/{send(client, '/task/transcription', body)['task_id']}").json()
    assert done["status"] == "completed"
    assert set(done["response"]["rows"][0]) == set(ROW_FIELDS)
    assert set(done["response"]["fields"]) == {"title"}


def test_repeatable_fields_are_unchanged(client: httpx.Client) -> None:
    body = {**TRANSCRIPTION, "repeatable_fields": {"name": "the name"}}
    del body["row_fields"]
    task = send(client, "/task/transcription", body)
    assert task["params"]["repeatable_fields"] == {"name": {"description": "the name"}}
    assert "row_fields" not in task["params"]


@pytest.mark.parametrize(
    "body",
    [
        PHONECALL,
        "instruction=Call&phone_number=5055006865&entity_name=Alexandr+Wang"
        f"&script={quote_plus(SCRIPT)}"
        "&fields[email]=Email+Address&choices=He+is+happy&choices=He+is+not+happy",
    ],
    ids=["json", "form"],
)
def test_phonecall_script_is_on_the_task_as_the_2016_document_shows(
    live: httpx.Client, body: dict[str, Any] | str
) -> None:
    task = send(live, "/task/phonecall", body)
    assert task["script"] == SCRIPT
    assert task["params"]["script"] == SCRIPT
    assert task["params"]["fields"] == {"email": "Email Address"}
    assert task["params"]["choices"] == ["He is happy", "He is not happy"]
    assert live.get(f"/task/{task['task_id']}").json()["script"] == SCRIPT


def test_other_task_types_have_no_top_level_script(live: httpx.Client) -> None:
    task = send(live, "/task/categorize", {**CATEGORIZE, "script": "not a phonecall"})
    assert "script" not in task


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/task/categorize", CATEGORIZE),
        ("/task/phonecall", PHONECALL),
        ("/task/categorization", CATEGORIZE),
        ("/task/transcription", TRANSCRIPTION),
    ],
)
def test_urgency_defaults_to_what_the_spec_says_for_the_path(
    live: httpx.Client, path: str, body: dict[str, Any]
) -> None:
    expected = spec_urgency_default(path)
    assert expected is not None, f"the spec gives {path} no urgency default"
    assert send(live, path, body)["urgency"] == expected


def test_legacy_paths_keep_the_2016_urgencies(client_for: ClientFactory) -> None:
    """Once the spec gives the 2016 paths their own urgencies, the mock takes and defaults
    them; on current paths the 2016 values are refused."""
    if spec_urgency_default("/task/categorize") != "day":
        pytest.skip("the spec does not yet give /task/categorize the 2016 urgencies")
    http = client_for("live_legacyurgency")
    for path, body in (("/task/categorize", CATEGORIZE), ("/task/phonecall", PHONECALL)):
        assert send(http, path, body)["urgency"] == "day"
        assert send(http, path, {**body, "urgency": "week"})["urgency"] == "week"
        refused = http.post(path, json={**body, "urgency": "express"})
        assert (refused.status_code, refused.json()["field"]) == (400, "body.urgency")
    assert send(http, "/task/categorization", CATEGORIZE)["urgency"] == "standard"
    refused = http.post("/task/categorization", json={**CATEGORIZE, "urgency": "day"})
    assert (refused.status_code, refused.json()["field"]) == (400, "body.urgency")
