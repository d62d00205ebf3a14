"""Compare the spec at a git ref with the working copy, and class each change for clients.

    python scripts/spec_diff.py BASE            # e.g. main, HEAD~3, a tag
    python scripts/spec_diff.py --files OLD NEW # two spec files

Breaking for clients: a removed operation or operationId, a removed parameter or a parameter
that became required, a new required parameter or request property, a removed property, a
response property no longer required, a narrowed enum or range (minimum/maximum, minItems/
maxItems, minLength/maxLength) in a request, a changed type. Everything else is listed as
non-breaking. Exit 1 on a breaking change unless `info.version` got a major bump.

No well-kept Python library diffs OpenAPI 3.1 (oasdiff is a Go binary, Atlassian's
openapi-diff an npm package without 3.1 support), so the comparison is written here, over the
parts of a spec a generated client depends on.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = "openapi/scale.yaml"
METHODS = ("get", "put", "post", "delete", "patch")
NARROWING = {
    "minimum": 1,
    "minItems": 1,
    "minLength": 1,
    "maximum": -1,
    "maxItems": -1,
    "maxLength": -1,
}


@dataclass(frozen=True)
class Change:
    breaking: bool
    where: str
    what: str

    def __str__(self) -> str:
        return f"{'BREAKING' if self.breaking else 'non-breaking'}: {self.where}: {self.what}"


class Spec:
    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document

    def resolve(self, node: Any) -> Any:
        seen = 0
        while isinstance(node, Mapping) and "$ref" in node and seen < 50:
            target: Any = self.document
            for token in node["$ref"].removeprefix("#/").split("/"):
                target = target[token.replace("~1", "/").replace("~0", "~")]
            node, seen = target, seen + 1
        return node

    def flat(self, schema: Any) -> dict[str, Any]:
        """A schema with `$ref`s followed and `allOf` members merged (properties, required)."""
        schema = self.resolve(schema)
        if not isinstance(schema, Mapping):
            return {}
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        merged["properties"] = dict(schema.get("properties", {}))
        merged["required"] = list(schema.get("required", []))
        for member in schema.get("allOf", []):
            part = self.flat(member)
            merged["properties"] = {**part.get("properties", {}), **merged["properties"]}
            merged["required"] += part.get("required", [])
            for key, value in part.items():
                merged.setdefault(key, value)
        branches = [*schema.get("anyOf", []), *schema.get("oneOf", [])]
        if branches and not all(set(branch) == {"required"} for branch in branches):
            # alternatives (e.g. an object or null): every branch's properties, the union of types
            for branch in branches:
                part = self.flat(branch)
                merged["properties"] = {**part.get("properties", {}), **merged["properties"]}
                merged["type"] = sorted(_types(merged) | _types(part))
        return merged

    def operations(self) -> dict[tuple[str, str], Mapping[str, Any]]:
        return {
            (method, path): item[method]
            for path, item in self.document.get("paths", {}).items()
            for method in METHODS
            if method in item
        }

    def parameters(self, path: str, operation: Mapping[str, Any]) -> dict[tuple[str, str], Any]:
        item = self.document["paths"][path]
        found = {}
        for raw in [*item.get("parameters", []), *operation.get("parameters", [])]:
            parameter = self.resolve(raw)
            found[(parameter["in"], parameter["name"])] = parameter
        return found

    def body(self, operation: Mapping[str, Any]) -> tuple[Any, bool] | None:
        body = self.resolve(operation.get("requestBody", {}))
        content = body.get("content", {})
        if not content:
            return None
        return next(iter(content.values())).get("schema", {}), bool(body.get("required"))

    def success(self, operation: Mapping[str, Any]) -> Any | None:
        for status, response in operation.get("responses", {}).items():
            if str(status).startswith("2"):
                media = self.resolve(response).get("content", {}).get("application/json")
                if media is not None:
                    return media.get("schema")
        return None


def _types(schema: Mapping[str, Any]) -> set[str]:
    kind = schema.get("type")
    return set(kind) if isinstance(kind, list) else ({kind} if kind else set())


def compare_schemas(
    old: Spec, new: Spec, before: Any, after: Any, where: str, request: bool, depth: int = 0
) -> Iterator[Change]:
    """Changes between two schemas, judged from a client's side: what it sends (`request`)
    must still be accepted, what it reads must still be there."""
    if depth > 6:
        return
    a, b = old.flat(before), new.flat(after)
    if _types(a) and _types(b) and _types(a) != _types(b):
        widened = _types(a) < _types(b)
        yield Change(not widened, where, f"type {sorted(_types(a))} -> {sorted(_types(b))}")
    if isinstance(a.get("enum"), list) and isinstance(b.get("enum"), list):
        removed = [v for v in a["enum"] if v not in b["enum"]]
        added = [v for v in b["enum"] if v not in a["enum"]]
        if removed:
            yield Change(request, where, f"enum values removed: {removed}")
        if added:
            yield Change(False, where, f"enum values added: {added}")
    for keyword, direction in NARROWING.items():
        if keyword in b and (keyword not in a or (b[keyword] - a[keyword]) * direction > 0):
            yield Change(request, where, f"{keyword} {a.get(keyword, 'none')} -> {b[keyword]}")
        elif keyword in a and keyword not in b:
            yield Change(False, where, f"{keyword} {a[keyword]} dropped")
    required_before, required_after = set(a.get("required", [])), set(b.get("required", []))
    for name in sorted(required_after - required_before):
        yield Change(request, f"{where}.{name}", "now required")
    for name in sorted(required_before - required_after):
        yield Change(not request, f"{where}.{name}", "no longer required")
    props_a, props_b = a.get("properties", {}), b.get("properties", {})
    for name in sorted(set(props_a) - set(props_b)):
        yield Change(True, f"{where}.{name}", "property removed")
    for name in sorted(set(props_b) - set(props_a)):
        yield Change(request and name in required_after, f"{where}.{name}", "property added")
    for name in sorted(set(props_a) & set(props_b)):
        yield from compare_schemas(
            old, new, props_a[name], props_b[name], f"{where}.{name}", request, depth + 1
        )
    if "items" in a and "items" in b:
        yield from compare_schemas(
            old, new, a["items"], b["items"], f"{where}[]", request, depth + 1
        )


def compare(old: Spec, new: Spec) -> list[Change]:
    changes: list[Change] = []
    before, after = old.operations(), new.operations()
    for method, path in sorted(set(before) - set(after)):
        changes.append(Change(True, f"{method.upper()} {path}", "operation removed"))
    for method, path in sorted(set(after) - set(before)):
        changes.append(Change(False, f"{method.upper()} {path}", "operation added"))
    for key in sorted(set(before) & set(after)):
        method, path = key
        where = f"{method.upper()} {path}"
        a, b = before[key], after[key]
        if a.get("operationId") != b.get("operationId"):
            changes.append(
                Change(True, where, f"operationId {a.get('operationId')} -> {b.get('operationId')}")
            )
        params_a, params_b = old.parameters(path, a), new.parameters(path, b)
        for name in sorted(set(params_a) - set(params_b)):
            changes.append(Change(True, f"{where} {name[0]}.{name[1]}", "parameter removed"))
        for name in sorted(set(params_b) - set(params_a)):
            required = bool(params_b[name].get("required"))
            what = "required parameter added" if required else "optional parameter added"
            changes.append(Change(required, f"{where} {name[0]}.{name[1]}", what))
        for name in sorted(set(params_a) & set(params_b)):
            label = f"{where} {name[0]}.{name[1]}"
            if params_b[name].get("required") and not params_a[name].get("required"):
                changes.append(Change(True, label, "parameter now required"))
            changes += compare_schemas(
                old,
                new,
                params_a[name].get("schema", {}),
                params_b[name].get("schema", {}),
                label,
                True,
            )
        body_a, body_b = old.body(a), new.body(b)
        if body_a and body_b:
            if body_b[1] and not body_a[1]:
                changes.append(Change(True, f"{where} body", "request body now required"))
            changes += compare_schemas(old, new, body_a[0], body_b[0], f"{where} body", True)
        success_a, success_b = old.success(a), new.success(b)
        if success_a is not None and success_b is not None:
            changes += compare_schemas(old, new, success_a, success_b, f"{where} response", False)
    return changes


def major(version: str) -> int:
    try:
        return int(str(version).split(".")[0])
    except ValueError:
        return 0


def load_at(ref: str) -> dict[str, Any]:
    shown = subprocess.run(
        ["git", "show", f"{ref}:{SPEC}"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded: dict[str, Any] = yaml.safe_load(shown.stdout)
    return loaded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", nargs="?", help="git ref of the base spec")
    parser.add_argument("--files", nargs=2, metavar=("OLD", "NEW"), help="compare two spec files")
    args = parser.parse_args(argv)
    if args.files:
        old_doc, new_doc = (yaml.safe_load(Path(f).read_text()) for f in args.files)
    elif args.base:
        old_doc, new_doc = load_at(args.base), yaml.safe_load((ROOT / SPEC).read_text())
    else:
        parser.error("give a git ref, or --files OLD NEW")
    changes = compare(Spec(old_doc), Spec(new_doc))
    for change in sorted(changes, key=lambda c: (not c.breaking, c.where)):
        print(change)
    breaking = [c for c in changes if c.breaking]
    old_version, new_version = old_doc["info"]["version"], new_doc["info"]["version"]
    bumped = major(new_version) > major(old_version)
    print(
        f"\n{len(breaking)} breaking, {len(changes) - len(breaking)} non-breaking; "
        f"info.version {old_version} -> {new_version}" + (" (major bump)" if bumped else "")
    )
    if breaking and not bumped:
        print("breaking changes need a major version bump in info.version", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
