from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_status import BatchStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metadata import Metadata


T = TypeVar("T", bound="Batch")


@_attrs_define
class Batch:
    """A batch of tasks in a project.
    The official SDK's `Batch` reads these keys.

        Attributes:
            name (str):
            status (BatchStatus): `staging` (created, not yet finalized), `in_progress` or `completed` (`sdk`). New batches
                are
                `in_progress` since June 2021; older SDKs expected `staging`.
            project (str):
            created_at (datetime.datetime):
            metadata (Metadata): "A set of key/value pairs that you can attach to a task object. It can be useful for
                storing
                additional information about the task in a structured format." "Metadata is not used by
                Scale (e.g., to affect how the task is done)." Default `{}`.
            callback (str | Unset):
            calibration_batch (bool | Unset):
            self_label_batch (bool | Unset):
    """

    name: str
    status: BatchStatus
    project: str
    created_at: datetime.datetime
    metadata: Metadata
    callback: str | Unset = UNSET
    calibration_batch: bool | Unset = UNSET
    self_label_batch: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        status = self.status.value

        project = self.project

        created_at = self.created_at.isoformat()

        metadata = self.metadata.to_dict()

        callback = self.callback

        calibration_batch = self.calibration_batch

        self_label_batch = self.self_label_batch

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "status": status,
                "project": project,
                "created_at": created_at,
                "metadata": metadata,
            }
        )
        if callback is not UNSET:
            field_dict["callback"] = callback
        if calibration_batch is not UNSET:
            field_dict["calibration_batch"] = calibration_batch
        if self_label_batch is not UNSET:
            field_dict["self_label_batch"] = self_label_batch

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metadata import Metadata  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        status = BatchStatus(d.pop("status"))

        project = d.pop("project")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        metadata = Metadata.from_dict(d.pop("metadata"))

        callback = d.pop("callback", UNSET)

        calibration_batch = d.pop("calibration_batch", UNSET)

        self_label_batch = d.pop("self_label_batch", UNSET)

        batch = cls(
            name=name,
            status=status,
            project=project,
            created_at=created_at,
            metadata=metadata,
            callback=callback,
            calibration_batch=calibration_batch,
            self_label_batch=self_label_batch,
        )

        batch.additional_properties = d
        return batch

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
