from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="NestedLabel")


@_attrs_define
class NestedLabel:
    """ "You would specify a nested label by using an object instead of a string." "These
    hierarchies can themselves be nested, so that the subchoices array of a nested label may
    itself specify further nested labels." Responses report only the leaf label chosen.
    `"choice": "Vehicle",` (docs-2018 L1524); `"subchoices": ["Car", "Truck", "Train",
    "Motorcycle"]` (docs-2018 L1525).

        Attributes:
            choice (str): The label shown first (for example `Pedestrian`).
            subchoices (list[NestedLabel | str]): The labels to choose from once `choice` is picked.
                No minimum is documented: at least one is our assumption.
    """

    choice: str
    subchoices: list[NestedLabel | str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        choice = self.choice

        subchoices = []
        for subchoices_item_data in self.subchoices:
            subchoices_item: dict[str, Any] | str
            if isinstance(subchoices_item_data, NestedLabel):
                subchoices_item = subchoices_item_data.to_dict()
            else:
                subchoices_item = subchoices_item_data
            subchoices.append(subchoices_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "choice": choice,
                "subchoices": subchoices,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        choice = d.pop("choice")

        subchoices = []
        _subchoices = d.pop("subchoices")
        for subchoices_item_data in _subchoices:

            def _parse_subchoices_item(data: object) -> NestedLabel | str:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_label_choice_type_1 = NestedLabel.from_dict(data)

                    return componentsschemas_label_choice_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(NestedLabel | str, data)

            subchoices_item = _parse_subchoices_item(subchoices_item_data)

            subchoices.append(subchoices_item)

        nested_label = cls(
            choice=choice,
            subchoices=subchoices,
        )

        nested_label.additional_properties = d
        return nested_label

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
