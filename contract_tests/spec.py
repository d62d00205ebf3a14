"""The spec as the suite reads it: operations, `$ref` resolution, JSON Schema validators, the
provenance tier of every rule, and the documented-behaviour matrix.

The suite is independent of scale-mock: it ships its own copy of `openapi/scale.yaml` and
`openapi/behaviours.yaml` (symlinks in a checkout) and reads them here, and nowhere else.

Tiers: every constraint in the spec carries `x-provenance` (keyword or rule id -> `docs`, `sdk`,
`assumed` or `http`) on the node that holds it; a behaviour the suite checks beyond JSON Schema
takes its tier from the matrix row that names its rule id.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from contract_tests.target import SPEC_PATH

SPEC_URI = "urn:scale-api:openapi"
METHODS = ("get", "put", "post", "delete", "patch")


BEHAVIOURS_PATH = SPEC_PATH.with_name("behaviours.yaml")
TIER_ORDER = ("docs", "sdk", "http", "assumed")  # strongest first
# JSON Schema keywords that state a rule (a view without a rule drops them); other provenance
# keys (status codes, media types, x-scale-rules ids) are not schema keywords.
RULE_KEYWORDS = frozenset(
    {
        "minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "pattern", "format", "enum",
        "const", "minProperties", "maxProperties", "uniqueItems", "anyOf", "oneOf", "not",
        "if", "additionalProperties", "propertyNames", "dependentRequired", "contains",
    }
)  # fmt: skip


@cache
def document() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle)
    return loaded


@cache
def behaviours() -> dict[str, Any]:
    """The documented-behaviour matrix: `{rows: [...], excluded: [...]}` (empty if absent)."""
    if not BEHAVIOURS_PATH.exists():
        return {"rows": [], "excluded": []}
    with BEHAVIOURS_PATH.open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle) or {}
    return {"rows": loaded.get("rows", []), "excluded": loaded.get("excluded", [])}


@cache
def behaviour_tiers() -> dict[str, str]:
    """Rule id -> the strongest tier of the matrix rows naming it as their check."""
    tiers: dict[str, str] = {}
    for row in behaviours()["rows"]:
        for rule_id in row.get("checks", []):
            tiers[rule_id] = strongest((tiers.get(rule_id), row.get("tier")))
    return tiers


def strongest(tiers: Iterable[str | None]) -> str:
    present = [t for t in tiers if t in TIER_ORDER]
    return min(present, key=TIER_ORDER.index) if present else "docs"


def provenance(node: Any, key: str) -> str | None:
    """The tier `node`'s `x-provenance` gives `key` (a keyword, `required:<name>`, a rule id or
    a status code); `required:<name>` falls back to `required`."""
    node = resolve(node)
    if not isinstance(node, Mapping):
        return None
    marks = node.get("x-provenance") or {}
    if key in marks:
        return str(marks[key])
    if key.startswith("required:") and "required" in marks:
        return str(marks["required"])
    return None


def gated_document(tiers: Iterable[str]) -> dict[str, Any]:
    """The spec with every keyword whose tier is not in `tiers` taken out: what a run may hold
    a server to. (Schemathesis generates and judges from this view, so an `assumed` minimum
    never becomes a failure of a default run.)"""
    keep = set(tiers)
    view = copy.deepcopy(document())
    marked = [n for _, n in iter_nodes(view, "#") if isinstance(n, dict) and "x-provenance" in n]
    for node in marked:
        marks: dict[str, str] = node["x-provenance"]
        for key, tier in marks.items():
            if tier in keep:
                continue
            if key.startswith("required:") and isinstance(node.get("required"), list):
                name = key.removeprefix("required:")
                node["required"] = [n for n in node["required"] if n != name]
            elif key == "required" and isinstance(node.get("required"), list):
                node["required"] = [
                    n for n in node["required"] if marks.get(f"required:{n}", tier) in keep
                ]
            elif key in RULE_KEYWORDS and key in node:
                del node[key]
                if key == "if":
                    node.pop("then", None)
                    node.pop("else", None)
        if node.get("required") == []:
            del node["required"]
    return view


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def resolve(node: Any) -> Any:
    """Follow local `$ref`s until a node that is not a reference."""
    while isinstance(node, Mapping) and "$ref" in node:
        target: Any = document()
        for token in node["$ref"].removeprefix("#/").split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    definition: Mapping[str, Any]

    @property
    def operation_id(self) -> str:
        return str(self.definition["operationId"])

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path} ({self.operation_id})"

    @property
    def pointer(self) -> str:
        return f"#/paths/{escape(self.path)}/{self.method}"

    def parameters(self) -> list[tuple[str, Mapping[str, Any]]]:
        """(pointer to the parameter's schema, resolved parameter) of every parameter."""
        item = document()["paths"][self.path]
        found = []
        for where, raw_list in (
            (f"#/paths/{escape(self.path)}/parameters", item.get("parameters", [])),
            (f"{self.pointer}/parameters", self.definition.get("parameters", [])),
        ):
            for index, raw in enumerate(raw_list):
                location = raw.get("$ref", f"{where}/{index}")
                found.append((f"{location}/schema", resolve(raw)))
        return found

    def body(self) -> tuple[str, Mapping[str, Any]] | None:
        """(pointer, schema) of the JSON request body, if the operation takes one."""
        body = resolve(self.definition.get("requestBody", {}))
        media = body.get("content", {}).get("application/json")
        if media is None:
            return None
        return f"{self.pointer}/requestBody/content/application~1json/schema", media["schema"]

    def path_parameter_names(self) -> list[str]:
        return re.findall(r"\{([^}]+)\}", self.path)

    def concrete_path(self, **values: str) -> str:
        return re.sub(r"\{([^}]+)\}", lambda m: values.get(m.group(1), "x"), self.path)


@cache
def operations() -> tuple[Operation, ...]:
    return tuple(
        Operation(method, path, item[method])
        for path, item in document()["paths"].items()
        for method in METHODS
        if method in item
    )


def operation(operation_id: str) -> Operation:
    return next(op for op in operations() if op.operation_id == operation_id)


@cache
def _registry() -> Registry[Any]:
    resource: Resource[Any] = Resource.from_contents(document(), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return registry


@cache
def validator(pointer: str) -> Draft202012Validator:
    """A format-checking validator of the schema at `pointer` (`#/...`) in the spec."""
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}{pointer}"},
        registry=_registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def schema_errors(pointer: str, instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in validator(pointer).iter_errors(instance)
    ]


def iter_nodes(node: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    yield pointer, node
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from iter_nodes(value, f"{pointer}/{escape(str(key))}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from iter_nodes(value, f"{pointer}/{index}")
