from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nested_label import NestedLabel


T = TypeVar("T", bound="ImageAnnotationTaskCreateGeometriesBox")


@_attrs_define
class ImageAnnotationTaskCreateGeometriesBox:
    """
    Attributes:
        objects_to_annotate (list[NestedLabel | str] | Unset): "An array of strings describing which objects you'd like"
            annotated. Items may be
            `NestedLabel`s. At least one is needed (an empty list leaves nothing to annotate; the
            minimum is not documented). The maximum depends on the task type.
        min_height (int | str | Unset): A size in pixels, at least 0. Documented as an integer, but the documents' own
            examples send
            numeric strings (`"30"`), which are accepted and stored as integers.
        min_width (int | str | Unset): A size in pixels, at least 0. Documented as an integer, but the documents' own
            examples send
            numeric strings (`"30"`), which are accepted and stored as integers.
    """

    objects_to_annotate: list[NestedLabel | str] | Unset = UNSET
    min_height: int | str | Unset = UNSET
    min_width: int | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.nested_label import NestedLabel  # noqa: PLC0415

        objects_to_annotate: list[dict[str, Any] | str] | Unset = UNSET
        if not isinstance(self.objects_to_annotate, Unset):
            objects_to_annotate = []
            for componentsschemas_objects_to_annotate_item_data in self.objects_to_annotate:
                componentsschemas_objects_to_annotate_item: dict[str, Any] | str
                if isinstance(componentsschemas_objects_to_annotate_item_data, NestedLabel):
                    componentsschemas_objects_to_annotate_item = (
                        componentsschemas_objects_to_annotate_item_data.to_dict()
                    )
                else:
                    componentsschemas_objects_to_annotate_item = componentsschemas_objects_to_annotate_item_data
                objects_to_annotate.append(componentsschemas_objects_to_annotate_item)

        min_height: int | str | Unset
        if isinstance(self.min_height, Unset):
            min_height = UNSET
        else:
            min_height = self.min_height

        min_width: int | str | Unset
        if isinstance(self.min_width, Unset):
            min_width = UNSET
        else:
            min_width = self.min_width

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if objects_to_annotate is not UNSET:
            field_dict["objects_to_annotate"] = objects_to_annotate
        if min_height is not UNSET:
            field_dict["min_height"] = min_height
        if min_width is not UNSET:
            field_dict["min_width"] = min_width

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.nested_label import NestedLabel  # noqa: PLC0415

        d = dict(src_dict)
        _objects_to_annotate = d.pop("objects_to_annotate", UNSET)
        objects_to_annotate: list[NestedLabel | str] | Unset = UNSET
        if _objects_to_annotate is not UNSET:
            objects_to_annotate = []
            for componentsschemas_objects_to_annotate_item_data in _objects_to_annotate:

                def _parse_componentsschemas_objects_to_annotate_item(data: object) -> NestedLabel | str:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_label_choice_type_1 = NestedLabel.from_dict(data)

                        return componentsschemas_label_choice_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    return cast(NestedLabel | str, data)

                componentsschemas_objects_to_annotate_item = _parse_componentsschemas_objects_to_annotate_item(
                    componentsschemas_objects_to_annotate_item_data
                )

                objects_to_annotate.append(componentsschemas_objects_to_annotate_item)

        def _parse_min_height(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        min_height = _parse_min_height(d.pop("min_height", UNSET))

        def _parse_min_width(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        min_width = _parse_min_width(d.pop("min_width", UNSET))

        image_annotation_task_create_geometries_box = cls(
            objects_to_annotate=objects_to_annotate,
            min_height=min_height,
            min_width=min_width,
        )

        image_annotation_task_create_geometries_box.additional_properties = d
        return image_annotation_task_create_geometries_box

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
