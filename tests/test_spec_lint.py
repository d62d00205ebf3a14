"""Spec lint beyond validity: what a reader of the spec as documentation relies on.

Every operation has a unique operationId, a summary and a description, and shows at least one
example (of its request or of its success response, directly or through the schema it uses);
every component schema says what it is; no component is left unused. (`make docs` also runs
`redocly lint` with docs/redocly.yaml; this keeps the same rules in `make test`, which needs no
npm.)
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

import scale_spec
from scale_spec import Operation

SPEC = scale_spec.load()
OPERATIONS = SPEC.operations


def _shows_example(media: dict[str, Any]) -> bool:
    if media.get("examples") or "example" in media:
        return True
    schema = SPEC.resolve(media.get("schema", {}))
    items = SPEC.resolve(schema.get("items", {}))
    return bool(schema.get("examples") or items.get("examples"))


def _examples(op: Operation) -> bool:
    body = SPEC.resolve(op.definition.get("requestBody", {}))
    media = list(body.get("content", {}).values())
    for status, response in op.definition["responses"].items():
        if status.startswith("2"):
            media += list(SPEC.resolve(response).get("content", {}).values())
    return any(_shows_example(m) for m in media)


def test_operation_ids_are_unique() -> None:
    counts = Counter(op.operation_id for op in OPERATIONS)
    assert [name for name, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.operation_id for op in OPERATIONS])
def test_every_operation_is_documented_with_an_example(op: Operation) -> None:
    assert op.definition.get("summary"), "no summary"
    assert op.definition.get("description"), "no description"
    assert _examples(op), "no example of its request or success response"


def test_every_component_schema_has_a_description() -> None:
    schemas = SPEC.document["components"]["schemas"]
    assert [name for name, schema in schemas.items() if not schema.get("description")] == []


def test_no_component_is_unused() -> None:
    # Every string that names a component: `$ref` values, discriminator mappings.
    named = {node for _, node in SPEC.iter_nodes() if isinstance(node, str)}
    unused = [
        f"{kind}/{name}"
        for kind, members in SPEC.document["components"].items()
        if kind != "securitySchemes"
        for name in members
        if f"#/components/{kind}/{name}" not in named
    ]
    assert unused == []
