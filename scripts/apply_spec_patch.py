"""Apply a JSON Patch (RFC 6902) to the spec, keeping its comments and formatting.

    python scripts/apply_spec_patch.py PATCH.json                      # openapi/scale.yaml
    python scripts/apply_spec_patch.py PATCH.json --spec other.yaml

Why: the validation proxy collects what real answers carry and the spec does not (fields, enum
values, statuses, types: `contract_tests/proxy/drift.py`) and writes it as a JSON Patch for a
maintainer to review. Applying that patch by hand to a 7000-line hand-written YAML file is slow
and error-prone, and loading and re-dumping it with a YAML library rewrites the whole file. This
applies the patch through `scale_spec.edit`, which changes only the lines the patch touches, then
prints each operation it applied. Review the diff (`git diff openapi/scale.yaml`), then run
`make client` to regenerate the client from the changed spec.

Exit status: 0 applied (an empty patch changes nothing); 2 a usage problem, with a one-line
message: a file that cannot be read, a patch that is not JSON or not a list of operations, or a
patch that does not apply (the spec is then left unchanged).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from scale_spec.edit import apply_patch

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "scale.yaml"


def describe(op: dict[str, Any]) -> str:
    """One line per operation: `add /components/schemas/Task/properties/foo`."""
    where = op.get("path", "")
    if op.get("op") in ("move", "copy"):
        where = f"{op.get('from', '')} -> {where}"
    value = op.get("value")
    shown = f" = {json.dumps(value)[:80]}" if op.get("op") in ("add", "replace", "test") else ""
    return f"{op.get('op', '?')} {where}{shown}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Apply a JSON Patch (RFC 6902) to the spec, keeping its formatting."
    )
    parser.add_argument("patch", type=Path, help="a JSON file holding a list of operations")
    parser.add_argument("--spec", type=Path, default=SPEC, help="the spec (openapi/scale.yaml)")
    args = parser.parse_args(argv)

    def usage(message: str) -> int:
        print(f"apply_spec_patch: {message}", file=sys.stderr)
        return 2

    try:
        text = args.patch.read_text(encoding="utf-8")
    except OSError as error:
        return usage(f"cannot read {args.patch}: {error.strerror or error}")
    try:
        operations = json.loads(text)
    except ValueError as error:
        return usage(f"{args.patch} is not JSON: {error}")
    if not isinstance(operations, list) or not all(isinstance(op, dict) for op in operations):
        return usage(f"{args.patch} is not a JSON Patch (a list of operation objects)")
    if not args.spec.is_file():
        return usage(f"no spec at {args.spec}")
    try:
        apply_patch(args.spec, operations)
    except ValueError as error:
        return usage(f"{args.spec} left unchanged: {' '.join(str(error).split())}")
    for op in operations:
        print(describe(op))
    print(f"{len(operations)} operation(s) applied to {args.spec}.")
    if operations:
        print("Review the change (git diff), then run `make client` to regenerate the client.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
