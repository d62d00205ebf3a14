from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_attachment_type import ImageAttachmentType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.annotation_attributes import AnnotationAttributes
    from ..models.layers import Layers


T = TypeVar("T", bound="AnnotationTaskCommon")


@_attrs_define
class AnnotationTaskCommon:
    """Parameters shared by the 2D image annotation tasks (box, point, line, polygon, cuboid): the
    image, labels, layers and annotation attributes.

        Attributes:
            attachment (str | Unset): "A URL to the image you'd like to be annotated." "Currently we only support fetching
                urls
                whose protocol is http or https"; `scaledata://` URLs from the Files API also work.
                A non-empty URL; no minimum length is documented (assumed).
            attachment_type (ImageAttachmentType | Unset): "Describes what type of file the attachment is. We currently only
                support image" for the
                computer-vision endpoints (`docs-2018`).
                "We currently only support image for the line annotation endpoint" (docs-2018 L613).
            with_labels (bool | Unset): "Specifies whether you'd like labels for each" annotation "in the response. Each
                label will
                be a member of the objects_to_annotate array."
                 Default: False.
            layers (Layers | Unset): "A set of existing read-only objects to be pre-drawn on the image." "The layers
                parameter can
                contains fields for boxes, lines, polygons, and cuboids, which are arrays of the corresponding
                elements. Each of these elements are specified in the same format as the responses for their
                respective endpoints." Accepted by annotation, pointannotation, lineannotation,
                polygonannotation and cuboidannotation tasks, and by categorization when `attachment_type` is
                `image`.
            annotation_attributes (AnnotationAttributes | Unset): "An object representing additional attributes that you'd
                like to capture per image
                annotation." "The format for annotation_attributes is an object whose key-value pairs all
                specify attributes of each annotation that you want to capture." "attribute_conditions are
                automatically verified for circular dependencies, and tasks will be rejected if any circular
                dependencies are found."
                "attribute_conditions are automatically verified for circular dependencies" (docs-2018
                L1842).
    """

    attachment: str | Unset = UNSET
    attachment_type: ImageAttachmentType | Unset = UNSET
    with_labels: bool | Unset = False
    layers: Layers | Unset = UNSET
    annotation_attributes: AnnotationAttributes | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attachment = self.attachment

        attachment_type: str | Unset = UNSET
        if not isinstance(self.attachment_type, Unset):
            attachment_type = self.attachment_type.value

        with_labels = self.with_labels

        layers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.layers, Unset):
            layers = self.layers.to_dict()

        annotation_attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.annotation_attributes, Unset):
            annotation_attributes = self.annotation_attributes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if attachment is not UNSET:
            field_dict["attachment"] = attachment
        if attachment_type is not UNSET:
            field_dict["attachment_type"] = attachment_type
        if with_labels is not UNSET:
            field_dict["with_labels"] = with_labels
        if layers is not UNSET:
            field_dict["layers"] = layers
        if annotation_attributes is not UNSET:
            field_dict["annotation_attributes"] = annotation_attributes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.annotation_attributes import AnnotationAttributes  # noqa: PLC0415
        from ..models.layers import Layers  # noqa: PLC0415

        d = dict(src_dict)
        attachment = d.pop("attachment", UNSET)

        _attachment_type = d.pop("attachment_type", UNSET)
        attachment_type: ImageAttachmentType | Unset
        if isinstance(_attachment_type, Unset):
            attachment_type = UNSET
        else:
            attachment_type = ImageAttachmentType(_attachment_type)

        with_labels = d.pop("with_labels", UNSET)

        _layers = d.pop("layers", UNSET)
        layers: Layers | Unset
        if isinstance(_layers, Unset):
            layers = UNSET
        else:
            layers = Layers.from_dict(_layers)

        _annotation_attributes = d.pop("annotation_attributes", UNSET)
        annotation_attributes: AnnotationAttributes | Unset
        if isinstance(_annotation_attributes, Unset):
            annotation_attributes = UNSET
        else:
            annotation_attributes = AnnotationAttributes.from_dict(_annotation_attributes)

        annotation_task_common = cls(
            attachment=attachment,
            attachment_type=attachment_type,
            with_labels=with_labels,
            layers=layers,
            annotation_attributes=annotation_attributes,
        )

        annotation_task_common.additional_properties = d
        return annotation_task_common

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
