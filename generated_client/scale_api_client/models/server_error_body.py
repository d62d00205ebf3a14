from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ServerErrorBody")


@_attrs_define
class ServerErrorBody:
    """The JSON body of a 413, 429 or 5xx answer, when it is JSON at all. Body limits, rate limits
    and server errors may come from infrastructure in front of the API (a proxy, a load
    balancer), so no key is required; when the API itself answers it is the `Error` object.
    Such answers may also be plain text or HTML.

        Attributes:
            error (str | Unset): A human-readable message, when the API itself answered.
            status_code (int | Unset): The HTTP status code, repeated.
    """

    error: str | Unset = UNSET
    status_code: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        status_code = self.status_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if error is not UNSET:
            field_dict["error"] = error
        if status_code is not UNSET:
            field_dict["status_code"] = status_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error = d.pop("error", UNSET)

        status_code = d.pop("status_code", UNSET)

        server_error_body = cls(
            error=error,
            status_code=status_code,
        )

        server_error_body.additional_properties = d
        return server_error_body

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
