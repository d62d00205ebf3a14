from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.studio_worker import StudioWorker


T = TypeVar("T", bound="StudioProjectGroup")


@_attrs_define
class StudioProjectGroup:
    """A labeler group of a Studio project.
    The official SDK's `StudioProjectGroup` reads these keys.

        Attributes:
            id (str):
            name (str):
            num_workers (int): A count: 0 or more (assumed).
            is_singleton (bool):
            workers (list[StudioWorker] | Unset):
    """

    id: str
    name: str
    num_workers: int
    is_singleton: bool
    workers: list[StudioWorker] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        num_workers = self.num_workers

        is_singleton = self.is_singleton

        workers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.workers, Unset):
            workers = []
            for workers_item_data in self.workers:
                workers_item = workers_item_data.to_dict()
                workers.append(workers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "numWorkers": num_workers,
                "isSingleton": is_singleton,
            }
        )
        if workers is not UNSET:
            field_dict["workers"] = workers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.studio_worker import StudioWorker  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        num_workers = d.pop("numWorkers")

        is_singleton = d.pop("isSingleton")

        _workers = d.pop("workers", UNSET)
        workers: list[StudioWorker] | Unset = UNSET
        if _workers is not UNSET:
            workers = []
            for workers_item_data in _workers:
                workers_item = StudioWorker.from_dict(workers_item_data)

                workers.append(workers_item)

        studio_project_group = cls(
            id=id,
            name=name,
            num_workers=num_workers,
            is_singleton=is_singleton,
            workers=workers,
        )

        studio_project_group.additional_properties = d
        return studio_project_group

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
