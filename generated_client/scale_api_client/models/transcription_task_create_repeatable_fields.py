from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.repeatable_field_type_1 import RepeatableFieldType1


T = TypeVar("T", bound="TranscriptionTaskCreateRepeatableFields")


@_attrs_define
class TranscriptionTaskCreateRepeatableFields:
    """ "If your task requires a transcription of items which might be repeated within the
    attachment, such as rows of an invoice, then this dictionary describes those fields."
    At least one key when given: our assumption.

    """

    additional_properties: dict[str, RepeatableFieldType1 | str] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.repeatable_field_type_1 import RepeatableFieldType1  # noqa: PLC0415

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, RepeatableFieldType1):
                field_dict[prop_name] = prop.to_dict()
            else:
                field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.repeatable_field_type_1 import RepeatableFieldType1  # noqa: PLC0415

        d = dict(src_dict)
        transcription_task_create_repeatable_fields = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(data: object) -> RepeatableFieldType1 | str:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_repeatable_field_type_1 = RepeatableFieldType1.from_dict(data)

                    return componentsschemas_repeatable_field_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(RepeatableFieldType1 | str, data)

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        transcription_task_create_repeatable_fields.additional_properties = additional_properties
        return transcription_task_create_repeatable_fields

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> RepeatableFieldType1 | str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: RepeatableFieldType1 | str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
