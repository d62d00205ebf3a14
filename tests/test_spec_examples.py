"""Every example in the spec validates, with format checking, against the schema it illustrates.

The examples are the documents' own JSON (typos fixed), so a schema that rejects one of them
disagrees with the documentation, and an example that breaks its schema misleads readers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

import scale_spec

SPEC = scale_spec.load()


def media_type_examples() -> Iterator[tuple[str, str, Any]]:
    """(where, schema pointer, value) for every example under a media type or parameter."""
    for where, node in SPEC.iter_nodes():
        if not isinstance(node, Mapping) or "schema" not in node:
            continue
        if where.startswith("#/components/schemas"):
            continue
        schema = node["schema"]
        schema_pointer = schema.get("$ref", f"{where}/schema")
        if "example" in node:
            yield where, schema_pointer, node["example"]
        for name, example in node.get("examples", {}).items():
            resolved = SPEC.lookup(example["$ref"]) if "$ref" in example else example
            yield f"{where} {name}", schema_pointer, resolved["value"]


def schema_examples() -> Iterator[tuple[str, str, Any]]:
    """(where, schema pointer, value) for every JSON Schema `examples` keyword."""
    schemas = SPEC.document["components"]["schemas"]
    for where, node in SPEC.iter_nodes(schemas, "#/components/schemas"):
        examples = node.get("examples") if isinstance(node, Mapping) else None
        if isinstance(examples, list) and where.count("/") >= 3:
            for index, value in enumerate(examples):
                yield f"{where}[{index}]", where, value


MEDIA_EXAMPLES = list(media_type_examples())
SCHEMA_EXAMPLES = list(schema_examples())


def test_every_component_example_is_used() -> None:
    used = {w.rsplit(" ", 1)[-1] for w, _, _ in MEDIA_EXAMPLES if " " in w}
    assert set(SPEC.document["components"]["examples"]) <= used


def test_the_documents_examples_are_all_there() -> None:
    assert len(SPEC.document["components"]["examples"]) >= 50
    assert len(SCHEMA_EXAMPLES) >= 40


@pytest.mark.parametrize(
    ("where", "schema_pointer", "value"), MEDIA_EXAMPLES, ids=[w for w, _, _ in MEDIA_EXAMPLES]
)
def test_operation_example_matches_its_schema(where: str, schema_pointer: str, value: Any) -> None:
    errors = sorted(SPEC.validator(schema_pointer).iter_errors(value), key=str)
    assert not errors, "\n".join(f"{e.json_path}: {e.message}" for e in errors[:5])


@pytest.mark.parametrize(
    ("where", "schema_pointer", "value"), SCHEMA_EXAMPLES, ids=[w for w, _, _ in SCHEMA_EXAMPLES]
)
def test_schema_example_matches_its_schema(where: str, schema_pointer: str, value: Any) -> None:
    errors = sorted(SPEC.validator(schema_pointer).iter_errors(value), key=str)
    assert not errors, "\n".join(f"{e.json_path}: {e.message}" for e in errors[:5])


def test_format_checking_is_active() -> None:
    """The docs' own typo `2016-9-03` must be caught, or the example tests prove nothing."""
    bad = {"task_id": "x", "status": "pending", "created_at": "2016-9-03T07:38:32.368Z"}
    assert not SPEC.validator("#/components/schemas/Task").is_valid(bad)
