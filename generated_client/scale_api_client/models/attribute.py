from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attribute_type import AttributeType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conditions import Conditions
    from ..models.nested_label import NestedLabel


T = TypeVar("T", bound="Attribute")


@_attrs_define
class Attribute:
    """One annotation attribute. "You define the type of the attribute using the type property of
    the attribute, which is either category, number, or angle. It defaults to category." A
    categorical attribute needs `choices` (which may be `NestedLabel`s); a numerical one may give
    `min` and `max`; an angle is answered in degrees from 0 to 360.
    `max` at least `min` is our assumption. `"description": "What is the answer to this example
    question?"` (docs-2018 L1771).

        Attributes:
            description (str): The question shown to the worker.
            type_ (AttributeType | Unset): "which is either category, number, or angle. It defaults to category" (docs-2018
                L1758).
                 Default: AttributeType.CATEGORY.
            choices (list[NestedLabel | str] | Unset): No minimum is documented: at least one is our assumption.
            min_ (float | Unset):
            max_ (float | Unset):
            conditions (Conditions | Unset): "The conditions JSON describes the set of conditions under which the attribute
                should be
                collected. Each of the conditions described in the JSON are AND'd together." "The conditions
                JSON can have up to two key-values: label_condition and attribute_conditions."
                "The conditions JSON can have up to two key-values: label_condition and
                attribute_conditions" (docs-2018 L1822).
    """

    description: str
    type_: AttributeType | Unset = AttributeType.CATEGORY
    choices: list[NestedLabel | str] | Unset = UNSET
    min_: float | Unset = UNSET
    max_: float | Unset = UNSET
    conditions: Conditions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.nested_label import NestedLabel  # noqa: PLC0415

        description = self.description

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        choices: list[dict[str, Any] | str] | Unset = UNSET
        if not isinstance(self.choices, Unset):
            choices = []
            for choices_item_data in self.choices:
                choices_item: dict[str, Any] | str
                if isinstance(choices_item_data, NestedLabel):
                    choices_item = choices_item_data.to_dict()
                else:
                    choices_item = choices_item_data
                choices.append(choices_item)

        min_ = self.min_

        max_ = self.max_

        conditions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.conditions, Unset):
            conditions = self.conditions.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if choices is not UNSET:
            field_dict["choices"] = choices
        if min_ is not UNSET:
            field_dict["min"] = min_
        if max_ is not UNSET:
            field_dict["max"] = max_
        if conditions is not UNSET:
            field_dict["conditions"] = conditions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conditions import Conditions  # noqa: PLC0415
        from ..models.nested_label import NestedLabel  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description")

        _type_ = d.pop("type", UNSET)
        type_: AttributeType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = AttributeType(_type_)

        _choices = d.pop("choices", UNSET)
        choices: list[NestedLabel | str] | Unset = UNSET
        if _choices is not UNSET:
            choices = []
            for choices_item_data in _choices:

                def _parse_choices_item(data: object) -> NestedLabel | str:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_label_choice_type_1 = NestedLabel.from_dict(data)

                        return componentsschemas_label_choice_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    return cast(NestedLabel | str, data)

                choices_item = _parse_choices_item(choices_item_data)

                choices.append(choices_item)

        min_ = d.pop("min", UNSET)

        max_ = d.pop("max", UNSET)

        _conditions = d.pop("conditions", UNSET)
        conditions: Conditions | Unset
        if isinstance(_conditions, Unset):
            conditions = UNSET
        else:
            conditions = Conditions.from_dict(_conditions)

        attribute = cls(
            description=description,
            type_=type_,
            choices=choices,
            min_=min_,
            max_=max_,
            conditions=conditions,
        )

        attribute.additional_properties = d
        return attribute

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
