"""Where each rule comes from, and the view of the spec a run may hold a server to.

Every constraint carries `x-provenance` (keyword, `required:<name>`, rule id or status code ->
`docs`, `sdk`, `http` or `assumed`) on the node that holds it; a behaviour checked beyond JSON
Schema takes its tier from the row of the documented-behaviour matrix (`behaviours.yaml`) that
names its rule id.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from scale_spec.document import iter_nodes

Json = Any
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


def strongest(tiers: Iterable[str | None]) -> str:
    present = [t for t in tiers if t in TIER_ORDER]
    return min(present, key=TIER_ORDER.index) if present else "docs"


def marks(node: Json) -> Mapping[str, str]:
    """A node's `x-provenance` map (empty when it has none)."""
    found = node.get("x-provenance") if isinstance(node, Mapping) else None
    return {str(k): str(v) for k, v in (found or {}).items()}


def tier_of(node: Json, key: str) -> str | None:
    """The tier `node`'s `x-provenance` gives `key` (a keyword, `required:<name>`, a rule id or
    a status code); `required:<name>` falls back to `required`. `node` is already resolved."""
    found = marks(node)
    if key in found:
        return found[key]
    if key.startswith("required:") and "required" in found:
        return found["required"]
    return None


def gated(document: Mapping[str, Json], tiers: Iterable[str]) -> dict[str, Json]:
    """A copy of the document with every keyword whose tier is not in `tiers` taken out: what a
    run may hold a server to (so an `assumed` minimum never fails a default run)."""
    keep = set(tiers)
    view = copy.deepcopy(dict(document))
    marked = [n for _, n in iter_nodes(view) if isinstance(n, dict) and "x-provenance" in n]
    for node in marked:
        node_marks: dict[str, str] = node["x-provenance"]
        for key, tier in node_marks.items():
            if tier in keep:
                continue
            if key.startswith("required:") and isinstance(node.get("required"), list):
                name = key.removeprefix("required:")
                node["required"] = [n for n in node["required"] if n != name]
            elif key == "required" and isinstance(node.get("required"), list):
                node["required"] = [
                    n for n in node["required"] if node_marks.get(f"required:{n}", tier) in keep
                ]
            elif key in RULE_KEYWORDS and key in node:
                del node[key]
                if key == "if":
                    node.pop("then", None)
                    node.pop("else", None)
        if node.get("required") == []:
            del node["required"]
    return view


def rows(document: Json) -> list[tuple[str, str, str, str]]:
    """(pointer, rule, tier, description) for every `x-provenance` entry, examples excluded."""
    found = []
    for pointer, node in iter_nodes(document):
        if {"example", "examples"} & set(pointer.split("/")):
            continue
        for rule, tier in marks(node).items():
            found.append((pointer, rule, tier, str(node.get("description") or "")))
    return found


def behaviour_tiers(matrix: Mapping[str, Json]) -> dict[str, str]:
    """Rule id -> the strongest tier of the matrix rows naming it as their check."""
    tiers: dict[str, str] = {}
    for row in matrix.get("rows", []):
        for rule_id in row.get("checks", []):
            tiers[rule_id] = strongest((tiers.get(rule_id), row.get("tier")))
    return tiers
