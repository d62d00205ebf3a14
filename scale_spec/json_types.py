"""The JSON Schema type of a parsed JSON value: one answer for the mock's form reading, the
spec's rules, the proxy's drift and replay's shapes."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any


def json_type(value: Any) -> str:
    """The most specific JSON Schema type of a parsed JSON value: `1.0` is an `integer` (JSON
    Schema counts any number with a zero fractional part as one), a bool is a `boolean` and
    never a number."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if math.isfinite(value) and value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list):
        return "array"
    return "string"  # not a parsed JSON value: read as text


def json_types(value: Any) -> set[str]:
    """Every JSON Schema type name the value answers to (an integer is a number too)."""
    found = json_type(value)
    return {"integer", "number"} if found == "integer" else {found}
