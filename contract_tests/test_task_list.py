"""`GET /tasks`: order, `limit`, paging by `offset` and by `next_token`, `total`/`has_more`,
and every filter, on tasks this run creates in a project of its own."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from contract_tests.api import Api, Rule, check
from contract_tests.conftest import Claim
from contract_tests.spec import operation
from contract_tests.target import Target

pytestmark = pytest.mark.billable
LIST = operation("list_tasks")
ORDER = Rule(
    "list.descending_created_at",
    " ".join(str(LIST.definition["description"]).split("\n\n")[0].split()),
    LIST.pointer,
)
PAGING = Rule(
    "list.paging",
    "Pages by offset and by next_token are disjoint and together complete; limit is honoured; "
    "total counts every match and has_more says whether more follow.",
    "#/components/schemas/TaskListPage",
)


def _parameter_rule(name: str) -> Rule:
    for parameter in LIST.parameters:
        if parameter.name == name:
            text = " ".join(str(parameter.definition.get("description", name)).split())
            return Rule(f"list.filter.{name}", text, parameter.pointer.removesuffix("/schema"))
    raise LookupError(name)


def _dt(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


@pytest.fixture(scope="module")
def listed(api: Api, target: Target) -> Iterator[dict[str, Any]]:
    """Seven tasks of two types in a project of this run, with tags, unique_ids and a batch
    (one set per worker: with --workers, each worker that runs tests of this module has its
    own, named after the run and the worker)."""
    run = "-".join(filter(None, (target.run_id, os.environ.get("PYTEST_XDIST_WORKER"))))
    project = f"contract-list-{run}"
    batch = f"contract-list-batch-{run}"
    api.post("/projects", json_body={"type": "annotation", "name": project})
    api.post("/batches", json_body={"project": project, "name": batch})
    in_batch: set[str] = set()  # a task's `batch` is not always echoed back: remember it
    for index in range(7):
        body: dict[str, Any] = {"project": project, "unique_id": f"list-{run}-{index}"}
        if index % 2:
            kind = "categorization"
            body.update(
                instruction="Pick.", attachment_type="text", attachment="car", categories=["a", "b"]
            )
        else:
            kind = "annotation"
            body.update(attachment="https://example.com/l.png", objects_to_annotate=["car"])
        if index < 3:
            body["batch"] = batch
        response = api.post(f"/task/{kind}", json_body=body)
        assert response.status_code == 200, response.text
        if "batch" in body:
            in_batch.add(response.json()["task_id"])
        if index % 3 == 0:
            api.post(f"/task/{response.json()['task_id']}/tags", json_body=["red", f"t{index}"])
    everything = _all(api, project=project)
    yield {"project": project, "batch": batch, "tasks": everything, "in_batch": in_batch}


def _states(tasks: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(t["task_id"], t.get("status"), t.get("updated_at")) for t in tasks]


def _all(api: Api, **query: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    token = None
    for _ in range(1000):
        page = api.get("/tasks", params={**query, **({"next_token": token} if token else {})})
        assert page.status_code == 200, page.text
        found += page.json()["docs"]
        token = page.json().get("next_token")
        if not page.json()["has_more"] or not token:
            return found
    raise AssertionError("more than 1,000 pages")


def test_tasks_come_newest_first(api: Api, listed: dict[str, Any], claim: Claim) -> None:
    claim(ORDER, LIST)
    stamps = [task["created_at"] for task in listed["tasks"]]
    check(
        len(stamps) == 7 and stamps == sorted(stamps, key=_dt, reverse=True),
        ORDER,
        operation=LIST,
        expected="the 7 tasks of this run, created_at descending",
        response=api.last,
        api=api,
    )


def test_pages_are_disjoint_complete_and_consistent(
    api: Api, listed: dict[str, Any], claim: Claim
) -> None:
    claim(PAGING, LIST)
    project, everything = listed["project"], [t["task_id"] for t in listed["tasks"]]
    by_offset: list[str] = []
    for offset in range(0, 9, 3):
        response = api.get("/tasks", params={"project": project, "limit": 3, "offset": offset})
        page = response.json()
        expected_more = offset + len(page["docs"]) < len(everything)
        check(
            len(page["docs"]) == min(3, max(0, len(everything) - offset))
            and page["total"] == len(everything)
            and page["has_more"] == expected_more,
            PAGING,
            operation=LIST,
            expected=f"offset {offset}: {min(3, len(everything) - offset)} docs, total 7, "
            f"has_more {expected_more}",
            response=response,
            api=api,
        )
        by_offset += [t["task_id"] for t in page["docs"]]
    check(
        by_offset == everything,
        PAGING,
        operation=LIST,
        expected="offset pages = the full list, in order",
        response=api.last,
        api=api,
    )
    by_token = [t["task_id"] for t in _all(api, project=project, limit=2)]
    check(
        by_token == everything,
        PAGING,
        operation=LIST,
        expected="next_token pages = the full list, in order",
        response=api.last,
        api=api,
    )


FilterCase = tuple[
    str,
    Callable[[dict[str, Any]], dict[str, Any]],
    Callable[[dict[str, Any], dict[str, Any]], bool],
]


def _between(tasks: list[dict[str, Any]], field: str) -> str:
    """A moment strictly between two tasks' `field`, so the check does not depend on whether
    the bound is inclusive."""
    stamps = sorted({_dt(t[field]) for t in tasks if t.get(field)})
    for early, late in itertools.pairwise(stamps):
        if late - early >= timedelta(milliseconds=2):
            return _iso(early + (late - early) / 2)
    pytest.skip(f"no two tasks far enough apart in {field}")


FILTERS: list[FilterCase] = [
    ("type", lambda s: {"type": "categorization"}, lambda t, s: t["type"] == "categorization"),
    ("batch", lambda s: {"batch": s["batch"]}, lambda t, s: t["task_id"] in s["in_batch"]),
    ("tags", lambda s: {"tags": "red"}, lambda t, s: "red" in (t.get("tags") or [])),
    (
        "unique_id",
        lambda s: {"unique_id": [s["tasks"][0]["unique_id"], s["tasks"][4]["unique_id"]]},
        lambda t, s: t["task_id"] in (s["tasks"][0]["task_id"], s["tasks"][4]["task_id"]),
    ),
    (
        "status",
        lambda s: {"status": s["tasks"][0]["status"]},
        lambda t, s: t["status"] == s["tasks"][0]["status"],
    ),
    (
        "start_time",
        lambda s: {"start_time": s.setdefault("mid_created", _between(s["tasks"], "created_at"))},
        lambda t, s: _dt(t["created_at"]) >= _dt(s["mid_created"]),
    ),
    (
        "end_time",
        lambda s: {"end_time": s.setdefault("mid_created", _between(s["tasks"], "created_at"))},
        lambda t, s: _dt(t["created_at"]) <= _dt(s["mid_created"]),
    ),
    (
        "updated_after",
        lambda s: {
            "updated_after": s.setdefault("mid_updated", _between(s["tasks"], "updated_at"))
        },
        lambda t, s: bool(t.get("updated_at")) and _dt(t["updated_at"]) >= _dt(s["mid_updated"]),
    ),
]


FILTER_RULES = {name: _parameter_rule(name) for name, _, _ in FILTERS}


@pytest.mark.parametrize(("name", "query", "matches"), FILTERS, ids=[f[0] for f in FILTERS])
def test_each_filter_returns_exactly_the_matching_tasks(
    api: Api,
    listed: dict[str, Any],
    claim: Claim,
    name: str,
    query: Callable[[dict[str, Any]], dict[str, Any]],
    matches: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> None:
    rule = FILTER_RULES[name]
    claim(rule, LIST)
    parameters = query(listed)
    project = listed["project"]
    for _ in range(5):
        # tasks may finish (new status, new updated_at) while this reads them: judge the
        # filtered list against the tasks as they were both before and after it was read
        before = _all(api, project=project)
        got = [t["task_id"] for t in _all(api, project=project, limit=3, **parameters)]
        if _states(_all(api, project=project)) == _states(before):
            break
    expected = [t["task_id"] for t in before if matches(t, listed)]
    check(
        got == expected,
        rule,
        operation=LIST,
        expected=f"with {parameters}: exactly {expected} (newest first); missing "
        f"{sorted(set(expected) - set(got))}, extra {sorted(set(got) - set(expected))}",
        response=api.last,
        api=api,
    )
