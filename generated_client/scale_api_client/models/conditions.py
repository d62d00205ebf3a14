from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.condition import Condition


T = TypeVar("T", bound="Conditions")


@_attrs_define
class Conditions:
    """ "The conditions JSON describes the set of conditions under which the attribute should be
    collected. Each of the conditions described in the JSON are AND'd together." "The conditions
    JSON can have up to two key-values: label_condition and attribute_conditions."
    "The conditions JSON can have up to two key-values: label_condition and
    attribute_conditions" (docs-2018 L1822).

        Attributes:
            label_condition (Condition | Unset): "A Condition is an object defined by a single key and a value. The key
                describes the semantic
                string that you want to check, whether it is 'label' for the label_condition, or the attribute
                identifier for attribute_conditions. The value is either a string or an array of strings." A
                string is checked "for strict equality", an array "for membership".
                "A Condition is an object defined by a single key and a value" (docs-2018 L1832).
            attribute_conditions (Condition | list[Condition] | Unset): "The attribute_conditions key-value will describe
                under what conditions with the other
                attributes you'd like to collect this attribute for. The value should a Condition object
                or a list of Condition objects."
    """

    label_condition: Condition | Unset = UNSET
    attribute_conditions: Condition | list[Condition] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.condition import Condition  # noqa: PLC0415

        label_condition: dict[str, Any] | Unset = UNSET
        if not isinstance(self.label_condition, Unset):
            label_condition = self.label_condition.to_dict()

        attribute_conditions: dict[str, Any] | list[dict[str, Any]] | Unset
        if isinstance(self.attribute_conditions, Unset):
            attribute_conditions = UNSET
        elif isinstance(self.attribute_conditions, Condition):
            attribute_conditions = self.attribute_conditions.to_dict()
        else:
            attribute_conditions = []
            for attribute_conditions_type_1_item_data in self.attribute_conditions:
                attribute_conditions_type_1_item = attribute_conditions_type_1_item_data.to_dict()
                attribute_conditions.append(attribute_conditions_type_1_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if label_condition is not UNSET:
            field_dict["label_condition"] = label_condition
        if attribute_conditions is not UNSET:
            field_dict["attribute_conditions"] = attribute_conditions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.condition import Condition  # noqa: PLC0415

        d = dict(src_dict)
        _label_condition = d.pop("label_condition", UNSET)
        label_condition: Condition | Unset
        if isinstance(_label_condition, Unset):
            label_condition = UNSET
        else:
            label_condition = Condition.from_dict(_label_condition)

        def _parse_attribute_conditions(data: object) -> Condition | list[Condition] | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                attribute_conditions_type_0 = Condition.from_dict(data)

                return attribute_conditions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, list):
                raise TypeError()
            attribute_conditions_type_1 = []
            _attribute_conditions_type_1 = data
            for attribute_conditions_type_1_item_data in _attribute_conditions_type_1:
                attribute_conditions_type_1_item = Condition.from_dict(attribute_conditions_type_1_item_data)

                attribute_conditions_type_1.append(attribute_conditions_type_1_item)

            return attribute_conditions_type_1

        attribute_conditions = _parse_attribute_conditions(d.pop("attribute_conditions", UNSET))

        conditions = cls(
            label_condition=label_condition,
            attribute_conditions=attribute_conditions,
        )

        return conditions
