from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StudioAssignmentsChange")


@_attrs_define
class StudioAssignmentsChange:
    """Labeler emails and the projects to assign to (or remove from) each of them.
    "Accepts a list of emails and a list of projects" (sdk-readme L404).

        Attributes:
            emails (list[str]): No minimum is documented: at least one is our assumption.
            projects (list[str]): No minimum is documented: at least one is our assumption.
    """

    emails: list[str]
    projects: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        emails = self.emails

        projects = self.projects

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "emails": emails,
                "projects": projects,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        emails = cast(list[str], d.pop("emails"))

        projects = cast(list[str], d.pop("projects"))

        studio_assignments_change = cls(
            emails=emails,
            projects=projects,
        )

        studio_assignments_change.additional_properties = d
        return studio_assignments_change

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
