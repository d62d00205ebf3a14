"""`Spec`: the spec document loaded once, with everything the kit derives from it.

The mock, the suite, the tests, the scripts and the docs builder read `openapi/scale.yaml`
through this object and nothing else: one parse, one `$ref` resolution, one `allOf` merge, one
validator registry. A spec other than the packaged one (a copy under test, an older version from
git) is just another `Spec`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from scale_spec import document as doc
from scale_spec import operations, provenance, rules, schemas
from scale_spec.operations import Operation, Parameter

Json = Any
SPEC_URI = "urn:scale-api:openapi"
PACKAGED = Path(__file__).parent / "scale.yaml"  # a symlink to openapi/scale.yaml in a checkout
BEHAVIOURS = "behaviours.yaml"  # the documented-behaviour matrix, beside the spec


_BOOLEANS = {"true": True, "True": True, "false": False, "False": False}


def _query_scalar(raw: str, schema: Mapping[str, Json]) -> Json:
    kind = schema.get("type")
    try:
        if kind == "integer":
            return int(raw)
        if kind == "number":
            number = float(raw)
            return number if math.isfinite(number) else raw  # `nan` is text, not a number
    except ValueError:
        return raw
    if kind == "boolean":
        return _BOOLEANS.get(raw, raw)
    return raw


class Spec:
    def __init__(
        self,
        document: Mapping[str, Json],
        path: Path | None = None,
        behaviours: Mapping[str, Json] | None = None,
    ) -> None:
        self.document: Mapping[str, Json] = document
        self.path = path
        self._behaviours = behaviours
        self._validators: dict[str, Draft202012Validator] = {}

    @classmethod
    def from_file(cls, path: Path) -> Spec:
        """The spec at `path`, with the behaviour matrix beside it if there is one."""
        matrix_path = path.parent / BEHAVIOURS
        matrix = doc.read(matrix_path) if matrix_path.exists() else None
        return cls(doc.read(path), path=path, behaviours=matrix)

    @classmethod
    def from_text(cls, text: str) -> Spec:
        return cls(doc.parse(text))

    # -- the document --------------------------------------------------------------------------

    @property
    def version(self) -> str:
        return str(self.document.get("info", {}).get("version", ""))

    def lookup(self, ref: str) -> Json:
        """The node at a local pointer (`#/components/schemas/Task`)."""
        return doc.lookup(self.document, ref)

    def resolve(self, node: Json) -> Json:
        """Follow Reference Objects (`{$ref: ...}`) until a node that is not one."""
        seen = 0
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
            node, seen = self.lookup(node["$ref"]), seen + 1
            if seen > 64:
                raise ValueError("a $ref cycle")
        return node

    def parameter_value(self, param: Parameter, values: list[str]) -> Json:
        """A parameter's raw values (a query key's, or a path segment's one) as its schema reads
        them: an array from repeated keys, or from one comma-separated value without `explode`;
        the text of an integer, number or boolean cast to it (left as text when it is not one,
        for the validator to refuse). The mock and the proxy both read parameters this way."""
        schema = param.schema
        if schema.get("type") == "array":
            items = self.resolve(schema.get("items", {}))
            raw = values if param.explode else [part for v in values for part in v.split(",")]
            return [_query_scalar(v, items) for v in raw]
        return _query_scalar(values[-1], schema)

    def iter_nodes(self, node: Json = None, pointer: str = "#") -> Iterator[tuple[str, Json]]:
        return doc.iter_nodes(self.document if node is None else node, pointer)

    @property
    def webhooks(self) -> Mapping[str, Json]:
        return dict(self.document.get("webhooks", {}))

    # -- schemas -------------------------------------------------------------------------------

    def flat(self, schema: Json) -> dict[str, Json]:
        """The schema with its `$ref` and `allOf` members merged (see `schemas.flat`)."""
        return schemas.flat(self.document, schema)

    def merged_object(self, schema: Json, pointer: str = "#") -> schemas.MergedSchema:
        """The object schema's members merged, each piece located (`pointer`: where `schema`
        sits in the document, for schemas that are not themselves a `$ref`)."""
        return schemas.merge_object(self.document, schema, pointer)

    @cached_property
    def registry(self) -> Registry[Json]:
        resource: Resource[Json] = Resource.from_contents(
            self.document, default_specification=DRAFT202012
        )
        registry: Registry[Json] = Registry().with_resource(SPEC_URI, resource)
        return registry

    def validator(self, pointer: str) -> Draft202012Validator:
        """A format-checking 2020-12 validator of the schema at `pointer` (`#/...`): the whole
        spec is one resource, so its `#/components/...` references resolve as for any OpenAPI
        3.1 tool."""
        if pointer not in self._validators:
            self._validators[pointer] = self.validator_for({"$ref": f"{SPEC_URI}{pointer}"})
        return self._validators[pointer]

    def validator_for(self, schema: Mapping[str, Json]) -> Draft202012Validator:
        """A validator of a schema that is not in the spec but may reference it."""
        return Draft202012Validator(
            schema, registry=self.registry, format_checker=Draft202012Validator.FORMAT_CHECKER
        )

    def schema_errors(self, pointer: str, instance: Json) -> list[str]:
        """`where: message` for every way `instance` breaks the schema at `pointer`."""
        return [
            f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
            for e in self.validator(pointer).iter_errors(instance)
        ]

    def rule_violations(self, schema: Json, instance: Json) -> list[rules.RuleViolation]:
        """The `x-scale-rules` (cross-field rules JSON Schema cannot state) `instance` breaks."""
        return rules.find_rule_violations(self.document, schema, instance)

    # -- operations ----------------------------------------------------------------------------

    @cached_property
    def operations(self) -> tuple[Operation, ...]:
        return operations.build(self.document, self.resolve)

    @cached_property
    def _by_id(self) -> dict[str, Operation]:
        return {op.operation_id: op for op in self.operations}

    def operation(self, operation_id: str) -> Operation:
        try:
            return self._by_id[operation_id]
        except KeyError:
            raise KeyError(f"the spec has no operation {operation_id!r}") from None

    def find(self, method: str, path: str) -> Operation:
        """The operation declared at `path` (a template, as written in the spec) for `method`."""
        for op in self.operations:
            if op.method == method.lower() and op.path == path:
                return op
        raise KeyError(f"the spec has no operation {method.upper()} {path}")

    @cached_property
    def _routes(self) -> tuple[dict[str, list[Operation]], list[Operation]]:
        concrete: dict[str, list[Operation]] = {}
        templated: list[Operation] = []
        for op in self.operations:
            if "{" in op.path:
                templated.append(op)
            else:
                concrete.setdefault(op.path, []).append(op)
        return concrete, templated

    def match(self, path: str) -> list[tuple[Operation, dict[str, str]]]:
        """Every operation on a request path (any method), with its raw path parameters. As
        OpenAPI says, a concrete path is matched before templated ones, and alone:
        `/task/annotation` is only ever the annotation path, never `/task/{task_id}`."""
        concrete, templated = self._routes
        if path in concrete:
            return [(op, {}) for op in concrete[path]]
        return [(op, m.groupdict()) for op in templated if (m := op.pattern.match(path))]

    def route(self, method: str, path: str) -> Operation | None:
        """The operation serving `method path`: the first operation on the path (`match`) with
        that method, if any (as a server routes: a template without the method does not hide
        another that has it)."""
        return next((op for op, _ in self.match(path) if op.method == method.lower()), None)

    def response_for(
        self, operation: Operation, status: int
    ) -> tuple[str, Mapping[str, Json]] | None:
        """The pointer and (resolved) Response Object documenting `status` for `operation`: the
        code's own, else its class's (`4XX`), else `default`; None when none does."""
        responses = operation.responses
        code = str(status)
        for key in (code, f"{code[0]}XX", "default"):
            if key in responses:
                raw = responses[key]
                reference = raw.get("$ref") if isinstance(raw, Mapping) else None
                pointer = reference or f"{operation.pointer}/responses/{doc.escape(key)}"
                return str(pointer), self.resolve(raw)
        return None

    def property_defaults(self, operation: Operation) -> dict[str, Json]:
        """Every property default of the operation's primary body schema, `allOf` merged."""
        body = operation.primary_body
        if body is None:
            return {}
        properties = self.merged_object(body.schema).properties
        return {name: prop["default"] for name, prop in properties.items() if "default" in prop}

    # -- provenance ----------------------------------------------------------------------------

    def tier(self, node: Json, key: str) -> str | None:
        """The tier the (resolved) node's `x-provenance` gives `key`."""
        return provenance.tier_of(self.resolve(node), key)

    def gated_document(self, tiers: Iterable[str]) -> dict[str, Json]:
        return provenance.gated(self.document, tiers)

    def provenance_rows(self) -> list[tuple[str, str, str, str]]:
        return provenance.rows(self.document)

    @property
    def behaviours(self) -> dict[str, list[Json]]:
        """The documented-behaviour matrix: `{rows: [...], excluded: [...]}` (empty if absent)."""
        matrix = self._behaviours or {}
        return {"rows": list(matrix.get("rows", [])), "excluded": list(matrix.get("excluded", []))}

    @cached_property
    def behaviour_tiers(self) -> dict[str, str]:
        return provenance.behaviour_tiers(self.behaviours)


@cache
def load(path: Path | None = None) -> Spec:
    """The spec at `path` (default: the one shipped with the kit), parsed once per process."""
    return Spec.from_file((path or PACKAGED).absolute())
