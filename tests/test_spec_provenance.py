"""Every rule of the spec says where it comes from (`x-provenance`), and `docs` rules quote.

The convention (read by the contract suite and rendered by `make docs`):

- A node (schema, parameter, response header schema) that holds a constraint keyword carries
  `x-provenance: {<keyword>: <tier>}` in the same mapping. Keywords: `required` (a list on a
  schema, or `true` on a query or header parameter), `enum`, `const`, `pattern`, `minimum`,
  `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `minItems`, `maxItems`, `minLength`,
  `maxLength`, `minProperties`, `maxProperties`, `uniqueItems`, `propertyNames`, `not`, `if`
  (for the `if`/`then` pair), `anyOf`/`oneOf` whose branches are only `required`/`not` (the
  "one of these is required" groups), `additionalProperties: false`, and each `x-scale-rules`
  rule by its `id`. `required:<property>` may override `required` for one property.
- An operation carries `x-provenance: {"<status>": <tier>}` for each response it declares.
- A request body may carry `x-provenance: {<media type>: <tier>}` for its encodings.
- Tiers: `docs` (a document says it: the node's description quotes it, with document and line),
  `sdk` (only the official SDK's code or behaviour), `assumed` (our choice where the documents
  are silent), `http` (an HTTP convention).

`type` and `format` are structure, not rules, and carry no tier; nor do the keywords inside an
`if`, `then`, `else` or `not` (the `if`/`not` entry covers them) or inside a "one of these is
required" group.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

import scale_spec
from scale_spec.operations import METHODS
from scale_spec.provenance import tier_of

SPEC = scale_spec.load()
DOCUMENT = SPEC.document
TIERS = {"docs", "sdk", "assumed", "http"}
BOUNDS = (
    "enum",
    "const",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "minLength",
    "maxLength",
    "minProperties",
    "maxProperties",
    "uniqueItems",
    "propertyNames",
    "not",
    "if",
)
# Covered by the entry of the keyword that holds them, or not schemas at all.
NOT_DESCENDED = {"if", "then", "else", "not", "propertyNames", "examples", "example"}
NOT_DESCENDED |= {"description", "x-provenance", "x-scale-rules", "x-scale-rule-kinds"}
# A document named in a description: `docs-2016`, `docs-2018` or `sdk-readme` (the SDK README is
# one of the documents), next to a quoted passage ("..." or `...`).
CITATION = re.compile(r"docs-2016|docs-2018|sdk-readme")
QUOTE = re.compile(r'"[^"]{8,}"|`[^`]{8,}`')


def is_required_group(value: Any) -> bool:
    """`anyOf`/`oneOf` of `required` (and `not`) branches: "one of these is required"."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(b, Mapping) and set(b) <= {"required", "not"} for b in value)
    )


def constraint_keys(node: Mapping[str, Any]) -> list[str]:
    """The `x-provenance` keys `node` needs: its constraint keywords and rule ids."""
    is_parameter = "in" in node and "name" in node
    keys: list[str] = []
    for key, value in node.items():
        if key == "x-scale-rules":
            keys.extend(rule["id"] for rule in value)
            continue
        holds = (
            key in BOUNDS
            or (key == "required" and isinstance(value, list) and bool(value))
            or (key == "required" and value is True and is_parameter and node["in"] != "path")
            or (key in ("anyOf", "oneOf") and is_required_group(value))
            or (key == "additionalProperties" and value is False)
        )
        if holds:
            keys.append(key)
    return keys


def constrained_nodes(node: Any, path: str = "#") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every mapping of the spec that holds a constraint, with its JSON Pointer."""
    if isinstance(node, Mapping):
        if constraint_keys(node):
            yield path, node
        for key, value in node.items():
            if key in NOT_DESCENDED or (key in ("anyOf", "oneOf") and is_required_group(value)):
                continue
            if path == "#/components" and key == "examples":
                continue
            escaped = str(key).replace("~", "~0").replace("/", "~1")
            yield from constrained_nodes(value, f"{path}/{escaped}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from constrained_nodes(value, f"{path}/{index}")


def operations() -> Iterator[tuple[str, Mapping[str, Any]]]:
    """The API's operations, then those of the reusable path items (the callback webhook)."""
    for op in SPEC.operations:
        yield f"#/paths/{op.path} {op.method}", op.definition
    for name, item in DOCUMENT["components"]["pathItems"].items():
        for method in METHODS:
            if method in item:
                yield f"#/components/pathItems/{name} {method}", item[method]


def quotes_a_document(description: Any) -> bool:
    return isinstance(description, str) and bool(
        CITATION.search(description) and QUOTE.search(description)
    )


NODES = list(constrained_nodes(DOCUMENT))
OPERATIONS = list(operations())


def _every_x_provenance() -> Iterator[tuple[str, Mapping[str, Any]]]:
    for path, node in SPEC.iter_nodes():
        if isinstance(node, Mapping) and "x-provenance" in node:
            yield path, node


def test_the_walk_finds_the_rules() -> None:
    """A guard against a walk that silently finds nothing."""
    keys = [key for _, node in NODES for key in constraint_keys(node)]
    assert len(keys) > 200
    assert {"maxItems", "required", "enum", "if", "not", "anyOf"} <= set(keys)
    assert "line_max_vertices_at_least_min_vertices" in keys


