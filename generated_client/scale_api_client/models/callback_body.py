from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.callback_body_status import CallbackBodyStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.callback_body_response import CallbackBodyResponse
    from ..models.task import Task


T = TypeVar("T", bound="CallbackBody")


@_attrs_define
class CallbackBody:
    """What Scale POSTs, as `application/json`, to a task's `callback_url`. "The full task object
    for reference and convenience" is in `task`; `response` equals `task.response`.

        Attributes:
            task_id (str): The task_id is the unique identifier for the task.
            response (CallbackBodyResponse): "The response object of the completed request. For categorization, it will
                contain a
                category attribute of the assigned category."
            task (Task): "The task object represents a single task that you create with Scale and is completed by a
                worker." Only `task_id` and `status` are always present: with `limited_response=true` the
                task list returns just `task_id`, `status`, `metadata`, `project` and `otherVersion`.

                `response` depends on the task type and status; the `allOf` below ties each documented type
                to its response schema, and a task in status `error` to `AttachmentError`.
            status (CallbackBodyStatus | Unset): "The status of the task when it was completed. Normally completed, but can
                also be error
                in the case that a task failed processing." Absent from every documented example.
    """

    task_id: str
    response: CallbackBodyResponse
    task: Task
    status: CallbackBodyStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        task_id = self.task_id

        response = self.response.to_dict()

        task = self.task.to_dict()

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task_id": task_id,
                "response": response,
                "task": task,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.callback_body_response import CallbackBodyResponse  # noqa: PLC0415
        from ..models.task import Task  # noqa: PLC0415

        d = dict(src_dict)
        task_id = d.pop("task_id")

        response = CallbackBodyResponse.from_dict(d.pop("response"))

        task = Task.from_dict(d.pop("task"))

        _status = d.pop("status", UNSET)
        status: CallbackBodyStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = CallbackBodyStatus(_status)

        callback_body = cls(
            task_id=task_id,
            response=response,
            task=task,
            status=status,
        )

        callback_body.additional_properties = d
        return callback_body

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
