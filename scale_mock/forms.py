"""Read an `application/x-www-form-urlencoded` body into the JSON its operation's schema expects.

The 2016 and 2018 documents send most task creations with `curl -d key=value` (see the spec's
request body descriptions). A form carries only flat text pairs, so:

1. keys nest: `fields[email]=x` is `{"fields": {"email": "x"}}`, `a[b][c]=x` nests deeper,
   `a[]=x` and a repeated `a=x` append to `a`, `a[][b]=x` builds a list of objects, and
   `a[0]=x&a[1]=y` is a list where the schema wants one;
2. every text value is cast by the schema at its place: integers, numbers, booleans
   (`true/false/True/False`), `null` where only null fits, a single value where the schema wants
   an array becomes a one-item array, and JSON text where only an object (or an array of
   non-strings) fits is parsed;
3. the result is then validated exactly as a JSON body is. Casting never fails on its own: a value
   it cannot cast is left as text, for validation to reject with the field and the rule.

A body that is a JSON object is read as JSON before it gets here (`validation`): that is
`curl -d '{...}'` without the JSON header. Only a key that cannot be read (`a[b`, a field that
is both a value and an object, nesting deeper than `MAX_DEPTH`) or a body that is not UTF-8 is
refused here, always as a 400 naming the field.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl

from scale_mock.errors import ApiError
from scale_mock.spec import CompiledSpec
from scale_spec.json_types import json_type

MAX_DEPTH = 32
_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
_SEGMENT = re.compile(r"\[([^\[\]]*)\]")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_INDEX = re.compile(r"^[0-9]{1,9}$")
_BOOLEANS = {"true": True, "True": True, "false": False, "False": False}


class _Values(list[str]):
    """The text values given to one key, in order (`a=x&a=y`, or `a[]=x`)."""


class _Objects(list[Any]):
    """Objects built by `a[][b]=...`: a new one starts when its key is already taken."""


def _refuse(field: str, message: str) -> ApiError:
    where = f"body.{field}" if field else "body"
    return ApiError(400, f"Invalid form body: {message}", field=where, rule="form")


def parse_form(body: bytes) -> dict[str, Any]:
    """The body's fields as a nested tree of `_Values`, dicts and `_Objects` (see `cast_form`)."""
    try:
        pairs = parse_qsl(
            body.decode("utf-8"), keep_blank_values=True, strict_parsing=False, errors="strict"
        )
    except UnicodeDecodeError:
        raise ApiError(400, "The form body is not UTF-8 text", field="body", rule="form") from None
    tree: dict[str, Any] = {}
    for key, value in pairs:
        match = _KEY.match(key)
        if match is None:
            raise _refuse(key, f"cannot read the field name {key!r} (unbalanced brackets?)")
        path = [match.group(1), *_SEGMENT.findall(match.group(2))]
        if len(path) > MAX_DEPTH:
            raise _refuse(match.group(1), f"{key!r} nests deeper than {MAX_DEPTH} levels")
        tree[path[0]] = _insert(tree.get(path[0]), path[1:], value, path[0])
    return tree


def _insert(node: Any, path: list[str], value: str, where: str) -> Any:
    if not path or (path == [""] and not isinstance(node, _Objects)):
        if node is None:
            return _Values([value])
        if isinstance(node, _Values):
            node.append(value)
            return node
        raise _refuse(where, f"{where!r} is given both as a value and as an object or list")
    step, rest = path[0], path[1:]
    if step == "":  # `a[][b]=...`: a list of objects
        if node is None:
            node = _Objects()
        if not isinstance(node, _Objects):
            raise _refuse(where, f"{where!r} is given both as a list of objects and otherwise")
        if not rest:
            node.append(_Values([value]))
            return node
        last = node[-1] if node else None
        if not isinstance(last, dict) or rest[0] in last:
            last = {}
            node.append(last)
        last[rest[0]] = _insert(last.get(rest[0]), rest[1:], value, f"{where}[][{rest[0]}]")
        return node
    if node is None:
        node = {}
    if not isinstance(node, dict):
        raise _refuse(where, f"{where!r} is given both as a value and as an object")
    node[step] = _insert(node.get(step), rest, value, f"{where}.{step}")
    return node


