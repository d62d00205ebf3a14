"""The shape of a JSON answer, and how two shapes differ: what `replay` compares.

A shape keeps an answer's structure and drops its data, so a log can hold it without holding
what the answer said: an object is `{key: shape}`, an array `[shape of its elements, merged]`
(`[]` when empty), anything else the name of its JSON type (`"string"`, `"integer"`,
`"number"`, `"boolean"`, `"null"`; several merged as `"null|string"`).

Two answers of the same request to two servers differ in data (ids, times) but, for a stand-in
to be a stand-in, not in shape. `differences` says where they do: a field the recorded answer
had and the replayed one lacks (`missing`), one it adds (`extra`), a value of another type
(`type`). `integer` and `number` are one JSON number, as JSON Schema's `number` holds both. A
`null` on one side and a value on the other is a `null` difference, not a breaking one: a field
empty in one state (`completed_at` of a pending task) says nothing of its type.

Whether a difference fails a replay is not said here: a missing field may be one the spec makes
optional, a changed type one of a free-form map (`metadata`). `replay` decides, with the spec.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scale_spec.json_types import json_type

Shape = Any  # str | dict[str, Shape] | list[Shape]
MAX_DEPTH = 32  # deeper structure is cut to "object"/"array": a shape stays small
MAX_KEYS = 500  # keys kept per object


def _kind(shape: Shape) -> str:
    if isinstance(shape, dict):
        return "object"
    if isinstance(shape, list):
        return "array"
    return str(shape)


def shape_of(value: Any, depth: int = 0) -> Shape:
    """The shape of a parsed JSON value."""
    if isinstance(value, dict):
        if depth >= MAX_DEPTH:
            return "object"
        keys = sorted(value)[:MAX_KEYS]
        return {key: shape_of(value[key], depth + 1) for key in keys}
    if isinstance(value, list):
        if depth >= MAX_DEPTH:
            return "array"
        merged: Shape | None = None
        for item in value:
            item_shape = shape_of(item, depth + 1)
            merged = item_shape if merged is None else merge(merged, item_shape)
        return [] if merged is None else [merged]
    return json_type(value)


def merge(one: Shape, other: Shape) -> Shape:
    """One shape that covers both (the elements of one array)."""
    if isinstance(one, dict) and isinstance(other, dict):
        keys = sorted(set(one) | set(other))[:MAX_KEYS]
        return {
            k: merge(one[k], other[k]) if k in one and k in other else one.get(k, other.get(k))
            for k in keys
        }
    if isinstance(one, list) and isinstance(other, list):
        if not one or not other:
            return one or other
        return [merge(one[0], other[0])]
    if one == other:
        return one
    kinds = set(_kind(one).split("|")) | set(_kind(other).split("|"))
    return "|".join(sorted(kinds))


@dataclass(frozen=True)
class Difference:
    kind: str  # "missing", "extra", "type", "null" (and replay's "spec")
    where: str  # `$.response.annotations[]`, or a rule id
    recorded: str
    replayed: str
    breaking: bool = False  # whether it fails the replay: the caller's judgement

    def __str__(self) -> str:
        if self.kind == "missing":
            return f"{self.where}: missing (recorded {self.recorded})"
        if self.kind == "extra":
            return f"{self.where}: extra field ({self.replayed})"
        if self.kind == "spec":
            return f"{self.where}: {self.replayed}"
        return f"{self.where}: {self.recorded} recorded, {self.replayed} replayed"


def _types(shape: Shape) -> frozenset[str]:
    kinds = set(_kind(shape).split("|"))
    if "integer" in kinds:
        kinds = (kinds - {"integer"}) | {"number"}
    return frozenset(kinds)


def differences(recorded: Shape, replayed: Shape, where: str = "$") -> list[Difference]:
    """Where `replayed` differs from `recorded`, field by field."""
    if isinstance(recorded, dict) and isinstance(replayed, dict):
        found: list[Difference] = []
        for key in sorted(set(recorded) | set(replayed)):
            at = f"{where}.{key}"
            if key not in replayed:
                found.append(Difference("missing", at, _kind(recorded[key]), ""))
            elif key not in recorded:
                found.append(Difference("extra", at, "", _kind(replayed[key])))
            else:
                found += differences(recorded[key], replayed[key], at)
        return found
    if isinstance(recorded, list) and isinstance(replayed, list):
        if recorded and replayed:
            return differences(recorded[0], replayed[0], f"{where}[]")
        return []  # an empty list says nothing of its elements
    one, other = _types(recorded), _types(replayed)
    if one == other:
        return []
    valued, other_valued = one - {"null"}, other - {"null"}
    # differing by a null only, or null on one side: a state, not a type
    kind = "null" if valued == other_valued or not valued or not other_valued else "type"
    return [Difference(kind, where, _kind(recorded), _kind(replayed))]
