from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attachment_type import AttachmentType
from ..models.urgency import Urgency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_create_common_metadata import TaskCreateCommonMetadata
    from ..models.transcription_task_create_fields import TranscriptionTaskCreateFields
    from ..models.transcription_task_create_repeatable_fields import TranscriptionTaskCreateRepeatableFields
    from ..models.transcription_task_create_row_fields import TranscriptionTaskCreateRowFields


T = TypeVar("T", bound="TranscriptionTaskCreate")


@_attrs_define
class TranscriptionTaskCreate:
    """Parameters of `POST /task/transcription`. "At least one of fields or repeatable_fields is
    required" (docs-2018 L2314). `docs-2016` used `row_fields` instead of `repeatable_fields`; it is accepted as a
    deprecated synonym.

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
            attachment (str): "The attachment to be transcribed", a URL pointing to the attachment.
                Non-empty (assumed).
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
            urgency (Urgency | Unset): "A string describing the urgency of the response. One of express or standard"
                (`docs-2018`),
                default `standard`. "We aim to complete express tasks within several hours, and standard
                tasks within a few days." `docs-2016` had `immediate`, `day` and `week`: they are no longer
                accepted on new tasks (see `TaskUrgency`).
                "urgency (optional, default standard) string A string describing the urgency of the
                response. One of express or standard" (docs-2018 L167).
            fields (TranscriptionTaskCreateFields | Unset): "A dictionary corresponding to the fields to be transcribed.
                Keys are the identifiers
                you'd like the fields to be returned using, and values are descriptions to be shown to
                the Scalers as they complete the task."
                At least one key when given: our assumption.
            repeatable_fields (TranscriptionTaskCreateRepeatableFields | Unset): "If your task requires a transcription of
                items which might be repeated within the
                attachment, such as rows of an invoice, then this dictionary describes those fields."
                At least one key when given: our assumption.
            row_fields (TranscriptionTaskCreateRowFields | Unset): Deprecated synonym of `repeatable_fields` (`docs-2016`):
                "this dictionary describes the
                fields for these rows. The format is the same as fields."
                At least one key when given: our assumption.
    """

    instruction: str
    attachment_type: AttachmentType
    attachment: str
    callback_url: str | Unset = UNSET
    metadata: TaskCreateCommonMetadata | Unset = UNSET
    project: str | Unset = UNSET
    project_param_version: int | Unset = UNSET
    unique_id: str | Unset = UNSET
    batch: str | Unset = UNSET
    urgency: Urgency | Unset = UNSET
    fields: TranscriptionTaskCreateFields | Unset = UNSET
    repeatable_fields: TranscriptionTaskCreateRepeatableFields | Unset = UNSET
    row_fields: TranscriptionTaskCreateRowFields | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        instruction = self.instruction

        attachment_type = self.attachment_type.value

        attachment = self.attachment

        callback_url = self.callback_url

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

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()

        repeatable_fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.repeatable_fields, Unset):
            repeatable_fields = self.repeatable_fields.to_dict()

        row_fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.row_fields, Unset):
            row_fields = self.row_fields.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "instruction": instruction,
                "attachment_type": attachment_type,
                "attachment": attachment,
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
        if urgency is not UNSET:
            field_dict["urgency"] = urgency
        if fields is not UNSET:
            field_dict["fields"] = fields
        if repeatable_fields is not UNSET:
            field_dict["repeatable_fields"] = repeatable_fields
        if row_fields is not UNSET:
            field_dict["row_fields"] = row_fields

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_create_common_metadata import TaskCreateCommonMetadata  # noqa: PLC0415
        from ..models.transcription_task_create_fields import TranscriptionTaskCreateFields  # noqa: PLC0415
        from ..models.transcription_task_create_repeatable_fields import TranscriptionTaskCreateRepeatableFields  # noqa: PLC0415
        from ..models.transcription_task_create_row_fields import TranscriptionTaskCreateRowFields  # noqa: PLC0415

        d = dict(src_dict)
        instruction = d.pop("instruction")

        attachment_type = AttachmentType(d.pop("attachment_type"))

        attachment = d.pop("attachment")

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

        _urgency = d.pop("urgency", UNSET)
        urgency: Urgency | Unset
        if isinstance(_urgency, Unset):
            urgency = UNSET
        else:
            urgency = Urgency(_urgency)

        _fields = d.pop("fields", UNSET)
        fields: TranscriptionTaskCreateFields | Unset
        if isinstance(_fields, Unset):
            fields = UNSET
        else:
            fields = TranscriptionTaskCreateFields.from_dict(_fields)

        _repeatable_fields = d.pop("repeatable_fields", UNSET)
        repeatable_fields: TranscriptionTaskCreateRepeatableFields | Unset
        if isinstance(_repeatable_fields, Unset):
            repeatable_fields = UNSET
        else:
            repeatable_fields = TranscriptionTaskCreateRepeatableFields.from_dict(_repeatable_fields)

        _row_fields = d.pop("row_fields", UNSET)
        row_fields: TranscriptionTaskCreateRowFields | Unset
        if isinstance(_row_fields, Unset):
            row_fields = UNSET
        else:
            row_fields = TranscriptionTaskCreateRowFields.from_dict(_row_fields)

        transcription_task_create = cls(
            instruction=instruction,
            attachment_type=attachment_type,
            attachment=attachment,
            callback_url=callback_url,
            metadata=metadata,
            project=project,
            project_param_version=project_param_version,
            unique_id=unique_id,
            batch=batch,
            urgency=urgency,
            fields=fields,
            repeatable_fields=repeatable_fields,
            row_fields=row_fields,
        )

        transcription_task_create.additional_properties = d
        return transcription_task_create

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
