from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.legacy_urgency import LegacyUrgency
from ..types import UNSET, Unset

T = TypeVar("T", bound="LegacyUrgencyParam")


@_attrs_define
class LegacyUrgencyParam:
    """The `urgency` of the 2016-only `/task/categorize` and `/task/phonecall`.

    Attributes:
        urgency (LegacyUrgency | Unset): The urgency of the 2016-only `/task/categorize` and `/task/phonecall`: "One of
            `immediate`,
            `day`, or `week`, where `immediate` is a one-hour response time", "(optional, default
            `day`)" (docs-2016 L274, L614). These paths exist only in `docs-2016`, so they keep its
            values.
            "`urgency` (optional, default `day`) | string" (docs-2016 L274).
    """

    urgency: LegacyUrgency | Unset = UNSET
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
        urgency: LegacyUrgency | Unset
        if isinstance(_urgency, Unset):
            urgency = UNSET
        else:
            urgency = LegacyUrgency(_urgency)

        legacy_urgency_param = cls(
            urgency=urgency,
        )

        legacy_urgency_param.additional_properties = d
        return legacy_urgency_param

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
