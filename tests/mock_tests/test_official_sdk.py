"""The official `scaleapi` SDK, unmodified, against scale-mock: every method its README
documents (and the object methods they return), with the results checked.

`ScaleClient(key, api_instance_url=...)` is the only concession, and it is the SDK's own
option. The module's mock checks every response against the spec (see `conftest.mock`).
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator

import pytest
import scaleapi
from scaleapi import TeammateRole
from scaleapi.batches import BatchStatus
from scaleapi.exceptions import (
    ScaleDuplicateResource,
    ScaleException,
    ScaleInvalidRequest,
    ScaleResourceNotFound,
    ScaleUnauthorized,
)
from scaleapi.tasks import TaskReviewStatus, TaskStatus, TaskType

from scale_mock.testing import ThreadedMock

IMAGE = "http://i.imgur.com/v4cBreD.jpg"


def image_task(project: str, **extra: object) -> dict[str, object]:
    """The README's ImageAnnotation payload."""
    return {
        "project": project,
        "callback_url": "http://127.0.0.1:9/callback",
        "instruction": "Draw a box around each baby cow and big cow.",
        "attachment_type": "image",
        "attachment": IMAGE,
        "geometries": {
            "box": {
                "objects_to_annotate": ["Baby Cow", "Big Cow"],
                "min_height": 10,
                "min_width": 10,
            }
        },
        **extra,
    }


@pytest.fixture
def sdk(mock: ThreadedMock) -> scaleapi.ScaleClient:
    """A client of a fresh test-mode account."""
    return scaleapi.ScaleClient(f"test_{uuid.uuid4().hex}", api_instance_url=mock.base_url)


@pytest.fixture
def live_sdk(mock: ThreadedMock) -> scaleapi.ScaleClient:
    return scaleapi.ScaleClient(f"live_{uuid.uuid4().hex}", api_instance_url=mock.base_url)


@pytest.fixture
def project(sdk: scaleapi.ScaleClient) -> Iterator[str]:
    created = sdk.create_project(
        project_name="Test_Project",
        task_type=TaskType.ImageAnnotation,
        params={"instruction": "Please label the kittens"},
    )
    assert created.name == "Test_Project"
    yield created.name


def test_tasks_create_get_and_manage(sdk: scaleapi.ScaleClient, project: str) -> None:
    task = sdk.create_task(
        TaskType.ImageAnnotation, **image_task(project, unique_id="c235d023af73")
    )
    assert task.status == "pending" and task.metadata == {}
    assert not hasattr(task, "tags")
    with pytest.raises(ScaleDuplicateResource):
        sdk.create_task(TaskType.ImageAnnotation, **image_task(project, unique_id="c235d023af73"))
    fetched = sdk.get_task(task.id)
    assert fetched.status == TaskStatus.Completed.value  # test mode: completed at once
    assert fetched.instruction.endswith("Please label the kittens")
    task.refresh()
    assert task.status == "completed"
    assert sdk.update_task_unique_id(task.id, "new-id").as_dict()["unique_id"] == "new-id"
    assert "unique_id" not in sdk.clear_task_unique_id(task.id).as_dict()
    assert sdk.set_task_metadata(task.id, {"k": "v"}).metadata == {"k": "v"}
    assert sdk.set_task_metadata(task.id, {}).metadata == {}
    assert sdk.set_task_tags(task.id, ["tag1", "tag2"]).tags == ["tag1", "tag2"]
    assert sdk.add_task_tags(task.id, ["tag2", "tag3"]).tags == ["tag1", "tag2", "tag3"]
    assert sdk.delete_task_tags(task.id, ["tag1", "tag2"]).tags == ["tag3"]
    task.set_tags(["a"])  # the object methods return nothing; the task changed on the server
    assert sdk.get_task(task.id).tags == ["a"]
    assert sdk.audit_task(task.id, True) is None
    assert sdk.get_task(task.id).as_dict()["customer_review_status"] == "accepted"
    with pytest.raises(ScaleInvalidRequest):
        sdk.cancel_task(task.id)  # completed: only pending tasks can be canceled
    with pytest.raises(ScaleResourceNotFound):
        sdk.get_task("no-such-task")


