"""`response_of(task, task_type)`: a completed task's response as the model the spec ties to its
type, at run time (against the mock) and to mypy (its overloads)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mypy import api as mypy
from scale_api_client import AuthenticatedClient, response_of
from scale_api_client.api.tasks import (
    create_annotation_task,
    create_categorization_task,
    get_task,
)
from scale_api_client.models import (
    AnnotationTaskCreate,
    BoxAnnotationResponse,
    CategorizationResponse,
    CategorizationTaskCreate,
    TaskType,
)

ROOT = Path(__file__).resolve().parents[2]
BOX = {"attachment": "http://127.0.0.1:9/a.png", "objects_to_annotate": ["car"]}
CATEGORIZATION = {
    "attachment": "http://127.0.0.1:9/a.png",
    "attachment_type": "image",
    "categories": ["public", "private"],
    "instruction": "Is this company public or private?",
}


def test_a_completed_tasks_response_is_the_model_of_its_type(client: AuthenticatedClient) -> None:
    box = create_annotation_task.sync(client=client, body=AnnotationTaskCreate.from_dict(BOX))
    category = create_categorization_task.sync(
        client=client, body=CategorizationTaskCreate.from_dict(CATEGORIZATION)
    )
    done_box = get_task.sync(box.task_id, client=client)
    done_category = get_task.sync(category.task_id, client=client)
    assert isinstance(response_of(done_box, TaskType.ANNOTATION), BoxAnnotationResponse)
    assert isinstance(response_of(done_category, "categorization"), CategorizationResponse)
    with pytest.raises(ValueError, match="not annotation"):
        response_of(done_category, TaskType.ANNOTATION)


SNIPPET = """
from scale_api_client import response_of
from scale_api_client.models import Task, TaskType

def narrowed(task: Task) -> None:
    reveal_type(response_of(task, TaskType.CATEGORIZATION))  # line 6
    reveal_type(response_of(task, "annotation"))  # line 7
    reveal_type(response_of(task, "a-type-of-tomorrow"))  # line 8
"""


def test_mypy_narrows_the_response_by_the_task_type(tmp_path: Path) -> None:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(SNIPPET)
    report, _, _ = mypy.run(
        ["--strict", "--cache-dir", str(ROOT / ".mypy_cache"), "--no-error-summary", str(snippet)]
    )
    revealed = dict(re.findall(r"snippet\.py:(\d+): note: Revealed type is \"(.+)\"", report))
    assert "CategorizationResponse" in revealed["6"] and "AttachmentError" in revealed["6"], report
    assert "BoxAnnotationResponse" in revealed["7"], report
    assert "dict[" in revealed["6"], report  # a shape no model reads stays a dict
    assert revealed["8"] == "Any", report
