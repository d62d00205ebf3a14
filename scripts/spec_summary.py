"""Validate the spec and print what it holds (`make spec`).

Checks the file with openapi-spec-validator, then prints a summary read through `scale_spec`:
operations per tag (and how many are deprecated), schemas, named examples, `x-scale-rules`
entries, `x-provenance` entries per tier (examples aside) and the webhooks. Offline; exits
non-zero if the spec is invalid.
Usage: `python scripts/spec_summary.py [SPEC]` (default: the spec `scale_spec` ships, i.e.
`openapi/scale.yaml`).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

import scale_spec
from scale_spec import Spec


def summarise(spec: Spec) -> list[str]:
    tags = Counter(op.tags[0] for op in spec.operations)
    deprecated = sum(op.deprecated for op in spec.operations)
    document = spec.document
    components = document["components"]
    rules = sum(
        len(node.get("x-scale-rules", []))
        for _, node in spec.iter_nodes()
        if isinstance(node, Mapping)
    )
    tiers = Counter(tier for _, _, tier, _ in spec.provenance_rows())
    lines = [
        f"{document['info']['title']} {spec.version} (OpenAPI {document['openapi']})",
        f"operations: {len(spec.operations)} ({deprecated} deprecated)",
    ]
    lines += [f"  {tag}: {count}" for tag, count in sorted(tags.items())]
    lines += [
        f"schemas: {len(components['schemas'])}",
        f"named examples: {len(components['examples'])}",
        f"x-scale-rules: {rules}",
        "provenance: " + ", ".join(f"{tier} {n}" for tier, n in sorted(tiers.items())),
        f"webhooks: {', '.join(spec.webhooks)}",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("spec", type=Path, nargs="?", default=scale_spec.PACKAGED)
    args = parser.parse_args(argv)
    spec_dict, base_uri = read_from_filename(str(args.spec))
    validate(spec_dict, base_uri=base_uri)
    print(f"{args.spec}: valid OpenAPI {spec_dict['openapi']}")
    print("\n".join(summarise(Spec.from_file(args.spec))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
