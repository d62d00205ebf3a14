"""Load `openapi/scale.yaml` once and compile what serving it needs.

The mock never hard-codes a route, a parameter or a constraint: everything comes from the spec,
compiled here at start-up into `CompiledOperation`s (a path regex, coercion plans for the query,
a JSON Schema validator per input) so that a request costs a regex match and a validation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from scale_mock.rules import escape_token, resolve_ref

SPEC_URI = "urn:scale-api:openapi"
HTTP_METHODS = ("get", "put", "post", "delete", "patch")


def default_spec_path() -> Path:
    """The spec shipped in the package: in a checkout, `scale_mock/scale.yaml` is a symlink to
    `openapi/scale.yaml`; in a wheel, a copy of it."""
    return Path(__file__).parent / "scale.yaml"


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str
    required: bool
    schema: Mapping[str, Any]
    explode: bool


JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


@dataclass(frozen=True)
class Body:
    """One declared media type of a request body: its schema and compiled validator."""

    media_type: str
    schema: Mapping[str, Any]
    validator: Draft202012Validator


@dataclass
class CompiledOperation:
    operation_id: str
    method: str
    path: str
    pattern: re.Pattern[str]
    parameters: list[Parameter]
    body_required: bool
    bodies: dict[str, Body] = field(default_factory=dict)
    validators: dict[str, Draft202012Validator] = field(default_factory=dict)
    query_names: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.query_names = frozenset(p.name for p in self.parameters if p.location == "query")

    @property
    def primary_body(self) -> Body | None:
        """JSON when declared (what a request without a declared content type is read as),
        else the first media type the spec declares."""
        return self.bodies.get(JSON) or next(iter(self.bodies.values()), None)

    @property
    def body_media_type(self) -> str | None:
        primary = self.primary_body
        return primary.media_type if primary else None

    @property
    def body_schema(self) -> Mapping[str, Any] | None:
        primary = self.primary_body
        return primary.schema if primary else None

    def body_for(self, content_type: str | None) -> Body | None:
        """The body a request of this `Content-Type` is read as: the declared media type it
        names, else the primary one (so JSON without the header still works)."""
        media = (content_type or "").split(";")[0].strip().lower()
        return self.bodies.get(media) or self.primary_body


@dataclass(eq=False)  # hashed by identity: one compiled spec per load
class CompiledSpec:
    document: Mapping[str, Any]
    operations: list[CompiledOperation]
    registry: Registry[Any]
    _concrete: dict[str, list[CompiledOperation]] = field(default_factory=dict)
    _templated: list[CompiledOperation] = field(default_factory=list)

    def index(self) -> None:
        """Concrete paths by dict lookup; templated ones by regex, in declaration order."""
        self._concrete.clear()
        self._templated.clear()
        for op in self.operations:
            if "{" in op.path:
                self._templated.append(op)
            else:
                self._concrete.setdefault(op.path, []).append(op)

    def match(self, path: str) -> list[tuple[CompiledOperation, dict[str, str]]]:
        """Every operation on the path (any method), with its raw path parameters. As OpenAPI
        says, a concrete path is matched before templated ones, and alone: `/task/annotation`
        is only ever the annotation path, never `/task/{task_id}`."""
        if path in self._concrete:
            return [(op, {}) for op in self._concrete[path]]
        return [(op, m.groupdict()) for op in self._templated if (m := op.pattern.match(path))]

    def resolve(self, node: Any) -> Any:
        while isinstance(node, Mapping) and "$ref" in node:
            node = resolve_ref(self.document, node["$ref"])
        return node

    def validator(self, schema: Mapping[str, Any]) -> Draft202012Validator:
        return Draft202012Validator(
            schema, registry=self.registry, format_checker=Draft202012Validator.FORMAT_CHECKER
        )


def _path_regex(template: str) -> re.Pattern[str]:
    """`/task/{task_id}/cancel` → a regex whose groups are the (still percent-encoded) segments."""
    parts = re.split(r"(\{[^}]+\})", template)
    regex = "".join(
        f"(?P<{part[1:-1]}>[^/]+)" if part.startswith("{") else re.escape(part) for part in parts
    )
    return re.compile(f"^{regex}$")


def _at(location: str) -> Mapping[str, Any]:
    """A schema that is "the schema at `location` in the spec", so its own `#/components/...`
    references resolve against the whole document."""
    return {"$ref": f"{SPEC_URI}{location}"}


@cache
def load_spec(path: Path | None = None) -> CompiledSpec:
    with (path or default_spec_path()).open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.safe_load(handle)
    resource: Resource[Any] = Resource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    compiled = CompiledSpec(document, [], registry)
    for path_template, item in document["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                compiled.operations.append(_compile(compiled, path_template, method, item))
    compiled.index()
    return compiled


def _compile(
    spec: CompiledSpec, path: str, method: str, item: Mapping[str, Any]
) -> CompiledOperation:
    definition = item[method]
    base = f"#/paths/{escape_token(path)}"
    params = []
    located = [(f"{base}/parameters/{i}", p) for i, p in enumerate(item.get("parameters", []))]
    located += [
        (f"{base}/{method}/parameters/{i}", p)
        for i, p in enumerate(definition.get("parameters", []))
    ]
    pointers = {}
    for where, raw in located:
        if "$ref" in raw:
            where = raw["$ref"]
        param = spec.resolve(raw)
        pointers[(param["in"], param["name"])] = f"{where}/schema"
        params.append(
            Parameter(
                name=param["name"],
                location=param["in"],
                required=bool(param.get("required")),
                schema=spec.resolve(param["schema"]),
                explode=param.get("explode", param.get("style", "form") == "form"),
            )
        )
    raw_body = definition.get("requestBody", {})
    body_base = raw_body.get("$ref", f"{base}/{method}/requestBody")
    body = spec.resolve(raw_body)
    op = CompiledOperation(
        operation_id=definition["operationId"],
        method=method.upper(),
        path=path,
        pattern=_path_regex(path),
        parameters=params,
        body_required=bool(body.get("required")),
    )
    for media_type, media in body.get("content", {}).items():
        if "schema" not in media:
            continue
        pointer = f"{body_base}/content/{escape_token(media_type)}/schema"
        op.bodies[media_type.lower()] = Body(
            media_type.lower(), media["schema"], spec.validator(_at(pointer))
        )
    for param in params:
        pointer = pointers[(param.location, param.name)]
        op.validators[f"{param.location}.{param.name}"] = spec.validator(_at(pointer))
    return op