def test_cancel_and_clear_unique_id(live_sdk: scaleapi.ScaleClient) -> None:
    live_sdk.create_project(project_name="p", task_type=TaskType.ImageAnnotation)
    task = live_sdk.create_task(TaskType.ImageAnnotation, **image_task("p", unique_id="once"))
    canceled = live_sdk.cancel_task(task.id, clear_unique_id=True)
    assert canceled.status == "canceled" and "unique_id" not in canceled.as_dict()
    with pytest.raises(ScaleInvalidRequest):
        live_sdk.cancel_task(task.id)  # "canceling an already canceled task raises an error"
    again = live_sdk.create_task(TaskType.ImageAnnotation, **image_task("p", unique_id="once"))
    again.cancel()
    assert live_sdk.get_task(again.id).status == "canceled"


def test_validation_errors_reach_the_caller(sdk: scaleapi.ScaleClient) -> None:
    with pytest.raises(ScaleException) as caught:
        sdk.create_task(TaskType.TextCollection, attachment="Some parameters are missing.")
    assert caught.value.code == 400
    assert "attachments" in caught.value.message or "instruction" in caught.value.message


def test_listing_tasks(sdk: scaleapi.ScaleClient, project: str) -> None:
    ids = [sdk.create_task(TaskType.ImageAnnotation, **image_task(project)).id for _ in range(5)]
    sdk.audit_task(ids[0], False, "wrong boxes")
    listed = list(sdk.get_tasks(project_name=project, limit=2))
    assert [t.id for t in listed] == list(reversed(ids))
    assert sdk.get_tasks_count(project_name=project) == 5
    assert sdk.get_tasks_count(project_name=project, status=TaskStatus.Pending) == 0
    rejected = sdk.get_tasks(project_name=project, review_status=[TaskReviewStatus.Rejected])
    assert [t.id for t in rejected] == [ids[0]]
    window = sdk.get_tasks(project_name=project, created_after="2999-01-01 00:00:00.000000")
    assert list(window) == []
    page = sdk.tasks(project=project, limit=3)
    assert (len(page), page.total, page.has_more) == (3, 5, True)
    limited = list(sdk.get_tasks(project_name=project, limited_response=True))
    assert set(limited[0].as_dict()) <= {"task_id", "status", "metadata", "project"}


def test_batches(sdk: scaleapi.ScaleClient, project: str) -> None:
    batch = sdk.create_batch(
        project=project, callback="http://www.example.com/callback", batch_name="batch_01"
    )
    assert (batch.name, batch.status) == ("batch_01", BatchStatus.InProgress.value)
    with pytest.raises(ScaleDuplicateResource):
        sdk.create_batch(project=project, batch_name="batch_01")
    sdk.create_task(TaskType.ImageAnnotation, **image_task(project, batch="batch_01"))
    assert sdk.finalize_batch(batch_name="batch_01").name == "batch_01"
    fetched = sdk.get_batch(batch_name="batch_01")
    fetched.finalize()
    assert sdk.batch_status(batch_name="batch_01") == {"status": "completed", "completed": 1}
    fetched.get_status()
    assert (fetched.tasks_pending, fetched.tasks_completed) == (0, 1)
    assert sdk.set_batch_metadata("batch_01", {"k": 1}).metadata == {"k": 1}
    sdk.create_batch(project=project, batch_name="batch_02")
    assert [b.name for b in sdk.get_batches(project_name=project)] == ["batch_02", "batch_01"]
    assert sdk.batches(limit=1).total == 2
    with pytest.raises(ScaleResourceNotFound):
        sdk.get_batch("nope")


def test_projects(sdk: scaleapi.ScaleClient, project: str) -> None:
    assert sdk.get_project(project_name=project).name == project
    assert [p.name for p in sdk.projects()] == [project]
    assert [p.name for p in sdk.get_projects()] == [project]
    updated = sdk.update_project(
        project, patch=False, instruction="update: Please label all the stuff"
    )
    assert (updated.version, updated.instruction) == (1, "update: Please label all the stuff")
    with pytest.raises(ScaleResourceNotFound):
        sdk.get_project("nope")
    sdk.create_project(project_name="chat", task_type=TaskType.TextCollection, rapid=True)
    assert sdk.get_project_template("chat").get_template_variables() == {}


