from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.segmentation_response_annotations import SegmentationResponseAnnotations
    from ..models.segmentation_response_instances import SegmentationResponseInstances
    from ..models.segmentation_response_label_mapping import SegmentationResponseLabelMapping


T = TypeVar("T", bound="SegmentationResponse")


@_attrs_define
class SegmentationResponse:
    """The response of a `segmentannotation` task: "a series of images where each pixel's value
    corresponds to the label, either via a numerical index or a color mapping", plus "separate
    masks for each label". Unlike the other image tasks, `annotations` is an object. For instance
    labels, `labeled` and `labelMapping` hold one entry per instance.
    "will contain a labelMapping and an annotations field" (docs-2018 L1264).

        Attributes:
            annotations (SegmentationResponseAnnotations): The combined images, as in the documented example: `"combined":
                {` (docs-2018 L1216).
            label_mapping (SegmentationResponseLabelMapping): For each label its colour and index (a list of them for an
                instance label).
            instances (SegmentationResponseInstances | Unset): Per-instance data; its content is not documented.
    """

    annotations: SegmentationResponseAnnotations
    label_mapping: SegmentationResponseLabelMapping
    instances: SegmentationResponseInstances | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        annotations = self.annotations.to_dict()

        label_mapping = self.label_mapping.to_dict()

        instances: dict[str, Any] | Unset = UNSET
        if not isinstance(self.instances, Unset):
            instances = self.instances.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "annotations": annotations,
                "labelMapping": label_mapping,
            }
        )
        if instances is not UNSET:
            field_dict["instances"] = instances

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.segmentation_response_annotations import SegmentationResponseAnnotations  # noqa: PLC0415
        from ..models.segmentation_response_instances import SegmentationResponseInstances  # noqa: PLC0415
        from ..models.segmentation_response_label_mapping import SegmentationResponseLabelMapping  # noqa: PLC0415

        d = dict(src_dict)
        annotations = SegmentationResponseAnnotations.from_dict(d.pop("annotations"))

        label_mapping = SegmentationResponseLabelMapping.from_dict(d.pop("labelMapping"))

        _instances = d.pop("instances", UNSET)
        instances: SegmentationResponseInstances | Unset
        if isinstance(_instances, Unset):
            instances = UNSET
        else:
            instances = SegmentationResponseInstances.from_dict(_instances)

        segmentation_response = cls(
            annotations=annotations,
            label_mapping=label_mapping,
            instances=instances,
        )

        segmentation_response.additional_properties = d
        return segmentation_response

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
