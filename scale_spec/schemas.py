"""One reading of a schema: `$ref`s followed and `allOf` members merged, the way every part of
the kit needs to ask "what does the spec say about property X" without caring how the schema is
factored into components.

A schema's members are itself, the target of its `$ref` and its `allOf` entries, recursively.
Merging them answers a *summary* (properties, required names, bounds); validation never uses it:
validators evaluate the real schema (`Spec.validator`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from scale_spec.document import lookup

Json = Any
# Keys a merge handles itself; every other keyword is taken from the first member stating it.
_COMBINED = frozenset({"allOf", "$ref", "properties", "required"})


def members(document: Json, schema: Json, _depth: int = 0) -> Iterator[Mapping[str, Json]]:
    """The schema's `$ref` target and `allOf` entries (depth first, in order), then itself."""
    if not isinstance(schema, Mapping) or _depth > 32:
        return
    if isinstance(schema.get("$ref"), str):
        yield from members(document, lookup(document, schema["$ref"]), _depth + 1)
    for member in schema.get("allOf", []):
        yield from members(document, member, _depth + 1)
    yield schema


def _types(schema: Mapping[str, Json]) -> set[str]:
    kind = schema.get("type")
    return set(kind) if isinstance(kind, list) else ({kind} if kind else set())


def flat(document: Json, schema: Json) -> dict[str, Json]:
    """`schema` as one mapping: properties from every member (a property stated twice must
    satisfy both, so its schemas are combined with `allOf`), `required` the union, other
    keywords from the schema itself before its members. Alternatives (`anyOf`/`oneOf` of
    schemas, e.g. "an object or null") contribute their properties and types."""
    parts = list(members(document, schema))
    merged: dict[str, Json] = {}
    properties: dict[str, list[Json]] = {}
    required: list[str] = []
    for part in reversed(parts):  # the schema itself first: its own keywords win
        for key, value in part.items():
            if key not in _COMBINED:
                merged.setdefault(key, value)
    for part in parts:
        for name, prop in part.get("properties", {}).items():
            properties.setdefault(name, []).append(prop)
        required += [n for n in part.get("required", []) if n not in required]
    branches = [*merged.get("anyOf", []), *merged.get("oneOf", [])]
    if branches and not all(isinstance(b, Mapping) and set(b) == {"required"} for b in branches):
        types = _types(merged)
        for branch in branches:
            part = flat(document, branch)
            for name, prop in part.get("properties", {}).items():
                properties.setdefault(name, [prop])
            types |= _types(part)
        if types:
            merged["type"] = sorted(types)
    if properties:
        merged["properties"] = {
            name: found[0] if len(found) == 1 else {"allOf": found}
            for name, found in properties.items()
        }
    if required:
        merged["required"] = required
    return merged


@dataclass
class MergedSchema:
    """What an object schema says once its members are merged: each property's keywords
    (`flat`; a later member refines an earlier one), the required names, and the constraints
    that apply to the object as a whole, accumulated from every member."""

    properties: dict[str, dict[str, Json]] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    any_of: list[Json] = field(default_factory=list)
    conditionals: list[Mapping[str, Json]] = field(default_factory=list)
    negations: list[Json] = field(default_factory=list)
    rules: list[Mapping[str, Json]] = field(default_factory=list)


def merge_object(document: Json, schema: Json) -> MergedSchema:
    merged = MergedSchema()
    for part in members(document, schema):
        for name, prop in part.get("properties", {}).items():
            merged.properties.setdefault(name, {}).update(flat(document, prop))
        merged.required.update(part.get("required", []))
        if "anyOf" in part:
            merged.any_of.append(part["anyOf"])
        if "if" in part:
            merged.conditionals.append(part)
        if "not" in part:
            merged.negations.append(part["not"])
        merged.rules.extend(part.get("x-scale-rules", []))
    return merged
