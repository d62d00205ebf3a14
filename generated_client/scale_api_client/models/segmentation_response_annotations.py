from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.segmentation_response_annotations_combined import SegmentationResponseAnnotationsCombined
    from ..models.segmentation_response_annotations_labeled import SegmentationResponseAnnotationsLabeled


T = TypeVar("T", bound="SegmentationResponseAnnotations")


@_attrs_define
class SegmentationResponseAnnotations:
    """The combined images, as in the documented example: `"combined": {` (docs-2018 L1216).

    Attributes:
        combined (SegmentationResponseAnnotationsCombined): As in the documented example: `"indexedImage": "` (docs-2018
            L1218).
        unlabeled (None | str | Unset): URL of the mask of unlabeled pixels.
        labeled (SegmentationResponseAnnotationsLabeled | Unset): For each label, the URL of its mask (a list of URLs
            for an instance label).
    """

    combined: SegmentationResponseAnnotationsCombined
    unlabeled: None | str | Unset = UNSET
    labeled: SegmentationResponseAnnotationsLabeled | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        combined = self.combined.to_dict()

        unlabeled: None | str | Unset
        if isinstance(self.unlabeled, Unset):
            unlabeled = UNSET
        else:
            unlabeled = self.unlabeled

        labeled: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labeled, Unset):
            labeled = self.labeled.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "combined": combined,
            }
        )
        if unlabeled is not UNSET:
            field_dict["unlabeled"] = unlabeled
        if labeled is not UNSET:
            field_dict["labeled"] = labeled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.segmentation_response_annotations_combined import SegmentationResponseAnnotationsCombined  # noqa: PLC0415
        from ..models.segmentation_response_annotations_labeled import SegmentationResponseAnnotationsLabeled  # noqa: PLC0415

        d = dict(src_dict)
        combined = SegmentationResponseAnnotationsCombined.from_dict(d.pop("combined"))

        def _parse_unlabeled(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unlabeled = _parse_unlabeled(d.pop("unlabeled", UNSET))

        _labeled = d.pop("labeled", UNSET)
        labeled: SegmentationResponseAnnotationsLabeled | Unset
        if isinstance(_labeled, Unset):
            labeled = UNSET
        else:
            labeled = SegmentationResponseAnnotationsLabeled.from_dict(_labeled)

        segmentation_response_annotations = cls(
            combined=combined,
            unlabeled=unlabeled,
            labeled=labeled,
        )

        segmentation_response_annotations.additional_properties = d
        return segmentation_response_annotations

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
