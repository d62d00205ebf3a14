"""Batches, projects, files, teams, Studio and quality tasks: each operation's success and its
documented failures. Responses are spec-checked by the client hook (see `conformance`)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from scale_mock.store import Store
from scale_mock.testing import ThreadedMock
from tests.mock_tests.conftest import ClientFactory, fresh_key

BOX = {"attachment": "http://127.0.0.1:9/a.png", "objects_to_annotate": ["car"]}


def error_of(response: httpx.Response, status: int) -> tuple[str | None, str | None]:
    assert response.status_code == status, response.text
    return response.json().get("field"), response.json().get("rule")


@dataclass
class Tenant:
    key: str
    api: httpx.Client
    control: httpx.Client


@pytest.fixture
def tenant(client_for: ClientFactory, control: ClientFactory) -> Tenant:
    """A live-mode tenant (tasks stay pending) with one annotation project, `p`."""
    key = fresh_key("live")
    api = client_for(key)
    assert api.post("/projects", json={"type": "annotation", "name": "p"}).status_code == 200
    return Tenant(key, api, control(key))


# --- batches -----------------------------------------------------------------------------


def test_batch_lifecycle_and_status_counts(tenant: Tenant) -> None:
    api = tenant.api
    created = api.post("/batches", json={"project": "p", "name": "b/1", "metadata": {"k": 1}})
    assert created.json()["status"] == "in_progress"
    assert created.json()["metadata"] == {"k": 1}
    path = "/batches/b%2F1"  # names are percent-encoded path segments, as the SDK sends them
    assert api.get(path).json()["name"] == "b/1"
    ids = [
        api.post("/task/annotation", json={**BOX, "batch": "b/1"}).json()["task_id"]
        for _ in range(3)
    ]
    assert api.get(f"/task/{ids[0]}").json()["project"] == "p"  # the batch's project
    assert api.get(f"{path}/status").json() == {"status": "in_progress", "pending": 3}
    tenant.control.post(f"/_mock/tasks/{ids[0]}/complete")
    api.post(f"/task/{ids[1]}/cancel")
    counts = api.get(f"{path}/status").json()
    assert counts == {"status": "in_progress", "pending": 1, "completed": 1, "canceled": 1}
    tenant.control.post(f"/_mock/tasks/{ids[2]}/complete")
    assert api.get(path).json()["status"] == "completed"  # every task is terminal
    assert api.post(f"{path}/finalize").json()["status"] == "completed"
    assert api.post(f"{path}/setMetadata", json={"new": True}).json()["metadata"] == {"new": True}
    assert api.post(f"{path}/setMetadata").json()["metadata"] == {}


def test_a_batch_lists_as_completed_exactly_while_all_its_tasks_are_terminal(
    tenant: Tenant,
) -> None:
    """The status a list filters on is the one each batch shows: kept current by every task
    write (created, finished, canceled), not derived after paging."""
    api = tenant.api

    def completed() -> list[str]:
        page = api.get("/batches", params={"status": "completed", "limit": 1}).json()
        names = [b["name"] for b in page["docs"]]
        assert page["totalDocs"] == len(names) + (1 if page["has_more"] else 0)
        return names

    for name in ("first", "second"):
        api.post("/batches", json={"project": "p", "name": name})
    first = api.post("/task/annotation", json={**BOX, "batch": "first"}).json()["task_id"]
    assert completed() == []  # an empty batch and a batch with a pending task
    tenant.control.post(f"/_mock/tasks/{first}/complete")
    assert completed() == ["first"]
    assert api.get("/batches", params={"status": "in_progress"}).json()["totalDocs"] == 1
    reopened = api.post("/task/annotation", json={**BOX, "batch": "first"}).json()["task_id"]
    assert completed() == [] and api.get("/batches/first").json()["status"] == "in_progress"
    api.post(f"/task/{reopened}/cancel")
    assert completed() == ["first"]
    assert api.get("/batches", params={"status": "completed", "project": "q"}).json()["docs"] == []


def test_a_database_from_before_stored_statuses_gets_them_once_at_start() -> None:
    """A batch written with the status it was created with and tasks that all finished lists
    as completed once the mock starts on that database; the pass runs once per database."""
    store = Store(":memory:")
    key = "test_upgraded"
    with store.transaction(key) as tx:
        tx.insert("batch", "old", {"name": "old", "project": "p", "status": "in_progress"})
        tx.insert("task", "t", {"task_id": "t", "batch": "old", "status": "completed"})
    with ThreadedMock(store=store) as mock:
        listed = httpx.get(
            f"{mock.base_url}/batches", params={"status": "completed"}, auth=(key, "")
        )
        assert [b["name"] for b in listed.json()["docs"]] == ["old"]
    with store.transaction(key) as tx:
        tx.put("batch", "old", {"name": "old", "project": "p", "status": "in_progress"})
    with ThreadedMock(store=store) as mock:  # already done for this database: left as stored
        batch = httpx.get(f"{mock.base_url}/batches/old", auth=(key, "")).json()
        assert batch["status"] == "in_progress"


def test_batch_errors(tenant: Tenant) -> None:
    api = tenant.api
    api.post("/batches", json={"project": "p", "name": "b"})
    assert error_of(api.post("/batches", json={"project": "p", "name": "b"}), 409) == (
        "body.name",
        "unique",
    )
    assert error_of(api.post("/batches", json={"project": "nope", "name": "c"}), 404)[0] == (
        "body.project"
    )
    assert error_of(api.post("/batches", json={"project": "p"}), 400) == ("body.name", "required")
    for method, suffix in [("GET", ""), ("POST", "/finalize"), ("GET", "/status")]:
        assert api.request(method, f"/batches/nope{suffix}").status_code == 404
    assert api.post("/batches/nope/setMetadata", json={}).status_code == 404
    api.post("/projects", json={"type": "annotation", "name": "q"})
    wrong = api.post("/task/annotation", json={**BOX, "batch": "b", "project": "q"})
    assert error_of(wrong, 400) == ("body.batch", "batch_in_project")
    assert (
        error_of(api.post("/task/annotation", json={**BOX, "batch": "x"}), 404)[0] == "body.batch"
    )


def test_batch_list_pages_and_filters(tenant: Tenant) -> None:
    api = tenant.api
    api.post("/projects", json={"type": "annotation", "name": "q"})
    for index in range(5):
        api.post("/batches", json={"project": "p" if index % 2 else "q", "name": f"b{index}"})
    page = api.get("/batches", params={"limit": 2, "offset": 2}).json()
    assert (page["totalDocs"], page["limit"], page["offset"], page["has_more"]) == (5, 2, 2, True)
    assert [b["name"] for b in page["docs"]] == ["b2", "b1"]
    only_p = api.get("/batches", params={"project": "p", "exclude_archived": "False"}).json()
    assert [b["name"] for b in only_p["docs"]] == ["b3", "b1"]
    assert api.get("/batches", params={"status": "completed"}).json()["totalDocs"] == 0
    assert api.get("/batches", params={"start_time": "2999-01-01"}).json()["docs"] == []
    assert error_of(api.get("/batches", params={"status": "archived"}), 400) == (
        "query.status",
        "enum",
    )


# --- projects ----------------------------------------------------------------------------


def test_projects_list_get_and_task_templates(tenant: Tenant) -> None:
    api = tenant.api
    chat = {"type": "textcollection", "name": "chatty", "rapid": True}
    assert api.post("/projects", json=chat).json()["rapid"] is True
    assert [p["name"] for p in api.get("/projects").json()] == ["p", "chatty"]
    assert api.get("/projects/chatty").json()["type"] == "textcollection"
    template = api.get("/projects/chatty/taskTemplates").json()
    assert template["template_variables"] == {}
    refused = api.get("/projects/p/taskTemplates")
    assert error_of(refused, 400) == ("path.project_name", "task_template_supported")
    assert api.get("/projects/nope/taskTemplates").status_code == 404
    # "or any other task type" (docs-2016 L1282): an unknown type is not an error.
    other = api.post("/projects", json={"type": "futuretype", "name": "x"})
    assert (other.status_code, other.json()["type"]) == (200, "futuretype")
    assert error_of(api.post("/projects", json={"type": 7, "name": "y"}), 400)[0] == "body.type"


# --- files -------------------------------------------------------------------------------


def test_uploaded_files_are_stored_and_usable_as_attachments(tenant: Tenant) -> None:
    api = tenant.api
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    uploaded = api.post(
        "/files/upload",
        files={"file": ("cat.png", png, "image/png")},
        data={"project_name": "p", "display_name": "cat"},
    ).json()
    assert (uploaded["size"], uploaded["mime_type"], uploaded["project_names"]) == (
        len(png),
        "image/png",
        ["p"],
    )
    assert uploaded["attachment_url"].endswith(uploaded["id"])
    content = tenant.control.get(f"/_mock/files/{uploaded['id']}/content")
    assert content.content == png
    task = api.post("/task/annotation", json={**BOX, "attachment": uploaded["attachment_url"]})
    assert task.json()["status"] == "pending"  # fetchable, so not an attachment error
    assert error_of(api.post("/files/upload", data={"project_name": "p"}), 400) == (
        "body.file",
        "required",
    )
    unknown = api.post("/files/upload", files={"file": ("a", b"x")}, data={"project_name": "z"})
    assert error_of(unknown, 404)[0] == "body.project_name"


def test_imported_files_are_recorded(tenant: Tenant) -> None:
    api = tenant.api
    imported = api.post("/files/import", json={"file_url": "https://example.com/doc.pdf"}).json()
    assert imported["mime_type"] == "application/pdf"
    assert imported["attachment_url"].startswith("scaledata://")
    assert error_of(api.post("/files/import", json={"file_url": "not a url"}), 400) == (
        "body.file_url",
        "format",
    )


# --- teams -------------------------------------------------------------------------------


def test_team_starts_with_the_owner_and_grows_by_invitation(tenant: Tenant) -> None:
    api = tenant.api
    team = api.get("/teams").json()
    assert [(m["email"], m["role"]) for m in team] == [("owner@example.com", "admin")]
    invited = api.post(
        "/teams/invite", json={"emails": ["a@example.com", "b@example.com"], "team_role": "labeler"}
    ).json()
    assert [m["email"] for m in invited] == ["owner@example.com", "a@example.com", "b@example.com"]
    changed = api.post(
        "/teams/set_role", json={"emails": ["b@example.com"], "team_role": "manager"}
    )
    assert {m["email"]: m["role"] for m in changed.json()}["b@example.com"] == "manager"
    stranger = api.post(
        "/teams/set_role", json={"emails": ["c@example.com"], "team_role": "member"}
    )
    assert error_of(stranger, 400) == ("body.emails[0]", "teammate")
    bad_role = api.post("/teams/invite", json={"emails": ["d@example.com"], "team_role": "boss"})
    assert error_of(bad_role, 400) == ("body.team_role", "enum")
    bad_email = api.post("/teams/invite", json={"emails": ["nobody"], "team_role": "member"})
    assert error_of(bad_email, 400) == ("body.emails[0]", "format")


# --- studio ------------------------------------------------------------------------------


@pytest.fixture
def studio(tenant: Tenant) -> Tenant:
    api = tenant.api
    api.post("/projects", json={"type": "imageannotation", "name": "s", "studio": True})
    for name in ("first", "second", "third"):
        assert api.post("/batches", json={"project": "s", "name": name}).status_code == 200
    api.post("/batches", json={"project": "p", "name": "not-studio"})
    return tenant


def test_studio_assignments(studio: Tenant) -> None:
    api = studio.api
    assert api.get("/studio/assignments").json() == {}
    change = {"emails": ["l1@example.com", "l2@example.com"], "projects": ["s", "p"]}
    added = api.post("/studio/assignments/add", json=change).json()
    assert added == {"l1@example.com": ["s", "p"], "l2@example.com": ["s", "p"]}
    removed = api.post(
        "/studio/assignments/remove", json={"emails": ["l2@example.com"], "projects": ["s", "p"]}
    ).json()
    assert removed == {"l1@example.com": ["s", "p"]}
    assert api.get("/studio/assignments").json() == removed
    unknown = api.post(
        "/studio/assignments/add", json={"emails": ["x@example.com"], "projects": ["z"]}
    )
    assert error_of(unknown, 404)[0] == "body.projects[0]"


def test_studio_groups_need_assigned_members(studio: Tenant) -> None:
    api = studio.api
    api.post("/studio/assignments/add", json={"emails": ["l1@example.com"], "projects": ["s"]})
    refused = api.post(
        "/studio/projects/s/groups", json={"name": "g", "emails": ["l2@example.com"]}
    )
    assert error_of(refused, 400) == ("body.emails[0]", "assigned_to_project")
    group = api.post("/studio/projects/s/groups", json={"name": "g", "emails": ["l1@example.com"]})
    assert (group.json()["numWorkers"], group.json()["isSingleton"]) == (1, False)
    again = api.post("/studio/projects/s/groups", json={"name": "g", "emails": []})
    assert error_of(again, 409) == ("body.name", "unique")
    assert [g["name"] for g in api.get("/studio/projects/s/groups").json()] == ["g"]
    emptied = api.put("/studio/projects/s/groups/g", json={"remove_emails": ["l1@example.com"]})
    assert emptied.json()["numWorkers"] == 0
    stranger = api.put("/studio/projects/s/groups/g", json={"add_emails": ["l9@example.com"]})
    assert error_of(stranger, 400) == ("body.add_emails[0]", "assigned_to_project")
    assert api.put("/studio/projects/s/groups/none", json={}).status_code == 404
    assert api.get("/studio/projects/none/groups").status_code == 404


def test_studio_batches_priorities_and_assignment(studio: Tenant) -> None:
    api = studio.api
    listed = api.get("/studio/batches").json()
    assert [b["name"] for b in listed] == ["first", "second", "third"]  # oldest first
    partial = api.post("/studio/batches/set_priorities", json={"batches": [{"name": "third"}]})
    assert error_of(partial, 400) == ("body.batches", "all_pending_batches")
    foreign = [{"name": n} for n in ("third", "first", "second", "not-studio")]
    assert error_of(api.post("/studio/batches/set_priorities", json={"batches": foreign}), 400) == (
        "body.batches[3].name",
        "pending_studio_batch",
    )
    order = [{"name": n} for n in ("third", "first", "second")]
    prioritised = api.post("/studio/batches/set_priorities", json={"batches": order}).json()
    assert [(b["name"], b["studioPriority"]) for b in prioritised] == [
        ("third", 1),
        ("first", 2),
        ("second", 3),
    ]
    reset = api.post("/studio/batches/reset_priorities").json()
    assert [b["name"] for b in reset] == ["first", "second", "third"]
    api.post("/studio/assignments/add", json={"emails": ["l1@example.com"], "projects": ["s"]})
    api.post("/studio/projects/s/groups", json={"name": "g", "emails": ["l1@example.com"]})
    assigned = api.put("/studio/batches/first", json={"groups": ["g"]}).json()
    assert assigned["groups"] == ["g"]
    assert error_of(api.put("/studio/batches/first", json={"groups": ["h"]}), 400) == (
        "body.groups[0]",
        "group_exists",
    )
    assert error_of(api.put("/studio/batches/not-studio", json={"groups": []}), 400) == (
        "path.batch_name",
        "studio_project",
    )
    assert api.put("/studio/batches/none", json={"groups": []}).status_code == 404


# --- evaluation and training tasks -------------------------------------------------------

EXPECTED = {
    "annotations": {
        "answer_reasonable": {
            "type": "category",
            "field_id": "answer_reasonable",
            "response": [["no"]],
        }
    }
}


@pytest.mark.parametrize("kind", ["evaluation_tasks", "training_tasks"])
def test_quality_tasks_need_a_rapid_project(tenant: Tenant, kind: str) -> None:
    api = tenant.api
    api.post("/projects", json={"type": "textcollection", "name": "r", "rapid": True})
    body = {
        "project": "r",
        "attachments": [{"type": "image", "content": "https://i.imgur.com/bGjrNzl.jpeg"}],
        "expected_response": EXPECTED,
    }
    created = api.post(f"/{kind}/textcollection", json=body).json()
    assert created["expected_response"] == EXPECTED and created["id"]
    refused = api.post(f"/{kind}/textcollection", json={**body, "project": "p"})
    assert error_of(refused, 400) == ("body.project", "rapid_project")
    missing = api.post(f"/{kind}/textcollection", json={"project": "r"})
    assert error_of(missing, 400) == ("body.expected_response", "required")
    assert error_of(api.post(f"/{kind}/nope", json=body), 400) == ("path.task_type", "enum")
    assert error_of(api.post(f"/{kind}/textcollection", json={**body, "project": "z"}), 404)[0] == (
        "body.project"
    )


def test_a_repeated_form_field_is_refused(tenant: Tenant) -> None:
    """Found by the contract suite: `project_name` twice collapsed to its last value."""
    response = tenant.api.post(
        "/files/upload",
        files=[
            ("file", ("a.txt", b"x")),
            ("project_name", (None, b"p")),
            ("project_name", (None, b"p")),
        ],
    )
    assert error_of(response, 400) == ("body.project_name", "type")
