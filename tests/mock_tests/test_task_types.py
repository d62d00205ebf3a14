"""Every `POST /task/<type>` of the spec creates a task that completes in test mode with a
response the spec accepts for its type, and refuses a body that breaks its schema."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import scale_spec

IMAGE = "http://127.0.0.1:9/image.png"
# The smallest body each documented type accepts; generic (undescribed) types accept `{}`.
MINIMAL: dict[str, dict[str, Any]] = {
    "annotation": {"attachment": IMAGE, "objects_to_annotate": ["car"]},
    "pointannotation": {"attachment": IMAGE, "objects_to_annotate": ["car"]},
    "lineannotation": {"attachment": IMAGE, "objects_to_annotate": ["lane"]},
    "polygonannotation": {"attachment": IMAGE, "objects_to_annotate": ["roof"]},
    "cuboidannotation": {"attachment": IMAGE, "objects_to_annotate": ["car"]},
    "segmentannotation": {"instruction": "Paint.", "attachment": IMAGE, "labels": ["road"]},
    "categorization": {
        "instruction": "Pick.",
        "attachment_type": "text",
        "attachment": "car",
        "categories": ["big", "small"],
    },
    "comparison": {
        "instruction": "Compare.",
        "attachment_type": "text",
        "attachments": ["a", "b"],
        "choices": ["a", "b"],
    },
    "transcription": {
        "instruction": "Copy.",
        "attachment_type": "image",
        "attachment": IMAGE,
        "fields": {"title": "The title"},
    },
    "phonecall": {
        "instruction": "Call.",
        "script": "Hello",
        "phone_number": "+15555555555",
        "entity_name": "Acme",
    },
    "datacollection": {
        "attachment_type": "website",
        "attachment": "http://example.com/",
        "fields": {"email": "The email"},
    },
    "audiotranscription": {"attachment_type": "audio", "attachment": "http://127.0.0.1:9/a.mp3"},
    "imageannotation": {
        "attachment": IMAGE,
        "geometries": {"box": {"objects_to_annotate": ["car"]}},
    },
    "documenttranscription": {
        "attachment": "http://127.0.0.1:9/a.pdf",
        "features": [{"type": "block", "label": "barcode"}],
    },
    "namedentityrecognition": {"text": "Ada lives in London.", "labels": [{"name": "PERSON"}]},
    "textcollection": {"attachments": [{"type": "text", "content": "Write a poem."}]},
}
CREATES = [
    op
    for op in scale_spec.load().operations
    if op.method == "post"
    and op.path.count("/") == 2
    and op.path.startswith("/task/")
    and "{" not in op.path
]


@pytest.mark.parametrize("op", CREATES, ids=[op.path for op in CREATES])
def test_every_type_is_created_and_completes_in_test_mode(client: httpx.Client, op: Any) -> None:
    kind = op.path.rsplit("/", 1)[-1]
    body = MINIMAL.get("categorization" if kind == "categorize" else kind, {})
    created = client.post(op.path, json=body)
    assert created.status_code == 200, created.text
    task = client.get(f"/task/{created.json()['task_id']}").json()
    assert task["status"] == "completed"
    assert task["params"].items() >= {k: v for k, v in body.items() if k != "instruction"}.items()


@pytest.mark.parametrize("op", CREATES, ids=[op.path for op in CREATES])
def test_every_type_refuses_an_unknown_urgency(client: httpx.Client, op: Any) -> None:
    kind = op.path.rsplit("/", 1)[-1]
    body = {**MINIMAL.get("categorization" if kind == "categorize" else kind, {}), "urgency": "now"}
    refused = client.post(op.path, json=body)
    assert refused.status_code == 400
    assert (refused.json()["field"], refused.json()["rule"]) == ("body.urgency", "enum")


def test_found_by_fuzzing_integral_floats_and_null_bodies(client: httpx.Client) -> None:
    """Two crashes Schemathesis found: `min_vertices: 3.0` (an integer to JSON Schema) broke
    the synthetic response, and a JSON `null` body skipped validation."""
    body = {**MINIMAL["polygonannotation"], "min_vertices": 3.0}
    task = client.post("/task/polygonannotation", json=body).json()
    assert client.get(f"/task/{task['task_id']}").json()["status"] == "completed"
    for path in ("/task/annotation", "/task/chat", "/projects", "/batches"):
        refused = client.post(path, content=b"null", headers={"content-type": "application/json"})
        assert (refused.status_code, refused.json()["rule"]) == (400, "type"), path
