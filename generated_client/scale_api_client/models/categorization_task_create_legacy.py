from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attachment_type import AttachmentType
from ..models.legacy_urgency import LegacyUrgency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.categorization_task_params_category_ids import CategorizationTaskParamsCategoryIds
    from ..models.layers import Layers
    from ..models.task_create_common_metadata import TaskCreateCommonMetadata


T = TypeVar("T", bound="CategorizationTaskCreateLegacy")


@_attrs_define
class CategorizationTaskCreateLegacy:
    """Parameters of the deprecated `POST /task/categorize` (`docs-2016`): those of
    `/task/categorization`, with the 2016 urgencies (`immediate|day|week`, default `day`).

        Attributes:
            instruction (str): "A markdown-enabled string explaining" how to do the task. "You can use markdown to show
                example images, give structure to your instructions, and more." A project's instruction
                is "concatenated to the end of the instructions of tasks created under the project".
            attachment_type (AttachmentType): "One of text, image, video, audio, website, or pdf. Describes what type of
                file the
                attachment is." For `text` the attachment is plain text; "Otherwise, it should be a URL
                pointing to the attachment."
                "attachment_type string One of text, image, video, audio, website, or pdf" (docs-2018
                L2022).
            attachment (str): "The attachment to be categorized. If attachment_type is text, then it should be
                plaintext. Otherwise, it should be a URL pointing to the attachment."
                Non-empty (assumed).
            categories (list[str]): "An array of strings for the categories which you'd like the object to be sorted
                between." (At least one; the minimum is not documented.)
            callback_url (str | Unset): "The full url (including the scheme http:// or https://) of the callback when the
                task is
                completed." It may also be an email address ("each completed task will result in an
                email sent with the body as the task's JSON payload"). Documented as required, but "you
                can set a default callback URL in your profile, which will be used for tasks that do not
                specify one", so it is optional here.
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
            category_ids (CategorizationTaskParamsCategoryIds | Unset): "An optional dictionary where the keys are the
                optional ids, and the values are the
                category values provided in categories", e.g. `{"123": "Blue Cross", "124": "Red Cross"}`.
            allow_multiple (bool | Unset): "Default is false. Determines whether you allow multiple categories to be chosen
                for
                the attachment."
                 Default: False.
            layers (Layers | Unset): "A set of existing read-only objects to be pre-drawn on the image." "The layers
                parameter can
                contains fields for boxes, lines, polygons, and cuboids, which are arrays of the corresponding
                elements. Each of these elements are specified in the same format as the responses for their
                respective endpoints." Accepted by annotation, pointannotation, lineannotation,
                polygonannotation and cuboidannotation tasks, and by categorization when `attachment_type` is
                `image`.
            urgency (LegacyUrgency | Unset): The urgency of the 2016-only `/task/categorize` and `/task/phonecall`: "One of
                `immediate`,
                `day`, or `week`, where `immediate` is a one-hour response time", "(optional, default
                `day`)" (docs-2016 L274, L614). These paths exist only in `docs-2016`, so they keep its
                values.
                "`urgency` (optional, default `day`) | string" (docs-2016 L274).
    """

    instruction: str
    attachment_type: AttachmentType
    attachment: str
    categories: list[str]
    callback_url: str | Unset = UNSET
    metadata: TaskCreateCommonMetadata | Unset = UNSET
    project: str | Unset = UNSET
    project_param_version: int | Unset = UNSET
    unique_id: str | Unset = UNSET
    batch: str | Unset = UNSET
    category_ids: CategorizationTaskParamsCategoryIds | Unset = UNSET
    allow_multiple: bool | Unset = False
    layers: Layers | Unset = UNSET
    urgency: LegacyUrgency | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        instruction = self.instruction

        attachment_type = self.attachment_type.value

        attachment = self.attachment

        categories = self.categories

        callback_url = self.callback_url

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        project = self.project

        project_param_version = self.project_param_version

        unique_id = self.unique_id

        batch = self.batch

        category_ids: dict[str, Any] | Unset = UNSET
        if not isinstance(self.category_ids, Unset):
            category_ids = self.category_ids.to_dict()

        allow_multiple = self.allow_multiple

        layers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.layers, Unset):
            layers = self.layers.to_dict()

        urgency: str | Unset = UNSET
        if not isinstance(self.urgency, Unset):
            urgency = self.urgency.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "instruction": instruction,
                "attachment_type": attachment_type,
                "attachment": attachment,
                "categories": categories,
            }
        )
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
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
        if category_ids is not UNSET:
            field_dict["category_ids"] = category_ids
        if allow_multiple is not UNSET:
            field_dict["allow_multiple"] = allow_multiple
        if layers is not UNSET:
            field_dict["layers"] = layers
        if urgency is not UNSET:
            field_dict["urgency"] = urgency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.categorization_task_params_category_ids import CategorizationTaskParamsCategoryIds  # noqa: PLC0415
        from ..models.layers import Layers  # noqa: PLC0415
        from ..models.task_create_common_metadata import TaskCreateCommonMetadata  # noqa: PLC0415

        d = dict(src_dict)
        instruction = d.pop("instruction")

        attachment_type = AttachmentType(d.pop("attachment_type"))

        attachment = d.pop("attachment")

        categories = cast(list[str], d.pop("categories"))

        callback_url = d.pop("callback_url", UNSET)

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

        _category_ids = d.pop("category_ids", UNSET)
        category_ids: CategorizationTaskParamsCategoryIds | Unset
        if isinstance(_category_ids, Unset):
            category_ids = UNSET
        else:
            category_ids = CategorizationTaskParamsCategoryIds.from_dict(_category_ids)

        allow_multiple = d.pop("allow_multiple", UNSET)

        _layers = d.pop("layers", UNSET)
        layers: Layers | Unset
        if isinstance(_layers, Unset):
            layers = UNSET
        else:
            layers = Layers.from_dict(_layers)

        _urgency = d.pop("urgency", UNSET)
        urgency: LegacyUrgency | Unset
        if isinstance(_urgency, Unset):
            urgency = UNSET
        else:
            urgency = LegacyUrgency(_urgency)

        categorization_task_create_legacy = cls(
            instruction=instruction,
            attachment_type=attachment_type,
            attachment=attachment,
            categories=categories,
            callback_url=callback_url,
            metadata=metadata,
            project=project,
            project_param_version=project_param_version,
            unique_id=unique_id,
            batch=batch,
            category_ids=category_ids,
            allow_multiple=allow_multiple,
            layers=layers,
            urgency=urgency,
        )

        categorization_task_create_legacy.additional_properties = d
        return categorization_task_create_legacy

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
