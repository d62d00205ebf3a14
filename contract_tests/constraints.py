"""One request per documented constraint, breaking that constraint and nothing else.

Generated from the spec, not listed by hand: for every operation, a valid base request (the
spec's own example, or the smallest instance of the schema), then for each `maxItems`,
`minItems`, `minLength`, `enum`, `minimum`, `maximum`, required property, "one of these is
required" group and machine-readable `x-scale-rules` rule, a copy of the base that violates
exactly that. A conformant server answers each with 400 and the documented error body.
(Schemathesis reports at most one accepted invalid request per operation and status; this
catalogue is what says which constraint is not enforced.)
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from contract_tests.api import Rule
from contract_tests.spec import (
    Operation,
    current,
    json_body,
    operations,
    provenance,
    resolve,
    schema_errors,
)
from scale_spec import MergedSchema

BAD_ENUM = "not-a-documented-value"
# Inputs a base request must not carry: they name objects that may not exist on the server
# (a 404 would hide the 400 under test) or would make it call out.
UNSAFE = ("project", "batch", "unique_id", "callback_url", "project_param_version")


@dataclass(frozen=True)
class Violation:
    """A request that breaks one documented rule."""

    rule: Rule
    operation: Operation
    path: str
    query: Mapping[str, Any] = field(default_factory=dict)
    body: Any = None

    @property
    def id(self) -> str:
        return self.rule.id


def keywords(schema: Any) -> dict[str, Any]:
    """A schema's keywords through `$ref` and `allOf`, each with the tier of the node stating it
    (`x-provenance` merged): the spec's one reading (`scale_spec.Spec.flat`)."""
    return current().flat(schema)


def merge(schema: Any, pointer: str) -> MergedSchema:
    return current().merged_object(schema, pointer)


def minimal(schema: Any) -> Any:
    """The smallest instance of `schema` this knows how to build (validated by the caller)."""
    flat = keywords(schema)
    for key in ("const", "default"):
        if key in flat and flat[key] is not None:
            return copy.deepcopy(flat[key])
    if flat.get("examples"):
        return copy.deepcopy(flat["examples"][0])
    if flat.get("enum"):
        return flat["enum"][0]
    for key in ("anyOf", "oneOf"):
        if flat.get(key) and not all(set(b) == {"required"} for b in flat[key]):
            return minimal(flat[key][0])
    kind = flat.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in flat:
        shape = merge(schema, "#")
        names = list(shape.required_at)
        names += [group.value[0] for group in shape.one_required]
        instance = {
            name: minimal(shape.sources[name].value) for name in names if name in shape.sources
        }
        extra = flat.get("additionalProperties")
        if len(instance) < flat.get("minProperties", 0) and isinstance(extra, Mapping):
            instance["contract"] = minimal(extra)
        return instance
    if kind == "array":
        return [minimal(flat.get("items", {})) for _ in range(flat.get("minItems", 0))]
    if kind == "string":
        if flat.get("format") == "uri":
            return "https://example.com/contract"
        if flat.get("format") == "email":
            return "contract@example.com"
        return "x" * max(1, flat.get("minLength", 1))
    if kind in ("integer", "number"):
        return max(flat.get("minimum", 0), 0) if "maximum" not in flat else flat["maximum"]
    if kind == "boolean":
        return False
    return None


def _example_bodies(op: Operation) -> Iterator[Any]:
    media = (
        resolve(op.definition.get("requestBody", {})).get("content", {}).get("application/json", {})
    )
    for example in media.get("examples", {}).values():
        yield copy.deepcopy(resolve(example)["value"])
    body = json_body(op)
    if body is not None:
        for example in keywords(body.schema).get("examples", []):
            yield copy.deepcopy(example)


def base_body(op: Operation) -> Any | None:
    """A valid body for `op` without references to other objects, or None if none is found."""
    located = json_body(op)
    if located is None:
        return None
    pointer, schema = located.pointer, located.schema
    candidates = [*_example_bodies(op), minimal(schema)]
    for candidate in candidates:
        if isinstance(candidate, dict):
            for name in UNSAFE:
                candidate.pop(name, None)
        if not schema_errors(pointer, candidate):
            return candidate
    return None


