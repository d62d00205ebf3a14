from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="File")


@_attrs_define
class File:
    """A stored file. Its `attachment_url` "can be passed to the task payloads, in the attachment
    parameter" (`sdk-readme`).
    The official SDK's `File` reads `id` and `attachment_url`.

        Attributes:
            id (str):
            attachment_url (str): A `scaledata://` URL usable as a task attachment: "you can access the URL as
                my_file.attachment_url, which will have a prefix like scaledata://" (sdk-readme
                L333–334).
            created_at (datetime.datetime | Unset):
            updated_at (datetime.datetime | Unset):
            mime_type (str | Unset):
            project_names (list[str] | Unset):
            size (int | Unset): Size in bytes. 0 or more (assumed).
    """

    id: str
    attachment_url: str
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    mime_type: str | Unset = UNSET
    project_names: list[str] | Unset = UNSET
    size: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        attachment_url = self.attachment_url

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        mime_type = self.mime_type

        project_names: list[str] | Unset = UNSET
        if not isinstance(self.project_names, Unset):
            project_names = self.project_names

        size = self.size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "attachment_url": attachment_url,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if mime_type is not UNSET:
            field_dict["mime_type"] = mime_type
        if project_names is not UNSET:
            field_dict["project_names"] = project_names
        if size is not UNSET:
            field_dict["size"] = size

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        attachment_url = d.pop("attachment_url")

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        mime_type = d.pop("mime_type", UNSET)

        project_names = cast(list[str], d.pop("project_names", UNSET))

        size = d.pop("size", UNSET)

        file = cls(
            id=id,
            attachment_url=attachment_url,
            created_at=created_at,
            updated_at=updated_at,
            mime_type=mime_type,
            project_names=project_names,
            size=size,
        )

        file.additional_properties = d
        return file

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
