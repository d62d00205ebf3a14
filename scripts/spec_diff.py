"""Compare two versions of the spec and class each change for clients: breaking or not, and why.

    python scripts/spec_diff.py BASE                  # the spec at a git ref vs the working copy
    python scripts/spec_diff.py --files OLD NEW       # two spec files
    python scripts/spec_diff.py BASE --format json    # machine-readable (shape below)

Each change is reported once, where the spec states it: a change to the `Task` schema is one
finding at `#/components/schemas/Task/...` listing the operations it affects, not one line per
operation. Compared: paths and operations, parameters, request bodies, responses (statuses
added or removed, media types, schemas), schemas (properties, `required`, types, nullability,
enums open or closed, bounds, patterns, formats, `anyOf`/`oneOf` branches, defaults),
`x-provenance` tiers, security (requirements and schemes), callbacks and webhooks. Not
compared (said in every report): descriptions, examples, response headers, links, servers,
`x-scale-rules` (cross-field rules).

Direction decides (the rules of oasdiff and openapi-diff): what a client *sends* (a request;
a callback's response) must still be accepted, what it *reads* (a response; a callback's
request) must still be understood. `RULES` below is the whole table, with the reason each
finding quotes. An enum is open when the spec says so: `x-open-enum: true` or
`x-extensible-enum` on it, or every use of it an `anyOf`/`oneOf` with a plain string (how the
spec marks `TaskType`).

JSON (`--format json`, version 1):
    {"format": 1, "base_version": "…", "head_version": "…", "major_bump": bool,
     "breaking": int, "non_breaking": int, "not_compared": [str],
     "findings": [{"kind": str, "location": "#/json/pointer", "change": str,
                   "classification": "breaking" | "non-breaking", "reason": str,
                   "operations": ["POST /task/annotation", …]}]}

Exit status: 0 no breaking change (or breaking changes with a major bump of `info.version`),
1 a breaking change without a major bump, 2 a usage error (bad arguments, a git ref or file
that cannot be read, a document that is not a spec).

No well-kept Python library diffs OpenAPI 3.1 (oasdiff is a Go binary, Atlassian's
openapi-diff an npm package without 3.1 support), so the comparison is written here, over the
document as `scale_spec` reads it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import scale_spec
from scale_spec import Spec
from scale_spec.document import escape

Json = Any
ROOT = Path(__file__).resolve().parent.parent
SPEC = "openapi/scale.yaml"
REQUEST, RESPONSE = "request", "response"  # what the client sends / what it reads
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
GATING_TIERS = frozenset({"docs", "sdk"})  # what a default scale-contract run fails a server on
UNMARKED = "unmarked"  # a keyword with no x-provenance entry
NOT_COMPARED = [
    "descriptions",
    "examples",
    "response headers",
    "links",
    "servers",
    "x-scale-rules",
]

# -- the classification table ------------------------------------------------------------------

Verdict = tuple[bool, str]  # (breaking, reason)
_SENDS_REFUSED = "requests clients send today may be refused"
_READS_UNEXPECTED = "clients may read values they were not told to expect"
RULES: dict[str, tuple[Verdict, Verdict]] = {  # kind -> (as a request, as a response)
    "operation-removed": ((True, "clients calling it get an error"),) * 2,
    "operation-added": ((False, "a new operation breaks no existing call"),) * 2,
    "operation-id-changed": ((True, "the generated client's method is renamed"),) * 2,
    "parameter-removed": ((True, "clients sending it are refused or silently ignored"),) * 2,
    "parameter-added": ((False, "an optional parameter: existing calls stay valid"),) * 2,
    "parameter-added-required": ((True, "existing calls do not send it"),) * 2,
    "parameter-required": ((True, "existing calls may omit it"),) * 2,
    "parameter-optional": ((False, "calls that send it stay valid"),) * 2,
    "request-body-added": ((False, "an optional body: existing calls stay valid"),) * 2,
    "request-body-removed": ((True, "clients sending a body may be refused"),) * 2,
    "request-body-required": ((True, "existing calls may send no body"),) * 2,
    "request-body-optional": ((False, "calls that send a body stay valid"),) * 2,
    "media-type-removed": (
        (True, "clients sending this content type are refused"),
        (True, "clients reading this content type no longer get it"),
    ),
    "media-type-added": ((False, "an added content type breaks no existing exchange"),) * 2,
    "response-status-added": (
        (False, "a newly documented status: clients already handle undocumented ones"),
    )
    * 2,
    "success-status-removed": ((True, "clients expecting this success status stop getting it"),)
    * 2,
    "error-status-removed": ((False, "the server no longer documents this error"),) * 2,
    "property-removed": (
        (True, "clients sending it are refused or silently ignored"),
        (True, "clients reading it no longer get it"),
    ),
    "property-added": ((False, "an optional property: existing messages stay valid"),) * 2,
    "property-added-required": (
        (True, "existing requests do not send it"),
        (False, "clients get one more property"),
    ),
    "property-required": (
        (True, "existing requests may omit it"),
        (False, "clients now always get it"),
    ),
    "property-optional": (
        (False, "requests that send it stay valid"),
        (True, "clients relying on it may not get it"),
    ),
    "enum-value-removed": (
        (True, "clients sending this value are refused"),
        (False, "clients never read this value any more"),
    ),
    "enum-value-added": (
        (False, "clients may send one more value"),
        (True, "a client decoding a closed enum fails on the new value"),
    ),
    "open-enum-value-added": ((False, "the enum is open: clients already accept any value"),) * 2,
    "type-narrowed": ((True, _SENDS_REFUSED), (False, "clients read fewer kinds of value")),
    "type-widened": ((False, "every value sent today stays valid"), (True, _READS_UNEXPECTED)),
    "type-changed": ((True, "the value has another type"),) * 2,
    "nullable-removed": (
        (True, "clients sending null are refused"),
        (False, "clients never read null any more"),
    ),
    "nullable-added": (
        (False, "clients may send null as well"),
        (True, "clients not expecting null may fail on it"),
    ),
    "constraint-tightened": ((True, _SENDS_REFUSED), (False, "clients read a narrower range")),
    "constraint-loosened": (
        (False, "every value sent today stays valid"),
        (True, _READS_UNEXPECTED),
    ),
    "constraint-changed": ((True, "the accepted values are different"),) * 2,
    "alternative-removed": ((True, _SENDS_REFUSED), (False, "clients read fewer shapes")),
    "alternative-added": ((False, "every value sent today stays valid"), (True, _READS_UNEXPECTED)),
    "reference-changed": ((True, "the schema is replaced by a different one"),) * 2,
    "default-changed": ((False, "no message becomes invalid; calls omitting it behave anew"),) * 2,
    "deprecated": ((False, "still served; a warning to migrate"),) * 2,
    "schema-removed": ((True, "the generated client loses this model"),) * 2,
    "schema-added": ((False, "a new model breaks no existing code"),) * 2,
    "security-alternative-removed": ((True, "clients using these credentials are refused"),) * 2,
    "security-alternative-added": ((False, "existing credentials stay accepted"),) * 2,
    "security-required": ((True, "calls without credentials are refused"),) * 2,
    "security-dropped": ((False, "calls with credentials stay accepted"),) * 2,
    "security-scheme-removed": ((True, "clients using this scheme are refused"),) * 2,
    "security-scheme-changed": ((True, "clients send credentials the old way"),) * 2,
    "security-scheme-added": ((False, "a new scheme breaks no existing credentials"),) * 2,
    "callback-removed": ((True, "the client's receiver is no longer called"),) * 2,
    "callback-added": ((False, "a new call the client opts into"),) * 2,
    "webhook-removed": ((True, "the client's receiver is no longer called"),) * 2,
    "webhook-added": ((False, "a new call the client opts into"),) * 2,
    "tier-tightened": ((True, "a default contract run now fails a server on this rule"),) * 2,
    "tier-loosened": ((False, "a default contract run no longer fails a server on it"),) * 2,
    "tier-changed": ((False, "what a default contract run gates on is unchanged"),) * 2,
}
NARROWING = {  # keyword -> +1 if a larger value narrows, -1 if a smaller one does
    "minimum": 1,
    "exclusiveMinimum": 1,
    "minItems": 1,
    "minLength": 1,
    "minProperties": 1,
    "maximum": -1,
    "exclusiveMaximum": -1,
    "maxItems": -1,
    "maxLength": -1,
    "maxProperties": -1,
}
EXACT = ("pattern", "format", "const", "multipleOf")  # added narrows, removed widens


# -- findings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One change, located once where the spec states it, with the operations it reaches."""

    kind: str
    location: str
    change: str
    classification: str
    reason: str
    operations: list[str] = field(default_factory=list)

    @property
    def breaking(self) -> bool:
        return self.classification == "breaking"

    def __str__(self) -> str:
        label = "BREAKING" if self.breaking else "non-breaking"
        return f"{label}: {self.location}: {self.change} ({self.reason})"


