"""Every operation of the generated client against scale-mock: typed results on success, typed
exceptions carrying the server's message on failure."""

from __future__ import annotations

import importlib
import io
import typing
import uuid
from types import ModuleType
from typing import Any

import pytest
from scale_api_client import AuthenticatedClient, from_api_key
from scale_api_client import errors as api_errors
from scale_api_client.api.batches import (
    create_batch,
    finalize_batch,
    get_batch,
    get_batch_status,
    list_batches,
    set_batch_metadata,
)
from scale_api_client.api.files import import_file, upload_file
from scale_api_client.api.projects import (
    create_project,
    get_project,
    get_project_task_template,
    list_projects,
    set_project_params,
)
from scale_api_client.api.studio import (
    add_studio_assignments,
    assign_studio_batch,
    create_studio_project_group,
    list_studio_assignments,
    list_studio_batches,
    list_studio_project_groups,
    remove_studio_assignments,
    reset_studio_batches_priorities,
    set_studio_batches_priorities,
    update_studio_project_group,
)
from scale_api_client.api.tasks import (
    add_task_tags,
    audit_task,
    cancel_task,
    clear_task_unique_id,
    create_annotation_task,
    create_evaluation_task,
    create_training_task,
    delete_task_tags,
    get_task,
    list_tasks,
    set_task_metadata,
    set_task_tags,
    set_task_unique_id,
)
from scale_api_client.api.teams import invite_teammates, list_teammates, set_teammates_role
from scale_api_client.models import (
    AnnotationTaskCreate,
    BatchCreate,
    BatchStatus,
    EvaluationTaskCreate,
    FileImport,
    FileUpload,
    Metadata,
    ProjectCreate,
    ProjectSetParams,
    QualityTaskType,
    StudioAssignmentsChange,
    StudioBatchAssignment,
    StudioBatchPriorities,
    StudioProjectGroupCreate,
    StudioProjectGroupUpdate,
    TaskAudit,
    TaskStatus,
    TaskStatusFilter,
    TaskType,
    TaskUniqueId,
    TeammateRole,
    TeammatesRole,
    TrainingTaskCreate,
)
from scale_api_client.types import UNSET, File

import scale_spec
from scale_mock.testing import ThreadedMock
from tests.mock_tests.test_task_types import MINIMAL

BOX = {"attachment": "http://127.0.0.1:9/a.png", "objects_to_annotate": ["car"]}
CREATES = [
    op
    for op in scale_spec.load().operations
    if op.operation_id.startswith("create_") and op.path.startswith("/task/")
]


def box(**extra: Any) -> AnnotationTaskCreate:
    return AnnotationTaskCreate.from_dict({**BOX, **extra})


def module_of(operation_id: str) -> ModuleType:
    for tag in ("tasks", "batches", "projects", "files", "teams", "studio"):
        try:
            return importlib.import_module(f"scale_api_client.api.{tag}.{operation_id}")
        except ModuleNotFoundError:
            continue
    raise LookupError(operation_id)


@pytest.mark.parametrize("op", CREATES, ids=[op.operation_id for op in CREATES])
def test_every_task_type_creates_through_its_own_typed_function(
    client: AuthenticatedClient, op: Any
) -> None:
    module = module_of(op.operation_id)
    body_type = typing.get_type_hints(module.sync)["body"]
    kind = op.path.rsplit("/", 1)[-1]
    body = body_type.from_dict(MINIMAL.get("categorization" if kind == "categorize" else kind, {}))
    task = module.sync(client=client, body=body)
    assert task.status == TaskStatus.PENDING
    assert get_task.sync(client=client, task_id=task.task_id).status == TaskStatus.COMPLETED


