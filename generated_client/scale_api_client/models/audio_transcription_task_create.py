from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audio_transcription_task_create_attachment_type import AudioTranscriptionTaskCreateAttachmentType
from ..models.urgency import Urgency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_create_common_metadata import TaskCreateCommonMetadata


T = TypeVar("T", bound="AudioTranscriptionTaskCreate")


@_attrs_define
class AudioTranscriptionTaskCreate:
    """Parameters of the deprecated `POST /task/audiotranscription`, from the last SDK that
    supported it: a missing `attachment`, or a non-URL attachment without `attachment_type`,
    is rejected with 400.

        Attributes:
            attachment_type (AudioTranscriptionTaskCreateAttachmentType): Audio only (the official SDK's tests).
            attachment (str): A URL to the audio file.
                Non-empty (assumed).
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
            verbatim (bool | Unset): Whether the transcription should be verbatim.
            phrases (list[str] | Unset): Phrases expected in the audio.
    """

    attachment_type: AudioTranscriptionTaskCreateAttachmentType
    attachment: str
    callback_url: str | Unset = UNSET
    instruction: str | Unset = UNSET
    metadata: TaskCreateCommonMetadata | Unset = UNSET
    project: str | Unset = UNSET
    project_param_version: int | Unset = UNSET
    unique_id: str | Unset = UNSET
    batch: str | Unset = UNSET
    urgency: Urgency | Unset = UNSET
    verbatim: bool | Unset = UNSET
    phrases: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attachment_type = self.attachment_type.value

        attachment = self.attachment

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

        verbatim = self.verbatim

        phrases: list[str] | Unset = UNSET
        if not isinstance(self.phrases, Unset):
            phrases = self.phrases

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attachment_type": attachment_type,
                "attachment": attachment,
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
        if verbatim is not UNSET:
            field_dict["verbatim"] = verbatim
        if phrases is not UNSET:
            field_dict["phrases"] = phrases

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_create_common_metadata import TaskCreateCommonMetadata  # noqa: PLC0415

        d = dict(src_dict)
        attachment_type = AudioTranscriptionTaskCreateAttachmentType(d.pop("attachment_type"))

        attachment = d.pop("attachment")

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

        verbatim = d.pop("verbatim", UNSET)

        phrases = cast(list[str], d.pop("phrases", UNSET))

        audio_transcription_task_create = cls(
            attachment_type=attachment_type,
            attachment=attachment,
            callback_url=callback_url,
            instruction=instruction,
            metadata=metadata,
            project=project,
            project_param_version=project_param_version,
            unique_id=unique_id,
            batch=batch,
            urgency=urgency,
            verbatim=verbatim,
            phrases=phrases,
        )

        audio_transcription_task_create.additional_properties = d
        return audio_transcription_task_create

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
