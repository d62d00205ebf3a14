from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.studio_batch_priorities_batches_item import StudioBatchPrioritiesBatchesItem


T = TypeVar("T", bound="StudioBatchPriorities")


@_attrs_define
class StudioBatchPriorities:
    """The new order of the pending Studio batches. "You must include all pending studio batches."
    "You must include all pending studio batches in the List" (sdk-readme L430).

        Attributes:
            batches (list[StudioBatchPrioritiesBatchesItem]): No minimum is documented: at least one is our assumption.
    """

    batches: list[StudioBatchPrioritiesBatchesItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        batches = []
        for batches_item_data in self.batches:
            batches_item = batches_item_data.to_dict()
            batches.append(batches_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "batches": batches,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.studio_batch_priorities_batches_item import StudioBatchPrioritiesBatchesItem  # noqa: PLC0415

        d = dict(src_dict)
        batches = []
        _batches = d.pop("batches")
        for batches_item_data in _batches:
            batches_item = StudioBatchPrioritiesBatchesItem.from_dict(batches_item_data)

            batches.append(batches_item)

        studio_batch_priorities = cls(
            batches=batches,
        )

        studio_batch_priorities.additional_properties = d
        return studio_batch_priorities

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
