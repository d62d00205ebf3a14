from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attribute_values import AttributeValues


T = TypeVar("T", bound="BoxAnnotation")


@_attrs_define
class BoxAnnotation:
    """A bounding box: `left` (below), likewise `top`; `width` and `height` in pixels. `label` is
    present when `with_labels` is true ("which will be one of the specified `task.params.objects_to_annotate`",
    docs-2016 L942; the leaf label for
    nested labels); `attributes` holds the annotation attributes, when requested.
    "* `left`: The distance, in pixels, between the left border of the bounding box and the left
    border of the image" (docs-2016 L938).

        Attributes:
            left (float):
            top (float):
            width (float): A size in pixels: 0 or more (assumed).
            height (float): A size in pixels: 0 or more (assumed).
            label (str | Unset):
            attributes (AttributeValues | Unset): The attribute values of one annotation, keyed by attribute name: a
                category attribute's
                choice (a string), a number attribute's number, or an angle attribute's degrees
                (`AngleAttributeValue`). Which one a key holds depends on the attribute's `type` in the
                task's params, which a schema of the response alone cannot see.
    """

    left: float
    top: float
    width: float
    height: float
    label: str | Unset = UNSET
    attributes: AttributeValues | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        left = self.left

        top = self.top

        width = self.width

        height = self.height

        label = self.label

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "left": left,
                "top": top,
                "width": width,
                "height": height,
            }
        )
        if label is not UNSET:
            field_dict["label"] = label
        if attributes is not UNSET:
            field_dict["attributes"] = attributes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribute_values import AttributeValues  # noqa: PLC0415

        d = dict(src_dict)
        left = d.pop("left")

        top = d.pop("top")

        width = d.pop("width")

        height = d.pop("height")

        label = d.pop("label", UNSET)

        _attributes = d.pop("attributes", UNSET)
        attributes: AttributeValues | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = AttributeValues.from_dict(_attributes)

        box_annotation = cls(
            left=left,
            top=top,
            width=width,
            height=height,
            label=label,
            attributes=attributes,
        )

        box_annotation.additional_properties = d
        return box_annotation

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
