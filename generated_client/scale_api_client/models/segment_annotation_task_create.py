from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_attachment_type import ImageAttachmentType
from ..models.urgency import Urgency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_create_common_metadata import TaskCreateCommonMetadata


T = TypeVar("T", bound="SegmentAnnotationTaskCreate")


@_attrs_define
class SegmentAnnotationTaskCreate:
    """Parameters of `POST /task/segmentannotation`. `layers` is not a parameter of this task type
    (the Layers section lists annotation, line, polygon, point and categorization).

        Attributes:
            attachment (str): A URL to the image you'd like to be segmented.
                A non-empty URL (assumed).
            labels (list[str]): "An array of strings describing the different types of objects you'd like to be used to
                segment the image. Each string should be singular and descriptive (ex: car, background,
                pole). You may include at most 50 labels."
                No minimum is documented: at least one is our assumption. "Each string should be
                singular and descriptive (ex: car, background, pole). You may include at most 50"
                (docs-2018 L1181).
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
            urgency (Urgency | Unset): "A string describing the urgency of the response. One of express or standard"
                (`docs-2018`),
                default `standard`. "We aim to complete express tasks within several hours, and standard
                tasks within a few days." `docs-2016` had `immediate`, `day` and `week`: they are no longer
                accepted on new tasks (see `TaskUrgency`).
                "urgency (optional, default standard) string A string describing the urgency of the
                response. One of express or standard" (docs-2018 L167).
            attachment_type (ImageAttachmentType | Unset): "Describes what type of file the attachment is. We currently only
                support image" for the
                computer-vision endpoints (`docs-2018`).
                "We currently only support image for the line annotation endpoint" (docs-2018 L613).
            instance_labels (list[str] | Unset): "An array of strings describing the different types of objects you'd like
                to be
                segmented on a per-instance basis." "You may include at most 10 instance labels."
                "You may include at most 10 instance labels" (docs-2018 L1182).
            allow_unlabeled (bool | Unset): "Specifies whether you'll allow unlabeled pixels in the segmentation. If left
                with the
                default value of false, all pixels in the image will be classified using the labels
                you provided."
                 Default: False.
    """

    attachment: str
    labels: list[str]
    callback_url: str | Unset = UNSET
    instruction: str | Unset = UNSET
    metadata: TaskCreateCommonMetadata | Unset = UNSET
    project: str | Unset = UNSET
    project_param_version: int | Unset = UNSET
    unique_id: str | Unset = UNSET
    batch: str | Unset = UNSET
    urgency: Urgency | Unset = UNSET
    attachment_type: ImageAttachmentType | Unset = UNSET
    instance_labels: list[str] | Unset = UNSET
    allow_unlabeled: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attachment = self.attachment

        labels = self.labels

        callback_url = self.callback_url

        instruction = self.instruction

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        project = self.project

        project_param_version = self.project_param_version

        unique_id = self.unique_id

        batch = self.batch

        urgency: str | Unset = UNSET
        if not isinstance(self.urgency, Unset):
            urgency = self.urgency.value

        attachment_type: str | Unset = UNSET
        if not isinstance(self.attachment_type, Unset):
            attachment_type = self.attachment_type.value

        instance_labels: list[str] | Unset = UNSET
        if not isinstance(self.instance_labels, Unset):
            instance_labels = self.instance_labels

        allow_unlabeled = self.allow_unlabeled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attachment": attachment,
                "labels": labels,
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
        if urgency is not UNSET:
            field_dict["urgency"] = urgency
        if attachment_type is not UNSET:
            field_dict["attachment_type"] = attachment_type
        if instance_labels is not UNSET:
            field_dict["instance_labels"] = instance_labels
        if allow_unlabeled is not UNSET:
            field_dict["allow_unlabeled"] = allow_unlabeled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_create_common_metadata import TaskCreateCommonMetadata  # noqa: PLC0415

        d = dict(src_dict)
        attachment = d.pop("attachment")

        labels = cast(list[str], d.pop("labels"))

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

        _urgency = d.pop("urgency", UNSET)
        urgency: Urgency | Unset
        if isinstance(_urgency, Unset):
            urgency = UNSET
        else:
            urgency = Urgency(_urgency)

        _attachment_type = d.pop("attachment_type", UNSET)
        attachment_type: ImageAttachmentType | Unset
        if isinstance(_attachment_type, Unset):
            attachment_type = UNSET
        else:
            attachment_type = ImageAttachmentType(_attachment_type)

        instance_labels = cast(list[str], d.pop("instance_labels", UNSET))

        allow_unlabeled = d.pop("allow_unlabeled", UNSET)

        segment_annotation_task_create = cls(
            attachment=attachment,
            labels=labels,
            callback_url=callback_url,
            instruction=instruction,
            metadata=metadata,
            project=project,
            project_param_version=project_param_version,
            unique_id=unique_id,
            batch=batch,
            urgency=urgency,
            attachment_type=attachment_type,
            instance_labels=instance_labels,
            allow_unlabeled=allow_unlabeled,
        )

        segment_annotation_task_create.additional_properties = d
        return segment_annotation_task_create

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
