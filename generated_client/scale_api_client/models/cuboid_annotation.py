from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attribute_values import AttributeValues
    from ..models.cuboid_annotation_edges_item import CuboidAnnotationEdgesItem
    from ..models.cuboid_annotation_points_3d_item import CuboidAnnotationPoints3DItem
    from ..models.cuboid_annotation_vertices_item import CuboidAnnotationVerticesItem
    from ..models.vertex import Vertex


T = TypeVar("T", bound="CuboidAnnotation")


@_attrs_define
class CuboidAnnotation:
    """A perspective cuboid: its visible `vertices` and `edges`, each with a `description` such as
    `face-topleft` or `side-top` (the full list of descriptions was not preserved in the
    documents). `points_2d` and `points_3d` hold all 8 vertices — 0–3 the top face (front-top-
    left, front-top-right, back-top-right, back-top-left), 4–7 the corners below them — and are
    present only when both `camera_intrinsics` and `camera_rotation_quaternion` were given;
    `points_3d` is "arbitrarily scaled, relative to the camera". In `layers`, cuboids need only
    `vertices` with descriptions.
    "vertices A list of Vertex objects defining all visible vertices of the cuboid" (docs-2018
    L814).

        Attributes:
            vertices (list[CuboidAnnotationVerticesItem]):
            label (str | Unset):
            edges (list[CuboidAnnotationEdgesItem] | Unset):
            points_2d (list[Vertex] | Unset): "gives 2d points of all 8 vertices of the cuboid" (docs-2018 L816).
            points_3d (list[CuboidAnnotationPoints3DItem] | Unset): "of all 8 vertices of the cuboid after perspective
                correction" (docs-2018 L816).
            attributes (AttributeValues | Unset): The attribute values of one annotation, keyed by attribute name: a
                category attribute's
                choice (a string), a number attribute's number, or an angle attribute's degrees
                (`AngleAttributeValue`). Which one a key holds depends on the attribute's `type` in the
                task's params, which a schema of the response alone cannot see.
    """

    vertices: list[CuboidAnnotationVerticesItem]
    label: str | Unset = UNSET
    edges: list[CuboidAnnotationEdgesItem] | Unset = UNSET
    points_2d: list[Vertex] | Unset = UNSET
    points_3d: list[CuboidAnnotationPoints3DItem] | Unset = UNSET
    attributes: AttributeValues | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vertices = []
        for vertices_item_data in self.vertices:
            vertices_item = vertices_item_data.to_dict()
            vertices.append(vertices_item)

        label = self.label

        edges: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.edges, Unset):
            edges = []
            for edges_item_data in self.edges:
                edges_item = edges_item_data.to_dict()
                edges.append(edges_item)

        points_2d: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.points_2d, Unset):
            points_2d = []
            for points_2d_item_data in self.points_2d:
                points_2d_item = points_2d_item_data.to_dict()
                points_2d.append(points_2d_item)

        points_3d: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.points_3d, Unset):
            points_3d = []
            for points_3d_item_data in self.points_3d:
                points_3d_item = points_3d_item_data.to_dict()
                points_3d.append(points_3d_item)

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
        if edges is not UNSET:
            field_dict["edges"] = edges
        if points_2d is not UNSET:
            field_dict["points_2d"] = points_2d
        if points_3d is not UNSET:
            field_dict["points_3d"] = points_3d
        if attributes is not UNSET:
            field_dict["attributes"] = attributes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribute_values import AttributeValues  # noqa: PLC0415
        from ..models.cuboid_annotation_edges_item import CuboidAnnotationEdgesItem  # noqa: PLC0415
        from ..models.cuboid_annotation_points_3d_item import CuboidAnnotationPoints3DItem  # noqa: PLC0415
        from ..models.cuboid_annotation_vertices_item import CuboidAnnotationVerticesItem  # noqa: PLC0415
        from ..models.vertex import Vertex  # noqa: PLC0415

        d = dict(src_dict)
        vertices = []
        _vertices = d.pop("vertices")
        for vertices_item_data in _vertices:
            vertices_item = CuboidAnnotationVerticesItem.from_dict(vertices_item_data)

            vertices.append(vertices_item)

        label = d.pop("label", UNSET)

        _edges = d.pop("edges", UNSET)
        edges: list[CuboidAnnotationEdgesItem] | Unset = UNSET
        if _edges is not UNSET:
            edges = []
            for edges_item_data in _edges:
                edges_item = CuboidAnnotationEdgesItem.from_dict(edges_item_data)

                edges.append(edges_item)

        _points_2d = d.pop("points_2d", UNSET)
        points_2d: list[Vertex] | Unset = UNSET
        if _points_2d is not UNSET:
            points_2d = []
            for points_2d_item_data in _points_2d:
                points_2d_item = Vertex.from_dict(points_2d_item_data)

                points_2d.append(points_2d_item)

        _points_3d = d.pop("points_3d", UNSET)
        points_3d: list[CuboidAnnotationPoints3DItem] | Unset = UNSET
        if _points_3d is not UNSET:
            points_3d = []
            for points_3d_item_data in _points_3d:
                points_3d_item = CuboidAnnotationPoints3DItem.from_dict(points_3d_item_data)

                points_3d.append(points_3d_item)

        _attributes = d.pop("attributes", UNSET)
        attributes: AttributeValues | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = AttributeValues.from_dict(_attributes)

        cuboid_annotation = cls(
            vertices=vertices,
            label=label,
            edges=edges,
            points_2d=points_2d,
            points_3d=points_3d,
            attributes=attributes,
        )

        cuboid_annotation.additional_properties = d
        return cuboid_annotation

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
