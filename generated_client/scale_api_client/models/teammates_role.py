from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.teammate_role import TeammateRole

T = TypeVar("T", bound="TeammatesRole")


@_attrs_define
class TeammatesRole:
    """Emails and the team role to give them.
    The official SDK sends both.

        Attributes:
            emails (list[str]): No minimum is documented: at least one is our assumption.
            team_role (TeammateRole): "The available teammate roles are: 'labeler', 'member', or 'manager'" (`sdk-readme`);
                the SDK
                also has `admin`.
                The full list is the SDK's; sdk-readme names three of the four: "The available teammate
                roles are: 'labeler', 'member', or 'manager'" (sdk-readme L349).
    """

    emails: list[str]
    team_role: TeammateRole
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        emails = self.emails

        team_role = self.team_role.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "emails": emails,
                "team_role": team_role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        emails = cast(list[str], d.pop("emails"))

        team_role = TeammateRole(d.pop("team_role"))

        teammates_role = cls(
            emails=emails,
            team_role=team_role,
        )

        teammates_role.additional_properties = d
        return teammates_role

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