def test_task_operations(client: AuthenticatedClient) -> None:
    task = create_annotation_task.sync(client=client, body=box(unique_id="u1"))
    task_id = task.task_id
    assert task.type_ == TaskType.ANNOTATION and task.params is not UNSET
    assert audit_task.sync(task_id, client=client, body=TaskAudit(accepted=True)) is not None
    renamed = set_task_unique_id.sync(task_id, client=client, body=TaskUniqueId(unique_id="u2"))
    assert renamed.unique_id == "u2"
    assert clear_task_unique_id.sync(task_id, client=client).unique_id is UNSET
    metadata = Metadata.from_dict({"k": "v"})
    replaced = set_task_metadata.sync(task_id, client=client, body=metadata).metadata
    assert isinstance(replaced, Metadata) and replaced.to_dict() == {"k": "v"}
    assert set_task_tags.sync(task_id, client=client, body=["a", "b"]).tags == ["a", "b"]
    assert add_task_tags.sync(task_id, client=client, body=["c"]).tags == ["a", "b", "c"]
    assert delete_task_tags.sync(task_id, client=client, body=["a"]).tags == ["b", "c"]
    page = list_tasks.sync(client=client, status=TaskStatusFilter.COMPLETED, limit=10)
    assert [t.task_id for t in page.docs] == [task_id] and page.total == 1
    with pytest.raises(api_errors.InvalidRequest) as not_pending:
        cancel_task.sync(task_id, client=client)
    assert not_pending.value.rule == "cancel_only_pending"
    assert "only cancel pending" in not_pending.value.message


def test_live_cancel_and_typed_errors(live_client: AuthenticatedClient) -> None:
    task = create_annotation_task.sync(client=live_client, body=box(unique_id="once"))
    with pytest.raises(api_errors.Duplicate) as duplicate:
        create_annotation_task.sync(client=live_client, body=box(unique_id="once"))
    assert duplicate.value.field == "body.unique_id"
    canceled = cancel_task.sync(task.task_id, client=live_client, clear_unique_id=True)
    assert canceled.status == TaskStatus.CANCELED and canceled.unique_id is UNSET
    with pytest.raises(api_errors.NotFound):
        get_task.sync("no-such-task", client=live_client)
    with pytest.raises(api_errors.InvalidRequest) as too_many:
        create_annotation_task.sync(client=live_client, body=box(objects_to_annotate=["a"] * 7))
    assert (too_many.value.field, too_many.value.rule) == ("body.objects_to_annotate", "maxItems")
    detailed = get_task.sync_detailed("no-such-task", client=live_client)
    assert detailed.status_code == 404  # the *_detailed functions never raise on a status


def test_bad_keys_raise_unauthorized(mock: ThreadedMock) -> None:
    with (
        from_api_key("not_a_key", base_url=mock.base_url) as anonymous,
        pytest.raises(api_errors.Unauthorized),
    ):
        list_projects.sync(client=anonymous)


def test_project_batch_and_file_operations(client: AuthenticatedClient) -> None:
    created = create_project.sync(
        client=client,
        body=ProjectCreate.from_dict(
            {"type": "annotation", "name": "p", "params": {"instruction": "x"}}
        ),
    )
    assert created.name == "p" and created.param_history[0].version == 0
    assert [p.name for p in list_projects.sync(client=client)] == ["p"]
    assert get_project.sync("p", client=client).type_ == TaskType.ANNOTATION
    updated = set_project_params.sync(
        "p", client=client, body=ProjectSetParams.from_dict({"instruction": "y"})
    )
    assert [v.version for v in updated.param_history] == [0, 1]
    with pytest.raises(api_errors.InvalidRequest):
        get_project_task_template.sync("p", client=client)
    create_project.sync(
        client=client, body=ProjectCreate.from_dict({"type": "textcollection", "name": "t"})
    )
    assert get_project_task_template.sync("t", client=client).version == 0
    batch = create_batch.sync(client=client, body=BatchCreate(project="p", name="b/1"))
    assert batch.status == BatchStatus.IN_PROGRESS
    create_annotation_task.sync(client=client, body=box(batch="b/1"))
    assert get_batch.sync("b/1", client=client).name == "b/1"
    assert get_batch_status.sync("b/1", client=client).completed == 1
    assert finalize_batch.sync("b/1", client=client).status == BatchStatus.COMPLETED
    assert set_batch_metadata.sync(
        "b/1", client=client, body=Metadata.from_dict({"m": 1})
    ).metadata.to_dict() == {"m": 1}
    assert list_batches.sync(client=client, project="p").total_docs == 1
    upload = FileUpload(
        file=File(payload=io.BytesIO(b"\x89PNG..."), file_name="a.png", mime_type="image/png")
    )
    upload.project_name = "p"
    stored = upload_file.sync(client=client, body=upload)
    assert (stored.size, stored.mime_type) == (len(b"\x89PNG..."), "image/png")
    imported = import_file.sync(
        client=client, body=FileImport(file_url="https://example.com/a.jpg")
    )
    assert imported.attachment_url.startswith("scaledata://")