def _text(schema: Any, fallback: str) -> str:
    text = keywords(schema).get("description") or fallback
    return " ".join(str(text).split())


def _item(base_value: Any, schema: Any) -> Any:
    if isinstance(base_value, list) and base_value:
        return copy.deepcopy(base_value[0])
    return minimal(keywords(schema).get("items", {}))


def tier_of(flat: Mapping[str, Any], keyword: str) -> str | None:
    """The tier the spec gives `keyword` on a flattened schema (see `keywords`)."""
    tier = flat.get("x-provenance", {}).get(keyword)
    return None if tier is None else str(tier)


def _property_violations(
    name: str, pointer: str, schema: Any, base: Any
) -> Iterator[tuple[str, str, Any]]:
    """(keyword, description of the breach, bad value) for one property's constraints."""
    flat = keywords(schema)
    current = base.get(name) if isinstance(base, dict) else None
    if "maxItems" in flat:
        yield (
            "maxItems",
            f"at most {flat['maxItems']} items",
            [_item(current, schema)] * (flat["maxItems"] + 1),
        )
    if flat.get("minItems", 0) >= 1:
        yield (
            "minItems",
            f"at least {flat['minItems']} items",
            [_item(current, schema)] * (flat["minItems"] - 1),
        )
    if flat.get("minLength", 0) >= 1:
        yield "minLength", f"at least {flat['minLength']} characters", ""
    if isinstance(flat.get("enum"), list) and all(isinstance(v, str) for v in flat["enum"]):
        yield "enum", f"one of {flat['enum']}", BAD_ENUM
    if isinstance(flat.get("maximum"), int | float):
        yield "maximum", f"at most {flat['maximum']}", flat["maximum"] + 1
    if isinstance(flat.get("minimum"), int | float):
        yield "minimum", f"at least {flat['minimum']}", flat["minimum"] - 1


def _rule_violation(rule: Mapping[str, Any], base: dict[str, Any]) -> dict[str, Any] | None:
    """A body breaking an `x-scale-rules` rule on top-level fields, if this kind is buildable."""
    body = copy.deepcopy(base)
    kind = rule.get("kind")
    if kind == "gte" and rule["field"].count("/") == 1:
        body[rule["field"][1:]], body[rule["other"][1:]] = 4, 5
        return body
    if kind == "values_in" and isinstance(body.get(rule["in"][1:]), list):
        body[rule["field"][1:]] = {"contract": "not-one-of-them"}
        return body
    return None


def _nested_attribute_violations(base: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], str]]:
    """`annotation_attributes` rules: no circular conditions; a number's max >= min."""

    def choice(name: str, other: str) -> dict[str, Any]:
        conditions = {"attribute_conditions": {other: "yes"}}
        return {"description": name, "choices": ["yes", "no"], "conditions": conditions}

    cyclic = {"a": choice("a", "b"), "b": choice("b", "a")}
    yield (
        "attribute_conditions_acyclic",
        {**base, "annotation_attributes": cyclic},
        "#/components/schemas/AnnotationAttributes/x-scale-rules/0",
    )
    number = {"n": {"type": "number", "description": "n", "min": 5, "max": 4}}
    yield (
        "number_attribute_max_at_least_min",
        {**base, "annotation_attributes": number},
        "#/components/schemas/Attribute/x-scale-rules/0",
    )


