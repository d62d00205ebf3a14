from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StudioBatch")


@_attrs_define
class StudioBatch:
    """A pending Studio batch.
    The official SDK's `StudioBatch` reads these keys.

        Attributes:
            id (str):
            name (str):
            project_id (str):
            project_name (str):
            batch_type (str):
            total (int): A count: 0 or more (assumed).
            completed (int): A count: 0 or more (assumed).
            groups (list[Any]): The labeler groups assigned to the batch.
            studio_priority (int | None | Unset):
    """

    id: str
    name: str
    project_id: str
    project_name: str
    batch_type: str
    total: int
    completed: int
    groups: list[Any]
    studio_priority: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        project_id = self.project_id

        project_name = self.project_name

        batch_type = self.batch_type

        total = self.total

        completed = self.completed

        groups = self.groups

        studio_priority: int | None | Unset
        if isinstance(self.studio_priority, Unset):
            studio_priority = UNSET
        else:
            studio_priority = self.studio_priority

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "projectId": project_id,
                "projectName": project_name,
                "batchType": batch_type,
                "total": total,
                "completed": completed,
                "groups": groups,
            }
        )
        if studio_priority is not UNSET:
            field_dict["studioPriority"] = studio_priority

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        project_id = d.pop("projectId")

        project_name = d.pop("projectName")

        batch_type = d.pop("batchType")

        total = d.pop("total")

        completed = d.pop("completed")

        groups = cast(list[Any], d.pop("groups"))

        def _parse_studio_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        studio_priority = _parse_studio_priority(d.pop("studioPriority", UNSET))

        studio_batch = cls(
            id=id,
            name=name,
            project_id=project_id,
            project_name=project_name,
            batch_type=batch_type,
            total=total,
            completed=completed,
            groups=groups,
            studio_priority=studio_priority,
        )

        studio_batch.additional_properties = d
        return studio_batch

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
