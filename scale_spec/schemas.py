"""One reading of a schema: `$ref`s followed and `allOf` members merged, the way every part of
the kit needs to ask "what does the spec say about property X" without caring how the schema is
factored into components.

A schema's members are itself, the target of its `$ref` and its `allOf` entries, recursively,
each with its JSON Pointer (so a rule found in a member can be cited where the spec states it).
Merging them answers a *summary* (properties, required names, bounds, tiers); validation never
uses it: validators evaluate the real schema (`Spec.validator`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from scale_spec.document import escape, lookup
from scale_spec.provenance import marks, tier_of

Json = Any
_MAX_DEPTH = 8  # alternatives followed within alternatives (`oneOf` of subtypes that `allOf` it)


def members(
    document: Json, schema: Json, pointer: str = "#", _depth: int = 0
) -> Iterator[tuple[str, Mapping[str, Json]]]:
    """(pointer, member) for the schema's `$ref` target and `allOf` entries (depth first, in
    order), then the schema itself. `pointer` is where `schema` sits in the document."""
    if not isinstance(schema, Mapping) or _depth > 32:
        return
    if isinstance(schema.get("$ref"), str):
        ref = schema["$ref"]
        yield from members(document, lookup(document, ref), ref, _depth + 1)
    for index, member in enumerate(schema.get("allOf", [])):
        yield from members(document, member, f"{pointer}/allOf/{index}", _depth + 1)
    yield pointer, schema


def _types(schema: Mapping[str, Json]) -> set[str]:
    kind = schema.get("type")
    return set(kind) if isinstance(kind, list) else ({kind} if kind else set())


def _one_required_group(branches: Json) -> bool:
    """`anyOf: [{required: [a]}, {required: [b]}]`: "one of these is required"."""
    return bool(branches) and all(
        isinstance(b, Mapping) and set(b) == {"required"} for b in branches
    )


def flat(document: Json, schema: Json, _depth: int = 0) -> dict[str, Json]:
    """`schema` as one mapping: its own keywords first, then a later member's before an earlier
    one's, each keyword with the tier (`x-provenance`) of the node that supplied its value;
    properties from every member (a property stated twice must satisfy both, so its schemas are
    combined with `allOf`); `required` the union. Alternatives (`anyOf`/`oneOf` of schemas,
    e.g. "an object or null") contribute their properties and the types they add. `$ref`s are
    followed, never copied, so flattening twice changes nothing."""
    parts = [part for _, part in members(document, schema)]
    merged: dict[str, Json] = {}
    tiers: dict[str, str] = {}
    for part in reversed(parts):  # the schema itself, then later members before earlier ones
        part_tiers = marks(part)
        for key, value in part.items():
            if key in ("allOf", "$ref", "properties", "x-provenance") or key in merged:
                continue
            if key == "required" and isinstance(value, list):
                continue  # the union, below
            merged[key] = value
            if key in part_tiers:
                tiers[key] = part_tiers[key]
        for key, tier in part_tiers.items():  # tiers of what is not a keyword of this node
            if key not in part or key == "required":
                tiers.setdefault(key, tier)
    properties: dict[str, list[Json]] = {}
    required: list[str] = []
    for part in parts:
        declared = part.get("properties")
        for name, prop in declared.items() if isinstance(declared, Mapping) else ():
            properties.setdefault(name, []).append(prop)
        names = part.get("required")
        required += [n for n in names if n not in required] if isinstance(names, list) else []
    branches = [*merged.get("anyOf", []), *merged.get("oneOf", [])]
    if branches and not _one_required_group(branches) and _depth < _MAX_DEPTH:
        own, added = _types(merged), set[str]()
        for branch in branches:
            part = flat(document, branch, _depth + 1)
            for name, prop in part.get("properties", {}).items():
                properties.setdefault(name, [prop])
            added |= _types(part)
        if added - own:
            merged["type"] = sorted(own | added)
    if properties:
        merged["properties"] = {
            name: found[0] if len(found) == 1 else {"allOf": found}
            for name, found in properties.items()
        }
    if required:
        merged["required"] = required
    if tiers:
        merged["x-provenance"] = tiers
    return merged


@dataclass(frozen=True)
class Located:
    """Something the spec states, where it states it, and its provenance tier."""

    pointer: str
    value: Json
    tier: str | None


@dataclass
class MergedSchema:
    """What an object schema says once its members are merged.

    `properties`: name -> the property's keywords (`flat`; a later member refines an earlier
    one); `required`: the union of required names; `any_of`, `conditionals`, `negations`,
    `rules`: every member's `anyOf` lists, `if`/`then` members, `not` schemas and
    `x-scale-rules`. Located (pointer and tier, for citing the spec): `sources` (where the
    nearest member declares each property, and its raw schema), `required_at`, `one_required`
    ("one of these is required" groups) and `located_rules`.
    """

    properties: dict[str, dict[str, Json]] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    any_of: list[Json] = field(default_factory=list)
    conditionals: list[Mapping[str, Json]] = field(default_factory=list)
    negations: list[Json] = field(default_factory=list)
    rules: list[Mapping[str, Json]] = field(default_factory=list)
    sources: dict[str, Located] = field(default_factory=dict)
    required_at: dict[str, Located] = field(default_factory=dict)
    one_required: list[Located] = field(default_factory=list)
    located_rules: list[Located] = field(default_factory=list)


def _refine(keywords: dict[str, Json], later: dict[str, Json]) -> None:
    """`later`'s keywords over `keywords`, each keeping the tier of the value it now has."""
    tiers = dict(keywords.get("x-provenance", {}))
    later_tiers = later.get("x-provenance", {})
    for key, value in later.items():
        if key == "x-provenance":
            continue
        keywords[key] = value
        tiers.pop(key, None)
    tiers.update(later_tiers)
    keywords.pop("x-provenance", None)
    if tiers:
        keywords["x-provenance"] = tiers


def merge_object(document: Json, schema: Json, pointer: str = "#") -> MergedSchema:
    merged = MergedSchema()
    for where, part in members(document, schema, pointer):
        for name, prop in part.get("properties", {}).items():
            _refine(merged.properties.setdefault(name, {}), flat(document, prop))
            merged.sources[name] = Located(f"{where}/properties/{escape(name)}", prop, None)
        for name in part.get("required", []):
            merged.required.add(name)
            merged.required_at[name] = Located(
                f"{where}/required", name, tier_of(part, f"required:{name}")
            )
        if "anyOf" in part:
            merged.any_of.append(part["anyOf"])
            if _one_required_group(part["anyOf"]):
                names = [name for branch in part["anyOf"] for name in branch["required"]]
                located = Located(f"{where}/anyOf", names, tier_of(part, "anyOf"))
                merged.one_required.append(located)
        if "if" in part:
            merged.conditionals.append(part)
        if "not" in part:
            merged.negations.append(part["not"])
        for i, rule in enumerate(part.get("x-scale-rules", [])):
            merged.rules.append(rule)
            located = Located(
                f"{where}/x-scale-rules/{i}", rule, tier_of(part, str(rule.get("id")))
            )
            merged.located_rules.append(located)
    return merged
