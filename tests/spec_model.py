"""Read `openapi/scale.yaml` the way the tests need it.

The spec is plain data; these helpers only walk it: list the operations, follow local `$ref`s,
and merge the `allOf` members of a request body so that a test can ask "what does the spec say
about property X of operation Y" without caring how the schema is factored into components.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi" / "scale.yaml"
SPEC_URI = "urn:scale-api:openapi"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

Json = Any


@cache
def load_spec() -> dict[str, Json]:
    """The parsed spec; cached because every test reads the same file."""
    with SPEC_PATH.open(encoding="utf-8") as handle:
        spec: dict[str, Json] = yaml.safe_load(handle)
    return spec


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    definition: Mapping[str, Json]
    path_item: Mapping[str, Json]

    @property
    def operation_id(self) -> str:
        return str(self.definition.get("operationId", ""))

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"

    def parameters(self, spec: Mapping[str, Json]) -> list[Mapping[str, Json]]:
        """Path-level and operation-level parameters, `$ref`s resolved."""
        raw = [*self.path_item.get("parameters", []), *self.definition.get("parameters", [])]
        return [resolve(spec, p) for p in raw]

    def parameter(self, spec: Mapping[str, Json], location: str, name: str) -> Mapping[str, Json]:
        for param in self.parameters(spec):
            if param["in"] == location and param["name"] == name:
                return param
        raise KeyError(f"{self.label} has no {location} parameter {name!r}")

    def body_schema(self, spec: Mapping[str, Json]) -> Mapping[str, Json]:
        body = resolve(spec, self.definition["requestBody"])
        content = body["content"]
        media = content.get("application/json") or next(iter(content.values()))
        schema: Mapping[str, Json] = resolve(spec, media["schema"])
        return schema


def operations(spec: Mapping[str, Json]) -> list[Operation]:
    """Every operation under `paths` (webhooks and callbacks are not served by the API)."""
    found = []
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                found.append(Operation(method, path, item[method], item))
    return found


def operation(spec: Mapping[str, Json], method: str, path: str) -> Operation:
    for op in operations(spec):
        if op.method == method.lower() and op.path == path:
            return op
    raise KeyError(f"no operation {method} {path}")


def resolve(spec: Mapping[str, Json], node: Json) -> Json:
    """Follow local `$ref`s (`#/...`) until a node without one is reached."""
    while isinstance(node, Mapping) and "$ref" in node and len(node) == 1:
        node = pointer(spec, node["$ref"])
    return node


def pointer(spec: Mapping[str, Json], ref: str) -> Json:
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are used in this spec, got {ref!r}")
    node: Json = spec
    for token in ref[2:].split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


@dataclass
class MergedSchema:
    """What an object schema says once its `$ref`s and `allOf` members are merged.

    Later members win for a property's keywords; `required`, `anyOf`, conditionals and
    `x-scale-rules` accumulate.
    """

    properties: dict[str, dict[str, Json]]
    required: set[str]
    any_of: list[Json]
    conditionals: list[Mapping[str, Json]]
    negations: list[Json]
    rules: list[Mapping[str, Json]]


def merge_object_schema(spec: Mapping[str, Json], schema: Json) -> MergedSchema:
    merged = MergedSchema({}, set(), [], [], [], [])
    _merge_into(spec, schema, merged)
    return merged


def _merge_into(spec: Mapping[str, Json], schema: Json, merged: MergedSchema) -> None:
    schema = resolve(spec, schema)
    for member in schema.get("allOf", []):
        _merge_into(spec, member, merged)
    for name, prop in schema.get("properties", {}).items():
        merged.properties.setdefault(name, {}).update(flatten_keywords(spec, prop))
    merged.required.update(schema.get("required", []))
    if "anyOf" in schema:
        merged.any_of.append(schema["anyOf"])
    if "if" in schema:
        merged.conditionals.append(schema)
    if "not" in schema:
        merged.negations.append(schema["not"])
    merged.rules.extend(schema.get("x-scale-rules", []))


def flatten_keywords(spec: Mapping[str, Json], schema: Json) -> dict[str, Json]:
    """The keywords of a property schema with its `$ref` and single-`allOf` wrappers merged in."""
    schema = resolve(spec, schema)
    flat: dict[str, Json] = {}
    for member in schema.get("allOf", []):
        flat.update(flatten_keywords(spec, member))
    if "$ref" in schema:
        flat.update(flatten_keywords(spec, {"$ref": schema["$ref"]}))
    flat.update({k: v for k, v in schema.items() if k not in ("allOf", "$ref")})
    return flat


def iter_schema_nodes(node: Json, path: str = "#") -> Iterator[tuple[str, Json]]:
    """Every mapping in the document with its JSON Pointer, depth first."""
    if isinstance(node, Mapping):
        yield path, node
        for key, value in node.items():
            escaped = str(key).replace("~", "~0").replace("/", "~1")
            yield from iter_schema_nodes(value, f"{path}/{escaped}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from iter_schema_nodes(value, f"{path}/{index}")


@cache
def _registry() -> Registry[Json]:
    resource: Resource[Json] = Resource.from_contents(
        load_spec(), default_specification=DRAFT202012
    )
    registry: Registry[Json] = Registry().with_resource(SPEC_URI, resource)
    return registry


def validator_for(schema_pointer: str) -> Draft202012Validator:
    """A format-checking 2020-12 validator for the schema at `schema_pointer` (`#/...`).

    The whole spec is registered as one resource, so the schema's own `#/components/...`
    references resolve exactly as they do for any OpenAPI 3.1 tool.
    """
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}{schema_pointer}"},
        registry=_registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
