from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.failed_attachment import FailedAttachment


T = TypeVar("T", bound="AttachmentError")


@_attrs_define
class AttachmentError:
    """`task.response` (and the callback's `response`) when attachments could not be fetched: "If
    we do not receive an HTTP 200 response when attempting to fetch your attachment(s), we will
    send your callback_url an error with the bad HTTP codes we received, and the task status will
    be error" (`docs-2018`).
    `"error": "One or more attachments could not be downloaded."` (docs-2018 L191).

        Attributes:
            error (str): The reason for the error.
            attachments (list[FailedAttachment] | Unset): The attachments that failed, with the HTTP status received for
                each.
    """

    error: str
    attachments: list[FailedAttachment] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_dict()
                attachments.append(attachments_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )
        if attachments is not UNSET:
            field_dict["attachments"] = attachments

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.failed_attachment import FailedAttachment  # noqa: PLC0415

        d = dict(src_dict)
        error = d.pop("error")

        _attachments = d.pop("attachments", UNSET)
        attachments: list[FailedAttachment] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = FailedAttachment.from_dict(attachments_item_data)

                attachments.append(attachments_item)

        attachment_error = cls(
            error=error,
            attachments=attachments,
        )

        attachment_error.additional_properties = d
        return attachment_error

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
