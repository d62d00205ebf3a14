from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_type import TaskType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.project_params import ProjectParams


T = TypeVar("T", bound="ProjectCreate")


@_attrs_define
class ProjectCreate:
    """The body of `POST /projects`.
    "name string Name identifying this project. Must be unique among all your projects"
    (docs-2018 L2488).

        Attributes:
            type_ (str | TaskType): "The task type of all the tasks belonging to this project." One of `TaskType`, or
                another type: task types are open ("or any other task type", docs-2018 L2931).
            name (str): "Name identifying this project. Must be unique among all your projects."
                Non-empty (assumed).
            params (None | ProjectParams | Unset): The project's default task parameters; `null` (the official SDK sends
                `"params": null`
                when none are given) means none.
            rapid (bool | Unset): Whether the project is a Rapid project (`sdk-readme`). Default: False.
            studio (bool | Unset): Whether the project is a Studio project (`sdk-readme`). Default: False.
            dataset_id (None | str | Unset): The id of a Nucleus dataset to link the project to (`sdk`).
    """

    type_: str | TaskType
    name: str
    params: None | ProjectParams | Unset = UNSET
    rapid: bool | Unset = False
    studio: bool | Unset = False
    dataset_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.project_params import ProjectParams  # noqa: PLC0415

        type_: str
        if isinstance(self.type_, TaskType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        name = self.name

        params: dict[str, Any] | None | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        elif isinstance(self.params, ProjectParams):
            params = self.params.to_dict()
        else:
            params = self.params

        rapid = self.rapid

        studio = self.studio

        dataset_id: None | str | Unset
        if isinstance(self.dataset_id, Unset):
            dataset_id = UNSET
        else:
            dataset_id = self.dataset_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "name": name,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params
        if rapid is not UNSET:
            field_dict["rapid"] = rapid
        if studio is not UNSET:
            field_dict["studio"] = studio
        if dataset_id is not UNSET:
            field_dict["datasetId"] = dataset_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.project_params import ProjectParams  # noqa: PLC0415

        d = dict(src_dict)

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

        name = d.pop("name")

        def _parse_params(data: object) -> None | ProjectParams | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_0 = ProjectParams.from_dict(data)

                return params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProjectParams | Unset, data)

        params = _parse_params(d.pop("params", UNSET))

        rapid = d.pop("rapid", UNSET)

        studio = d.pop("studio", UNSET)

        def _parse_dataset_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dataset_id = _parse_dataset_id(d.pop("datasetId", UNSET))

        project_create = cls(
            type_=type_,
            name=name,
            params=params,
            rapid=rapid,
            studio=studio,
            dataset_id=dataset_id,
        )

        project_create.additional_properties = d
        return project_create

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
