"""Parse the spec's YAML (the only place in the kit that does) and walk it by JSON Pointer.

Everything here is plain data: pointers are RFC 6901 (`#/paths/~1task~1annotation/post`), and a
`$ref` is always local, so the document is one resource and needs no loader beyond YAML.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

Json = Any
# libyaml's loader when PyYAML was built with it (ten times faster on the spec: every process of
# the kit parses it once), else the pure-Python one; both load the same safe subset.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str) -> dict[str, Json]:
    """The spec document from YAML text (a git blob, a copy under test, the packaged file)."""
    loaded = yaml.load(text, Loader=SafeLoader)
    if not isinstance(loaded, dict):
        raise ValueError("an OpenAPI document is a mapping at the top level")
    return loaded


def read(path: Path) -> dict[str, Json]:
    return parse(path.read_text(encoding="utf-8"))


def escape(token: object) -> str:
    """An object key as an RFC 6901 reference token."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def lookup(document: Json, ref: str) -> Json:
    """The node a local reference (`#/...`) names; anything else is a spec bug, so fail loudly
    rather than skip what the node says."""
    if not ref.startswith("#"):
        raise ValueError(f"only local $ref is supported, got {ref!r}")
    node = document
    for raw in ref[2:].split("/") if ref not in ("#", "#/") else []:
        token = unescape(raw)
        if isinstance(node, Mapping) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise ValueError(f"unresolvable $ref {ref!r}")
    return node


def iter_nodes(node: Json, pointer: str = "#") -> Iterator[tuple[str, Json]]:
    """Every node (mappings, lists and scalars) under `node` with its pointer, depth first."""
    yield pointer, node
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from iter_nodes(value, f"{pointer}/{escape(key)}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from iter_nodes(value, f"{pointer}/{index}")