def body_violations(op: Operation, path: str) -> Iterator[Violation]:
    located = json_body(op)
    base = base_body(op)
    if located is None or not isinstance(base, dict):
        return
    shape = merge(located.schema, located.pointer)
    prefix = f"{op.operation_id}.body"
    for name, source in shape.sources.items():
        where, prop = source.pointer, source.value
        flat = keywords(prop)
        for keyword, breach, value in _property_violations(name, where, prop, base):
            text = f"`{name}`: {breach}. {_text(prop, '')}".strip()
            tier = tier_of(flat, keyword)
            rule = Rule(f"{prefix}.{name}.{keyword}", text, f"{where}/{keyword}", tier)
            yield Violation(rule, op, path, body={**base, name: value})
    for name, required in shape.required_at.items():
        if name in base:
            text, where, tier = f"`{name}` is required.", required.pointer, required.tier
            rule = Rule(f"{prefix}.{name}.required", text, where, tier)
            yield Violation(rule, op, path, body={k: v for k, v in base.items() if k != name})
    for group in shape.one_required:
        names = group.value
        text = f"At least one of {names} is required."
        rule = Rule(f"{prefix}.one_of_required", text, group.pointer, group.tier)
        yield Violation(rule, op, path, body={k: v for k, v in base.items() if k not in names})
    for located_rule in shape.located_rules:
        raw = located_rule.value
        bad = _rule_violation(raw, base)
        if bad is not None:
            text, where = _text(raw, raw["id"]), located_rule.pointer
            rule = Rule(f"{prefix}.{raw['id']}", text, where, located_rule.tier)
            yield Violation(rule, op, path, body=bad)
    if "annotation_attributes" in shape.sources:
        for rule_id, bad, where in _nested_attribute_violations(base):
            holder = resolve({"$ref": where.rsplit("/x-scale-rules", 1)[0]})
            rule = Rule(
                f"{prefix}.annotation_attributes.{rule_id}",
                _text(holder.get("x-scale-rules", [{}])[0], rule_id),
                where,
                provenance(holder, rule_id),
            )
            yield Violation(rule, op, path, body=bad)


def parameter_violations(op: Operation, path: str, body: Any) -> Iterator[Violation]:
    for param in op.parameters:
        pointer, parameter = param.pointer, param.definition
        if parameter["in"] not in ("query", "path"):
            continue
        schema = parameter["schema"]
        flat = keywords(schema)
        name = parameter["name"]
        where = f"{parameter['in']}.{name}"
        # An empty list cannot be sent in a query string (it is the parameter left out).
        breaches = [
            b for b in _property_violations(name, pointer, schema, {}) if b[0] != "minItems"
        ]
        tiers = {k: tier_of(flat, k) or provenance(parameter, k) for k, _, _ in breaches}
        if flat.get("type") == "array":
            items = keywords(flat.get("items", {}))
            if isinstance(items.get("enum"), list):
                breaches.append(("items.enum", f"each one of {items['enum']}", [BAD_ENUM]))
                tiers["items.enum"] = tier_of(items, "enum")
        if "pattern" in flat:
            breaches.append(("pattern", f"matching {flat['pattern']}", "not-a-date"))
            tiers["pattern"] = tier_of(flat, "pattern") or provenance(parameter, "pattern")
        for keyword, breach, value in breaches:
            text = f"`{name}`: {breach}. {_text(schema, _text(parameter, ''))}".strip()
            rule = Rule(
                f"{op.operation_id}.{where}.{keyword}", text, f"{pointer}/{keyword}", tiers[keyword]
            )
            if parameter["in"] == "path":
                yield Violation(rule, op, op.concrete_path(**{name: str(value)}), body=body)
            else:
                yield Violation(rule, op, path, query={name: value}, body=body)


@cache
def catalogue() -> tuple[Violation, ...]:
    """Every violation the spec lets this build, for operations without path parameters that
    name stored objects (those answer 404 first, which says nothing about validation)."""
    found: list[Violation] = []
    for op in operations():
        names = [p.name for p in op.parameters if p.location == "path"]
        if any(name != "task_type" for name in names):
            continue
        path = op.concrete_path(task_type="textcollection")
        body = base_body(op)
        if json_body(op) is not None and body is None:
            continue
        found += body_violations(op, path)
        found += parameter_violations(op, path, body)
    return tuple(found)


def unbuildable() -> list[str]:
    """Operations with a body for which no valid base body could be built."""
    return [
        op.operation_id
        for op in operations()
        if json_body(op) is not None and base_body(op) is None
    ]