def test_files(sdk: scaleapi.ScaleClient, project: str) -> None:
    content = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
    uploaded = sdk.upload_file(file=io.BytesIO(content), project_name=project)
    assert uploaded.as_dict()["size"] == len(content)
    assert uploaded.as_dict()["project_names"] == [project]
    imported = sdk.import_file(file_url=IMAGE, project_name=project)
    assert imported.attachment_url.startswith("scaledata://")
    task = sdk.create_task(
        TaskType.ImageAnnotation, **image_task(project, attachment=uploaded.attachment_url)
    )
    assert sdk.get_task(task.id).status == "completed"


def test_teams(sdk: scaleapi.ScaleClient) -> None:
    assert [t.email for t in sdk.list_teammates()] == ["owner@example.com"]
    teammates = sdk.invite_teammates(
        ["email1@example.com", "email2@example.com"], TeammateRole.Member
    )
    assert {t.email: t.role for t in teammates}["email2@example.com"] == "member"
    changed = sdk.update_teammates_role(["email1@example.com"], TeammateRole.Manager)
    assert {t.email: t.role for t in changed}["email1@example.com"] == "manager"


def test_studio(sdk: scaleapi.ScaleClient) -> None:
    for name in ("project 1", "project 2"):
        sdk.create_project(project_name=name, task_type=TaskType.ImageAnnotation, studio=True)
    emails = ["email1@example.com", "email2@example.com"]
    assignments = sdk.add_studio_assignments(emails, ["project 1", "project 2"])
    assert assignments["email1@example.com"].assigned_projects == ["project 1", "project 2"]
    assert sdk.list_studio_assignments()["email2@example.com"].assigned_projects == [
        "project 1",
        "project 2",
    ]
    assert sdk.remove_studio_assignments(["email2@example.com"], ["project 2"])[
        "email2@example.com"
    ].assigned_projects == ["project 1"]
    group = sdk.create_project_group("project 1", ["email1@example.com"], "project_group_name")
    assert (group.name, group.numWorkers) == ("project_group_name", 1)
    assert [g.name for g in sdk.list_project_groups("project 1")] == ["project_group_name"]
    updated = sdk.update_project_group(
        "project 1", "project_group_name", ["email2@example.com"], ["email1@example.com"]
    )
    # (the SDK wraps `workers` in a 1-tuple, a trailing-comma bug of its own: read the JSON)
    assert [w["email"] for w in updated.as_dict()["workers"]] == ["email2@example.com"]
    for name in ("pending_batch_1", "pending_batch_2", "pending_batch_3"):
        sdk.create_batch(project="project 1", batch_name=name)
    assert [b.name for b in sdk.list_studio_batches()] == [
        "pending_batch_1",
        "pending_batch_2",
        "pending_batch_3",
    ]
    assigned = sdk.assign_studio_batches("pending_batch_1", ["project_group_name"])
    assert assigned.groups == ["project_group_name"]
    order = ["pending_batch_3", "pending_batch_1", "pending_batch_2"]
    assert [b.name for b in sdk.set_studio_batches_priorities(order)] == order
    reset = sdk.reset_studio_batches_priorities()
    assert [b.name for b in reset] == sorted(order)


EXPECTED = {
    "annotations": {
        "answer_reasonable": {
            "type": "category",
            "field_id": "answer_reasonable",
            "response": [["no"]],
        }
    }
}


def test_evaluation_and_training_tasks(sdk: scaleapi.ScaleClient) -> None:
    sdk.create_project(project_name="test_project", task_type=TaskType.TextCollection, rapid=True)
    payload = {
        "project": "test_project",
        "attachments": [{"type": "image", "content": "https://i.imgur.com/bGjrNzl.jpeg"}],
        "initial_response": {**EXPECTED},
        "expected_response": EXPECTED,
    }
    evaluation = sdk.create_evaluation_task(TaskType.TextCollection, **payload)
    assert evaluation.expected_response == EXPECTED and evaluation.id
    training = sdk.create_training_task(
        TaskType.TextCollection, **{k: v for k, v in payload.items() if k != "initial_response"}
    )
    assert training.expected_response == EXPECTED


def test_bad_keys_are_unauthorized(mock: ThreadedMock) -> None:
    with pytest.raises(ScaleUnauthorized):
        scaleapi.ScaleClient("dummy_api_key", api_instance_url=mock.base_url).batches(limit=1)
