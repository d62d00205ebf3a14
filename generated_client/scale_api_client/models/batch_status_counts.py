from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_status import BatchStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="BatchStatusCounts")


@_attrs_define
class BatchStatusCounts:
    """The batch status and how many of its tasks are in each task status; a missing count means 0.
    The official SDK reads `status`.

        Attributes:
            status (BatchStatus): `staging` (created, not yet finalized), `in_progress` or `completed` (`sdk`). New batches
                are
                `in_progress` since June 2021; older SDKs expected `staging`.
            pending (int | Unset): A count: 0 or more (assumed).
            completed (int | Unset): A count: 0 or more (assumed).
            error (int | Unset): A count: 0 or more (assumed).
            canceled (int | Unset): A count: 0 or more (assumed).
    """

    status: BatchStatus
    pending: int | Unset = UNSET
    completed: int | Unset = UNSET
    error: int | Unset = UNSET
    canceled: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        pending = self.pending

        completed = self.completed

        error = self.error

        canceled = self.canceled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if pending is not UNSET:
            field_dict["pending"] = pending
        if completed is not UNSET:
            field_dict["completed"] = completed
        if error is not UNSET:
            field_dict["error"] = error
        if canceled is not UNSET:
            field_dict["canceled"] = canceled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = BatchStatus(d.pop("status"))

        pending = d.pop("pending", UNSET)

        completed = d.pop("completed", UNSET)

        error = d.pop("error", UNSET)

        canceled = d.pop("canceled", UNSET)

        batch_status_counts = cls(
            status=status,
            pending=pending,
            completed=completed,
            error=error,
            canceled=canceled,
        )

        batch_status_counts.additional_properties = d
        return batch_status_counts

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
