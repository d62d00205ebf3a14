from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rapid_annotation_response_annotations import RapidAnnotationResponseAnnotations


T = TypeVar("T", bound="RapidAnnotationResponse")


@_attrs_define
class RapidAnnotationResponse:
    """The response format of Rapid tasks (`textcollection`) and of evaluation `expected_response`s:
    `annotations` keyed by field id.
    "expected_response = {" (sdk-readme L360).

        Attributes:
            annotations (RapidAnnotationResponseAnnotations):
    """

    annotations: RapidAnnotationResponseAnnotations
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        annotations = self.annotations.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "annotations": annotations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rapid_annotation_response_annotations import RapidAnnotationResponseAnnotations  # noqa: PLC0415

        d = dict(src_dict)
        annotations = RapidAnnotationResponseAnnotations.from_dict(d.pop("annotations"))

        rapid_annotation_response = cls(
            annotations=annotations,
        )

        rapid_annotation_response.additional_properties = d
        return rapid_annotation_response

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
