from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.phonecall_response_outcome import PhonecallResponseOutcome
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.phonecall_response_fields import PhonecallResponseFields


T = TypeVar("T", bound="PhonecallResponse")


@_attrs_define
class PhonecallResponse:
    """The response of a (deprecated) `phonecall` task: "an outcome field, and a fields field and/or
    choice field depending on the original request." The outcome is "one of no_pickup (meaning
    nobody picked up), hung_up (meaning the recipient hung up before the task could be
    completed), or success (the call succeeded)."
    "will have an `outcome` field, and a `fields` field and/or `choice` field" (docs-2016 L635).

        Attributes:
            outcome (PhonecallResponseOutcome): "The outcome will be a string equal to one of `no_pickup`" (docs-2016 L637).
            fields (PhonecallResponseFields | Unset):
            choice (str | Unset):
    """

    outcome: PhonecallResponseOutcome
    fields: PhonecallResponseFields | Unset = UNSET
    choice: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()

        choice = self.choice

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "outcome": outcome,
            }
        )
        if fields is not UNSET:
            field_dict["fields"] = fields
        if choice is not UNSET:
            field_dict["choice"] = choice

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.phonecall_response_fields import PhonecallResponseFields  # noqa: PLC0415

        d = dict(src_dict)
        outcome = PhonecallResponseOutcome(d.pop("outcome"))

        _fields = d.pop("fields", UNSET)
        fields: PhonecallResponseFields | Unset
        if isinstance(_fields, Unset):
            fields = UNSET
        else:
            fields = PhonecallResponseFields.from_dict(_fields)

        choice = d.pop("choice", UNSET)

        phonecall_response = cls(
            outcome=outcome,
            fields=fields,
            choice=choice,
        )

        phonecall_response.additional_properties = d
        return phonecall_response

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
