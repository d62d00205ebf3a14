from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attribute_values import AttributeValues
    from ..models.vertex import Vertex


T = TypeVar("T", bound="PolygonAnnotation")


@_attrs_define
class PolygonAnnotation:
    """A polygon, as its `vertices` in order.
    Every documented polygon has its vertices: `"vertices": [` (docs-2018 L1039).

        Attributes:
            vertices (list[Vertex]):
            label (str | Unset):
            attributes (AttributeValues | Unset): The attribute values of one annotation, keyed by attribute name: a
                category attribute's
                choice (a string), a number attribute's number, or an angle attribute's degrees
                (`AngleAttributeValue`). Which one a key holds depends on the attribute's `type` in the
                task's params, which a schema of the response alone cannot see.
    """

    vertices: list[Vertex]
    label: str | Unset = UNSET
    attributes: AttributeValues | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vertices = []
        for vertices_item_data in self.vertices:
            vertices_item = vertices_item_data.to_dict()
            vertices.append(vertices_item)

        label = self.label

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "vertices": vertices,
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
        from ..models.vertex import Vertex  # noqa: PLC0415

        d = dict(src_dict)
        vertices = []
        _vertices = d.pop("vertices")
        for vertices_item_data in _vertices:
            vertices_item = Vertex.from_dict(vertices_item_data)

            vertices.append(vertices_item)

        label = d.pop("label", UNSET)

        _attributes = d.pop("attributes", UNSET)
        attributes: AttributeValues | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = AttributeValues.from_dict(_attributes)

        polygon_annotation = cls(
            vertices=vertices,
            label=label,
            attributes=attributes,
        )

        polygon_annotation.additional_properties = d
        return polygon_annotation

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
