from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attachment_type import AttachmentType
from ..models.legacy_urgency import LegacyUrgency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.phonecall_task_create_fields import PhonecallTaskCreateFields
    from ..models.task_create_common_metadata import TaskCreateCommonMetadata


T = TypeVar("T", bound="PhonecallTaskCreate")


@_attrs_define
class PhonecallTaskCreate:
    """Parameters of the deprecated `POST /task/phonecall` (`docs-2016`). "The required parameters
    are a markdown-enabled instruction ..., a script for the Scaler to follow, a phone_number for
    the phone number to call, and an entity_name which describes the phone number."

        Attributes:
            instruction (str): "A markdown-enabled string explaining" how to do the task. "You can use markdown to show
                example images, give structure to your instructions, and more." A project's instruction
                is "concatenated to the end of the instructions of tasks created under the project".
            phone_number (str): "The phone number which will be called by our worker. Should include a country code
                (+1 for US numbers)." Not enforced: every documented example omits it.
                Non-empty (assumed).
            script (str): A script to be shown the the worker as they make the phone call.
            entity_name (str): "The name of the entity which corresponds to the person or business of the phone
                number." (The documents give its type as "name", a typo for string.)
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
            urgency (LegacyUrgency | Unset): The urgency of the 2016-only `/task/categorize` and `/task/phonecall`: "One of
                `immediate`,
                `day`, or `week`, where `immediate` is a one-hour response time", "(optional, default
                `day`)" (docs-2016 L274, L614). These paths exist only in `docs-2016`, so they keep its
                values.
                "`urgency` (optional, default `day`) | string" (docs-2016 L274).
            attachment_type (AttachmentType | Unset): "One of text, image, video, audio, website, or pdf. Describes what
                type of file the
                attachment is." For `text` the attachment is plain text; "Otherwise, it should be a URL
                pointing to the attachment."
                "attachment_type string One of text, image, video, audio, website, or pdf" (docs-2018
                L2022).
            attachment (str | Unset): The optional attachment to be used for the phone call.
            fields (PhonecallTaskCreateFields | Unset): A dictionary corresponding to the fields to be recorded.
            choices (list[str] | Unset): An array of strings for the choices to be given to the worker.
    """

    instruction: str
    phone_number: str
    script: str
    entity_name: str
    callback_url: str | Unset = UNSET
    metadata: TaskCreateCommonMetadata | Unset = UNSET
    project: str | Unset = UNSET
    project_param_version: int | Unset = UNSET
    unique_id: str | Unset = UNSET
    batch: str | Unset = UNSET
    urgency: LegacyUrgency | Unset = UNSET
    attachment_type: AttachmentType | Unset = UNSET
    attachment: str | Unset = UNSET
    fields: PhonecallTaskCreateFields | Unset = UNSET
    choices: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        instruction = self.instruction

        phone_number = self.phone_number

        script = self.script

        entity_name = self.entity_name

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

        attachment_type: str | Unset = UNSET
        if not isinstance(self.attachment_type, Unset):
            attachment_type = self.attachment_type.value

        attachment = self.attachment

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()

        choices: list[str] | Unset = UNSET
        if not isinstance(self.choices, Unset):
            choices = self.choices

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "instruction": instruction,
                "phone_number": phone_number,
                "script": script,
                "entity_name": entity_name,
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
        if attachment_type is not UNSET:
            field_dict["attachment_type"] = attachment_type
        if attachment is not UNSET:
            field_dict["attachment"] = attachment
        if fields is not UNSET:
            field_dict["fields"] = fields
        if choices is not UNSET:
            field_dict["choices"] = choices

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.phonecall_task_create_fields import PhonecallTaskCreateFields  # noqa: PLC0415
        from ..models.task_create_common_metadata import TaskCreateCommonMetadata  # noqa: PLC0415

        d = dict(src_dict)
        instruction = d.pop("instruction")

        phone_number = d.pop("phone_number")

        script = d.pop("script")

        entity_name = d.pop("entity_name")

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
        urgency: LegacyUrgency | Unset
        if isinstance(_urgency, Unset):
            urgency = UNSET
        else:
            urgency = LegacyUrgency(_urgency)

        _attachment_type = d.pop("attachment_type", UNSET)
        attachment_type: AttachmentType | Unset
        if isinstance(_attachment_type, Unset):
            attachment_type = UNSET
        else:
            attachment_type = AttachmentType(_attachment_type)

        attachment = d.pop("attachment", UNSET)

        _fields = d.pop("fields", UNSET)
        fields: PhonecallTaskCreateFields | Unset
        if isinstance(_fields, Unset):
            fields = UNSET
        else:
            fields = PhonecallTaskCreateFields.from_dict(_fields)

        choices = cast(list[str], d.pop("choices", UNSET))

        phonecall_task_create = cls(
            instruction=instruction,
            phone_number=phone_number,
            script=script,
            entity_name=entity_name,
            callback_url=callback_url,
            metadata=metadata,
            project=project,
            project_param_version=project_param_version,
            unique_id=unique_id,
            batch=batch,
            urgency=urgency,
            attachment_type=attachment_type,
            attachment=attachment,
            fields=fields,
            choices=choices,
        )

        phonecall_task_create.additional_properties = d
        return phonecall_task_create

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
