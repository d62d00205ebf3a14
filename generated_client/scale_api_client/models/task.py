from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_status import TaskStatus
from ..models.task_type import TaskType
from ..models.task_urgency import TaskUrgency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metadata import Metadata
    from ..models.task_params import TaskParams
    from ..models.task_response_type_0 import TaskResponseType0


T = TypeVar("T", bound="Task")


@_attrs_define
class Task:
    """ "The task object represents a single task that you create with Scale and is completed by a
    worker." Only `task_id` and `status` are always present: with `limited_response=true` the
    task list returns just `task_id`, `status`, `metadata`, `project` and `otherVersion`.

    `response` depends on the task type and status; the `allOf` below ties each documented type
    to its response schema, and a task in status `error` to `AttachmentError`. The response of a
    completed box, point, line or polygon task "will have either an error field or an
    annotations field" (docs-2018 L362; "either an annotations field or an error field", L505,
    L655, L1065), so for those types `AttachmentError` is allowed too; cuboid and segmentation
    responses "will contain only an annotations field" (L769) or "a labelMapping and an
    annotations field" (L1264).
    Every documented task has both; with `limited_response` the list keeps them: "task_id string
    The task_id is the unique identifier for the task" (docs-2018 L163); "If you use the
    limited_response = True" (sdk-readme L88).

        Attributes:
            task_id (str): The `task_id` is the unique identifier for the task.
            status (TaskStatus): "The status of the task, one of pending, completed, canceled or error" (`docs-2018`).
                `docs-2016` had no `error`; a task goes to `error` when, for example, its attachments cannot
                be fetched.
                "The status of the task, one of pending, completed, canceled or error" (docs-2018 L170).
            type_ (str | TaskType | Unset): The task type: one of `TaskType`, "or any other task type" (docs-2016 L1282,
                docs-2018 L2931): a type this spec does not list is not an error.
            instruction (str | Unset): "A markdown-enabled string explaining the instructions for the task." "HTML tags are
                unsupported" (`docs-2018`), although the getting-started guide suggests pasting an
                iframe: the content is not validated.
            params (TaskParams | Unset): "An object with the parameters of the task based on the type", with defaults filled
                in
                (for example `allow_multiple: false`, `with_labels: false`).
            urgency (TaskUrgency | Unset): The urgency stored on a task: `express` or `standard`, or on tasks created under
                the
                `docs-2016` API one of the deprecated `immediate` ("a one-hour response time"), `day` or
                `week`.
                The union of both eras' values: "One of express or standard" (docs-2018 L167); "One of
                `immediate`, `day`, or `week`" (docs-2016 L150).
            response (None | TaskResponseType0 | Unset): "An object corresponding to the response once the task is
                completed", or an
                `AttachmentError` when the task is in status `error`. `null` until then: the documents
                show `@response=nil` on a pending and on a canceled task (docs-2018 L2728, L2793).
            callback_url (None | str | Unset): "A string of the URL that should be POSTed once the task is completed for the
                response
                data", or an email address. May be `null` when the task was created without one (the
                documents show unset task fields as nil, docs-2018 L2728).
            created_at (datetime.datetime | Unset): A string of the UTC timestamp of when the task was created.
            completed_at (datetime.datetime | None | Unset): "A string of the UTC timestamp of when the task was completed.
                This will only be filled
                in after it is completed." `null` before: "@completed_at=nil" (docs-2018 L2728, L2793).
            updated_at (datetime.datetime | Unset): When the task last changed (the `updated_after`/`updated_before` filters
                use it).
            callback_succeeded (bool | None | Unset): "A boolean stating whether or not the callback succeeded. If the
                callback returns with a
                2xx status code, the value will be true. If the callback fails to return a 2xx status
                code through all retries, then the value will be false." `null` (or absent) before the
                callback was tried: "@callback_succeeded_at=nil" (docs-2018 L2728, L2793).
            metadata (Metadata | Unset): "A set of key/value pairs that you can attach to a task object. It can be useful
                for storing
                additional information about the task in a structured format." "Metadata is not used by
                Scale (e.g., to affect how the task is done)." Default `{}`.
            project (str | Unset): The name of the project the task belongs to.
            batch (str | Unset): The name of the batch the task belongs to.
            unique_id (str | Unset): The task's `unique_id`; absent when none was set or after it was cleared.
            tags (list[str] | Unset): The task's tags; absent until tags are first set.
            other_version (Any | Unset): Returned with `limited_response=true`; its content is not documented.
            script (str | Unset): `docs-2016` showed a phonecall task's `script` here; it belongs in `params`.
    """

    task_id: str
    status: TaskStatus
    type_: str | TaskType | Unset = UNSET
    instruction: str | Unset = UNSET
    params: TaskParams | Unset = UNSET
    urgency: TaskUrgency | Unset = UNSET
    response: None | TaskResponseType0 | Unset = UNSET
    callback_url: None | str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    completed_at: datetime.datetime | None | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    callback_succeeded: bool | None | Unset = UNSET
    metadata: Metadata | Unset = UNSET
    project: str | Unset = UNSET
    batch: str | Unset = UNSET
    unique_id: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    other_version: Any | Unset = UNSET
    script: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.task_response_type_0 import TaskResponseType0  # noqa: PLC0415

        task_id = self.task_id

        status = self.status.value

        type_: str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, TaskType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        instruction = self.instruction

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        urgency: str | Unset = UNSET
        if not isinstance(self.urgency, Unset):
            urgency = self.urgency.value

        response: dict[str, Any] | None | Unset
        if isinstance(self.response, Unset):
            response = UNSET
        elif isinstance(self.response, TaskResponseType0):
            response = self.response.to_dict()
        else:
            response = self.response

        callback_url: None | str | Unset
        if isinstance(self.callback_url, Unset):
            callback_url = UNSET
        else:
            callback_url = self.callback_url

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        elif isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        callback_succeeded: bool | None | Unset
        if isinstance(self.callback_succeeded, Unset):
            callback_succeeded = UNSET
        else:
            callback_succeeded = self.callback_succeeded

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        project = self.project

        batch = self.batch

        unique_id = self.unique_id

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        other_version = self.other_version

        script = self.script

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task_id": task_id,
                "status": status,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if instruction is not UNSET:
            field_dict["instruction"] = instruction
        if params is not UNSET:
            field_dict["params"] = params
        if urgency is not UNSET:
            field_dict["urgency"] = urgency
        if response is not UNSET:
            field_dict["response"] = response
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if callback_succeeded is not UNSET:
            field_dict["callback_succeeded"] = callback_succeeded
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if project is not UNSET:
            field_dict["project"] = project
        if batch is not UNSET:
            field_dict["batch"] = batch
        if unique_id is not UNSET:
            field_dict["unique_id"] = unique_id
        if tags is not UNSET:
            field_dict["tags"] = tags
        if other_version is not UNSET:
            field_dict["otherVersion"] = other_version
        if script is not UNSET:
            field_dict["script"] = script

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metadata import Metadata  # noqa: PLC0415
        from ..models.task_params import TaskParams  # noqa: PLC0415
        from ..models.task_response_type_0 import TaskResponseType0  # noqa: PLC0415

        d = dict(src_dict)
        task_id = d.pop("task_id")

        status = TaskStatus(d.pop("status"))

        def _parse_type_(data: object) -> str | TaskType | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = TaskType(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | TaskType | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        instruction = d.pop("instruction", UNSET)

        _params = d.pop("params", UNSET)
        params: TaskParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = TaskParams.from_dict(_params)

        _urgency = d.pop("urgency", UNSET)
        urgency: TaskUrgency | Unset
        if isinstance(_urgency, Unset):
            urgency = UNSET
        else:
            urgency = TaskUrgency(_urgency)

        def _parse_response(data: object) -> None | TaskResponseType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_type_0 = TaskResponseType0.from_dict(data)

                return response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskResponseType0 | Unset, data)

        response = _parse_response(d.pop("response", UNSET))

        def _parse_callback_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        callback_url = _parse_callback_url(d.pop("callback_url", UNSET))

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        def _parse_completed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        def _parse_callback_succeeded(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        callback_succeeded = _parse_callback_succeeded(d.pop("callback_succeeded", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Metadata.from_dict(_metadata)

        project = d.pop("project", UNSET)

        batch = d.pop("batch", UNSET)

        unique_id = d.pop("unique_id", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        other_version = d.pop("otherVersion", UNSET)

        script = d.pop("script", UNSET)

        task = cls(
            task_id=task_id,
            status=status,
            type_=type_,
            instruction=instruction,
            params=params,
            urgency=urgency,
            response=response,
            callback_url=callback_url,
            created_at=created_at,
            completed_at=completed_at,
            updated_at=updated_at,
            callback_succeeded=callback_succeeded,
            metadata=metadata,
            project=project,
            batch=batch,
            unique_id=unique_id,
            tags=tags,
            other_version=other_version,
            script=script,
        )

        task.additional_properties = d
        return task

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