@dataclass(frozen=True)
class Ctx:
    """Who reads the node being compared: the directions it travels in, and the operations."""

    directions: frozenset[str]
    operations: tuple[str, ...]

    def flipped(self) -> Ctx:
        """A callback's body travels the other way: the server sends it, the client reads it."""
        swap = {REQUEST: RESPONSE, RESPONSE: REQUEST}
        return Ctx(frozenset(swap[d] for d in self.directions), self.operations)

    def going(self, direction: str) -> Ctx:
        return Ctx(frozenset({direction}), self.operations)


def judge(kind: str, ctx: Ctx, change: str, location: str) -> Finding:
    """Class one change by the table, for every direction the node travels in: breaking in
    one direction is breaking (a schema used both ways must stay compatible both ways)."""
    as_request, as_response = RULES[kind]
    directions = sorted(ctx.directions or {REQUEST, RESPONSE})
    verdicts = [(d, as_request if d == REQUEST else as_response) for d in directions]
    breaking = [(d, v) for d, v in verdicts if v[0]]
    direction, (is_breaking, reason) = (breaking or verdicts)[0]
    if as_request != as_response:
        reason = f"in a {direction}: {reason}"
    return Finding(
        kind,
        location,
        change,
        "breaking" if is_breaking else "non-breaking",
        reason,
        sorted(ctx.operations),
    )


# -- where each component is used --------------------------------------------------------------


def component_root(ref: str) -> str:
    """`#/components/schemas/Task/properties/x` -> `#/components/schemas/Task`."""
    return "/".join(ref.split("/")[:4])


def direct_refs(spec: Spec, node: Json) -> set[str]:
    return {
        component_root(n["$ref"])
        for _, n in spec.iter_nodes(node)
        if isinstance(n, Mapping) and isinstance(n.get("$ref"), str)
    }