def test_team_studio_and_quality_operations(client: AuthenticatedClient) -> None:
    assert [m.email for m in list_teammates.sync(client=client)] == ["owner@example.com"]
    invited = invite_teammates.sync(
        client=client, body=TeammatesRole(emails=["a@example.com"], team_role=TeammateRole.LABELER)
    )
    assert [m.email for m in invited] == ["owner@example.com", "a@example.com"]
    changed = set_teammates_role.sync(
        client=client, body=TeammatesRole(emails=["a@example.com"], team_role=TeammateRole.MANAGER)
    )
    assert changed[1].role == TeammateRole.MANAGER
    create_project.sync(
        client=client,
        body=ProjectCreate.from_dict(
            {"type": "imageannotation", "name": "s", "studio": True, "rapid": True}
        ),
    )
    change = StudioAssignmentsChange(emails=["a@example.com"], projects=["s"])
    assert add_studio_assignments.sync(client=client, body=change).to_dict() == {
        "a@example.com": ["s"]
    }
    assert list_studio_assignments.sync(client=client).to_dict() == {"a@example.com": ["s"]}
    group = create_studio_project_group.sync(
        "s", client=client, body=StudioProjectGroupCreate(emails=["a@example.com"], name="g")
    )
    assert group.num_workers == 1
    assert [g.name for g in list_studio_project_groups.sync("s", client=client)] == ["g"]
    emptied = update_studio_project_group.sync(
        "s", "g", client=client, body=StudioProjectGroupUpdate(remove_emails=["a@example.com"])
    )
    assert emptied.num_workers == 0
    assert remove_studio_assignments.sync(client=client, body=change).to_dict() == {}
    for name in ("b1", "b2"):
        create_batch.sync(client=client, body=BatchCreate(project="s", name=name))
    assert [b.name for b in list_studio_batches.sync(client=client)] == ["b1", "b2"]
    assert assign_studio_batch.sync(
        "b1", client=client, body=StudioBatchAssignment(groups=["g"])
    ).groups == ["g"]
    order = StudioBatchPriorities.from_dict({"batches": [{"name": "b2"}, {"name": "b1"}]})
    assert [b.name for b in set_studio_batches_priorities.sync(client=client, body=order)] == [
        "b2",
        "b1",
    ]
    assert [b.name for b in reset_studio_batches_priorities.sync(client=client)] == ["b1", "b2"]
    expected: dict[str, Any] = {"annotations": {}}
    attachments = [{"type": "text", "content": "hello"}]
    evaluation = create_evaluation_task.sync(
        QualityTaskType.TEXTCOLLECTION,
        client=client,
        body=EvaluationTaskCreate.from_dict(
            {"project": "s", "attachments": attachments, "expected_response": expected}
        ),
    )
    assert evaluation.expected_response.to_dict() == expected
    training = create_training_task.sync(
        QualityTaskType.TEXTCOLLECTION,
        client=client,
        body=TrainingTaskCreate.from_dict(
            {"project": "s", "attachments": attachments, "expected_response": expected}
        ),
    )
    assert training.id


@pytest.mark.anyio
async def test_async_functions_and_errors(mock: ThreadedMock) -> None:
    async with from_api_key(f"test_{uuid.uuid4().hex}", base_url=mock.base_url) as client:
        task = await create_annotation_task.asyncio(client=client, body=box())
        fetched = await get_task.asyncio(task.task_id, client=client)
        assert fetched.status == TaskStatus.COMPLETED
        with pytest.raises(api_errors.NotFound):
            await get_task.asyncio("nope", client=client)
