"""The spec compiled for serving: a validator per input, built once at start-up.

The mock never hard-codes a route, a parameter or a constraint: it reads the spec through
`scale_spec` (the kit's one reading of it, which also routes a path to its operations) and
compiles each operation's JSON Schema validators here, so that a request costs a regex match
and a validation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

import scale_spec
from scale_spec import FORM, JSON, MULTIPART, SPEC_URI, Body, Operation, Parameter

__all__ = [
    "FORM",
    "JSON",
    "MULTIPART",
    "SPEC_URI",
    "Body",
    "CompiledOperation",
    "CompiledSpec",
    "Parameter",
    "default_spec_path",
    "load_spec",
]


def default_spec_path() -> Path:
    """The spec shipped with the kit (`scale_spec/scale.yaml`, a symlink to
    `openapi/scale.yaml` in a checkout, a copy in a wheel)."""
    return scale_spec.PACKAGED


@dataclass(eq=False)
class CompiledOperation:
    """One operation of the spec, with what serving it needs precomputed."""

    operation: Operation
    validators: dict[str, Draft202012Validator]  # `query.limit`, `path.task_id`, ...
    body_validators: dict[str, Draft202012Validator]  # media type -> validator
    query_names: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.query_names = frozenset(p.name for p in self.parameters if p.location == "query")

    @property
    def operation_id(self) -> str:
        return self.operation.operation_id

    @property
    def method(self) -> str:
        return self.operation.method.upper()

    @property
    def path(self) -> str:
        return self.operation.path

    @property
    def task_type(self) -> str | None:
        return self.operation.task_type

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        return self.operation.parameters

    @property
    def bodies(self) -> Mapping[str, Body]:
        return self.operation.bodies

    @property
    def body_required(self) -> bool:
        return self.operation.body_required

    @property
    def primary_body(self) -> Body | None:
        return self.operation.primary_body

    @property
    def body_schema(self) -> Mapping[str, Any] | None:
        primary = self.primary_body
        return primary.schema if primary else None

    def body_for(self, content_type: str | None) -> Body | None:
        """The body a request of this `Content-Type` is read as: the declared media type it
        names, else the primary one (so JSON without the header still works)."""
        media = (content_type or "").split(";")[0].strip().lower()
        return self.bodies.get(media) or self.primary_body


@dataclass(eq=False)  # hashed by identity: one compiled spec per load
class CompiledSpec:
    spec: scale_spec.Spec
    operations: list[CompiledOperation]
    _compiled: dict[int, CompiledOperation] = field(default_factory=dict)
    _defaults: dict[str, Mapping[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._compiled = {id(op.operation): op for op in self.operations}

    def match(self, path: str) -> list[tuple[CompiledOperation, dict[str, str]]]:
        """Every operation on the path (any method), with its raw path parameters (routing is
        the spec's: `scale_spec.Spec.match`)."""
        return [(self._compiled[id(op)], params) for op, params in self.spec.match(path)]

    @property
    def document(self) -> Mapping[str, Any]:
        return self.spec.document

    def resolve(self, node: Any) -> Any:
        return self.spec.resolve(node)

    def defaults(self, operation_id: str) -> Mapping[str, Any]:
        """The property defaults of the operation's body, computed once per operation."""
        if operation_id not in self._defaults:
            found = self.spec.property_defaults(self.spec.operation(operation_id))
            self._defaults[operation_id] = found
        return self._defaults[operation_id]

    def validator(self, schema: Mapping[str, Any]) -> Draft202012Validator:
        return self.spec.validator_for(schema)


def compile_spec(spec: scale_spec.Spec) -> CompiledSpec:
    compiled = [
        CompiledOperation(
            operation=op,
            validators={f"{p.location}.{p.name}": spec.validator(p.pointer) for p in op.parameters},
            body_validators={media: spec.validator(b.pointer) for media, b in op.bodies.items()},
        )
        for op in spec.operations
    ]
    return CompiledSpec(spec, compiled)


@cache
def load_spec(path: Path | None = None) -> CompiledSpec:
    return compile_spec(scale_spec.load(path))
