"""scale-mock's spec-driven core: routing, auth, validation errors, and the first task semantics.

Every response is checked against the spec, so the mock cannot drift from it.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

import scale_spec
from tests.mock_tests.conformance import check_response, hook, operation_of
from tests.mock_tests.conftest import LIVE_KEY, OTHER_KEY, ClientFactory

SPEC = scale_spec.load()


def conforms(response: httpx.Response, method: str, path: str) -> Any:
    """The response's JSON; the client's hook has already checked it against the spec."""
    assert operation_of(method, response.request.url.path.removeprefix("/v1")) == SPEC.find(
        method, path
    )
    return response.json()


BOX = {
    "attachment": "http://example.com/a.png",
    "objects_to_annotate": ["car"],
    "callback_url": "http://127.0.0.1:9/cb",
}


def test_no_or_bad_credentials_get_401(base_url: str) -> None:
    """Raw clients on purpose: the point is to send no or bad credentials."""
    assert httpx.get(f"{base_url}/tasks").status_code == 401
    bad = httpx.get(f"{base_url}/tasks", auth=("not_a_key", ""))
    assert bad.status_code == 401
    assert bad.json()["error"] == "No valid API key provided"


def test_unknown_path_is_404_and_undeclared_method_405_with_allow(client: httpx.Client) -> None:
    assert client.get("/nope").status_code == 404
    response = client.request("PATCH", "/tasks")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


def test_head_is_get_without_the_body(client: httpx.Client) -> None:
    """RFC 9110 9.3.2: a server answers HEAD as GET, without the body; a proxy or a monitor
    sends it (405 only where the path has no GET)."""
    got, head = client.get("/projects"), client.head("/projects")
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == got.headers["content-length"]
    refused = client.head("/task/annotation")  # POST only
    assert (refused.status_code, refused.headers["allow"]) == (405, "POST")


def test_constraint_violations_name_field_and_rule(client: httpx.Client) -> None:
    seven = client.post("/task/annotation", json={**BOX, "objects_to_annotate": ["a"] * 7})
    body = conforms(seven, "post", "/task/annotation")
    assert seven.status_code == 400
    assert (body["field"], body["rule"]) == ("body.objects_to_annotate", "maxItems")
    limit = client.get("/tasks", params={"limit": 101})
    assert (limit.status_code, limit.json()["field"], limit.json()["rule"]) == (
        400,
        "query.limit",
        "maximum",
    )
    missing = client.post(
        "/task/comparison",
        json={"instruction": "x", "attachment_type": "text", "attachments": ["a", "b"]},
    )
    assert missing.status_code == 400
    assert "choices" in missing.json()["error"] and "fields" in missing.json()["error"]
    rule = client.post("/task/lineannotation", json={**BOX, "min_vertices": 3, "max_vertices": 2})
    assert (rule.status_code, rule.json()["rule"]) == (
        400,
        "line_max_vertices_at_least_min_vertices",
    )


def test_create_then_retrieve_returns_what_was_sent(client: httpx.Client) -> None:
    created = conforms(
        client.post("/task/annotation", json={**BOX, "min_width": "30", "metadata": {"k": "v"}}),
        "post",
        "/task/annotation",
    )
    assert created["status"] == "pending"
    assert created["params"]["min_width"] == 30 and created["params"]["with_labels"] is False
    fetched = conforms(client.get(f"/task/{created['task_id']}"), "get", "/task/{task_id}")
    assert fetched["status"] == "completed"  # test mode: not done by a human
    assert fetched["metadata"] == {"k": "v"} and fetched["params"] == created["params"]


def test_cancel_only_pending_and_second_key_sees_nothing(client_for: ClientFactory) -> None:
    with client_for(LIVE_KEY) as live:
        task = live.post("/task/annotation", json=BOX).json()
        canceled = live.post(f"/task/{task['task_id']}/cancel")
        assert conforms(canceled, "post", "/task/{task_id}/cancel")["status"] == "canceled"
        again = live.post(f"/task/{task['task_id']}/cancel")
        assert again.status_code == 400
        with client_for(OTHER_KEY) as other:
            assert other.get(f"/task/{task['task_id']}").status_code == 404


def test_duplicate_unique_id_is_409_until_cleared(live: httpx.Client) -> None:
    first = live.post("/task/annotation", json={**BOX, "unique_id": "u-1"}).json()
    duplicate = live.post("/task/annotation", json={**BOX, "unique_id": "u-1"})
    assert conforms(duplicate, "post", "/task/annotation") and duplicate.status_code == 409
    live.post(f"/task/{first['task_id']}/cancel", params={"clear_unique_id": "true"})
    assert live.post("/task/annotation", json={**BOX, "unique_id": "u-1"}).status_code == 200


def test_list_is_newest_first_and_pages_are_disjoint(client_for: ClientFactory) -> None:
    with client_for("test_lister") as http:
        ids = [http.post("/task/annotation", json=BOX).json()["task_id"] for _ in range(5)]
        first = conforms(http.get("/tasks", params={"limit": 2}), "get", "/tasks")
        assert first["total"] == 5 and first["has_more"] is True
        seen = [t["task_id"] for t in first["docs"]]
        token = first["next_token"]
        while token:
            page = http.get("/tasks", params={"limit": 2, "next_token": token}).json()
            seen += [t["task_id"] for t in page["docs"]]
            token = page.get("next_token")
        assert seen == list(reversed(ids))


def test_projects_are_unique_and_versioned(client: httpx.Client) -> None:
    body = {"type": "annotation", "name": "kittens", "params": {"instruction": "label kittens"}}
    project = conforms(client.post("/projects", json=body), "post", "/projects")
    assert project["param_history"][0]["version"] == 0
    assert client.post("/projects", json=body).status_code == 409
    task = client.post(
        "/task/annotation", json={**BOX, "instruction": "Boxes.", "project": "kittens"}
    ).json()
    assert task["instruction"].endswith("label kittens")
    assert client.get("/projects/unknown").status_code == 404


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "x", path)


@pytest.mark.parametrize("credentials", [None, ("", ""), ("sk_live_1234", ""), ("test_", "")])
def test_all_operations_need_a_valid_key(
    base_url: str, credentials: tuple[str, str] | None
) -> None:
    with httpx.Client(base_url=base_url, event_hooks={"response": [hook]}) as anonymous:
        for op in SPEC.operations:
            response = anonymous.request(op.method, _concrete(op.path), auth=credentials)
            assert response.status_code == 401, (op.operation_id, response.text)
            assert response.headers["www-authenticate"].startswith("Basic")


def test_the_spec_check_catches_a_nonconforming_response() -> None:
    """The checker every test relies on must itself fail on a wrong answer."""
    request = httpx.Request("GET", "http://mock/v1/tasks")
    wrong = httpx.Response(200, json={"docs": "not a list"}, request=request)
    with pytest.raises(AssertionError, match="list_tasks 200 breaks the spec"):
        check_response(wrong)
    undeclared = httpx.Response(201, json={}, request=request)
    with pytest.raises(AssertionError, match="undeclared 201"):
        check_response(undeclared)


def test_a_concrete_path_is_never_a_template(client: httpx.Client) -> None:
    """Found by Schemathesis: `GET /task/annotation` is not `GET /task/{task_id}`."""
    response = client.get("/task/annotation")
    assert (response.status_code, response.headers["allow"]) == (405, "POST")


def test_names_may_hold_any_character(client: httpx.Client) -> None:
    """Found by Schemathesis: a `%0A` in a path segment got the framework's text 404."""
    name = "line\nbreak/slash ü"
    assert client.post("/projects", json={"type": "annotation", "name": name}).is_success
    encoded = "line%0Abreak%2Fslash%20%C3%BC"
    assert client.get(f"/projects/{encoded}").json()["name"] == name
