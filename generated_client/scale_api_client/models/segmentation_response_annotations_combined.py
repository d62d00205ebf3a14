from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SegmentationResponseAnnotationsCombined")


@_attrs_define
class SegmentationResponseAnnotationsCombined:
    """As in the documented example: `"indexedImage": "` (docs-2018 L1218).

    Attributes:
        image (str): URL of the colour-mapped image.
        indexed_image (str): URL of the index-mapped image.
    """

    image: str
    indexed_image: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image = self.image

        indexed_image = self.indexed_image

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image": image,
                "indexedImage": indexed_image,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        image = d.pop("image")

        indexed_image = d.pop("indexedImage")

        segmentation_response_annotations_combined = cls(
            image=image,
            indexed_image=indexed_image,
        )

        segmentation_response_annotations_combined.additional_properties = d
        return segmentation_response_annotations_combined

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
