"""The operations of the spec as a small typed model: what a server routes, a suite exercises
and a client calls. Built once per `Spec` from `paths`; webhooks and callbacks are not served by
the API and are read from the document where needed."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from scale_spec.document import escape

Json = Any
METHODS = ("get", "put", "post", "delete", "patch")
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
TASK_TYPE = "x-scale-task-type"


@dataclass(frozen=True)
class Parameter:
    """One parameter, `$ref` resolved; `pointer` locates its schema (for a validator)."""

    name: str
    location: str  # path, query, header, cookie
    required: bool
    schema: Mapping[str, Json]
    explode: bool
    pointer: str
    definition: Mapping[str, Json]


@dataclass(frozen=True)
class Body:
    """One declared media type of a request body; `pointer` locates its schema."""

    media_type: str
    schema: Mapping[str, Json]
    pointer: str


@dataclass(frozen=True, eq=False)  # one per spec: compared and hashed by identity
class Operation:
    method: str  # lower case, as in the document
    path: str
    definition: Mapping[str, Json] = field(repr=False)
    path_item: Mapping[str, Json] = field(repr=False)
    parameters: tuple[Parameter, ...] = field(repr=False)
    bodies: Mapping[str, Body] = field(repr=False)  # media type (lower case) -> body
    body_required: bool = field(repr=False)

    @property
    def operation_id(self) -> str:
        return str(self.definition["operationId"])

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path} ({self.operation_id})"

    @property
    def pointer(self) -> str:
        return f"#/paths/{escape(self.path)}/{self.method}"

    @property
    def task_type(self) -> str | None:
        """The type of task this operation creates (`x-scale-task-type`), if it creates one."""
        value = self.definition.get(TASK_TYPE)
        return str(value) if value is not None else None

    @property
    def billable(self) -> bool:
        """Creating a task is what Scale bills for."""
        return self.task_type is not None

    @property
    def deprecated(self) -> bool:
        return bool(self.definition.get("deprecated"))

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(self.definition.get("tags", ()))

    @property
    def responses(self) -> Mapping[str, Json]:
        """Status code (as a string, or `default`) -> response object, `$ref`s unresolved."""
        return {str(k): v for k, v in self.definition.get("responses", {}).items()}

    def parameter(self, location: str, name: str) -> Parameter:
        for param in self.parameters:
            if param.location == location and param.name == name:
                return param
        raise KeyError(f"{self.label} has no {location} parameter {name!r}")

    @property
    def primary_body(self) -> Body | None:
        """JSON when declared (what a request without a content type is read as), else the
        first media type the spec declares."""
        return self.bodies.get(JSON) or next(iter(self.bodies.values()), None)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """A regex of the path template whose groups are the (still percent-encoded) segments:
        `/task/{task_id}/cancel` -> `^/task/(?P<task_id>[^/]+)/cancel$`."""
        parts = re.split(r"(\{[^}]+\})", self.path)
        regex = "".join(
            f"(?P<{part[1:-1]}>[^/]+)" if part.startswith("{") else re.escape(part)
            for part in parts
        )
        return re.compile(f"^{regex}$")

    def path_parameter_names(self) -> list[str]:
        return re.findall(r"\{([^}]+)\}", self.path)

    def concrete_path(self, **values: str) -> str:
        return re.sub(r"\{([^}]+)\}", lambda m: values.get(m.group(1), "x"), self.path)


Resolver = Callable[[Json], Json]  # follows Reference Objects (`Spec.resolve`)


def build(document: Mapping[str, Json], resolve: Resolver) -> tuple[Operation, ...]:
    found = []
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                found.append(_operation(resolve, path, method, item))
    return tuple(found)


def _operation(resolve: Resolver, path: str, method: str, item: Mapping[str, Json]) -> Operation:
    definition = item[method]
    base = f"#/paths/{escape(path)}"
    located = [(f"{base}/parameters/{i}", p) for i, p in enumerate(item.get("parameters", []))]
    located += [
        (f"{base}/{method}/parameters/{i}", p)
        for i, p in enumerate(definition.get("parameters", []))
    ]
    parameters = []
    for where, raw in located:
        param = resolve(raw)
        parameters.append(
            Parameter(
                name=param["name"],
                location=param["in"],
                required=bool(param.get("required")),
                schema=resolve(param.get("schema", {})),
                explode=param.get("explode", param.get("style", "form") == "form"),
                pointer=f"{raw.get('$ref', where)}/schema",
                definition=param,
            )
        )
    raw_body = definition.get("requestBody", {})
    body_base = raw_body.get("$ref", f"{base}/{method}/requestBody")
    body = resolve(raw_body)
    bodies = {
        media_type.lower(): Body(
            media_type.lower(),
            media["schema"],
            f"{body_base}/content/{escape(media_type)}/schema",
        )
        for media_type, media in body.get("content", {}).items()
        if "schema" in media
    }
    return Operation(
        method=method,
        path=path,
        definition=definition,
        path_item=item,
        parameters=tuple(parameters),
        bodies=bodies,
        body_required=bool(body.get("required")),
    )