class Usage:
    """Component -> direction -> the operations (and callbacks, webhooks) that carry it, so a
    change to a component is judged in the directions it travels and lists who it reaches."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.graph: dict[str, set[str]] = {}
        for kind, members in spec.document.get("components", {}).items():
            for name, member in members.items() if isinstance(members, Mapping) else ():
                if kind != "examples":
                    root = f"#/components/{escape(kind)}/{escape(name)}"
                    self.graph[root] = direct_refs(spec, member)
        self.uses: dict[str, dict[str, set[str]]] = {}
        for op in spec.operations:
            label = f"{op.method.upper()} {op.path}"
            self._operation(op.definition, op.path_item, label)
            for name, callback in op.definition.get("callbacks", {}).items():
                for item in spec.resolve(callback).values():
                    self._path_item(item, f"{label} (callback {name})")
        for name, item in spec.webhooks.items():
            self._path_item(item, f"webhook {name}")

    def _mark(self, node: Json, direction: str, label: str) -> None:
        for root in self.closure(direct_refs(self.spec, node)):
            self.uses.setdefault(root, {}).setdefault(direction, set()).add(label)

    def _operation(self, definition: Json, item: Json, label: str, flip: bool = False) -> None:
        sent, read = (RESPONSE, REQUEST) if flip else (REQUEST, RESPONSE)
        inputs = [item.get("parameters", []), definition.get("parameters", [])]
        self._mark([*inputs, definition.get("requestBody", {})], sent, label)
        self._mark(definition.get("responses", {}), read, label)

    def _path_item(self, raw: Json, label: str) -> None:
        if isinstance(raw, Mapping) and isinstance(raw.get("$ref"), str):
            self.uses.setdefault(component_root(raw["$ref"]), {}).setdefault("callback", set()).add(
                label
            )
        item = self.spec.resolve(raw)
        for method in METHODS:
            if isinstance(item.get(method), Mapping):
                self._operation(item[method], item, label, flip=True)

    def closure(self, roots: set[str]) -> set[str]:
        seen: set[str] = set()
        stack = list(roots)
        while stack:
            root = stack.pop()
            if root not in seen:
                seen.add(root)
                stack += self.graph.get(root, ())
        return seen

    def ctx(self, root: str) -> Ctx:
        found = self.uses.get(root, {})
        labels = set().union(*found.values()) if found else set()
        return Ctx(frozenset(found) - {"callback"}, tuple(sorted(labels)))


def is_plain_string(node: Json) -> bool:
    """`{type: string}` with nothing that restricts it: the "or any other value" branch."""
    return (
        isinstance(node, Mapping)
        and node.get("type") == "string"
        and not {"enum", "const", "pattern", "$ref"} & set(node)
    )


def open_at_use(spec: Spec, pointer: str) -> bool:
    """The node at `pointer` is an `anyOf`/`oneOf` branch beside a plain string."""
    parent, _, index = pointer.rpartition("/")
    if not index.isdigit() or not parent.endswith(("/anyOf", "/oneOf")):
        return False
    return any(is_plain_string(spec.resolve(b)) for b in spec.lookup(parent))


def is_open_enum(spec: Spec, pointer: str) -> bool:
    """Whether the enum at `pointer` is documented as open (see the module docstring)."""
    node = spec.lookup(pointer)
    if node.get("x-open-enum") is True or "x-extensible-enum" in node:
        return True
    if pointer.count("/") == 3 and pointer.startswith("#/components/schemas/"):
        uses = [
            where
            for where, n in spec.iter_nodes()
            if isinstance(n, Mapping) and n.get("$ref") == pointer
        ]
        return bool(uses) and all(open_at_use(spec, where) for where in uses)
    return open_at_use(spec, pointer)


# -- the comparison ----------------------------------------------------------------------------


def _types(schema: Mapping[str, Json]) -> set[str]:
    kind = schema.get("type")
    return set(kind) if isinstance(kind, list) else ({kind} if kind else set())


def _branch_key(spec: Spec, branch: Json, index: int) -> str:
    """How `anyOf`/`oneOf` branches are matched across versions: by `$ref`, else by type."""
    if isinstance(branch, Mapping) and isinstance(branch.get("$ref"), str):
        return str(branch["$ref"])
    if (
        isinstance(branch, Mapping)
        and "type" in branch
        and not {"enum", "properties"} & set(branch)
    ):
        return f"type:{sorted(_types(branch))}"
    return f"#{index}"


class Differ:
    """The two specs and where their components are used; each `*_diff` yields findings."""

    def __init__(self, old: Spec, new: Spec) -> None:
        self.old, self.new = old, new
        self.old_usage, self.new_usage = Usage(old), Usage(new)

    def component_ctx(self, root: str) -> Ctx:
        a, b = self.old_usage.ctx(root), self.new_usage.ctx(root)
        return Ctx(a.directions | b.directions, tuple(sorted({*a.operations, *b.operations})))

    # -- schemas

    def schema_diff(self, a: Json, b: Json, pa: str, pb: str, ctx: Ctx) -> Iterator[Finding]:
        """Two schemas keyword by keyword, without following `$ref`: a referenced component is
        compared once, on its own, so its change is reported once."""
        if not isinstance(a, Mapping) or not isinstance(b, Mapping):
            if a != b:
                yield judge("type-changed", ctx, f"schema {a!r} -> {b!r}", pb)
            return
        ref_a, ref_b = a.get("$ref"), b.get("$ref")
        if ref_a or ref_b:
            if ref_a != ref_b:
                yield judge("reference-changed", ctx, f"$ref {ref_a} -> {ref_b}", pb)
            return
        yield from self._type_diff(a, b, pb, ctx)
        yield from self._enum_diff(a, b, pb, ctx)
        yield from self._bound_diff(a, b, pb, ctx)
        yield from self._object_diff(a, b, pa, pb, ctx)
        yield from self._nested_diff(a, b, pa, pb, ctx)
        yield from self.tier_diff(a, b, pb, ctx)
        if a.get("default") != b.get("default"):
            change = f"default {a.get('default')!r} -> {b.get('default')!r}"
            yield judge("default-changed", ctx, change, pb)
        if b.get("deprecated") and not a.get("deprecated"):
            yield judge("deprecated", ctx, "deprecated", pb)

    def _type_diff(self, a: Json, b: Json, pb: str, ctx: Ctx) -> Iterator[Finding]:
        ta, tb = _types(a), _types(b)
        if ("null" in ta) != ("null" in tb) and ta and tb:
            kind = "nullable-added" if "null" in tb else "nullable-removed"
            yield judge(kind, ctx, f"null {'allowed' if 'null' in tb else 'no longer allowed'}", pb)
        ta, tb = ta - {"null"}, tb - {"null"}
        if ta == tb:
            return
        if tb and (not ta or tb < ta):
            kind = "type-narrowed"
        elif not tb or ta < tb:
            kind = "type-widened"
        else:
            kind = "type-changed"
        yield judge(kind, ctx, f"type {sorted(ta) or 'any'} -> {sorted(tb) or 'any'}", pb)

    def _enum_diff(self, a: Json, b: Json, pb: str, ctx: Ctx) -> Iterator[Finding]:
        ea, eb = a.get("enum"), b.get("enum")
        if isinstance(ea, list) and isinstance(eb, list):
            removed = [v for v in ea if v not in eb]
            added = [v for v in eb if v not in ea]
            if removed:
                yield judge("enum-value-removed", ctx, f"enum values removed: {removed}", pb)
            if added:
                kind = "open-enum-value-added" if is_open_enum(self.new, pb) else "enum-value-added"
                yield judge(kind, ctx, f"enum values added: {added}", pb)
        elif isinstance(eb, list) and ea is None:
            yield judge("constraint-tightened", ctx, f"enum {eb} added", pb)
        elif isinstance(ea, list) and eb is None:
            yield judge("constraint-loosened", ctx, "enum dropped", pb)

    def _bound_diff(self, a: Json, b: Json, pb: str, ctx: Ctx) -> Iterator[Finding]:
        for keyword, direction in NARROWING.items():
            before, after = a.get(keyword), b.get(keyword)
            if before == after:
                continue
            tighter = before is None or (after is not None and (after - before) * direction > 0)
            kind = "constraint-tightened" if tighter else "constraint-loosened"
            yield judge(kind, ctx, f"{keyword} {before} -> {after}", pb)
        for keyword in EXACT:
            before, after = a.get(keyword), b.get(keyword)
            if before == after:
                continue
            kind = (
                "constraint-tightened"
                if before is None
                else "constraint-loosened"
                if after is None
                else "constraint-changed"
            )
            yield judge(kind, ctx, f"{keyword} {before!r} -> {after!r}", pb)
        closed_a, closed_b = (
            a.get("additionalProperties") is False,
            b.get("additionalProperties") is False,
        )
        if closed_a != closed_b:
            kind = "constraint-tightened" if closed_b else "constraint-loosened"
            yield judge(
                kind, ctx, f"additionalProperties false {'added' if closed_b else 'dropped'}", pb
            )

    def _object_diff(self, a: Json, b: Json, pa: str, pb: str, ctx: Ctx) -> Iterator[Finding]:
        props_a, props_b = a.get("properties", {}), b.get("properties", {})
        req_a, req_b = set(a.get("required", [])), set(b.get("required", []))
        for name in sorted(set(props_a) - set(props_b)):
            where = f"{pa}/properties/{escape(name)}"
            yield judge("property-removed", ctx, f"property {name!r} removed", where)
        for name in sorted(set(props_b) - set(props_a)):
            kind = "property-added-required" if name in req_b else "property-added"
            where = f"{pb}/properties/{escape(name)}"
            yield judge(kind, ctx, f"property {name!r} added", where)
        for name in sorted((req_b - req_a) & set(props_a)):
            yield judge("property-required", ctx, f"property {name!r} now required", pb)
        for name in sorted((req_a - req_b) & set(props_b)):
            yield judge("property-optional", ctx, f"property {name!r} no longer required", pb)
        for name in sorted(set(props_a) & set(props_b)):
            token = f"/properties/{escape(name)}"
            yield from self.schema_diff(props_a[name], props_b[name], pa + token, pb + token, ctx)

    def _nested_diff(self, a: Json, b: Json, pa: str, pb: str, ctx: Ctx) -> Iterator[Finding]:
        for keyword in ("items", "additionalProperties", "not"):
            if isinstance(a.get(keyword), Mapping) and isinstance(b.get(keyword), Mapping):
                where_a, where_b = f"{pa}/{keyword}", f"{pb}/{keyword}"
                yield from self.schema_diff(a[keyword], b[keyword], where_a, where_b, ctx)
        all_a, all_b = a.get("allOf", []), b.get("allOf", [])
        for index in range(min(len(all_a), len(all_b))):
            token = f"/allOf/{index}"
            yield from self.schema_diff(all_a[index], all_b[index], pa + token, pb + token, ctx)
        if len(all_a) != len(all_b):
            kind = "constraint-tightened" if len(all_b) > len(all_a) else "constraint-loosened"
            yield judge(kind, ctx, f"allOf members {len(all_a)} -> {len(all_b)}", pb)
        for keyword in ("anyOf", "oneOf"):
            yield from self._branches_diff(
                a.get(keyword, []), b.get(keyword, []), keyword, pa, pb, ctx
            )

    def _branches_diff(
        self, a: list[Json], b: list[Json], keyword: str, pa: str, pb: str, ctx: Ctx
    ) -> Iterator[Finding]:
        keyed_a = {_branch_key(self.old, x, i): (i, x) for i, x in enumerate(a)}
        keyed_b = {_branch_key(self.new, x, i): (i, x) for i, x in enumerate(b)}
        for key, (index, branch) in keyed_a.items():
            if key not in keyed_b:
                null = branch == {"type": "null"}
                kind = "nullable-removed" if null else "alternative-removed"
                yield judge(kind, ctx, f"{keyword} branch {key} removed", f"{pa}/{keyword}/{index}")
        for key, (index, branch) in keyed_b.items():
            if key not in keyed_a:
                null = branch == {"type": "null"}
                kind = "nullable-added" if null else "alternative-added"
                yield judge(kind, ctx, f"{keyword} branch {key} added", f"{pb}/{keyword}/{index}")
            else:
                old_index, old_branch = keyed_a[key]
                where_a, where_b = f"{pa}/{keyword}/{old_index}", f"{pb}/{keyword}/{index}"
                yield from self.schema_diff(old_branch, branch, where_a, where_b, ctx)

    def tier_diff(self, a: Json, b: Json, pb: str, ctx: Ctx) -> Iterator[Finding]:
        """A rule whose `x-provenance` tier moves into the gating tiers now fails servers."""
        marks_a, marks_b = a.get("x-provenance") or {}, b.get("x-provenance") or {}
        for key in sorted(set(marks_a) | set(marks_b), key=str):
            if key not in marks_a or key not in marks_b:
                keyword = str(key).split(":")[0]
                if keyword not in a or keyword not in b:
                    continue  # the rule itself came or went: the constraint diff says so
            # an unmarked keyword gates a default run (`scale_spec.provenance.gated` keeps it)
            before, after = marks_a.get(key, UNMARKED), marks_b.get(key, UNMARKED)
            if before == after:
                continue
            gates_a = before in GATING_TIERS or before == UNMARKED
            gates_b = after in GATING_TIERS or after == UNMARKED
            kind = (
                "tier-tightened"
                if gates_b and not gates_a
                else "tier-loosened"
                if gates_a and not gates_b
                else "tier-changed"
            )
            where = f"{pb}/x-provenance/{escape(key)}"
            yield judge(kind, ctx, f"tier of {key!r} {before} -> {after}", where)

    # -- parameters, bodies, responses

    def parameter_diff(self, a: Json, b: Json, pa: str, pb: str, ctx: Ctx) -> Iterator[Finding]:
        if isinstance(a.get("$ref"), str) and a.get("$ref") == b.get("$ref"):
            return  # the component, compared on its own
        pa, pb = a.get("$ref", pa), b.get("$ref", pb)
        a, b = self.old.resolve(a), self.new.resolve(b)
        if b.get("required") and not a.get("required"):
            yield judge("parameter-required", ctx, f"parameter {b['name']!r} now required", pb)
        elif a.get("required") and not b.get("required"):
            yield judge("parameter-optional", ctx, f"parameter {b['name']!r} now optional", pb)
        yield from self.schema_diff(
            a.get("schema", {}), b.get("schema", {}), f"{pa}/schema", f"{pb}/schema", ctx
        )
        if b.get("deprecated") and not a.get("deprecated"):
            yield judge("deprecated", ctx, f"parameter {b['name']!r} deprecated", pb)

    def content_diff(self, a: Json, b: Json, pa: str, pb: str, ctx: Ctx) -> Iterator[Finding]:
        """The media types of a body or response, and each one's schema."""
        media_a, media_b = a.get("content", {}), b.get("content", {})
        for media in sorted(set(media_a) - set(media_b)):
            where = f"{pa}/content/{escape(media)}"
            yield judge("media-type-removed", ctx, f"media type {media} removed", where)
        for media in sorted(set(media_b) - set(media_a)):
            where = f"{pb}/content/{escape(media)}"
            yield judge("media-type-added", ctx, f"media type {media} added", where)
        for media in sorted(set(media_a) & set(media_b)):
            token = f"/content/{escape(media)}/schema"
            schema_a, schema_b = media_a[media].get("schema"), media_b[media].get("schema")
            if schema_a is not None and schema_b is not None:
                yield from self.schema_diff(schema_a, schema_b, pa + token, pb + token, ctx)
        yield from self.tier_diff(a, b, pb, ctx)

    def body_diff(self, a: Json, b: Json, pa: str, pb: str, ctx: Ctx) -> Iterator[Finding]:
        if isinstance(a.get("$ref"), str) and a.get("$ref") == b.get("$ref"):
            return
        pa, pb = a.get("$ref", pa), b.get("$ref", pb)
        a, b = self.old.resolve(a), self.new.resolve(b)
        if b.get("required") and not a.get("required"):
            yield judge("request-body-required", ctx, "request body now required", pb)
        elif a.get("required") and not b.get("required"):
            yield judge("request-body-optional", ctx, "request body now optional", pb)
        yield from self.content_diff(a, b, pa, pb, ctx)

    def response_diff(self, a: Json, b: Json, pa: str, pb: str, ctx: Ctx) -> Iterator[Finding]:
        if isinstance(a.get("$ref"), str) and a.get("$ref") == b.get("$ref"):
            return
        pa, pb = a.get("$ref", pa), b.get("$ref", pb)
        yield from self.content_diff(self.old.resolve(a), self.new.resolve(b), pa, pb, ctx)

    # -- operations

    def operation_diff(
        self, a: Json, b: Json, items: tuple[Json, Json], pa: str, pb: str, ctx: Ctx
    ) -> Iterator[Finding]:
        """One operation; `ctx` says who sends its request (the client, or for a callback the
        server) through `ctx.directions` = the direction of its request."""
        sent = ctx
        read = ctx.flipped()
        if a.get("operationId") != b.get("operationId"):
            change = f"operationId {a.get('operationId')} -> {b.get('operationId')}"
            yield judge("operation-id-changed", ctx, change, pb)
        yield from self._parameters_diff(a, b, items, pa, pb, sent)
        body_a, body_b = a.get("requestBody"), b.get("requestBody")
        if body_a and body_b:
            yield from self.body_diff(
                body_a, body_b, f"{pa}/requestBody", f"{pb}/requestBody", sent
            )
        elif body_a:
            yield judge("request-body-removed", sent, "request body removed", f"{pa}/requestBody")
        elif body_b:
            required = bool(self.new.resolve(body_b).get("required"))
            kind = "request-body-required" if required else "request-body-added"
            yield judge(kind, sent, "request body added", f"{pb}/requestBody")
        yield from self._responses_diff(a, b, pa, pb, read)
        yield from self._security_diff(a, b, pa, pb, ctx)
        yield from self._callbacks_diff(a, b, pa, pb, ctx)
        yield from self.tier_diff(a, b, pb, ctx)
        if b.get("deprecated") and not a.get("deprecated"):
            yield judge("deprecated", ctx, "operation deprecated", pb)

    def _parameters_diff(
        self, a: Json, b: Json, items: tuple[Json, Json], pa: str, pb: str, ctx: Ctx
    ) -> Iterator[Finding]:
        def located(spec: Spec, op: Json, item: Json, where: str) -> dict[tuple[str, str], Any]:
            base = where.rsplit("/", 1)[0]
            found = {}
            for prefix, raw_list in ((base, item), (where, op)):
                for index, raw in enumerate(raw_list.get("parameters", [])):
                    param = spec.resolve(raw)
                    found[(param["in"], param["name"])] = (raw, f"{prefix}/parameters/{index}")
            return found

        before, after = located(self.old, a, items[0], pa), located(self.new, b, items[1], pb)
        for key in sorted(set(before) - set(after)):
            yield judge(
                "parameter-removed", ctx, f"{key[0]} parameter {key[1]!r} removed", before[key][1]
            )
        for key in sorted(set(after) - set(before)):
            required = bool(self.new.resolve(after[key][0]).get("required"))
            kind = "parameter-added-required" if required else "parameter-added"
            change = f"{'required' if required else 'optional'} {key[0]} parameter {key[1]!r} added"
            yield judge(kind, ctx, change, after[key][1])
        for key in sorted(set(before) & set(after)):
            (raw_a, where_a), (raw_b, where_b) = before[key], after[key]
            yield from self.parameter_diff(raw_a, raw_b, where_a, where_b, ctx)

    def _responses_diff(self, a: Json, b: Json, pa: str, pb: str, ctx: Ctx) -> Iterator[Finding]:
        codes_a = {str(k): v for k, v in a.get("responses", {}).items()}
        codes_b = {str(k): v for k, v in b.get("responses", {}).items()}
        for code in sorted(set(codes_a) - set(codes_b)):
            kind = "success-status-removed" if code.startswith("2") else "error-status-removed"
            yield judge(kind, ctx, f"response {code} removed", f"{pa}/responses/{code}")
        for code in sorted(set(codes_b) - set(codes_a)):
            yield judge(
                "response-status-added", ctx, f"response {code} added", f"{pb}/responses/{code}"
            )
        for code in sorted(set(codes_a) & set(codes_b)):
            where_a, where_b = f"{pa}/responses/{code}", f"{pb}/responses/{code}"
            yield from self.response_diff(codes_a[code], codes_b[code], where_a, where_b, ctx)

    def _security_diff(self, a: Json, b: Json, pa: str, pb: str, ctx: Ctx) -> Iterator[Finding]:
        if "security" not in a and "security" not in b:
            return  # the document's own `security`, compared once (`findings`)
        default_a, default_b = self.old.document.get("security"), self.new.document.get("security")
        yield from security_diff(
            a.get("security", default_a), b.get("security", default_b), f"{pb}/security", ctx
        )

    def _callbacks_diff(self, a: Json, b: Json, pa: str, pb: str, ctx: Ctx) -> Iterator[Finding]:
        calls_a, calls_b = a.get("callbacks", {}), b.get("callbacks", {})
        for name in sorted(set(calls_a) - set(calls_b)):
            yield judge(
                "callback-removed",
                ctx,
                f"callback {name!r} removed",
                f"{pa}/callbacks/{escape(name)}",
            )
        for name in sorted(set(calls_b) - set(calls_a)):
            yield judge(
                "callback-added", ctx, f"callback {name!r} added", f"{pb}/callbacks/{escape(name)}"
            )
        for name in sorted(set(calls_a) & set(calls_b)):
            exprs_a, exprs_b = self.old.resolve(calls_a[name]), self.new.resolve(calls_b[name])
            for expr in sorted(set(exprs_a) | set(exprs_b)):
                where_a = f"{pa}/callbacks/{escape(name)}/{escape(expr)}"
                where_b = f"{pb}/callbacks/{escape(name)}/{escape(expr)}"
                if expr not in exprs_b:
                    yield judge(
                        "callback-removed", ctx, f"callback {name!r} {expr} removed", where_a
                    )
                elif expr not in exprs_a:
                    yield judge("callback-added", ctx, f"callback {name!r} {expr} added", where_b)
                else:
                    callback_ctx = Ctx(
                        frozenset({RESPONSE}),
                        tuple(f"{o} (callback {name})" for o in ctx.operations),
                    )
                    yield from self.path_item_diff(
                        exprs_a[expr], exprs_b[expr], where_a, where_b, callback_ctx
                    )

    def path_item_diff(self, a: Json, b: Json, pa: str, pb: str, ctx: Ctx) -> Iterator[Finding]:
        """A path item; `ctx.directions` is the direction its requests travel (a callback's
        and a webhook's: to the client, read by it)."""
        if isinstance(a.get("$ref"), str) and a.get("$ref") == b.get("$ref"):
            return
        pa, pb = a.get("$ref", pa), b.get("$ref", pb)
        a, b = self.old.resolve(a), self.new.resolve(b)
        for method in METHODS:
            where_a, where_b = f"{pa}/{method}", f"{pb}/{method}"
            if method in a and method not in b:
                yield judge("operation-removed", ctx, f"{method.upper()} removed", where_a)
            elif method in b and method not in a:
                yield judge("operation-added", ctx, f"{method.upper()} added", where_b)
            elif method in a:
                yield from self.operation_diff(a[method], b[method], (a, b), where_a, where_b, ctx)

    # -- the whole document

    def findings(self) -> list[Finding]:
        found = [*self._paths_diff(), *self._components_diff(), *self._webhooks_diff()]
        found += security_diff(
            self.old.document.get("security"),
            self.new.document.get("security"),
            "#/security",
            self._default_security_ctx(),
        )
        found += self._schemes_diff()
        unique = {(f.kind, f.location, f.change): f for f in found}
        return sorted(unique.values(), key=lambda f: (not f.breaking, f.location, f.change))

    def _default_security_ctx(self) -> Ctx:
        """The operations without their own `security`, which the document's applies to."""
        ops = [op for op in self.new.operations if "security" not in op.definition]
        return Ctx(frozenset({REQUEST}), tuple(f"{op.method.upper()} {op.path}" for op in ops))

    def _paths_diff(self) -> Iterator[Finding]:
        before = {(op.method, op.path): op for op in self.old.operations}
        after = {(op.method, op.path): op for op in self.new.operations}
        for key in sorted(set(before) - set(after)):
            op = before[key]
            label = f"{op.method.upper()} {op.path}"
            yield judge(
                "operation-removed", Ctx(frozenset(), (label,)), f"{label} removed", op.pointer
            )
        for key in sorted(set(after) - set(before)):
            op = after[key]
            label = f"{op.method.upper()} {op.path}"
            yield judge("operation-added", Ctx(frozenset(), (label,)), f"{label} added", op.pointer)
        for key in sorted(set(before) & set(after)):
            a, b = before[key], after[key]
            ctx = Ctx(frozenset({REQUEST}), (f"{b.method.upper()} {b.path}",))
            items = (a.path_item, b.path_item)
            yield from self.operation_diff(
                a.definition, b.definition, items, a.pointer, b.pointer, ctx
            )

    def _components_diff(self) -> Iterator[Finding]:
        compare = {
            "schemas": self.schema_diff,
            "parameters": self.parameter_diff,
            "requestBodies": self.body_diff,
            "responses": self.response_diff,
        }
        comps_a = self.old.document.get("components", {})
        comps_b = self.new.document.get("components", {})
        for kind, diff in compare.items():
            members_a, members_b = comps_a.get(kind, {}), comps_b.get(kind, {})
            for name in sorted(set(members_a) | set(members_b)):
                where = f"#/components/{kind}/{escape(name)}"
                ctx = self.component_ctx(where)
                if kind == "schemas" and name not in members_b:
                    yield judge("schema-removed", ctx, f"schema {name!r} removed", where)
                elif kind == "schemas" and name not in members_a:
                    yield judge("schema-added", ctx, f"schema {name!r} added", where)
                elif name in members_a and name in members_b:
                    yield from diff(members_a[name], members_b[name], where, where, ctx)
        items_a, items_b = comps_a.get("pathItems", {}), comps_b.get("pathItems", {})
        for name in sorted(set(items_a) & set(items_b)):
            where = f"#/components/pathItems/{escape(name)}"
            labels = self.component_ctx(where).operations
            ctx = Ctx(frozenset({RESPONSE}), labels)
            yield from self.path_item_diff(items_a[name], items_b[name], where, where, ctx)

    def _webhooks_diff(self) -> Iterator[Finding]:
        hooks_a, hooks_b = self.old.webhooks, self.new.webhooks
        for name in sorted(set(hooks_a) | set(hooks_b)):
            where = f"#/webhooks/{escape(name)}"
            ctx = Ctx(frozenset({RESPONSE}), (f"webhook {name}",))
            if name not in hooks_b:
                yield judge("webhook-removed", ctx, f"webhook {name!r} removed", where)
            elif name not in hooks_a:
                yield judge("webhook-added", ctx, f"webhook {name!r} added", where)
            else:
                yield from self.path_item_diff(hooks_a[name], hooks_b[name], where, where, ctx)

    def _schemes_diff(self) -> Iterator[Finding]:
        schemes_a = self.old.document.get("components", {}).get("securitySchemes", {})
        schemes_b = self.new.document.get("components", {}).get("securitySchemes", {})
        everyone = Ctx(frozenset({REQUEST}), tuple(self.new_usage_labels()))
        for name in sorted(set(schemes_a) | set(schemes_b)):
            where = f"#/components/securitySchemes/{escape(name)}"
            if name not in schemes_b:
                yield judge("security-scheme-removed", everyone, f"scheme {name!r} removed", where)
            elif name not in schemes_a:
                yield judge("security-scheme-added", everyone, f"scheme {name!r} added", where)
            else:
                a, b = self.old.resolve(schemes_a[name]), self.new.resolve(schemes_b[name])
                keys = ("type", "scheme", "in", "name", "bearerFormat", "flows")
                changed = [k for k in keys if a.get(k) != b.get(k)]
                if changed:
                    change = f"scheme {name!r}: {', '.join(changed)} changed"
                    yield judge("security-scheme-changed", everyone, change, where)

    def new_usage_labels(self) -> list[str]:
        return [f"{op.method.upper()} {op.path}" for op in self.new.operations]


