from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FileImport")


@_attrs_define
class FileImport:
    """The body of `POST /files/import`.
    The official SDK's `import_file` sends `file_url`.

        Attributes:
            file_url (str): The URL of the file to import.
            project_name (str | Unset): The project the file is for.
    """

    file_url: str
    project_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file_url = self.file_url

        project_name = self.project_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_url": file_url,
            }
        )
        if project_name is not UNSET:
            field_dict["project_name"] = project_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file_url = d.pop("file_url")

        project_name = d.pop("project_name", UNSET)

        file_import = cls(
            file_url=file_url,
            project_name=project_name,
        )

        file_import.additional_properties = d
        return file_import

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
