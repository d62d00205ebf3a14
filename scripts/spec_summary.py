"""Validate `openapi/scale.yaml` and print what it holds (`make spec`).

Checks the spec with openapi-spec-validator, then prints a summary: operations per tag (and how
many are deprecated), schemas, named examples, `x-scale-rules` entries, `x-provenance` entries
per tier and the webhooks. Offline; exits non-zero if the spec is invalid.
Usage: `python scripts/spec_summary.py [SPEC]` (default `openapi/scale.yaml`).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

HTTP_METHODS = ("get", "put", "post", "delete", "patch")


def count_rules(node: Any) -> int:
    """How many `x-scale-rules` entries the document holds, wherever they are."""
    if isinstance(node, dict):
        return len(node.get("x-scale-rules", [])) + sum(count_rules(v) for v in node.values())
    if isinstance(node, list):
        return sum(count_rules(v) for v in node)
    return 0


def count_tiers(node: Any, counts: Counter[str] | None = None) -> Counter[str]:
    """How many `x-provenance` entries have each tier (docs, sdk, assumed, http)."""
    counts = Counter() if counts is None else counts
    if isinstance(node, dict):
        counts.update(str(tier) for tier in (node.get("x-provenance") or {}).values())
        for value in node.values():
            count_tiers(value, counts)
    elif isinstance(node, list):
        for value in node:
            count_tiers(value, counts)
    return counts


def summarise(spec: dict[str, Any]) -> list[str]:
    tags: Counter[str] = Counter()
    deprecated = 0
    for item in spec["paths"].values():
        for method in HTTP_METHODS:
            if method in item:
                tags[item[method]["tags"][0]] += 1
                deprecated += bool(item[method].get("deprecated"))
    components = spec["components"]
    lines = [
        f"{spec['info']['title']} {spec['info']['version']} (OpenAPI {spec['openapi']})",
        f"operations: {sum(tags.values())} ({deprecated} deprecated)",
    ]
    lines += [f"  {tag}: {count}" for tag, count in sorted(tags.items())]
    lines += [
        f"schemas: {len(components['schemas'])}",
        f"named examples: {len(components['examples'])}",
        f"x-scale-rules: {count_rules(spec)}",
        "provenance: " + ", ".join(f"{tier} {n}" for tier, n in sorted(count_tiers(spec).items())),
        f"webhooks: {', '.join(spec.get('webhooks', {}))}",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("spec", type=Path, nargs="?", default=Path("openapi/scale.yaml"))
    args = parser.parse_args(argv)
    spec_dict, base_uri = read_from_filename(str(args.spec))
    validate(spec_dict, base_uri=base_uri)
    print(f"{args.spec}: valid OpenAPI {spec_dict['openapi']}")
    with args.spec.open(encoding="utf-8") as handle:
        print("\n".join(summarise(yaml.safe_load(handle))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
