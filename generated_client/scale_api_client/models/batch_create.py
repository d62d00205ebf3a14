from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metadata import Metadata


T = TypeVar("T", bound="BatchCreate")


@_attrs_define
class BatchCreate:
    """The body of `POST /batches`.
    The official SDK's `create_batch(project, batch_name, ...)` sends both.

        Attributes:
            project (str): The name of the project the batch belongs to.
                Non-empty (assumed).
            name (str): The batch name, unique among the account's batches (a duplicate gives 409).
                Non-empty (assumed).
            callback (str | Unset): "Email to notify, or URL to POST to when a batch is complete" (`sdk`).
                 Default: ''.
            calibration_batch (bool | Unset): Whether this is a calibration batch (self-serve projects only; `sdk`).
                Default: False.
            self_label_batch (bool | Unset): Whether this is a self-label batch (self-serve projects only; `sdk`). Default:
                False.
            metadata (Metadata | Unset): "A set of key/value pairs that you can attach to a task object. It can be useful
                for storing
                additional information about the task in a structured format." "Metadata is not used by
                Scale (e.g., to affect how the task is done)." Default `{}`.
    """

    project: str
    name: str
    callback: str | Unset = ""
    calibration_batch: bool | Unset = False
    self_label_batch: bool | Unset = False
    metadata: Metadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project = self.project

        name = self.name

        callback = self.callback

        calibration_batch = self.calibration_batch

        self_label_batch = self.self_label_batch

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project": project,
                "name": name,
            }
        )
        if callback is not UNSET:
            field_dict["callback"] = callback
        if calibration_batch is not UNSET:
            field_dict["calibration_batch"] = calibration_batch
        if self_label_batch is not UNSET:
            field_dict["self_label_batch"] = self_label_batch
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metadata import Metadata  # noqa: PLC0415

        d = dict(src_dict)
        project = d.pop("project")

        name = d.pop("name")

        callback = d.pop("callback", UNSET)

        calibration_batch = d.pop("calibration_batch", UNSET)

        self_label_batch = d.pop("self_label_batch", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Metadata.from_dict(_metadata)

        batch_create = cls(
            project=project,
            name=name,
            callback=callback,
            calibration_batch=calibration_batch,
            self_label_batch=self_label_batch,
            metadata=metadata,
        )

        batch_create.additional_properties = d
        return batch_create

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
