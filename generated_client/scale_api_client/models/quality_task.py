from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.quality_task_expected_response import QualityTaskExpectedResponse
    from ..models.quality_task_initial_response import QualityTaskInitialResponse


T = TypeVar("T", bound="QualityTask")


@_attrs_define
class QualityTask:
    """An evaluation or training task.
    The official SDK's `QualityTask` reads `id` and `expected_response`.

        Attributes:
            id (str): The id of the quality task.
            expected_response (QualityTaskExpectedResponse):
            initial_response (QualityTaskInitialResponse | Unset):
    """

    id: str
    expected_response: QualityTaskExpectedResponse
    initial_response: QualityTaskInitialResponse | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        expected_response = self.expected_response.to_dict()

        initial_response: dict[str, Any] | Unset = UNSET
        if not isinstance(self.initial_response, Unset):
            initial_response = self.initial_response.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "expected_response": expected_response,
            }
        )
        if initial_response is not UNSET:
            field_dict["initial_response"] = initial_response

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quality_task_expected_response import QualityTaskExpectedResponse  # noqa: PLC0415
        from ..models.quality_task_initial_response import QualityTaskInitialResponse  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        expected_response = QualityTaskExpectedResponse.from_dict(d.pop("expected_response"))

        _initial_response = d.pop("initial_response", UNSET)
        initial_response: QualityTaskInitialResponse | Unset
        if isinstance(_initial_response, Unset):
            initial_response = UNSET
        else:
            initial_response = QualityTaskInitialResponse.from_dict(_initial_response)

        quality_task = cls(
            id=id,
            expected_response=expected_response,
            initial_response=initial_response,
        )

        quality_task.additional_properties = d
        return quality_task

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
