from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_template_response_schema import TaskTemplateResponseSchema
    from ..models.task_template_template_variables import TaskTemplateTemplateVariables


T = TypeVar("T", bound="TaskTemplate")


@_attrs_define
class TaskTemplate:
    """A project's task template (TextCollection and Chat projects only; `sdk`).

    Attributes:
        id (str):
        version (int | str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        template_variables (TaskTemplateTemplateVariables):
        response_schema (TaskTemplateResponseSchema | Unset):
        auto_onboard_enabled (bool | Unset):  Default: False.
    """

    id: str
    version: int | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    template_variables: TaskTemplateTemplateVariables
    response_schema: TaskTemplateResponseSchema | Unset = UNSET
    auto_onboard_enabled: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        version: int | str
        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        template_variables = self.template_variables.to_dict()

        response_schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.response_schema, Unset):
            response_schema = self.response_schema.to_dict()

        auto_onboard_enabled = self.auto_onboard_enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
                "template_variables": template_variables,
            }
        )
        if response_schema is not UNSET:
            field_dict["response_schema"] = response_schema
        if auto_onboard_enabled is not UNSET:
            field_dict["auto_onboard_enabled"] = auto_onboard_enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_template_response_schema import TaskTemplateResponseSchema  # noqa: PLC0415
        from ..models.task_template_template_variables import TaskTemplateTemplateVariables  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_version(data: object) -> int | str:
            return cast(int | str, data)

        version = _parse_version(d.pop("version"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        template_variables = TaskTemplateTemplateVariables.from_dict(d.pop("template_variables"))

        _response_schema = d.pop("response_schema", UNSET)
        response_schema: TaskTemplateResponseSchema | Unset
        if isinstance(_response_schema, Unset):
            response_schema = UNSET
        else:
            response_schema = TaskTemplateResponseSchema.from_dict(_response_schema)

        auto_onboard_enabled = d.pop("auto_onboard_enabled", UNSET)

        task_template = cls(
            id=id,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            template_variables=template_variables,
            response_schema=response_schema,
            auto_onboard_enabled=auto_onboard_enabled,
        )

        task_template.additional_properties = d
        return task_template

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
