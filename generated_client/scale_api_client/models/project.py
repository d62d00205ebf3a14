from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_type import TaskType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.project_param_version import ProjectParamVersion


T = TypeVar("T", bound="Project")


@_attrs_define
class Project:
    """A project. "Projects keep a history of the parameters that they were set with"; the last entry
    of `param_history` is the current one.
    Every documented project has a name, a type and its history: "Projects keep a history of the
    parameters that they were set with" (docs-2018 L2638).

        Attributes:
            name (str):
            type_ (str | TaskType): The project's task type; open like `Task.type` ("or any other task type").
            param_history (list[ProjectParamVersion]):
            created_at (datetime.datetime | Unset):
            rapid (bool | Unset):
            studio (bool | Unset):
    """

    name: str
    type_: str | TaskType
    param_history: list[ProjectParamVersion]
    created_at: datetime.datetime | Unset = UNSET
    rapid: bool | Unset = UNSET
    studio: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_: str
        if isinstance(self.type_, TaskType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        param_history = []
        for param_history_item_data in self.param_history:
            param_history_item = param_history_item_data.to_dict()
            param_history.append(param_history_item)

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        rapid = self.rapid

        studio = self.studio

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "type": type_,
                "param_history": param_history,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if rapid is not UNSET:
            field_dict["rapid"] = rapid
        if studio is not UNSET:
            field_dict["studio"] = studio

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.project_param_version import ProjectParamVersion  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_type_(data: object) -> str | TaskType:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = TaskType(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | TaskType, data)

        type_ = _parse_type_(d.pop("type"))

        param_history = []
        _param_history = d.pop("param_history")
        for param_history_item_data in _param_history:
            param_history_item = ProjectParamVersion.from_dict(param_history_item_data)

            param_history.append(param_history_item)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        rapid = d.pop("rapid", UNSET)

        studio = d.pop("studio", UNSET)

        project = cls(
            name=name,
            type_=type_,
            param_history=param_history,
            created_at=created_at,
            rapid=rapid,
            studio=studio,
        )

        project.additional_properties = d
        return project

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
