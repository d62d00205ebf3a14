"""Drift: what real answers carry that the spec does not say, as suggestions for the spec.

The checker judges each answer against the spec; this collects, over many answers, where the
answers go *beyond* it, so the spec can follow the API ("`Task.foo` seen in 120/120 answers of
GET /task/{task_id} (get_task), type string"). Answers only, never requests: what a client sends
is the client's business, what a server answers is the API.

What counts (each counted once per answer, per operation):

- **field**: a key of a JSON object whose governing schemas declare `properties`, none of them
  this key, and none covers it by `patternProperties` or a schema-valued `additionalProperties`
  (`additionalProperties: true` is the spec saying "more may come", not a description of what
  comes, so an undeclared key under it is drift and no violation). An object whose schemas
  declare no `properties` at all (`Metadata`, `params`) is a free-form map: no drift.
- **enum value**: a scalar at a schema with `enum` that is not in it. An *open* enum
  (`anyOf: [{$ref: TaskType}, {type: string}]`, how the spec marks task types "or any other
  task type") accepts the value, so it is no violation, but the value is still one to add.
- **type**: a value whose JSON type the governing schema's `type` does not allow (`null` where
  `type: string`).
- **status**: a status the operation does not document (neither the code, nor its `4XX` class,
  nor `default`).

The instance is walked alongside its schema: `$ref` (with its sibling keywords), `allOf` (all),
`anyOf`/`oneOf` (the branches the value validates against, by the spec's compiled validators;
none when none does), `if`/`then`/`else` (the `if` evaluated on the value: this is how `Task`
picks its `response` schema per task type), `properties`/`patternProperties`/schema-valued
`additionalProperties` into objects, `prefixItems`/`items` into arrays. Each node is located by
its JSON pointer in the document, which is where the patch edits it.

The patch (`Drift.patch`, RFC 6902 against the document of `openapi/scale.yaml`, applied with
`scripts/apply_spec_patch.py`): a field is added to the `properties` of the schema node that
declares the object's other properties, typed as observed; an enum value is appended to the
enum; a type becomes the union of the declared and observed types (one `replace` per node,
whatever the number of suggestions on it); an undocumented status is added to the operation's
`responses` (with the spec's error schema when every JSON body seen validates against it).

Tiers (`x-provenance`, see `scale_spec.provenance`): what the proxy saw is evidence from one
server, not a document, the SDK or an HTTP rule, so the only honest tier is `assumed` ("our
choice where the documents are silent"). It is written where the spec's convention lets a tier
be written: the new status gets `'<code>': assumed` in its operation's `x-provenance` (every
declared status has a tier); a new property holds no constraint keyword (`type` is structure and
carries no tier, and a tier on a node that holds no rule is a stale entry the spec's tests
refuse), so its description says it is observed and undocumented instead; an enum's one tier
covers the whole keyword, so a value added to it leaves the tier alone and the maintainer, who
reviews the Markdown, decides whether the enum keeps it.

Memory stays bounded whatever a server sends: at most `MAX_SUGGESTIONS` distinct suggestions
(the rest counted in `dropped`) and `MAX_VALUES` distinct example values each (the rest counted
in `Suggestion.more_values`); the walk stops `MAX_DEPTH` levels down.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from jsonschema import Draft202012Validator
from referencing.exceptions import Unresolvable

from contract_tests.proxy.checker import NOT_READ
from scale_spec import JSON, Operation, Spec
from scale_spec.document import escape, iter_nodes, unescape
from scale_spec.json_types import json_type

Json = Any
MAX_SUGGESTIONS = 1000
MAX_VALUES = 20
MAX_DEPTH = 64
FIELD, ENUM_VALUE, STATUS, TYPE = "field", "enum value", "status", "type"
KINDS = (STATUS, FIELD, TYPE, ENUM_VALUE)  # the order suggestions are listed in
TYPES = ("string", "integer", "number", "boolean", "null", "object", "array")
OBSERVED_TIER = "assumed"  # see the module docstring
PLAIN_BRANCH = frozenset({"type", "description", "title"})  # `{type: string}` of an open enum


# `observe`'s body when the answer was not read or is not JSON: the checker's marker
NOT_JSON: Final = NOT_READ


def is_json(body: Any) -> bool:
    """Whether `body` is a parsed JSON value (not the checker's NOT_READ)."""
    return body is not NOT_READ


@dataclass(frozen=True)
class Suggestion:
    """One way the answers of one operation go beyond the spec."""

    kind: str  # "field", "enum value", "type" or "status"
    pointer: str  # the schema node to edit (`#/components/schemas/Task`), or the operation's
    name: str  # the field name (field), the status code (status), else ""
    label: str  # `Task.foo`, `TaskType`, `Task.project`, `GET /task/{task_id} 418`
    operation: str  # `Operation.label`
    seen: int  # answers of the operation that showed it
    answers: int  # answers of the operation observed
    types: tuple[str, ...]  # JSON types observed (for a type: the ones not allowed)
    values: tuple[Json, ...] = ()  # enum values seen, at most MAX_VALUES
    more_values: int = 0  # occurrences of further values not kept
    declared: tuple[str, ...] = ()  # type: the types the schema allows
    body_schema: str | None = None  # status: the schema every JSON body seen validated against

    @property
    def sentence(self) -> str:
        where = f"{self.seen}/{self.answers} answers of {self.operation}"
        types = "/".join(self.types) or "no JSON body"
        if self.kind == FIELD:
            return f"`{self.label}` seen in {where}, type {types}"
        if self.kind == TYPE:
            return f"`{self.label}` seen as {types} in {where}, declared {'/'.join(self.declared)}"
        if self.kind == ENUM_VALUE:
            shown = ", ".join(f"`{_show(v)}`" for v in self.values)
            more = f" (and {self.more_values} more)" if self.more_values else ""
            return f"`{self.label}` value {shown}{more} seen in {where}, not in its enum"
        return f"status {self.name} seen in {where}, not documented (body {types})"


def _allowed(declared: Json, observed: str) -> bool:
    types = [declared] if isinstance(declared, str) else list(declared or [])
    return observed in types or (observed == "integer" and "number" in types)


def _same(a: Json, b: Json) -> bool:
    """JSON equality of scalars (`True` is not `1`)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return bool(a == b) and (a is None) == (b is None)


def _show(value: Json) -> str:
    return (
        "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    )


def _key(value: Json) -> tuple[str, Json]:
    """A hashable, type-aware key of a scalar (for counting values)."""
    return json_type(value), value


def response_schema_pointer(spec: Spec, operation: Operation, status: int) -> str | None:
    """The pointer of the JSON schema the spec declares for an answer of `operation` with
    `status` (`Spec.response_for`, as the checker reads it), or None."""
    declared = spec.response_for(operation, status)
    if declared is None:
        return None
    pointer, response = declared
    for media, content in (response.get("content") or {}).items():
        if str(media).lower() == JSON and "schema" in content:
            return f"{pointer}/content/{escape(media)}/schema"
    return None


@dataclass
class _Tally:
    """What is kept of one suggestion while answers come in."""

    seen: int = 0
    types: set[str] = field(default_factory=set)
    values: dict[tuple[str, Json], Json] = field(default_factory=dict)
    more_values: int = 0
    declared: tuple[str, ...] = ()
    error_bodies: int = 0  # status: JSON bodies that validate against the error schema
    json_bodies: int = 0


@dataclass
class _Hit:
    """What one answer showed of one suggestion."""

    types: set[str] = field(default_factory=set)
    values: dict[tuple[str, Json], Json] = field(default_factory=dict)
    declared: tuple[str, ...] = ()
    error_body: bool = False
    more_values: int = 0  # values past MAX_VALUES in this answer alone
    json_body: bool = False


Key = tuple[str, str, str, str]  # kind, pointer, name, operation label


class Drift:
    """Collects drift over the answers the proxy sees; safe to feed from several threads."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self._lock = threading.Lock()
        self._answers: Counter[str] = Counter()
        self._tallies: dict[Key, _Tally] = {}
        self._operations: dict[str, Operation] = {}
        self.dropped = 0  # observations of suggestions past MAX_SUGGESTIONS
        self._nodes: dict[str, Json] = {}
        self._validators: dict[str, Draft202012Validator] = {}
        self.error_schema = self._error_schema()

    def _error_schema(self) -> str | None:
        """The schema the spec's 4XX answers carry (`#/components/schemas/Error`)."""
        refs: Counter[str] = Counter()
        for op in self.spec.operations:
            for key, raw in op.responses.items():
                if key.startswith("4"):
                    content = self.spec.resolve(raw).get("content") or {}
                    schema = (content.get(JSON) or {}).get("schema") or {}
                    if isinstance(schema.get("$ref"), str):
                        refs[schema["$ref"]] += 1
        return refs.most_common(1)[0][0] if refs else None

    # -- observing -------------------------------------------------------------------------

    def observe(
        self, operation: Operation, status: int, schema_pointer: str | None, body: Any
    ) -> None:
        """One answer of `operation` with `status`. `schema_pointer` is the JSON pointer of the
        response schema the spec declares for this status and content type (None when the status
        is undocumented or the answer has no JSON schema); `body` the parsed JSON answer (or the
        sentinel NOT_JSON when the body was not read/parsed)."""
        hits: dict[tuple[str, str, str], _Hit] = {}
        if self.spec.response_for(operation, status) is None:
            hit = hits.setdefault((STATUS, operation.pointer, str(status)), _Hit())
            if is_json(body):
                hit.types.add(json_type(body))
                hit.json_body = True
                hit.error_body = self.error_schema is not None and self.spec.validator(
                    self.error_schema
                ).is_valid(body)
        elif schema_pointer is not None and is_json(body):
            self._walk([schema_pointer], body, hits, 0)
        label = operation.label
        with self._lock:
            self._answers[label] += 1
            self._operations[label] = operation
            for (kind, pointer, name), hit in hits.items():
                key = (kind, pointer, name, label)
                tally = self._tallies.get(key)
                if tally is None:
                    if len(self._tallies) >= MAX_SUGGESTIONS:
                        self.dropped += 1
                        continue
                    tally = self._tallies[key] = _Tally()
                tally.seen += 1
                tally.types |= hit.types
                tally.declared = hit.declared or tally.declared
                tally.json_bodies += hit.json_body
                tally.error_bodies += hit.error_body
                tally.more_values += hit.more_values
                for value_key, value in hit.values.items():
                    if value_key in tally.values:
                        continue
                    if len(tally.values) < MAX_VALUES:
                        tally.values[value_key] = value
                    else:
                        tally.more_values += 1

    # -- the walk --------------------------------------------------------------------------

    def _valid(self, pointer: str, value: Json) -> bool:
        validator = self._validators.get(pointer)
        if validator is None:
            node = self._node(pointer)
            if isinstance(node, Mapping) and not any(
                isinstance(n, Mapping) and "$ref" in n for _, n in iter_nodes(node)
            ):
                # self-contained (the `if` of each task type): no registry look-ups per call
                validator = Draft202012Validator(
                    node, format_checker=Draft202012Validator.FORMAT_CHECKER
                )
            else:
                validator = self.spec.validator(pointer)
            self._validators[pointer] = validator
        try:
            return bool(validator.is_valid(value))
        except Unresolvable:  # a pointer the spec's registry cannot follow: no branch taken
            return False

    def _node(self, pointer: str) -> Json:
        """The spec's node at `pointer` (pointers come from the spec, so the cache is bounded
        by its size)."""
        if pointer not in self._nodes:
            try:
                self._nodes[pointer] = self.spec.lookup(pointer)
            except ValueError:
                self._nodes[pointer] = None
        return self._nodes[pointer]

    def _open_enum_branches(self, branches: list[Json], value: Json) -> list[int]:
        """In `anyOf: [{$ref: TaskType}, {type: string}]`, the enum branch, when the value has
        the enum's type (so the value is one the enum could list): open enums are checked too."""
        resolved = [self.spec.resolve(b) for b in branches]
        enums = [i for i, b in enumerate(resolved) if isinstance(b, Mapping) and "enum" in b]
        plain = [
            i
            for i, b in enumerate(resolved)
            if isinstance(b, Mapping) and "type" in b and set(b) <= PLAIN_BRANCH
        ]
        if not enums or len(enums) + len(plain) != len(branches):
            return []
        kind = json_type(value)
        return [
            i for i in enums if "type" not in resolved[i] or _allowed(resolved[i]["type"], kind)
        ]

    def _expand(
        self, pointer: str, value: Json, out: dict[str, Mapping[str, Json]], depth: int
    ) -> None:
        """Every schema node that applies to `value` at `pointer`: itself, its `$ref` target,
        `allOf` members, the `anyOf`/`oneOf` branches it validates against and the `then` or
        `else` its `if` selects."""
        node = self._node(pointer)
        if pointer in out or not isinstance(node, Mapping) or depth > MAX_DEPTH:
            return
        out[pointer] = node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            self._expand(ref, value, out, depth + 1)
        for index in range(len(node.get("allOf") or [])):
            self._expand(f"{pointer}/allOf/{index}", value, out, depth + 1)
        for keyword in ("anyOf", "oneOf"):
            branches = node.get(keyword)
            if not isinstance(branches, list):
                continue
            chosen = [
                i for i in range(len(branches)) if self._valid(f"{pointer}/{keyword}/{i}", value)
            ]
            if chosen:
                chosen += self._open_enum_branches(branches, value)
            for index in sorted(set(chosen)):
                self._expand(f"{pointer}/{keyword}/{index}", value, out, depth + 1)
        if "if" in node:
            branch = "then" if self._valid(f"{pointer}/if", value) else "else"
            if branch in node:
                self._expand(f"{pointer}/{branch}", value, out, depth + 1)

    def _walk(
        self,
        pointers: Iterable[str],
        value: Json,
        hits: dict[tuple[str, str, str], _Hit],
        depth: int,
    ) -> None:
        if depth > MAX_DEPTH:
            return
        applicable: dict[str, Mapping[str, Json]] = {}
        for pointer in pointers:
            self._expand(pointer, value, applicable, 0)
        kind = json_type(value)
        for pointer, node in applicable.items():
            if "type" in node and not _allowed(node["type"], kind):
                declared = node["type"]
                hit = hits.setdefault((TYPE, pointer, ""), _Hit())
                hit.types.add(kind)
                hit.declared = (declared,) if isinstance(declared, str) else tuple(declared)
            enum = node.get("enum")
            scalar = kind not in ("object", "array")
            if isinstance(enum, list) and scalar and not any(_same(e, value) for e in enum):
                hit = hits.setdefault((ENUM_VALUE, pointer, ""), _Hit())
                hit.types.add(kind)
                value_key = _key(value)
                if value_key in hit.values or len(hit.values) < MAX_VALUES:
                    hit.values[value_key] = value
                else:
                    hit.more_values += 1
        if isinstance(value, Mapping):
            self._walk_object(applicable, value, hits, depth)
        elif isinstance(value, list):
            self._walk_array(applicable, value, hits, depth)

    def _walk_object(
        self,
        applicable: Mapping[str, Mapping[str, Json]],
        value: Mapping[str, Json],
        hits: dict[tuple[str, str, str], _Hit],
        depth: int,
    ) -> None:
        declaring = [p for p, n in applicable.items() if isinstance(n.get("properties"), Mapping)]
        for name, item in value.items():
            children: list[str] = []
            covered = False
            for pointer, node in applicable.items():
                properties = node.get("properties")
                own = isinstance(properties, Mapping) and name in properties
                if own:
                    children.append(f"{pointer}/properties/{escape(name)}")
                matched = False
                for pattern in node.get("patternProperties") or {}:
                    try:
                        if re.search(pattern, str(name)):
                            children.append(f"{pointer}/patternProperties/{escape(pattern)}")
                            matched = True
                    except re.error:
                        continue
                additional = node.get("additionalProperties")
                if not own and not matched and isinstance(additional, Mapping):
                    children.append(f"{pointer}/additionalProperties")
                    matched = True
                covered = covered or own or matched
            if not covered and declaring:
                hit = hits.setdefault((FIELD, declaring[0], str(name)), _Hit())
                hit.types.add(json_type(item))
            elif children:
                self._walk(children, item, hits, depth + 1)

    def _walk_array(
        self,
        applicable: Mapping[str, Mapping[str, Json]],
        value: list[Json],
        hits: dict[tuple[str, str, str], _Hit],
        depth: int,
    ) -> None:
        for index, item in enumerate(value):
            children: list[str] = []
            for pointer, node in applicable.items():
                prefix = node.get("prefixItems")
                prefix_len = len(prefix) if isinstance(prefix, list) else 0
                if index < prefix_len:
                    children.append(f"{pointer}/prefixItems/{index}")
                elif isinstance(node.get("items"), Mapping):
                    children.append(f"{pointer}/items")
            if children:
                self._walk(children, item, hits, depth + 1)

    # -- the results -----------------------------------------------------------------------

    def _label(self, pointer: str) -> str:
        """A readable name of a schema node: `Task.response`, `BoxAnnotationResponse.annotations[]`,
        `GET /task/{task_id} 200` for a schema written inline in an operation."""
        parts = [unescape(p) for p in pointer.removeprefix("#/").split("/")]
        if parts[:2] == ["components", "schemas"] and len(parts) > 2:
            name, rest = parts[2], parts[3:]
        elif parts[:1] == ["paths"] and len(parts) > 4 and parts[3] == "responses":
            name, rest = f"{parts[2].upper()} {parts[1]} {parts[4]}", parts[5:]
            if "schema" in rest:
                rest = rest[rest.index("schema") + 1 :]
        else:
            return pointer
        label, i = name, 0
        while i < len(rest):
            step = rest[i]
            if step in ("properties", "patternProperties", "prefixItems") and i + 1 < len(rest):
                label += f"[{rest[i + 1]}]" if step == "prefixItems" else f".{rest[i + 1]}"
                i += 2
                continue
            if step == "items":
                label += "[]"
            elif step == "additionalProperties":
                label += ".*"
            i += 1
        return label

    def suggestions(self) -> list[Suggestion]:
        """Every suggestion so far, by operation, then kind (status, field, type, enum value),
        then schema."""
        with self._lock:
            items = [
                (key, _copy(tally), self._answers[key[3]]) for key, tally in self._tallies.items()
            ]
        found = []
        for (kind, pointer, name, operation), tally, answers in items:
            if kind == FIELD:
                label = f"{self._label(pointer)}.{name}"
            elif kind == STATUS:
                op = self._operations[operation]
                label = f"{op.method.upper()} {op.path} {name}"
            else:
                label = self._label(pointer)
            body_schema = None
            if kind == STATUS and tally.json_bodies and tally.error_bodies == tally.json_bodies:
                body_schema = self.error_schema
            found.append(
                Suggestion(
                    kind=kind,
                    pointer=pointer,
                    name=name,
                    label=label,
                    operation=operation,
                    seen=tally.seen,
                    answers=answers,
                    types=tuple(t for t in TYPES if t in tally.types),
                    values=tuple(tally.values.values()),
                    more_values=tally.more_values,
                    declared=tally.declared,
                    body_schema=body_schema,
                )
            )
        return sorted(found, key=lambda s: (s.operation, KINDS.index(s.kind), s.label, s.name))

    def patch(self) -> list[dict[str, Any]]:
        """The suggestions as RFC 6902 operations against the document of `openapi/scale.yaml`
        (apply with `scripts/apply_spec_patch.py`). Suggestions on one spot from several
        operations make one operation (one field, one `replace` of a `type`, one enum value)."""
        suggestions = self.suggestions()
        ops: list[dict[str, Any]] = []
        fields: dict[tuple[str, str], list[Suggestion]] = {}
        types: dict[str, list[Suggestion]] = {}
        values: dict[str, dict[tuple[str, Json], Json]] = {}
        statuses: dict[str, list[Suggestion]] = {}
        for s in suggestions:
            if s.kind == FIELD:
                fields.setdefault((s.pointer, s.name), []).append(s)
            elif s.kind == TYPE:
                types.setdefault(s.pointer, []).append(s)
            elif s.kind == ENUM_VALUE:
                for value in s.values:
                    values.setdefault(s.pointer, {}).setdefault(_key(value), value)
            else:
                statuses.setdefault(s.pointer, []).append(s)
        for pointer, found in statuses.items():
            ops += self._status_ops(pointer, found)
        for (pointer, name), found in fields.items():
            seen = _merge_types(t for s in found for t in s.types)
            description = (
                "Not documented: seen by the validation proxy in "
                + "; ".join(f"{s.seen}/{s.answers} answers of {s.operation}" for s in found)
                + f". Observed, not documented: tier `{OBSERVED_TIER}` until a document or the"
                " official SDK says it."
            )
            path = f"{pointer[1:]}/properties/{escape(name)}"
            ops.append(
                {"op": "add", "path": path, "value": {"type": seen, "description": description}}
            )
        for pointer, found in types.items():
            node = self._node(pointer)
            declared = node.get("type") if isinstance(node, Mapping) else None
            if declared is None:
                continue
            union = [declared] if isinstance(declared, str) else list(declared)
            union += [t for t in TYPES for s in found if t in s.types and t not in union]
            union = list(dict.fromkeys(union))
            ops.append({"op": "replace", "path": f"{pointer[1:]}/type", "value": union})
        for pointer, kept in values.items():
            for value in kept.values():
                ops.append({"op": "add", "path": f"{pointer[1:]}/enum/-", "value": value})
        return ops

    def _status_ops(self, pointer: str, found: list[Suggestion]) -> list[dict[str, Any]]:
        """An undocumented status: its response, and its tier in the operation's
        `x-provenance` (every declared status has one)."""
        ops: list[dict[str, Any]] = []
        definition = self._node(pointer)
        tiers: dict[str, str] = {}
        for s in found:
            response: dict[str, Any] = {
                "description": (
                    f"Not documented: answered in {s.seen}/{s.answers} answers of {s.operation}"
                    " seen by the validation proxy."
                )
            }
            if s.body_schema is not None:
                response["description"] += " Its body is the error object."
                response["content"] = {JSON: {"schema": {"$ref": s.body_schema}}}
            ops.append(
                {
                    "op": "add",
                    "path": f"{pointer[1:]}/responses/{escape(s.name)}",
                    "value": response,
                }
            )
            tiers[s.name] = OBSERVED_TIER
        if isinstance(definition, Mapping) and isinstance(definition.get("x-provenance"), Mapping):
            for code, tier in tiers.items():
                ops.append(
                    {
                        "op": "add",
                        "path": f"{pointer[1:]}/x-provenance/{escape(code)}",
                        "value": tier,
                    }
                )
        elif tiers:
            ops.append({"op": "add", "path": f"{pointer[1:]}/x-provenance", "value": tiers})
        return ops

    def markdown(self) -> str:
        """The suggestions for a person to review, each with the patch operation it makes."""
        suggestions = self.suggestions()
        lines = ["# Drift: what the answers carry that the spec does not say", ""]
        if not suggestions:
            lines.append("No drift: every answer seen stayed within the spec.")
        else:
            lines += [
                f"{len(suggestions)} suggestion(s). Review them, apply the patch with"
                " `python scripts/apply_spec_patch.py PATCH.json`, then run `make client`.",
                "",
                "| kind | where | seen | suggestion |",
                "|---|---|---|---|",
            ]
            for s in suggestions:
                where = f"`{s.pointer}`" + (f" `{s.name}`" if s.kind == FIELD else "")
                cell = s.sentence.replace("|", "\\|")
                lines.append(f"| {s.kind} | {where} | {s.seen}/{s.answers} | {cell} |")
        if self.dropped:
            lines += [
                "",
                f"{self.dropped} further observation(s) not kept"
                f" (over {MAX_SUGGESTIONS} suggestions).",
            ]
        return "\n".join(lines) + "\n"


def _copy(tally: _Tally) -> _Tally:
    return _Tally(
        seen=tally.seen,
        types=set(tally.types),
        values=dict(tally.values),
        more_values=tally.more_values,
        declared=tally.declared,
        error_bodies=tally.error_bodies,
        json_bodies=tally.json_bodies,
    )


def _merge_types(types: Iterable[str]) -> str | list[str]:
    """Observed JSON types as a schema's `type`: one name, or a list (an integer seen beside a
    number is a number)."""
    found = set(types)
    if "number" in found:
        found.discard("integer")
    ordered = [t for t in TYPES if t in found]
    return ordered[0] if len(ordered) == 1 else ordered