def _alternatives(security: Json) -> set[frozenset[str]]:
    """A security requirement list as its alternatives (each: the schemes it needs together);
    the empty alternative means "no credentials needed"."""
    return {frozenset(req) for req in security or []} if security is not None else set()


def security_diff(a: Json, b: Json, where: str, ctx: Ctx) -> Iterator[Finding]:
    alts_a, alts_b = _alternatives(a), _alternatives(b)
    if alts_a == alts_b:
        return
    anonymous_a = not alts_a or frozenset() in alts_a
    anonymous_b = not alts_b or frozenset() in alts_b
    if anonymous_a and not anonymous_b:
        yield judge("security-required", ctx, "credentials now required", where)
    if anonymous_b and not anonymous_a:
        yield judge("security-dropped", ctx, "credentials no longer required", where)
        return
    for alt in sorted(alts_a - alts_b - {frozenset()}, key=sorted):
        yield judge("security-alternative-removed", ctx, f"security {sorted(alt)} removed", where)
    for alt in sorted(alts_b - alts_a - {frozenset()}, key=sorted):
        yield judge("security-alternative-added", ctx, f"security {sorted(alt)} added", where)


def compare(old: Spec, new: Spec) -> list[Finding]:
    """Every change from `old` to `new`, classed, breaking first."""
    return Differ(old, new).findings()


