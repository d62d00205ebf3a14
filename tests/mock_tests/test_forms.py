"""Form-encoded bodies (`application/x-www-form-urlencoded`), where the spec declares them.

The documents' `curl -d key=value` examples: repeated keys are arrays, bracket keys nest, text
is cast by the operation's schema, and then the body is validated as a JSON body is. Bad form
input is a 400 naming the field and the rule, never a 500. Which operations take forms comes
from the spec alone (shown with edited copies of it). Responses are spec-checked by the hook.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scale_spec
from scale_mock.spec import compile_spec, load_spec
from scale_mock.testing import ThreadedMock
from tests.mock_tests.conftest import api_client, fresh_key

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
IMAGE = "attachment=http%3A%2F%2Fi.imgur.com%2FXOJbalC.jpg"


def post_form(http: httpx.Client, path: str, text: str) -> httpx.Response:
    return http.post(path, content=text.encode(), headers=FORM)


def created(http: httpx.Client, path: str, text: str) -> dict[str, Any]:
    response = post_form(http, path, text)
    assert response.status_code == 200, response.text
    return dict(response.json())


def refused(response: httpx.Response) -> tuple[str, str]:
    assert response.status_code == 400, response.text
    body = response.json()
    return body["field"], body["rule"]


def test_repeated_keys_are_arrays_and_text_is_cast_by_the_schema(client: httpx.Client) -> None:
    task = created(
        client,
        "/task/annotation",
        f"{IMAGE}&objects_to_annotate=car&objects_to_annotate=pedestrian"
        "&with_labels=true&min_width=30&min_height=30&urgency=express",
    )
    params = task["params"]
    assert params["objects_to_annotate"] == ["car", "pedestrian"]
    assert params["with_labels"] is True
    assert (params["min_width"], params["min_height"]) == (30, 30)
    assert task["urgency"] == "express"


@pytest.mark.parametrize(
    ("text", "expected"), [("true", True), ("True", True), ("false", False), ("False", False)]
)
def test_booleans_as_json_and_python_write_them(
    client: httpx.Client, text: str, expected: bool
) -> None:
    task = created(
        client, "/task/annotation", f"{IMAGE}&objects_to_annotate=car&with_labels={text}"
    )
    assert task["params"]["with_labels"] is expected


def test_a_single_value_where_an_array_is_wanted_is_a_one_item_array(
    client: httpx.Client,
) -> None:
    task = created(client, "/task/annotation", f"{IMAGE}&objects_to_annotate=car")
    assert task["params"]["objects_to_annotate"] == ["car"]
    appended = created(
        client, "/task/annotation", f"{IMAGE}&objects_to_annotate[]=car&objects_to_annotate[]=bus"
    )
    assert appended["params"]["objects_to_annotate"] == ["car", "bus"]


def test_bracket_keys_nest_objects_and_lists(client: httpx.Client) -> None:
    task = created(
        client,
        "/task/annotation",
        f"{IMAGE}&objects_to_annotate[0][choice]=Vehicle"
        "&objects_to_annotate[0][subchoices][]=Car&objects_to_annotate[0][subchoices][]=Truck"
        "&objects_to_annotate[1]=Pedestrian"
        "&metadata[video][id]=v1&metadata[video][frames]=12"
        "&annotation_attributes[size][type]=number&annotation_attributes[size][description]=How"
        "&annotation_attributes[size][min]=0.5&annotation_attributes[size][max]=10",
    )
    params = task["params"]
    assert params["objects_to_annotate"] == [
        {"choice": "Vehicle", "subchoices": ["Car", "Truck"]},
        "Pedestrian",
    ]
    # Metadata is free-form: its values stay the text that was sent.
    assert task["metadata"] == {"video": {"id": "v1", "frames": "12"}}
    size = params["annotation_attributes"]["size"]
    assert (size["min"], size["max"]) == (0.5, 10)
    listed = created(
        client,
        "/task/annotation",
        f"{IMAGE}&objects_to_annotate[][choice]=Vehicle&objects_to_annotate[][subchoices]=Car"
        "&objects_to_annotate[][choice]=Person&objects_to_annotate[][subchoices]=Adult",
    )
    assert listed["params"]["objects_to_annotate"] == [
        {"choice": "Vehicle", "subchoices": ["Car"]},
        {"choice": "Person", "subchoices": ["Adult"]},
    ]


def test_nested_field_dictionaries_as_the_2016_documents_send_them(client: httpx.Client) -> None:
    task = created(
        client,
        "/task/transcription",
        "instruction=Transcribe&attachment_type=website&attachment=http%3A%2F%2Fwww.google.com%2F"
        "&fields[title]=Title+of+Webpage&fields[top_result]=Title%20of%20the%20top%20result",
    )
    assert task["params"]["fields"] == {
        "title": "Title of Webpage",
        "top_result": "Title of the top result",
    }


def test_json_text_where_an_object_is_expected_is_parsed(client: httpx.Client) -> None:
    attributes = '{"occlusion": {"description": "Occluded?", "choices": ["0%", "50%"]}}'
    task = created(
        client,
        "/task/annotation",
        f"{IMAGE}&objects_to_annotate=car&annotation_attributes={quote(attributes, safe='')}",
    )
    assert task["params"]["annotation_attributes"] == {
        "occlusion": {"description": "Occluded?", "choices": ["0%", "50%"]}
    }


def test_a_form_body_meets_the_same_validation_as_json(client: httpx.Client) -> None:
    assert refused(post_form(client, "/task/annotation", f"{IMAGE}&with_labels=maybe")) == (
        "body.objects_to_annotate",
        "required",
    )
    assert refused(
        post_form(client, "/task/annotation", f"{IMAGE}&objects_to_annotate=car&with_labels=maybe")
    ) == ("body.with_labels", "type")
    assert refused(
        post_form(
            client, "/task/lineannotation", f"{IMAGE}&objects_to_annotate=l&min_vertices=three"
        )
    ) == ("body.min_vertices", "type")
    assert refused(
        post_form(
            client,
            "/task/lineannotation",
            f"{IMAGE}&objects_to_annotate=l&min_vertices=3&max_vertices=2",
        )
    ) == ("body.max_vertices", "line_max_vertices_at_least_min_vertices")
    seven = "&".join(f"objects_to_annotate=o{i}" for i in range(7))
    assert refused(post_form(client, "/task/annotation", f"{IMAGE}&{seven}")) == (
        "body.objects_to_annotate",
        "maxItems",
    )
    assert refused(
        post_form(
            client,
            "/task/annotation",
            f"{IMAGE}&objects_to_annotate=car&with_labels=1&with_labels=0",
        )
    ) == ("body.with_labels", "type")
    assert refused(post_form(client, "/task/annotation", "")) == ("body", "required")


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("fields=a&fields[b]=c", "body.fields"),
        ("fields[b]=c&fields=a", "body.fields"),
        ("fields[b=c", "body.fields[b"),
        ("fields]=c", "body.fields]"),
        ("a" + "[x]" * 40 + "=1", "body.a"),
        ("instruction=%FF%FE", "body"),
        ("=orphan", "body"),
    ],
)
def test_unreadable_forms_are_a_400_naming_the_field(
    client: httpx.Client, text: str, field: str
) -> None:
    assert refused(post_form(client, "/task/transcription", text)) == (field, "form")


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "objects_to_annotate",
                    "objects_to_annotate[]",
                    "objects_to_annotate[0][choice]",
                    "objects_to_annotate[x]",
                    "with_labels",
                    "min_width",
                    "metadata[a][b]",
                    "annotation_attributes",
                    "annotation_attributes[a][min]",
                    "attachment",
                    "a[",
                    "",
                ]
            ),
            st.text(max_size=8),
        ),
        max_size=6,
    )
)
def test_no_form_makes_the_mock_fail(base_url: str, pairs: list[tuple[str, str]]) -> None:
    """Whatever the form, the answer is a 200 or a 4xx with the spec's error body (the hook
    checks it), never a 500."""
    with api_client(base_url, fresh_key()) as http:
        text = urlencode(pairs)
        response = post_form(http, "/task/annotation", text)
        assert response.status_code in (200, 400), response.text


# --- the spec decides ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def edited_spec_mock(store_backend: str) -> Iterator[ThreadedMock]:
    """A mock serving a copy of the spec in which `create_annotation_task` no longer takes
    forms and `set_project_params` does."""
    edited = copy.deepcopy(dict(scale_spec.load().document))
    boxes = edited["paths"]["/task/annotation"]["post"]["requestBody"]["content"]
    boxes.pop("application/x-www-form-urlencoded", None)
    params = edited["paths"]["/projects/{project_name}/setParams"]["post"]["requestBody"]
    params["content"]["application/x-www-form-urlencoded"] = params["content"]["application/json"]
    with ThreadedMock(spec=compile_spec(scale_spec.Spec(edited))) as mock:
        yield mock


def test_which_operations_take_forms_comes_from_the_spec(edited_spec_mock: ThreadedMock) -> None:
    with api_client(edited_spec_mock.base_url, fresh_key()) as http:
        response = post_form(http, "/task/annotation", f"{IMAGE}&objects_to_annotate=car")
        assert refused(response) == ("body", "json")
        assert "application/json" in response.json()["error"]
        # A JSON body still reads as JSON whatever its declared type (curl -d '{...}').
        as_json = http.post(
            "/task/annotation",
            content=b'{"attachment": "http://i.imgur.com/a.jpg", "objects_to_annotate": ["car"]}',
            headers=FORM,
        )
        assert as_json.status_code == 200, as_json.text
        assert http.post("/projects", json={"type": "annotation", "name": "kittens"}).is_success
        updated = post_form(
            http, "/projects/kittens/setParams", "instruction=Label+the+kittens&patch=true"
        )
        assert updated.status_code == 200, updated.text
        assert updated.json()["param_history"][-1]["instruction"] == "Label the kittens"


def form_operations() -> list[tuple[str, list[str]]]:
    """(path, top-level body properties) of every operation the spec lets take a form."""
    spec = load_spec()
    found = []
    for op in spec.operations:
        body = op.bodies.get("application/x-www-form-urlencoded")
        if body is None:
            continue
        names = spec.spec.flat(body.schema).get("properties", {})
        found.append((op.path.replace("{task_type}", "annotation"), sorted(names)))
    return found


FORM_OPERATIONS = form_operations()
JSON_OBJECT = quote('{"a": 1}', safe="")


@pytest.mark.parametrize(("path", "names"), FORM_OPERATIONS, ids=[p for p, _ in FORM_OPERATIONS])
def test_every_form_field_of_every_form_operation_is_answered_without_failing(
    fresh: httpx.Client, path: str, names: list[str]
) -> None:
    """Odd text in each field (empty, repeated, nested, JSON) is a 200 or a 4xx the spec
    declares (the hook checks it), never a 500."""
    assert names, path
    for name in names:
        for text in (
            f"{name}=",
            f"{name}=1&{name}=true",
            f"{name}[x][]=1",
            f"{name}={JSON_OBJECT}",
        ):
            response = post_form(fresh, path, text)
            assert response.status_code in (200, 400, 404, 409), (path, text, response.text)


def test_absurd_numbers_and_nesting_are_refused_not_failed(client: httpx.Client) -> None:
    digits = "9" * 5000  # past Python's 4300-digit limit for reading an integer
    line = f"{IMAGE}&objects_to_annotate=l&min_vertices={digits}"
    assert refused(post_form(client, "/task/lineannotation", line)) == (
        "body.min_vertices",
        "type",
    )
    deep = "[" * 5000 + "]" * 5000
    attributes = f"{IMAGE}&objects_to_annotate=car&annotation_attributes={deep}"
    assert refused(post_form(client, "/task/annotation", attributes))[0].startswith(
        "body.annotation_attributes"
    )
    as_json = (
        '{"attachment": "http://i.imgur.com/a.jpg", "objects_to_annotate": ["car"], '
        f'"metadata": {{"a": {deep}}}}}'
    )
    response = client.post(
        "/task/annotation", content=as_json, headers={"Content-Type": "application/json"}
    )
    assert refused(response) == ("body", "depth")
    labels: dict[str, Any] = {"choice": "x", "subchoices": ["y"]}
    for _ in range(400):
        labels = {"choice": "x", "subchoices": [labels]}
    nested = client.post(
        "/task/annotation",
        json={"attachment": "http://i.imgur.com/a.jpg", "objects_to_annotate": [labels]},
    )
    assert nested.status_code in (200, 400), nested.text


def test_a_json_object_sent_as_a_form_is_read_as_json(client: httpx.Client) -> None:
    """`curl -d '{...}'` without the JSON header sends curl's default form type."""
    body = b'{"attachment": "http://i.imgur.com/a.jpg", "objects_to_annotate": ["car", "bus"]}'
    task = created(client, "/task/annotation", body.decode())
    assert task["params"]["objects_to_annotate"] == ["car", "bus"]
    # Not JSON: a form whose one field is named `{not json`, which the schema then refuses.
    assert post_form(client, "/task/annotation", "{not json").status_code == 400
