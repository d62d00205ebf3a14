"""Evaluate the spec's `x-scale-rules`: the cross-field rules JSON Schema cannot express.

The spec declares each rule on the schema it constrains; a validator walks the instance alongside
its schema and evaluates the rules met on the way. JSON Schema validation runs separately and
reports type errors, so a rule whose operands have unexpected types simply does not apply here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from scale_spec.document import escape, lookup
from scale_spec.json_types import json_types

_ABSENT: Any = object()  # a pointer that leads nowhere; distinct from JSON null (None)


@dataclass(frozen=True)
class RuleViolation:
    """One broken rule, located so a server can name the offending value in a 400 response."""

    rule_id: str
    pointer: str
    message: str
    description: str


def find_rule_violations(
    spec: Mapping[str, Any], schema: Mapping[str, Any], instance: Any
) -> list[RuleViolation]:
    """Walk `instance` alongside `schema` (whose `$ref`s resolve in the document `spec`) and
    evaluate every x-scale-rules entry met on the way."""
    found: list[RuleViolation] = []
    _walk(spec, schema, instance, "", found, set())
    return found


def _walk(
    spec: Mapping[str, Any],
    node: Any,
    value: Any,
    at: str,
    found: list[RuleViolation],
    seen: set[tuple[int, str]],
) -> None:
    """Visit one schema node for the value at `at`; each (node, location) is visited only once,
    so `$ref` cycles terminate and a node reached by two paths does not report twice."""
    if not isinstance(node, Mapping) or (id(node), at) in seen:
        return
    seen.add((id(node), at))
    if isinstance(node.get("$ref"), str):
        _walk(spec, lookup(spec, node["$ref"]), value, at, found, seen)
    for member in node.get("allOf", []):
        _walk(spec, member, value, at, found, seen)
    for branch in [*node.get("oneOf", []), *node.get("anyOf", [])]:
        if _may_match(spec, branch, value):
            _walk(spec, branch, value, at, found, seen)
    if isinstance(value, dict):
        properties = node.get("properties", {})
        for key, item in value.items():
            sub = properties.get(key, node.get("additionalProperties"))
            _walk(spec, sub, item, f"{at}/{escape(key)}", found, seen)
    if isinstance(value, list):
        for index, item in enumerate(value):
            _walk(spec, node.get("items"), item, f"{at}/{index}", found, seen)
    for rule in node.get("x-scale-rules", []):
        check = _CHECKS.get(rule.get("kind"))
        if check is None:
            raise ValueError(
                f"x-scale-rules entry {rule.get('id')!r}: unknown kind {rule.get('kind')!r}"
            )
        for pointer, message in check(rule, value):
            found.append(RuleViolation(rule["id"], at + pointer, message, rule["description"]))


def _may_match(spec: Mapping[str, Any], branch: Any, value: Any) -> bool:
    """A cheap stand-in for "the instance matches this branch": its declared `type` fits."""
    seen: set[int] = set()
    while isinstance(branch, Mapping) and "$ref" in branch and "type" not in branch:
        if id(branch) in seen:
            return False
        seen.add(id(branch))
        branch = lookup(spec, branch["$ref"])
    declared = branch.get("type") if isinstance(branch, Mapping) else None
    if declared is None:
        return True
    allowed = {declared} if isinstance(declared, str) else set(declared)
    return bool(allowed & json_types(value))


def _get(document: Any, pointer: str) -> Any:
    """RFC 6901 lookup that answers `_ABSENT` instead of raising: odd input is not our error."""
    for raw in pointer.split("/")[1:] if pointer else []:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(document, Mapping) and token in document:
            document = document[token]
        elif isinstance(document, list) and token.isdigit() and int(token) < len(document):
            document = document[int(token)]
        else:
            return _ABSENT
    return document


def _name(pointer: str) -> str:
    """`/task/response` -> `task.response`: how a message names a field."""
    return ".".join(t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:])


def _show(value: Any) -> str:
    """Render a value as JSON in messages, since clients sent JSON (`null`, not `None`)."""
    try:
        return json.dumps(value, sort_keys=True)
    except (TypeError, ValueError):
        return repr(value)


def _is_number(value: Any) -> bool:
    """JSON numbers only: Python's bool is an int, but `true` is not a number."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _json_equal(a: Any, b: Any) -> bool:
    """Equality as JSON: unlike Python, `true` is not `1`."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(_json_equal, a, b))
    if _is_number(a) and _is_number(b):
        return bool(a == b)
    return type(a) is type(b) and a == b


Violations = list[tuple[str, str]]  # (pointer relative to the rule's value, message)


def _gte(rule: Mapping[str, Any], value: Any) -> Violations:
    """Bounds that contradict each other would make every answer invalid."""
    defaults: Mapping[str, Any] = rule.get("defaults", {})
    operands = []
    for pointer in (rule["field"], rule["other"]):
        got = _get(value, pointer)
        shown = _show(got) if got is not _ABSENT else f"{_show(defaults.get(pointer))}, the default"
        operands.append((defaults.get(pointer, _ABSENT) if got is _ABSENT else got, shown))
    (field, field_shown), (other, other_shown) = operands
    if not (_is_number(field) and _is_number(other)):
        return []  # null, absent without default, or a type error JSON Schema reports
    if "unless_equals" in rule and field == rule["unless_equals"]:
        return []
    if field >= other:
        return []
    name, other_name = _name(rule["field"]), _name(rule["other"])
    return [
        (rule["field"], f"{name} ({field_shown}) must be at least {other_name} ({other_shown})")
    ]


def _values_in(rule: Mapping[str, Any], value: Any) -> Violations:
    """One violation per offending entry, so the pointer names exactly the bad value."""
    mapping, allowed = _get(value, rule["field"]), _get(value, rule["in"])
    if not isinstance(mapping, dict) or not isinstance(allowed, list):
        return []
    return [
        (
            f"{rule['field']}/{escape(key)}",
            f"{_name(rule['field'])}[{_show(key)}] ({_show(item)}) is not "
            f"one of {_name(rule['in'])} {_show(allowed)}",
        )
        for key, item in mapping.items()
        if not any(_json_equal(item, candidate) for candidate in allowed)
    ]


def _equals(rule: Mapping[str, Any], value: Any) -> Violations:
    """Two copies of one fact (e.g. a callback's `response` and `task.response`) must agree."""
    field, other = _get(value, rule["field"]), _get(value, rule["other"])
    if field is _ABSENT or other is _ABSENT or _json_equal(field, other):
        return []  # a missing value is a `required` error, which JSON Schema reports
    name, other_name = _name(rule["field"]), _name(rule["other"])
    return [(rule["field"], f"{name} ({_show(field)}) must equal {other_name} ({_show(other)})")]


def _acyclic(rule: Mapping[str, Any], value: Any) -> Violations:
    """Scale rejects circular attribute conditions; one violation (the first cycle) suffices."""
    if not isinstance(value, dict):
        return []
    edges: dict[str, list[str]] = {}
    for name, attribute in value.items():
        conditions = attribute.get("conditions") if isinstance(attribute, dict) else None
        listed = conditions.get("attribute_conditions") if isinstance(conditions, dict) else None
        listed = (
            [listed] if isinstance(listed, dict) else listed if isinstance(listed, list) else []
        )
        edges[name] = [k for c in listed if isinstance(c, dict) for k in c if k in value]
    state: dict[str, int] = {}  # 1: on the current path, 2: finished

    def cycle_from(name: str, path: list[str]) -> list[str] | None:
        """Depth-first search; the path back to an attribute still on the stack is a cycle."""
        if state.get(name) == 1:
            return [*path[path.index(name) :], name]
        if state.get(name) == 2:
            return None
        state[name] = 1
        for target in edges[name]:
            if (cycle := cycle_from(target, [*path, name])) is not None:
                return cycle
        state[name] = 2
        return None

    for start in edges:
        if (cycle := cycle_from(start, [])) is not None:
            loop = " -> ".join(cycle)
            return [("", f"attribute_conditions form a circular dependency: {loop}")]
    return []


_CHECKS: Mapping[str, Callable[[Mapping[str, Any], Any], Violations]] = {
    "gte": _gte,
    "values_in": _values_in,
    "equals": _equals,
    "acyclic_attribute_conditions": _acyclic,
}
