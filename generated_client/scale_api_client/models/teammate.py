from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.teammate_role import TeammateRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="Teammate")


@_attrs_define
class Teammate:
    """A member of the account's team.
    The official SDK's `Teammate` reads `email` and `role`.

        Attributes:
            email (str):
            role (TeammateRole): "The available teammate roles are: 'labeler', 'member', or 'manager'" (`sdk-readme`); the
                SDK
                also has `admin`.
                The full list is the SDK's; sdk-readme names three of the four: "The available teammate
                roles are: 'labeler', 'member', or 'manager'" (sdk-readme L349).
            company (str | Unset):
            first_name (str | Unset):
            last_name (str | Unset):
            is_studio_labeler (bool | Unset):
            expiry (datetime.datetime | None | Unset):
    """

    email: str
    role: TeammateRole
    company: str | Unset = UNSET
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    is_studio_labeler: bool | Unset = UNSET
    expiry: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        role = self.role.value

        company = self.company

        first_name = self.first_name

        last_name = self.last_name

        is_studio_labeler = self.is_studio_labeler

        expiry: None | str | Unset
        if isinstance(self.expiry, Unset):
            expiry = UNSET
        elif isinstance(self.expiry, datetime.datetime):
            expiry = self.expiry.isoformat()
        else:
            expiry = self.expiry

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "role": role,
            }
        )
        if company is not UNSET:
            field_dict["company"] = company
        if first_name is not UNSET:
            field_dict["firstName"] = first_name
        if last_name is not UNSET:
            field_dict["lastName"] = last_name
        if is_studio_labeler is not UNSET:
            field_dict["isStudioLabeler"] = is_studio_labeler
        if expiry is not UNSET:
            field_dict["expiry"] = expiry

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        role = TeammateRole(d.pop("role"))

        company = d.pop("company", UNSET)

        first_name = d.pop("firstName", UNSET)

        last_name = d.pop("lastName", UNSET)

        is_studio_labeler = d.pop("isStudioLabeler", UNSET)

        def _parse_expiry(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expiry_type_0 = datetime.datetime.fromisoformat(data)

                return expiry_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expiry = _parse_expiry(d.pop("expiry", UNSET))

        teammate = cls(
            email=email,
            role=role,
            company=company,
            first_name=first_name,
            last_name=last_name,
            is_studio_labeler=is_studio_labeler,
            expiry=expiry,
        )

        teammate.additional_properties = d
        return teammate

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
