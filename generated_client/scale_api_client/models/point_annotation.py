from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attribute_values import AttributeValues


T = TypeVar("T", bound="PointAnnotation")


@_attrs_define
class PointAnnotation:
    """A point (`x`, `y` in pixels), with its `label` when `with_labels` is true.
    Every documented point has both: `"x": 123,` (docs-2018 L483).

        Attributes:
            x (float):
            y (float):
            label (str | Unset):
            attributes (AttributeValues | Unset): The attribute values of one annotation, keyed by attribute name: a
                category attribute's
                choice (a string), a number attribute's number, or an angle attribute's degrees
                (`AngleAttributeValue`). Which one a key holds depends on the attribute's `type` in the
                task's params, which a schema of the response alone cannot see.
    """

    x: float
    y: float
    label: str | Unset = UNSET
    attributes: AttributeValues | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        x = self.x

        y = self.y

        label = self.label

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "x": x,
                "y": y,
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
        x = d.pop("x")

        y = d.pop("y")

        label = d.pop("label", UNSET)

        _attributes = d.pop("attributes", UNSET)
        attributes: AttributeValues | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = AttributeValues.from_dict(_attributes)

        point_annotation = cls(
            x=x,
            y=y,
            label=label,
            attributes=attributes,
        )

        point_annotation.additional_properties = d
        return point_annotation

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
