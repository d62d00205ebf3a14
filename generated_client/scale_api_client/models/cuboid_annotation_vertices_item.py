from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CuboidAnnotationVerticesItem")


@_attrs_define
class CuboidAnnotationVerticesItem:
    """A cuboid vertex: `type This will be "vertex" for all points` (docs-2018 L780).

    Attributes:
        x (float):
        y (float):
        description (str):
        type_ (Literal['vertex'] | Unset): `type This will be "vertex" for all points` (docs-2018 L780).
    """

    x: float
    y: float
    description: str
    type_: Literal["vertex"] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        x = self.x

        y = self.y

        description = self.description

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "x": x,
                "y": y,
                "description": description,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        x = d.pop("x")

        y = d.pop("y")

        description = d.pop("description")

        type_ = cast(Literal["vertex"] | Unset, d.pop("type", UNSET))
        if type_ != "vertex" and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'vertex', got '{type_}'")

        cuboid_annotation_vertices_item = cls(
            x=x,
            y=y,
            description=description,
            type_=type_,
        )

        cuboid_annotation_vertices_item.additional_properties = d
        return cuboid_annotation_vertices_item

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