class _View:
    """What a (possibly composed) schema says about the value at one place: the types it
    accepts, and the schemas of its properties and items, through `$ref`, `allOf`, `anyOf`,
    `oneOf` and `if`/`then`/`else`. A union of what every branch allows: casting only needs
    to know what could fit, validation then decides what does."""

    def __init__(self, spec: CompiledSpec, schemas: list[Any]) -> None:
        self.spec = spec
        self.facets = list(self._facets(schemas))
        types: set[str] = set()
        typed = False
        for facet in self.facets:
            declared = facet.get("type")
            if declared is not None:
                typed = True
                types.update([declared] if isinstance(declared, str) else declared)
            literals = [*facet.get("enum", []), *([facet["const"]] if "const" in facet else [])]
            if literals:
                typed = True
                types.update(json_type(value) for value in literals)
        self.types: set[str] | None = types if typed else None  # None: anything goes

    def _facets(self, schemas: list[Any]) -> Iterator[Mapping[str, Any]]:
        seen: set[int] = set()
        stack = list(schemas)
        while stack:
            schema = self.spec.resolve(stack.pop())
            if not isinstance(schema, Mapping) or id(schema) in seen:
                continue
            seen.add(id(schema))
            yield schema
            for keyword in ("allOf", "anyOf", "oneOf"):
                stack.extend(schema.get(keyword, []))
            stack.extend(schema[k] for k in ("then", "else") if k in schema)

    def accepts(self, kind: str) -> bool:
        if self.types is None:
            return True
        return kind in self.types or (kind == "number" and "integer" in self.types)

    def strict(self, kind: str) -> bool:
        """Declared, not merely allowed because the schema says nothing."""
        return self.types is not None and kind in self.types

    def property(self, name: str) -> _View:
        found: list[Any] = []
        for facet in self.facets:
            if name in facet.get("properties", {}):
                found.append(facet["properties"][name])
        if not found:
            for facet in self.facets:
                for pattern, schema in facet.get("patternProperties", {}).items():
                    if re.search(pattern, name):
                        found.append(schema)
        if not found:
            found = [
                facet["additionalProperties"]
                for facet in self.facets
                if isinstance(facet.get("additionalProperties"), Mapping)
            ]
        return _View(self.spec, found)

    def items(self) -> _View:
        return _View(
            self.spec, [f["items"] for f in self.facets if isinstance(f.get("items"), Mapping)]
        )


def cast_form(spec: CompiledSpec, schema: Mapping[str, Any], tree: dict[str, Any]) -> Any:
    """The parsed form as the JSON value the body schema expects (see the module docstring)."""
    return _cast(tree, _View(spec, [schema]))


def _cast(node: Any, view: _View) -> Any:
    if isinstance(node, _Values):
        if len(node) == 1:
            return _cast_text(node[0], view)
        if view.accepts("array"):
            items = view.items()
            return [_cast_text(value, items) for value in node]
        return list(node)  # several values for one value: validation names the field
    if isinstance(node, _Objects):
        items = view.items() if view.accepts("array") else _View(view.spec, [])
        return [_cast(item, items) for item in node]
    if isinstance(node, dict):
        indexed = node and all(_INDEX.match(k) for k in node)
        if indexed and view.strict("array") and not view.strict("object"):
            items = view.items()
            return [_cast(node[k], items) for k in sorted(node, key=int)]
        return {name: _cast(child, view.property(name)) for name, child in node.items()}
    return node


def _cast_text(text: str, view: _View) -> Any:
    if view.accepts("string"):
        return text
    if view.strict("array"):
        items = view.items()
        if text.lstrip().startswith("[") and not items.accepts("string"):
            parsed = _json(text)
            if isinstance(parsed, list):
                return parsed
        return [_cast_text(text, items)]
    if view.strict("object") and text.lstrip().startswith("{"):
        parsed = _json(text)
        if isinstance(parsed, dict):
            return parsed
    integer = _integer(text)
    if view.strict("integer") and integer is not None:
        return integer
    if view.strict("number"):
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if math.isfinite(number):
            return number if integer is None else integer
    if view.strict("boolean") and text in _BOOLEANS:
        return _BOOLEANS[text]
    if view.strict("null") and text in ("", "null"):
        return None
    return text


def _integer(text: str) -> int | None:
    """The integer the text spells, if it spells one Python will read (at most 4300 digits)."""
    if not _INTEGER.match(text.strip()):
        return None
    try:
        return int(text)
    except ValueError:
        return None


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None
