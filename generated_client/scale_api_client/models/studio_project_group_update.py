from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StudioProjectGroupUpdate")


@_attrs_define
class StudioProjectGroupUpdate:
    """Members to add to and remove from a labeler group; either list may be empty.

    Attributes:
        add_emails (list[str] | Unset):
        remove_emails (list[str] | Unset):
    """

    add_emails: list[str] | Unset = UNSET
    remove_emails: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        add_emails: list[str] | Unset = UNSET
        if not isinstance(self.add_emails, Unset):
            add_emails = self.add_emails

        remove_emails: list[str] | Unset = UNSET
        if not isinstance(self.remove_emails, Unset):
            remove_emails = self.remove_emails

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if add_emails is not UNSET:
            field_dict["add_emails"] = add_emails
        if remove_emails is not UNSET:
            field_dict["remove_emails"] = remove_emails

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        add_emails = cast(list[str], d.pop("add_emails", UNSET))

        remove_emails = cast(list[str], d.pop("remove_emails", UNSET))

        studio_project_group_update = cls(
            add_emails=add_emails,
            remove_emails=remove_emails,
        )

        studio_project_group_update.additional_properties = d
        return studio_project_group_update

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
