from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CategorizationResponse")


@_attrs_define
class CategorizationResponse:
    """The response of a `categorization` task. "If allow_multiple is false", `category` is one of
    the categories; if true, a list of them. When `category_ids` was given, `category_id` holds
    the matching id(s).
    "will have a category field and potentially a category_id field" (docs-2018 L2088).

        Attributes:
            category (list[str] | str):
            category_id (list[str] | str | Unset):
    """

    category: list[str] | str
    category_id: list[str] | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category: list[str] | str
        if isinstance(self.category, list):
            category = self.category

        else:
            category = self.category

        category_id: list[str] | str | Unset
        if isinstance(self.category_id, Unset):
            category_id = UNSET
        elif isinstance(self.category_id, list):
            category_id = self.category_id

        else:
            category_id = self.category_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
            }
        )
        if category_id is not UNSET:
            field_dict["category_id"] = category_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_category(data: object) -> list[str] | str:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                category_type_1 = cast(list[str], data)

                return category_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str, data)

        category = _parse_category(d.pop("category"))

        def _parse_category_id(data: object) -> list[str] | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                category_id_type_1 = cast(list[str], data)

                return category_id_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str | Unset, data)

        category_id = _parse_category_id(d.pop("category_id", UNSET))

        categorization_response = cls(
            category=category,
            category_id=category_id,
        )

        categorization_response.additional_properties = d
        return categorization_response

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
