from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.urgency import Urgency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.evaluation_task_create_expected_response import EvaluationTaskCreateExpectedResponse
    from ..models.evaluation_task_create_initial_response import EvaluationTaskCreateInitialResponse
    from ..models.rapid_attachments_item import RapidAttachmentsItem
    from ..models.task_create_common_metadata import TaskCreateCommonMetadata


T = TypeVar("T", bound="EvaluationTaskCreate")


@_attrs_define
class EvaluationTaskCreate:
    """ "The applicable fields are the same as for create_task. [...] Additionally an
    expected_response is required. An optional initial_response can be provided if it's for a
    review phase evaluation task" (sdk-readme L358; the SDK docstring says the same, `sdk`).

        Attributes:
            expected_response (EvaluationTaskCreateExpectedResponse): The correct response, in the response format of the
                task type.
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
            initial_response (EvaluationTaskCreateInitialResponse | Unset): For a review-phase evaluation task, the response
                under review.
            attachments (list[RapidAttachmentsItem] | Unset): The attachments of a Rapid task, such as `[{"type": "image",
                "content": "https://..."}]`.
                No minimum is documented: at least one is our assumption.
    """

    expected_response: EvaluationTaskCreateExpectedResponse
    callback_url: str | Unset = UNSET
    instruction: str | Unset = UNSET
    metadata: TaskCreateCommonMetadata | Unset = UNSET
    project: str | Unset = UNSET
    project_param_version: int | Unset = UNSET
    unique_id: str | Unset = UNSET
    batch: str | Unset = UNSET
    urgency: Urgency | Unset = UNSET
    initial_response: EvaluationTaskCreateInitialResponse | Unset = UNSET
    attachments: list[RapidAttachmentsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expected_response = self.expected_response.to_dict()

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

        initial_response: dict[str, Any] | Unset = UNSET
        if not isinstance(self.initial_response, Unset):
            initial_response = self.initial_response.to_dict()

        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for componentsschemas_rapid_attachments_item_data in self.attachments:
                componentsschemas_rapid_attachments_item = componentsschemas_rapid_attachments_item_data.to_dict()
                attachments.append(componentsschemas_rapid_attachments_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "expected_response": expected_response,
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
        if initial_response is not UNSET:
            field_dict["initial_response"] = initial_response
        if attachments is not UNSET:
            field_dict["attachments"] = attachments

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.evaluation_task_create_expected_response import EvaluationTaskCreateExpectedResponse  # noqa: PLC0415
        from ..models.evaluation_task_create_initial_response import EvaluationTaskCreateInitialResponse  # noqa: PLC0415
        from ..models.rapid_attachments_item import RapidAttachmentsItem  # noqa: PLC0415
        from ..models.task_create_common_metadata import TaskCreateCommonMetadata  # noqa: PLC0415

        d = dict(src_dict)
        expected_response = EvaluationTaskCreateExpectedResponse.from_dict(d.pop("expected_response"))

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

        _initial_response = d.pop("initial_response", UNSET)
        initial_response: EvaluationTaskCreateInitialResponse | Unset
        if isinstance(_initial_response, Unset):
            initial_response = UNSET
        else:
            initial_response = EvaluationTaskCreateInitialResponse.from_dict(_initial_response)

        _attachments = d.pop("attachments", UNSET)
        attachments: list[RapidAttachmentsItem] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for componentsschemas_rapid_attachments_item_data in _attachments:
                componentsschemas_rapid_attachments_item = RapidAttachmentsItem.from_dict(
                    componentsschemas_rapid_attachments_item_data
                )

                attachments.append(componentsschemas_rapid_attachments_item)

        evaluation_task_create = cls(
            expected_response=expected_response,
            callback_url=callback_url,
            instruction=instruction,
            metadata=metadata,
            project=project,
            project_param_version=project_param_version,
            unique_id=unique_id,
            batch=batch,
            urgency=urgency,
            initial_response=initial_response,
            attachments=attachments,
        )

        evaluation_task_create.additional_properties = d
        return evaluation_task_create

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
