from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CuboidAnnotationEdgesItem")


@_attrs_define
class CuboidAnnotationEdgesItem:
    """A cuboid edge: `type This will be "edge" for all edges` (docs-2018 L794).

    Attributes:
        x1 (float):
        y1 (float):
        x2 (float):
        y2 (float):
        description (str):
        type_ (Literal['edge'] | Unset): `type This will be "edge" for all edges` (docs-2018 L794).
    """

    x1: float
    y1: float
    x2: float
    y2: float
    description: str
    type_: Literal["edge"] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        x1 = self.x1

        y1 = self.y1

        x2 = self.x2

        y2 = self.y2

        description = self.description

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "x1": x1,
                "y1": y1,
                "x2": x2,
                "y2": y2,
                "description": description,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        x1 = d.pop("x1")

        y1 = d.pop("y1")

        x2 = d.pop("x2")

        y2 = d.pop("y2")

        description = d.pop("description")

        type_ = cast(Literal["edge"] | Unset, d.pop("type", UNSET))
        if type_ != "edge" and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'edge', got '{type_}'")

        cuboid_annotation_edges_item = cls(
            x1=x1,
            y1=y1,
            x2=x2,
            y2=y2,
            description=description,
            type_=type_,
        )

        cuboid_annotation_edges_item.additional_properties = d
        return cuboid_annotation_edges_item

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
