from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CameraIntrinsics")


@_attrs_define
class CameraIntrinsics:
    """ "Object defining camera intrinsics, in format {fx: 1300, fy: 1300, cx: 600, cy: 300,
    scalefactor: 2.75, skew: 0} (skew defaults to 0, scalefactor defaults to 1). scalefactor is
    used if the image sent is of different dimensions from the original photo (if the attachment
    is half the original, set scalefactor to 2)." "Use in conjunction with
    camera_rotation_quaternion."
    "in format {fx: 1300, fy: 1300, cx: 600, cy: 300" (docs-2018 L756).

        Attributes:
            fx (float):
            fy (float):
            cx (float):
            cy (float):
            scalefactor (float | Unset):  Default: 1.0.
            skew (float | Unset):  Default: 0.0.
    """

    fx: float
    fy: float
    cx: float
    cy: float
    scalefactor: float | Unset = 1.0
    skew: float | Unset = 0.0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fx = self.fx

        fy = self.fy

        cx = self.cx

        cy = self.cy

        scalefactor = self.scalefactor

        skew = self.skew

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fx": fx,
                "fy": fy,
                "cx": cx,
                "cy": cy,
            }
        )
        if scalefactor is not UNSET:
            field_dict["scalefactor"] = scalefactor
        if skew is not UNSET:
            field_dict["skew"] = skew

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        fx = d.pop("fx")

        fy = d.pop("fy")

        cx = d.pop("cx")

        cy = d.pop("cy")

        scalefactor = d.pop("scalefactor", UNSET)

        skew = d.pop("skew", UNSET)

        camera_intrinsics = cls(
            fx=fx,
            fy=fy,
            cx=cx,
            cy=cy,
            scalefactor=scalefactor,
            skew=skew,
        )

        camera_intrinsics.additional_properties = d
        return camera_intrinsics

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
