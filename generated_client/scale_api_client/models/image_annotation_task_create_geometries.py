from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.image_annotation_task_create_geometries_box import ImageAnnotationTaskCreateGeometriesBox


T = TypeVar("T", bound="ImageAnnotationTaskCreateGeometries")


@_attrs_define
class ImageAnnotationTaskCreateGeometries:
    """The geometries to draw, keyed by kind (`box`, ...).
    At least one geometry (assumed).

        Attributes:
            box (ImageAnnotationTaskCreateGeometriesBox | Unset):
    """

    box: ImageAnnotationTaskCreateGeometriesBox | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        box: dict[str, Any] | Unset = UNSET
        if not isinstance(self.box, Unset):
            box = self.box.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if box is not UNSET:
            field_dict["box"] = box

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.image_annotation_task_create_geometries_box import ImageAnnotationTaskCreateGeometriesBox  # noqa: PLC0415

        d = dict(src_dict)
        _box = d.pop("box", UNSET)
        box: ImageAnnotationTaskCreateGeometriesBox | Unset
        if isinstance(_box, Unset):
            box = UNSET
        else:
            box = ImageAnnotationTaskCreateGeometriesBox.from_dict(_box)

        image_annotation_task_create_geometries = cls(
            box=box,
        )

        image_annotation_task_create_geometries.additional_properties = d
        return image_annotation_task_create_geometries

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
