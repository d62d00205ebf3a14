from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.box_annotation import BoxAnnotation
    from ..models.cuboid_annotation import CuboidAnnotation
    from ..models.line_annotation import LineAnnotation
    from ..models.polygon_annotation import PolygonAnnotation


T = TypeVar("T", bound="Layers")


@_attrs_define
class Layers:
    """ "A set of existing read-only objects to be pre-drawn on the image." "The layers parameter can
    contains fields for boxes, lines, polygons, and cuboids, which are arrays of the corresponding
    elements. Each of these elements are specified in the same format as the responses for their
    respective endpoints." Accepted by annotation, pointannotation, lineannotation,
    polygonannotation and cuboidannotation tasks, and by categorization when `attachment_type` is
    `image`.

        Attributes:
            boxes (list[BoxAnnotation] | Unset):
            polygons (list[PolygonAnnotation] | Unset):
            lines (list[LineAnnotation] | Unset):
            cuboids (list[CuboidAnnotation] | Unset):
    """

    boxes: list[BoxAnnotation] | Unset = UNSET
    polygons: list[PolygonAnnotation] | Unset = UNSET
    lines: list[LineAnnotation] | Unset = UNSET
    cuboids: list[CuboidAnnotation] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        boxes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.boxes, Unset):
            boxes = []
            for boxes_item_data in self.boxes:
                boxes_item = boxes_item_data.to_dict()
                boxes.append(boxes_item)

        polygons: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.polygons, Unset):
            polygons = []
            for polygons_item_data in self.polygons:
                polygons_item = polygons_item_data.to_dict()
                polygons.append(polygons_item)

        lines: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.lines, Unset):
            lines = []
            for lines_item_data in self.lines:
                lines_item = lines_item_data.to_dict()
                lines.append(lines_item)

        cuboids: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.cuboids, Unset):
            cuboids = []
            for cuboids_item_data in self.cuboids:
                cuboids_item = cuboids_item_data.to_dict()
                cuboids.append(cuboids_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if boxes is not UNSET:
            field_dict["boxes"] = boxes
        if polygons is not UNSET:
            field_dict["polygons"] = polygons
        if lines is not UNSET:
            field_dict["lines"] = lines
        if cuboids is not UNSET:
            field_dict["cuboids"] = cuboids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.box_annotation import BoxAnnotation  # noqa: PLC0415
        from ..models.cuboid_annotation import CuboidAnnotation  # noqa: PLC0415
        from ..models.line_annotation import LineAnnotation  # noqa: PLC0415
        from ..models.polygon_annotation import PolygonAnnotation  # noqa: PLC0415

        d = dict(src_dict)
        _boxes = d.pop("boxes", UNSET)
        boxes: list[BoxAnnotation] | Unset = UNSET
        if _boxes is not UNSET:
            boxes = []
            for boxes_item_data in _boxes:
                boxes_item = BoxAnnotation.from_dict(boxes_item_data)

                boxes.append(boxes_item)

        _polygons = d.pop("polygons", UNSET)
        polygons: list[PolygonAnnotation] | Unset = UNSET
        if _polygons is not UNSET:
            polygons = []
            for polygons_item_data in _polygons:
                polygons_item = PolygonAnnotation.from_dict(polygons_item_data)

                polygons.append(polygons_item)

        _lines = d.pop("lines", UNSET)
        lines: list[LineAnnotation] | Unset = UNSET
        if _lines is not UNSET:
            lines = []
            for lines_item_data in _lines:
                lines_item = LineAnnotation.from_dict(lines_item_data)

                lines.append(lines_item)

        _cuboids = d.pop("cuboids", UNSET)
        cuboids: list[CuboidAnnotation] | Unset = UNSET
        if _cuboids is not UNSET:
            cuboids = []
            for cuboids_item_data in _cuboids:
                cuboids_item = CuboidAnnotation.from_dict(cuboids_item_data)

                cuboids.append(cuboids_item)

        layers = cls(
            boxes=boxes,
            polygons=polygons,
            lines=lines,
            cuboids=cuboids,
        )

        layers.additional_properties = d
        return layers

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
