from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FailedAttachment")


@_attrs_define
class FailedAttachment:
    """An attachment Scale could not fetch: "statusCode" is the "HTTP code received when fetching
    attachment" and "url" the "attachment URL" (docs-2018 L2946–2947).
    `"statusCode": 500,` (docs-2018 L194).

        Attributes:
            status_code (int): HTTP code received when fetching the attachment.
            url (str): The attachment URL.
    """

    status_code: int
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status_code = self.status_code

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "statusCode": status_code,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status_code = d.pop("statusCode")

        url = d.pop("url")

        failed_attachment = cls(
            status_code=status_code,
            url=url,
        )

        failed_attachment.additional_properties = d
        return failed_attachment

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
