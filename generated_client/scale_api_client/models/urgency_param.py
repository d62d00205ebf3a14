from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.urgency import Urgency
from ..types import UNSET, Unset

T = TypeVar("T", bound="UrgencyParam")


@_attrs_define
class UrgencyParam:
    """The `urgency` of a current task type (`docs-2018`).

    Attributes:
        urgency (Urgency | Unset): "A string describing the urgency of the response. One of express or standard"
            (`docs-2018`),
            default `standard`. "We aim to complete express tasks within several hours, and standard
            tasks within a few days." `docs-2016` had `immediate`, `day` and `week`: they are no longer
            accepted on new tasks (see `TaskUrgency`).
            "urgency (optional, default standard) string A string describing the urgency of the
            response. One of express or standard" (docs-2018 L167).
    """

    urgency: Urgency | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        urgency: str | Unset = UNSET
        if not isinstance(self.urgency, Unset):
            urgency = self.urgency.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if urgency is not UNSET:
            field_dict["urgency"] = urgency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _urgency = d.pop("urgency", UNSET)
        urgency: Urgency | Unset
        if isinstance(_urgency, Unset):
            urgency = UNSET
        else:
            urgency = Urgency(_urgency)

        urgency_param = cls(
            urgency=urgency,
        )

        urgency_param.additional_properties = d
        return urgency_param

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
