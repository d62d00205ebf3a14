"""`GET /tasks`: every filter returns exactly the matching tasks, pages are disjoint and
complete, and bad filter values are 400s that name the parameter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.mock_tests.conftest import ClientFactory, fresh_key

BOX = {"attachment": "http://127.0.0.1:9/a.png", "objects_to_annotate": ["car"]}
CATEGORIES = {
    "instruction": "Pick.",
    "attachment": "a",
    "attachment_type": "text",
    "categories": ["x", "y"],
}


def all_tasks(http: httpx.Client, **query: Any) -> list[dict[str, Any]]:
    """Every task matching `query`, by following `next_token`."""
    found: list[dict[str, Any]] = []
    token = None
    while True:
        params = {**query, **({"next_token": token} if token else {})}
        page = http.get("/tasks", params=params).json()
        found += page["docs"]
        token = page.get("next_token")
        if not page["has_more"]:
            assert token is None
            return found


@pytest.fixture(scope="module")
def account(base_url: str) -> dict[str, Any]:
    """A live-mode tenant with tasks in every status, project, batch, tag and type."""
    key = fresh_key("live")
    with httpx.Client(base_url=base_url, auth=(key, ""), timeout=10) as http:
        for name in ("p1", "p2"):
            http.post("/projects", json={"type": "annotation", "name": name})
        http.post("/batches", json={"project": "p1", "name": "b1"})
        made = []
        for index in range(12):
            body: dict[str, Any] = dict(BOX)
            if index % 3 == 0:
                body.update(project="p1", batch="b1")
            elif index % 3 == 1:
                body["project"] = "p2"
            kind = "annotation" if index % 2 else "categorization"
            if kind == "categorization":
                body = {
                    **CATEGORIES,
                    **{k: v for k, v in body.items() if k in ("project", "batch")},
                }
            body["unique_id"] = f"u{index}"
            task = http.post(f"/task/{kind}", json=body).json()
            made.append(task["task_id"])
            if index % 4 == 0:
                http.post(f"/task/{task['task_id']}/tags", json=["red", f"t{index}"])
        root = base_url.removesuffix("/v1")
        for task_id in made[:4]:
            httpx.post(f"{root}/_mock/tasks/{task_id}/complete", auth=(key, ""))
        http.post(f"/task/{made[4]}/cancel")
        http.post(f"/task/{made[0]}/audit", json={"accepted": False})
    return {"key": key, "ids": made}


@pytest.fixture
def http(client_for: ClientFactory, account: dict[str, Any]) -> httpx.Client:
    return client_for(account["key"])


def test_default_order_is_newest_first(http: httpx.Client, account: dict[str, Any]) -> None:
    tasks = all_tasks(http)
    assert [t["task_id"] for t in tasks] == list(reversed(account["ids"]))
    stamps = [t["created_at"] for t in tasks]
    assert stamps == sorted(stamps, reverse=True)


Predicate = Callable[[dict[str, Any]], bool]
FILTERS: list[tuple[dict[str, Any], Predicate]] = [
    ({"status": "completed"}, lambda t: t["status"] == "completed"),
    ({"status": "pending"}, lambda t: t["status"] == "pending"),
    ({"status": "canceled"}, lambda t: t["status"] == "canceled"),
    ({"type": "categorization"}, lambda t: t["type"] == "categorization"),
    ({"project": "p2"}, lambda t: t.get("project") == "p2"),
    ({"batch": "b1"}, lambda t: t.get("batch") == "b1"),
    ({"unique_id": ["u1", "u5", "zz"]}, lambda t: t.get("unique_id") in ("u1", "u5")),
    ({"tags": ["t4", "t8"]}, lambda t: bool({"t4", "t8"} & set(t.get("tags", [])))),
    ({"tags": "red"}, lambda t: "red" in t.get("tags", [])),
    (
        {"customer_review_status": "rejected,accepted"},
        lambda t: t.get("customer_review_status") in ("rejected", "accepted"),
    ),
    (
        {"project": "p1", "status": "pending"},
        lambda t: (t.get("project"), t["status"]) == ("p1", "pending"),
    ),
]


@pytest.mark.parametrize(("query", "matches"), FILTERS, ids=[str(q) for q, _ in FILTERS])
def test_each_filter_returns_exactly_the_matching_tasks(
    http: httpx.Client, query: dict[str, Any], matches: Predicate
) -> None:
    everything = all_tasks(http)
    expected = [t["task_id"] for t in everything if matches(t)]
    assert expected, "the fixture must give every filter something to find"
    assert [t["task_id"] for t in all_tasks(http, limit=2, **query)] == expected
    assert http.get("/tasks", params={**query, "limit": 1}).json()["total"] == len(expected)


def test_time_filters_bound_created_completed_and_updated(http: httpx.Client) -> None:
    everything = all_tasks(http)
    middle = everything[len(everything) // 2]
    since = [t for t in everything if t["created_at"] >= middle["created_at"]]
    assert all_tasks(http, start_time=middle["created_at"]) == since
    until = [t for t in everything if t["created_at"] <= middle["created_at"]]
    assert all_tasks(http, end_time=middle["created_at"]) == until
    done = [t for t in everything if "completed_at" in t]
    last_done = max(t["completed_at"] for t in done)
    assert all_tasks(http, completed_after=last_done) == [
        t for t in done if t["completed_at"] == last_done
    ]
    assert all_tasks(http, completed_before=last_done) == done
    assert all_tasks(http, completed_before="2000-01-01") == []
    assert len(all_tasks(http, updated_after="2000-01-01 00:00:00.000000")) == len(everything)
    assert all_tasks(http, updated_before="2000-01-01T00:00:00+00:00") == []


def test_bounds_beyond_year_9999_in_utc_are_open_bounds(http: httpx.Client) -> None:
    """Found by Schemathesis: a pattern-valid time that leaves the calendar once in UTC."""
    everything = all_tasks(http)
    assert all_tasks(http, end_time="9999-12-31T23:59:59-23:59") == everything


def test_offset_and_token_pages_are_disjoint_and_complete(http: httpx.Client) -> None:
    everything = [t["task_id"] for t in all_tasks(http)]
    by_offset: list[str] = []
    for offset in range(0, len(everything) + 5, 5):
        page = http.get("/tasks", params={"limit": 5, "offset": offset}).json()
        assert page["offset"] == offset and page["limit"] == 5
        assert page["has_more"] == (offset + 5 < len(everything))
        by_offset += [t["task_id"] for t in page["docs"]]
    assert by_offset == everything
    first = http.get("/tasks", params={"limit": 5}).json()
    assert "next_token" in first and first["total"] == len(everything)


def test_limited_response_keeps_only_the_documented_keys(http: httpx.Client) -> None:
    page = http.get("/tasks", params={"limited_response": "True", "include_attachment_url": "True"})
    for task in page.json()["docs"]:
        assert set(task) <= {"task_id", "status", "metadata", "project", "otherVersion"}


@pytest.mark.parametrize(
    ("query", "field", "rule"),
    [
        ({"limit": 0}, "query.limit", "minimum"),
        ({"limit": "ten"}, "query.limit", "type"),
        ({"offset": -1}, "query.offset", "minimum"),
        ({"status": "done"}, "query.status", "enum"),
        ({"start_time": "yesterday"}, "query.start_time", "pattern"),
        ({"completed_after": "2020-13-45"}, "query.completed_after", "pattern"),
        ({"completed_after": "2021-02-30"}, "query.completed_after", "format"),
        ({"next_token": "not-a-token"}, "query.next_token", "opaque_token"),
        ({"customer_review_status": "great"}, "query.customer_review_status[0]", "enum"),
        ({"include_attachment_url": "maybe"}, "query.include_attachment_url", "type"),
        ({"colour": "red"}, "query.colour", "unknown"),
    ],
)
def test_bad_list_parameters_are_400_naming_the_parameter(
    http: httpx.Client, query: dict[str, Any], field: str, rule: str
) -> None:
    response = http.get("/tasks", params=query)
    assert response.status_code == 400, response.text
    assert (response.json()["field"], response.json()["rule"]) == (field, rule)


@pytest.mark.parametrize("offset", [2**63 - 1, 2**63, 10**30])
def test_an_offset_past_every_task_is_an_empty_page_however_large(
    http: httpx.Client, offset: int
) -> None:
    """Schema-valid (no maximum): found by `schemathesis run` as a 500 at 2**63 and above."""
    page = http.get("/tasks", params={"offset": offset})
    assert page.status_code == 200, page.text
    assert page.json()["docs"] == [] and page.json()["has_more"] is False
