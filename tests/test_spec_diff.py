"""`make spec-diff`: each class of change, on small spec pairs, and the version-bump gate."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scale_spec import Spec

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from spec_diff import compare, main

BASE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1.0.0"},
    "paths": {
        "/things": {
            "get": {
                "operationId": "list_things",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                    {
                        "name": "kind",
                        "in": "query",
                        "schema": {"type": "string", "enum": ["a", "b"]},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}
                        },
                    }
                },
            },
            "post": {
                "operationId": "create_thing",
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}
                    }
                },
                "responses": {"200": {"description": "ok"}},
            },
        }
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "size": {"type": "integer", "minimum": 0},
                    "tags": {"type": "array", "maxItems": 6, "items": {"type": "string"}},
                },
            }
        }
    },
}


def changed(edit: Any) -> list[str]:
    new = copy.deepcopy(BASE)
    edit(new)
    return [str(c) for c in compare(Spec(BASE), Spec(new))]


def thing(spec: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = spec["components"]["schemas"]["Thing"]
    return schema


def query(spec: dict[str, Any], index: int) -> dict[str, Any]:
    parameter: dict[str, Any] = spec["paths"]["/things"]["get"]["parameters"][index]
    return parameter


BREAKING = {
    "removed operation": (
        lambda s: s["paths"]["/things"].pop("post"),
        "POST /things: operation removed",
    ),
    "removed field": (
        lambda s: thing(s)["properties"].pop("size"),
        "response.size: property removed",
    ),
    "new required parameter": (
        lambda s: s["paths"]["/things"]["get"]["parameters"].append(
            {"name": "q", "in": "query", "required": True, "schema": {"type": "string"}}
        ),
        "query.q: required parameter added",
    ),
    "narrowed enum": (
        lambda s: query(s, 1)["schema"].update(enum=["a"]),
        "enum values removed: ['b']",
    ),
    "narrowed range": (lambda s: query(s, 0)["schema"].update(maximum=50), "maximum 100 -> 50"),
    "narrowed maxItems": (
        lambda s: thing(s)["properties"]["tags"].update(maxItems=3),
        "maxItems 6 -> 3",
    ),
    "changed type": (
        lambda s: thing(s)["properties"]["size"].update(type="string"),
        "type ['integer'] -> ['string']",
    ),
    "new required property": (
        lambda s: thing(s)["required"].append("size"),
        "body.size: now required",
    ),
    "renamed operationId": (
        lambda s: s["paths"]["/things"]["get"].update(operationId="things"),
        "operationId list_things -> things",
    ),
}
NON_BREAKING = {
    "added operation": (
        lambda s: s["paths"]["/things"].update(put=s["paths"]["/things"]["post"]),
        "operation added",
    ),
    "optional parameter": (
        lambda s: s["paths"]["/things"]["get"]["parameters"].append(
            {"name": "q", "in": "query", "schema": {"type": "string"}}
        ),
        "optional parameter added",
    ),
    "widened enum": (
        lambda s: query(s, 1)["schema"].update(enum=["a", "b", "c"]),
        "enum values added: ['c']",
    ),
    "dropped maximum": (lambda s: query(s, 0)["schema"].pop("maximum"), "maximum 100 dropped"),
    "nullable": (
        lambda s: thing(s)["properties"]["size"].update(type=["integer", "null"]),
        "-> ['integer', 'null']",
    ),
}


@pytest.mark.parametrize("name", list(BREAKING))
def test_breaking_changes_are_classed_breaking(name: str) -> None:
    edit, expected = BREAKING[name]
    found = changed(edit)
    assert any(line.startswith("BREAKING") and expected in line for line in found), found


@pytest.mark.parametrize("name", list(NON_BREAKING))
def test_compatible_changes_are_not_breaking(name: str) -> None:
    edit, expected = NON_BREAKING[name]
    found = changed(edit)
    assert any(expected in line for line in found), found
    assert not [line for line in found if line.startswith("BREAKING")], found


def test_no_change_is_no_change() -> None:
    assert changed(lambda s: None) == []


def test_breaking_fails_unless_the_major_version_is_bumped(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump(BASE))
    broken = copy.deepcopy(BASE)
    broken["paths"]["/things"].pop("post")
    new.write_text(yaml.safe_dump(broken))
    assert main(["--files", str(old), str(new)]) == 1
    broken["info"]["version"] = "2.0.0"
    new.write_text(yaml.safe_dump(broken))
    assert main(["--files", str(old), str(new)]) == 0


def test_the_committed_spec_against_itself_has_no_change() -> None:
    assert main(["HEAD"]) == 0
