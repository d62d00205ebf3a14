from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RapidAnnotationResponseAnnotationsAdditionalProperty")


@_attrs_define
class RapidAnnotationResponseAnnotationsAdditionalProperty:
    """`type`, `field_id` and `response` as in the sdk-readme example; that all three are
    required is our assumption.

        Attributes:
            type_ (str):
            field_id (str):
            response (list[list[str]]):
    """

    type_: str
    field_id: str
    response: list[list[str]]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        field_id = self.field_id

        response = []
        for response_item_data in self.response:
            response_item = response_item_data

            response.append(response_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "field_id": field_id,
                "response": response,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = d.pop("type")

        field_id = d.pop("field_id")

        response = []
        _response = d.pop("response")
        for response_item_data in _response:
            response_item = cast(list[str], response_item_data)

            response.append(response_item)

        rapid_annotation_response_annotations_additional_property = cls(
            type_=type_,
            field_id=field_id,
            response=response,
        )

        rapid_annotation_response_annotations_additional_property.additional_properties = d
        return rapid_annotation_response_annotations_additional_property

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
