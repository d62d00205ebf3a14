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

import scale_spec
from scale_spec import Operation, Spec

ROOT = Path(__file__).resolve().parent.parent
SPEC = "openapi/scale.yaml"
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


def success(spec: Spec, operation: Operation) -> Any | None:
    """The JSON schema of the operation's first 2xx response that declares one."""
    for status, response in operation.responses.items():
        if status.startswith("2"):
            media = spec.resolve(response).get("content", {}).get("application/json")
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
    before = {(op.method, op.path): op for op in old.operations}
    after = {(op.method, op.path): op for op in new.operations}
    for method, path in sorted(set(before) - set(after)):
        changes.append(Change(True, f"{method.upper()} {path}", "operation removed"))
    for method, path in sorted(set(after) - set(before)):
        changes.append(Change(False, f"{method.upper()} {path}", "operation added"))
    for key in sorted(set(before) & set(after)):
        method, path = key
        where = f"{method.upper()} {path}"
        a, b = before[key], after[key]
        id_a, id_b = a.definition.get("operationId"), b.definition.get("operationId")
        if id_a != id_b:
            changes.append(Change(True, where, f"operationId {id_a} -> {id_b}"))
        params_a = {(p.location, p.name): p for p in a.parameters}
        params_b = {(p.location, p.name): p for p in b.parameters}
        for name in sorted(set(params_a) - set(params_b)):
            changes.append(Change(True, f"{where} {name[0]}.{name[1]}", "parameter removed"))
        for name in sorted(set(params_b) - set(params_a)):
            required = params_b[name].required
            what = "required parameter added" if required else "optional parameter added"
            changes.append(Change(required, f"{where} {name[0]}.{name[1]}", what))
        for name in sorted(set(params_a) & set(params_b)):
            label = f"{where} {name[0]}.{name[1]}"
            if params_b[name].required and not params_a[name].required:
                changes.append(Change(True, label, "parameter now required"))
            changes += compare_schemas(
                old, new, params_a[name].schema, params_b[name].schema, label, True
            )
        body_a, body_b = a.primary_body, b.primary_body
        if body_a and body_b:
            if b.body_required and not a.body_required:
                changes.append(Change(True, f"{where} body", "request body now required"))
            changes += compare_schemas(
                old, new, body_a.schema, body_b.schema, f"{where} body", True
            )
        success_a, success_b = success(old, a), success(new, b)
        if success_a is not None and success_b is not None:
            changes += compare_schemas(old, new, success_a, success_b, f"{where} response", False)
    return changes


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", nargs="?", help="git ref of the base spec")
    parser.add_argument("--files", nargs=2, metavar=("OLD", "NEW"), help="compare two spec files")
    args = parser.parse_args(argv)
    if args.files:
        old, new = (Spec.from_file(Path(f)) for f in args.files)
    elif args.base:
        old, new = load_at(args.base), scale_spec.load()
    else:
        parser.error("give a git ref, or --files OLD NEW")
    changes = compare(old, new)
    for change in sorted(changes, key=lambda c: (not c.breaking, c.where)):
        print(change)
    breaking = [c for c in changes if c.breaking]
    old_version, new_version = old.version, new.version
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
