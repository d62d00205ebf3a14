"""Every `curl` example of the documents works against scale-mock as written.

The examples (`tests/doc_examples/curl_examples.yaml`, extracted from the documents with the
line they start on) are run by the real `curl`, through `bash` as a reader would paste them,
with only the host and the `{{ApiKey}}` placeholder replaced. Each must succeed (200 and a body
valid for the spec), or fail with 404 only because it names an object that does not exist
(`curl` reads the URL's `{task_id}` as a one-item glob, so it asks for the task `task_id`); such an
example is then run again once the object exists (its `{task_id}` replaced by a created task's
id) and must succeed. The status comes from the mock's request journal, the body from `curl`'s
output, the spec check from the middleware every response goes through.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from starlette.types import ASGIApp

from scale_mock.testing import ThreadedMock
from tests.mock_tests.conformance import SpecCheckingApp

EXAMPLES_FILE = Path(__file__).resolve().parents[1] / "doc_examples" / "curl_examples.yaml"
EXAMPLES: dict[str, list[dict[str, Any]]] = yaml.safe_load(EXAMPLES_FILE.read_text("utf-8"))
RUNNABLE = EXAMPLES["runnable"]
HOSTS = ("https://api.scaleapi.com", "https://api.scale.com")
KEY_PLACEHOLDER = "{{ApiKey}}"
CURL = shutil.which("curl")
BASH = shutil.which("bash")

pytestmark = pytest.mark.skipif(
    CURL is None or BASH is None,
    reason="needs the curl and bash binaries: the documents' examples are shell curl commands",
)


def _id(example: dict[str, Any]) -> str:
    return f"{example['document'][:3]}-L{example['line']}"


class Served:
    def __init__(self, mock: ThreadedMock, checker: SpecCheckingApp) -> None:
        self.mock = mock
        self.checker = checker


@pytest.fixture(scope="module")
def served(store_backend: str) -> Iterator[Served]:
    checkers: list[SpecCheckingApp] = []

    def wrap(app: ASGIApp) -> ASGIApp:
        checkers.append(SpecCheckingApp(app))
        return checkers[0]

    with ThreadedMock(wrap=wrap) as mock:
        yield Served(mock, checkers[0])


def run(served: Served, tmp_path: Path, command: str, key: str) -> tuple[dict[str, Any], Any]:
    """Run the example as written (host and key replaced); its journal entry and its body."""
    for host in HOSTS:
        command = command.replace(host, served.mock.root_url)
    command = command.replace(KEY_PLACEHOLDER, key)
    before = len(served.checker.violations)
    # A clean environment: no proxy, no ~/.curlrc; an empty working directory, so an unquoted
    # `fields[title]=...` cannot match a file name. The newline is the reader's Enter key.
    assert BASH is not None
    done = subprocess.run(
        [BASH, "--noprofile", "--norc", "-c", command + "\n"],
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"], "HOME": str(tmp_path), "LC_ALL": "C.UTF-8"},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    journal = httpx.get(f"{served.mock.root_url}/_mock/requests", auth=(key, ""), timeout=10)
    entry = journal.json()[-1]
    assert served.checker.violations[before:] == [], "the answer breaks the spec"
    return entry, json.loads(done.stdout)


def fresh_key() -> str:
    return f"test_{uuid.uuid4().hex}"


def create_named(served: Served, key: str, needs: dict[str, Any]) -> dict[str, str]:
    """Create what the example names; the text to substitute for its placeholder, if any."""
    with httpx.Client(base_url=served.mock.base_url, auth=(key, ""), timeout=10) as http:
        if "task" in needs:
            # A test-mode task completes at once; cancel needs one held pending.
            headers = {"Scale-Mock-Hold": "pending"} if needs["task"] == "pending" else {}
            created = http.post(
                "/task/categorization",
                json={
                    "instruction": "Is this company public or private?",
                    "attachment_type": "website",
                    "attachment": "http://www.google.com/",
                    "categories": ["public", "private"],
                },
                headers=headers,
            )
            assert created.status_code == 200, created.text
            return {needs["placeholder"]: created.json()["task_id"]}
        created = http.post(
            "/projects",
            json={"type": "annotation", "name": needs["project"], "params": {}},
        )
        assert created.status_code == 200, created.text
        return {}


@pytest.mark.parametrize("example", RUNNABLE, ids=_id)
def test_example_works_as_written(served: Served, tmp_path: Path, example: dict[str, Any]) -> None:
    key = fresh_key()
    entry, body = run(served, tmp_path, example["command"], key)
    assert entry["operation_id"] is not None, entry
    needs = example["needs"]
    if not needs:
        assert entry["status"] == 200, body
        return
    # It names an object of a new, empty account: 404 naming that object, nothing else.
    assert entry["status"] == 404, body
    named = "task_id" if "task" in needs else needs["project"]
    assert named in body["error"], body
    substitutions = create_named(served, key, needs)
    command = example["command"]
    for placeholder, value in substitutions.items():
        command = command.replace(placeholder, value)
    entry, body = run(served, tmp_path, command, key)
    assert entry["status"] == 200, body
    if needs.get("task") == "pending":
        assert body["status"] == "canceled"


def test_the_documents_have_27_runnable_curl_examples_21_distinct() -> None:
    """So that a lost example (a broken extraction, an edited YAML) is noticed."""
    assert len(RUNNABLE) == 27
    assert len({example["command"] for example in RUNNABLE}) == 21
    form_encoded = [e for e in RUNNABLE if " -d " in e["command"] and "-H" not in e["command"]]
    assert len(form_encoded) == 14
    assert {e["reason"] for e in EXAMPLES["not_runnable"]} == {"placeholder URL api_endpoint_here"}


def test_form_examples_create_what_the_documents_show(served: Served, tmp_path: Path) -> None:
    """The 2016 forms keep their documented shapes (000 L167, L489, L567-585, L323, L434)."""
    by_line = {(e["document"][:3], e["line"]): e["command"] for e in RUNNABLE}
    key = fresh_key()
    _, phonecall = run(served, tmp_path, by_line[("000", 489)], key)
    assert phonecall["script"].startswith("Hello {{name}}! Are you happy today?")
    assert phonecall["params"]["fields"] == {"email": "Email Address"}
    assert phonecall["params"]["choices"] == ["He is happy", "He is not happy"]
    assert phonecall["params"]["phone_number"] == "5055006865"
    assert phonecall["urgency"] == "day"  # as the document's answer shows (000 L569)
    _, categorize = run(served, tmp_path, by_line[("000", 167)], key)
    assert (categorize["type"], categorize["urgency"]) == ("categorization", "day")  # L230, L233
    assert categorize["params"]["categories"] == ["public", "private"]
    _, transcription = run(served, tmp_path, by_line[("000", 323)], key)
    assert transcription["params"]["row_fields"] == {
        "username": "Username of submitter",
        "comment_count": "Number of comments",
    }
    assert "repeatable_fields" not in transcription["params"]
    _, boxes = run(served, tmp_path, by_line[("001", 214)], key)
    assert boxes["params"]["objects_to_annotate"] == ["car", "pedestrian"]
    assert boxes["params"]["with_labels"] is True
    assert (boxes["params"]["min_width"], boxes["params"]["min_height"]) == (30, 30)
