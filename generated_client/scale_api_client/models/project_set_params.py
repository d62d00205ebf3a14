from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProjectSetParams")


@_attrs_define
class ProjectSetParams:
    """The body of `POST /projects/{project_name}/setParams`: the new parameters. "Currently we only
    support params.instruction" (`docs-2018`); the SDK passes any parameters.

        Attributes:
            instruction (str | Unset):
            patch (bool | Unset): Shown as `patch=False` in the SDK README; its effect is not documented.
    """

    instruction: str | Unset = UNSET
    patch: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        instruction = self.instruction

        patch = self.patch

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if instruction is not UNSET:
            field_dict["instruction"] = instruction
        if patch is not UNSET:
            field_dict["patch"] = patch

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        instruction = d.pop("instruction", UNSET)

        patch = d.pop("patch", UNSET)

        project_set_params = cls(
            instruction=instruction,
            patch=patch,
        )

        project_set_params.additional_properties = d
        return project_set_params

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
