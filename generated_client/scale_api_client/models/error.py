from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """The body of every error response. The official SDK reads the `error` key
    (`message = res.json().get("error", res.text)`, sdk `api.py`) and otherwise shows the raw
    text.
    That `error` is always present comes from the official SDK, which reads it; the documents
    show no error body.

        Attributes:
            error (str): A human-readable message saying what went wrong.
            status_code (int | Unset): The HTTP status code, repeated (older SDK docstring `{'status_code': XXX, 'error': 'I
                failed'}`).
            field (str | Unset): Where the rejected input is, such as `body.objects_to_annotate` or `query.limit`. Not
                documented by Scale: stand-in servers send it to name the field that broke a rule.
            rule (str | Unset): The rule the input broke, such as `maxItems` or an `x-scale-rules` id. Not documented by
                Scale: stand-in servers send it.
    """

    error: str
    status_code: int | Unset = UNSET
    field: str | Unset = UNSET
    rule: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        status_code = self.status_code

        field = self.field

        rule = self.rule

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )
        if status_code is not UNSET:
            field_dict["status_code"] = status_code
        if field is not UNSET:
            field_dict["field"] = field
        if rule is not UNSET:
            field_dict["rule"] = rule

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error = d.pop("error")

        status_code = d.pop("status_code", UNSET)

        field = d.pop("field", UNSET)

        rule = d.pop("rule", UNSET)

        error = cls(
            error=error,
            status_code=status_code,
            field=field,
            rule=rule,
        )

        error.additional_properties = d
        return error

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
