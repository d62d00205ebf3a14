from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_attachment_type import ImageAttachmentType
from ..models.urgency import Urgency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.annotation_attributes import AnnotationAttributes
    from ..models.layers import Layers
    from ..models.nested_label import NestedLabel
    from ..models.task_create_common_metadata import TaskCreateCommonMetadata


T = TypeVar("T", bound="AnnotationTaskCreate")


@_attrs_define
class AnnotationTaskCreate:
    """Parameters of `POST /task/annotation` (2D bounding boxes).

    Attributes:
        attachment (str): "A URL to the image you'd like to be annotated." "Currently we only support fetching urls
            whose protocol is http or https"; `scaledata://` URLs from the Files API also work.
            A non-empty URL; no minimum length is documented (assumed).
        objects_to_annotate (list[NestedLabel | str]): "An array of strings describing which objects you'd like"
            annotated. Items may be
            `NestedLabel`s. At least one is needed (an empty list leaves nothing to annotate; the
            minimum is not documented). The maximum depends on the task type.
        callback_url (str | Unset): "The full url (including the scheme http:// or https://) of the callback when the
            task is
            completed." It may also be an email address ("each completed task will result in an
            email sent with the body as the task's JSON payload"). Documented as required, but "you
            can set a default callback URL in your profile, which will be used for tasks that do not
            specify one", so it is optional here.
        instruction (str | Unset): "A markdown-enabled string explaining" how to do the task. "You can use markdown to
            show
            example images, give structure to your instructions, and more." A project's instruction
            is "concatenated to the end of the instructions of tasks created under the project".
        metadata (TaskCreateCommonMetadata | Unset): "A set of key/value pairs that you can attach to a task object":
            "metadata (optional,
            default {})" (docs-2018 L327; docs-2016 L277).
        project (str | Unset): "The name of the project to associate this task with." The task inherits the project's
            parameters.
        project_param_version (int | Unset): "One can also specify project_param_version when creating a task to inherit
            from an older
            set of params (or use -1 to skip parameter inheritance altogether.)" (`docs-2018`). It must
            name a version in the project's `param_history`.
            "or use -1 to skip parameter inheritance altogether" (docs-2018 L2638).
        unique_id (str | Unset): A key unique among the account's tasks; creating a second task with the same
            `unique_id` gives 409 ("ScaleDuplicateResource", `sdk-readme`) until it is cleared.
        batch (str | Unset): The name of the batch to add the task to.
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
        urgency (Urgency | Unset): "A string describing the urgency of the response. One of express or standard"
            (`docs-2018`),
            default `standard`. "We aim to complete express tasks within several hours, and standard
            tasks within a few days." `docs-2016` had `immediate`, `day` and `week`: they are no longer
            accepted on new tasks (see `TaskUrgency`).
            "urgency (optional, default standard) string A string describing the urgency of the
            response. One of express or standard" (docs-2018 L167).
        min_width (int | str | Unset): A size in pixels, at least 0. Documented as an integer, but the documents' own
            examples send
            numeric strings (`"30"`), which are accepted and stored as integers.
             Default: 0.
        min_height (int | str | Unset): A size in pixels, at least 0. Documented as an integer, but the documents' own
            examples send
            numeric strings (`"30"`), which are accepted and stored as integers.
             Default: 0.
        examples (list[Any] | Unset): Stored as a default (`[]`) on annotation tasks; its item shape is not documented.
    """

    attachment: str
    objects_to_annotate: list[NestedLabel | str]
    callback_url: str | Unset = UNSET
    instruction: str | Unset = UNSET
    metadata: TaskCreateCommonMetadata | Unset = UNSET
    project: str | Unset = UNSET
    project_param_version: int | Unset = UNSET
    unique_id: str | Unset = UNSET
    batch: str | Unset = UNSET
    attachment_type: ImageAttachmentType | Unset = UNSET
    with_labels: bool | Unset = False
    layers: Layers | Unset = UNSET
    annotation_attributes: AnnotationAttributes | Unset = UNSET
    urgency: Urgency | Unset = UNSET
    min_width: int | str | Unset = 0
    min_height: int | str | Unset = 0
    examples: list[Any] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.nested_label import NestedLabel  # noqa: PLC0415

        attachment = self.attachment

        objects_to_annotate = []
        for componentsschemas_objects_to_annotate_item_data in self.objects_to_annotate:
            componentsschemas_objects_to_annotate_item: dict[str, Any] | str
            if isinstance(componentsschemas_objects_to_annotate_item_data, NestedLabel):
                componentsschemas_objects_to_annotate_item = componentsschemas_objects_to_annotate_item_data.to_dict()
            else:
                componentsschemas_objects_to_annotate_item = componentsschemas_objects_to_annotate_item_data
            objects_to_annotate.append(componentsschemas_objects_to_annotate_item)

        callback_url = self.callback_url

        instruction = self.instruction

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        project = self.project

        project_param_version = self.project_param_version

        unique_id = self.unique_id

        batch = self.batch

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

        urgency: str | Unset = UNSET
        if not isinstance(self.urgency, Unset):
            urgency = self.urgency.value

        min_width: int | str | Unset
        if isinstance(self.min_width, Unset):
            min_width = UNSET
        else:
            min_width = self.min_width

        min_height: int | str | Unset
        if isinstance(self.min_height, Unset):
            min_height = UNSET
        else:
            min_height = self.min_height

        examples: list[Any] | Unset = UNSET
        if not isinstance(self.examples, Unset):
            examples = self.examples

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attachment": attachment,
                "objects_to_annotate": objects_to_annotate,
            }
        )
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if instruction is not UNSET:
            field_dict["instruction"] = instruction
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if project is not UNSET:
            field_dict["project"] = project
        if project_param_version is not UNSET:
            field_dict["project_param_version"] = project_param_version
        if unique_id is not UNSET:
            field_dict["unique_id"] = unique_id
        if batch is not UNSET:
            field_dict["batch"] = batch
        if attachment_type is not UNSET:
            field_dict["attachment_type"] = attachment_type
        if with_labels is not UNSET:
            field_dict["with_labels"] = with_labels
        if layers is not UNSET:
            field_dict["layers"] = layers
        if annotation_attributes is not UNSET:
            field_dict["annotation_attributes"] = annotation_attributes
        if urgency is not UNSET:
            field_dict["urgency"] = urgency
        if min_width is not UNSET:
            field_dict["min_width"] = min_width
        if min_height is not UNSET:
            field_dict["min_height"] = min_height
        if examples is not UNSET:
            field_dict["examples"] = examples

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.annotation_attributes import AnnotationAttributes  # noqa: PLC0415
        from ..models.layers import Layers  # noqa: PLC0415
        from ..models.nested_label import NestedLabel  # noqa: PLC0415
        from ..models.task_create_common_metadata import TaskCreateCommonMetadata  # noqa: PLC0415

        d = dict(src_dict)
        attachment = d.pop("attachment")

        objects_to_annotate = []
        _objects_to_annotate = d.pop("objects_to_annotate")
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

        callback_url = d.pop("callback_url", UNSET)

        instruction = d.pop("instruction", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: TaskCreateCommonMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = TaskCreateCommonMetadata.from_dict(_metadata)

        project = d.pop("project", UNSET)

        project_param_version = d.pop("project_param_version", UNSET)

        unique_id = d.pop("unique_id", UNSET)

        batch = d.pop("batch", UNSET)

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

        _urgency = d.pop("urgency", UNSET)
        urgency: Urgency | Unset
        if isinstance(_urgency, Unset):
            urgency = UNSET
        else:
            urgency = Urgency(_urgency)

        def _parse_min_width(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        min_width = _parse_min_width(d.pop("min_width", UNSET))

        def _parse_min_height(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        min_height = _parse_min_height(d.pop("min_height", UNSET))

        examples = cast(list[Any], d.pop("examples", UNSET))

        annotation_task_create = cls(
            attachment=attachment,
            objects_to_annotate=objects_to_annotate,
            callback_url=callback_url,
            instruction=instruction,
            metadata=metadata,
            project=project,
            project_param_version=project_param_version,
            unique_id=unique_id,
            batch=batch,
            attachment_type=attachment_type,
            with_labels=with_labels,
            layers=layers,
            annotation_attributes=annotation_attributes,
            urgency=urgency,
            min_width=min_width,
            min_height=min_height,
            examples=examples,
        )

        annotation_task_create.additional_properties = d
        return annotation_task_create

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
