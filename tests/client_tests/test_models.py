"""The generated models read every example the spec carries, and survive values the spec does
not know yet (a new task type or status) by keeping them and warning."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
import scale_api_client.models as models
from scale_api_client.errors import UnknownEnumValueWarning
from scale_api_client.models import Task, TaskStatus, TaskType

import scale_spec

SPEC = scale_spec.load()
DOCUMENT = SPEC.document


def _model_name(ref: str) -> str | None:
    """The model class generated for `#/components/schemas/<Name>`, if it is one."""
    name = ref.rsplit("/", 1)[-1]
    return name if isinstance(getattr(models, name, None), type) else None


def _media_examples(content: dict[str, Any]) -> Iterator[tuple[str, Any, str]]:
    media = content.get("application/json", {})
    ref = media.get("schema", {}).get("$ref")
    if ref is None:
        return
    for label, example in media.get("examples", {}).items():
        yield ref, SPEC.resolve(example)["value"], label
    if "example" in media:
        yield ref, media["example"], "example"


def spec_examples() -> Iterator[tuple[str, Any, str]]:
    """(schema $ref, example value, where) for every example attached to a schema the client
    has a model for: schema-level `examples` and the examples of request and response bodies."""
    for name, schema in DOCUMENT["components"]["schemas"].items():
        for index, example in enumerate(schema.get("examples", [])):
            yield f"#/components/schemas/{name}", example, f"{name}.examples[{index}]"
    items = list(DOCUMENT["paths"].values()) + list(SPEC.webhooks.values())
    items += list(DOCUMENT["components"].get("pathItems", {}).values())
    for item in items:
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            body = SPEC.resolve(operation.get("requestBody", {}))
            yield from _media_examples(body.get("content", {}))
            for response in operation["responses"].values():
                yield from _media_examples(SPEC.resolve(response).get("content", {}))


EXAMPLES = [(ref, value, where) for ref, value, where in spec_examples() if _model_name(ref)]


def test_the_spec_has_examples_for_the_models() -> None:
    assert len(EXAMPLES) >= 60, len(EXAMPLES)


@pytest.mark.parametrize(("ref", "example", "where"), EXAMPLES, ids=[w for _, _, w in EXAMPLES])
def test_models_parse_every_example(ref: str, example: Any, where: str) -> None:
    model = getattr(models, _model_name(ref) or "")
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnknownEnumValueWarning)  # every documented value is known
        parsed = model.from_dict(example)
    again = model.from_dict(parsed.to_dict())
    assert again.to_dict() == parsed.to_dict()
    assert set(parsed.to_dict()) == set(example), "no field lost or invented"


def test_an_unknown_status_and_type_are_kept_with_a_warning() -> None:
    raw = {"task_id": "t1", "status": "frozen", "type": "hologramannotation", "metadata": {}}
    with pytest.warns(UnknownEnumValueWarning) as caught:
        task = Task.from_dict(raw)
    warned = " ".join(str(warning.message) for warning in caught)
    assert "'frozen'" in warned and "'hologramannotation'" in warned
    assert task.status == "frozen" and isinstance(task.status, TaskStatus)
    assert task.type_ == "hologramannotation" and isinstance(task.type_, TaskType)
    assert task.to_dict() == raw
    assert TaskStatus("completed") is TaskStatus.COMPLETED  # known values stay the members


def test_unknown_values_of_the_wrong_type_still_fail() -> None:
    with pytest.raises(ValueError):
        TaskStatus(3)  # type: ignore[arg-type]
    assert re.match(r"^\w+$", TaskStatus.PENDING.name)