@pytest.mark.parametrize(("path", "node"), NODES, ids=[p for p, _ in NODES])
def test_every_constraint_has_a_tier(path: str, node: Mapping[str, Any]) -> None:
    missing = [key for key in constraint_keys(node) if tier_of(node, key) is None]
    assert not missing, f"{path}: no x-provenance for {missing}"


@pytest.mark.parametrize(("path", "op"), OPERATIONS, ids=[p for p, _ in OPERATIONS])
def test_every_status_code_has_a_tier(path: str, op: Mapping[str, Any]) -> None:
    provenance = op.get("x-provenance", {})
    missing = [code for code in op["responses"] if code not in provenance]
    assert not missing, f"{path}: no x-provenance for status {missing}"
    assert set(provenance) <= set(op["responses"]), f"{path}: tiers for undeclared statuses"


def test_the_tiers_are_defined_at_the_root() -> None:
    assert set(DOCUMENT["x-provenance-tiers"]) == TIERS


def test_every_tier_is_one_of_the_four() -> None:
    bad = [
        (path, key, tier)
        for path, node in _every_x_provenance()
        for key, tier in node["x-provenance"].items()
        if tier not in TIERS
    ]
    assert not bad


def test_every_tier_names_something_the_node_holds() -> None:
    """No stale entries: each key is a constraint of its node, a status, or a media type."""
    stale = []
    for path, node in _every_x_provenance():
        if "responses" in node:  # an operation
            allowed = set(node["responses"])
        elif "content" in node:  # a request body
            allowed = set(node["content"])
        else:
            names = node.get("required")
            required = names if isinstance(names, list) else []
            allowed = set(constraint_keys(node)) | {f"required:{name}" for name in required}
        stale += [(path, key) for key in node["x-provenance"] if key not in allowed]
    assert not stale


@pytest.mark.parametrize(("path", "node"), NODES, ids=[p for p, _ in NODES])
def test_a_docs_rule_quotes_its_document(path: str, node: Mapping[str, Any]) -> None:
    docs = [key for key in constraint_keys(node) if tier_of(node, key) == "docs"]
    if docs:
        assert quotes_a_document(node.get("description")), (
            f"{path}: {docs} are `docs` but the description quotes no document with its line"
        )


@pytest.mark.parametrize(("path", "op"), OPERATIONS, ids=[p for p, _ in OPERATIONS])
def test_a_docs_status_quotes_its_document(path: str, op: Mapping[str, Any]) -> None:
    """A `docs` status is quoted by the response (e.g. the errors table) or the operation."""
    for code, tier in op.get("x-provenance", {}).items():
        if tier == "docs":
            response = SPEC.resolve(op["responses"][code])
            assert quotes_a_document(response.get("description")) or quotes_a_document(
                op.get("description")
            ), f"{path} {code}"


def test_request_body_encodings_have_tiers() -> None:
    """Where a body declares several encodings (JSON and the documents' form), each has a tier."""
    for path, op in OPERATIONS:
        body = op.get("requestBody")
        if body and "$ref" not in body and len(body["content"]) > 1:
            assert set(body["content"]) <= set(body.get("x-provenance", {})), path
            if "docs" in body["x-provenance"].values():
                assert quotes_a_document(body.get("description")), path


def test_the_cancel_statuses_are_both_conformant() -> None:
    """Documents: 500; the official SDK: 400. Both are declared, with their tiers."""
    cancel = SPEC.find("post", "/task/{task_id}/cancel").definition
    assert cancel["x-provenance"]["500"] == "docs"
    assert cancel["x-provenance"]["400"] == "sdk"
    assert "500 error code" in cancel["responses"]["500"]["description"]


def test_undocumented_minimums_are_assumed() -> None:
    """The Errata: no document states these; they may stay, but only as `assumed`."""
    schemas = DOCUMENT["components"]["schemas"]
    segment = schemas["SegmentAnnotationTaskCreate"]["allOf"][1]["properties"]
    categorization = schemas["CategorizationTaskParams"]["allOf"][1]["properties"]
    comparison = schemas["ComparisonTaskCreate"]["allOf"][1]["properties"]
    assumed = [
        (schemas["ObjectsToAnnotate"], "minItems"),
        (schemas["NestedLabel"]["properties"]["subchoices"], "minItems"),
        (segment["labels"], "minItems"),
        (segment["labels"]["items"], "minLength"),
        (categorization["categories"], "minItems"),
        (comparison["attachments"], "minItems"),
        (comparison["choices"], "minItems"),
        (comparison["fields"], "minProperties"),
        (schemas["Attribute"], "number_attribute_max_at_least_min"),
        (
            schemas["CuboidAnnotationTaskCreate"]["allOf"][2],
            "cuboid_max_annotations_at_least_min_annotations",
        ),
        (schemas["Iso8601DateOrTime"], "pattern"),
        (schemas["SegmentAnnotationTaskCreate"]["allOf"][2], "not"),
        (schemas["Task"]["allOf"][11], "if"),
    ]
    assert [tier_of(node, key) for node, key in assumed] == ["assumed"] * len(assumed)