# -- the command -------------------------------------------------------------------------------


def major(version: str) -> int:
    try:
        return int(str(version).split(".")[0])
    except ValueError:
        return 0


def load_at(ref: str) -> Spec:
    shown = subprocess.run(
        ["git", "show", f"{ref}:{SPEC}"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return Spec.from_text(shown.stdout)


def report(findings: list[Finding], old: Spec, new: Spec) -> dict[str, Json]:
    """The JSON document of `--format json` (its shape is in the module docstring)."""
    breaking = sum(f.breaking for f in findings)
    return {
        "format": 1,
        "base_version": old.version,
        "head_version": new.version,
        "major_bump": major(new.version) > major(old.version),
        "breaking": breaking,
        "non_breaking": len(findings) - breaking,
        "not_compared": NOT_COMPARED,
        "findings": [asdict(f) for f in findings],
    }


def _brief(names: list[str], shown: int) -> str:
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return f"{len(names)}: {', '.join(names[:shown])}{more}"


def render_text(document: Mapping[str, Json], shown: int = 5) -> str:
    """The findings for a reader: the same change at several places (a status added to every
    operation) is one entry listing the places; the JSON keeps one finding per place."""
    groups: dict[tuple[str, ...], list[Mapping[str, Json]]] = {}
    for f in document["findings"]:
        key = (f["classification"], f["kind"], f["change"], f["reason"])
        groups.setdefault(key, []).append(f)
    lines = []
    for (classification, kind, change, reason), found in groups.items():
        label = "BREAKING" if classification == "breaking" else "non-breaking"
        places = [f["location"] for f in found]
        lines.append(
            f"{label} [{kind}] {places[0] if len(places) == 1 else 'at ' + _brief(places, 3)}"
        )
        lines.append(f"    {change}: {reason}")
        ops = sorted({op for f in found for op in f["operations"]})
        if ops:
            lines.append(f"    affects {_brief(ops, shown)}")
    bump = " (major bump)" if document["major_bump"] else ""
    lines.append(
        f"\n{document['breaking']} breaking, {document['non_breaking']} non-breaking; info.version "
        f"{document['base_version']} -> {document['head_version']}{bump}"
    )
    lines.append(f"not compared: {', '.join(document['not_compared'])}")
    return "\n".join(lines)


def load_pair(args: argparse.Namespace) -> tuple[Spec, Spec]:
    if args.files:
        old_path, new_path = (Path(f) for f in args.files)
        return Spec.from_file(old_path), Spec.from_file(new_path)
    return load_at(args.base), scale_spec.load()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("base", nargs="?", help="git ref of the base spec (vs the working copy)")
    parser.add_argument("--files", nargs=2, metavar=("OLD", "NEW"), help="compare two spec files")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    if not args.files and not args.base:
        parser.error("give a git ref, or --files OLD NEW")
    try:
        old, new = load_pair(args)
        findings = compare(old, new)
    except (OSError, ValueError, KeyError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or error
        print(f"spec-diff: cannot compare: {detail}", file=sys.stderr)
        return 2
    document = report(findings, old, new)
    print(json.dumps(document, indent=2) if args.format == "json" else render_text(document))
    if document["breaking"] and not document["major_bump"]:
        print("breaking changes need a major version bump in info.version", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
