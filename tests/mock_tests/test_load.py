"""Concurrent load: many clients over a few API keys, mixing every kind of write and read the
SDK makes, lose nothing and never see a 5xx or a dropped connection.

scale-mock runs as users run it (`SubprocessMock`: the `scale-mock` command, its own process,
a SQLite file). `LOAD_CLIENTS` threads, each with its own `httpx.Client` and a seeded random
walk of `LOAD_REQUESTS` requests, share the tenants of `KEY_MODES` (two test-mode keys, whose
tasks complete at once unless held pending, and a live one, whose tasks stay pending): task
creates of several types (some with a `unique_id` of their own, some replaying one, some racing
the other clients of the key for a contested one), task reads, filtered and `next_token`-paged
task lists, projects and batches (create, list, get, status), cancels, metadata and tag
updates, and requests that must be refused (400, 401, 404, 409).

Every client keeps a ledger of what the server acknowledged (each 200 write) and predicts the
status of every request from it. Every response must have that status, be one the spec declares
for the operation and be JSON valid against the spec's schema for it. The server is then
stopped, started again on the same file, and every acknowledged write must be there with its
acknowledged content: each task by id, the total of `GET /tasks` and the ids paged out of it per
key, each contested `unique_id` won by exactly one create, each project and batch.

The default is the full figure, 16 clients x 500 requests (8,000 requests, about 450 a second):
about 18 s of load and 22 s in all on this 2-core machine beside other test runs, 29 s when
they take both cores.
`SCALE_MOCK_LOAD_REQUESTS` (per client) and `SCALE_MOCK_LOAD_CLIENTS` scale it.
"""

from __future__ import annotations

import copy
import os
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx

import scale_spec
from scale_mock.testing import SubprocessMock
from tests.mock_tests.conftest import fresh_key
from tests.mock_tests.test_task_types import MINIMAL

LOAD_CLIENTS = int(os.environ.get("SCALE_MOCK_LOAD_CLIENTS", "16"))
LOAD_REQUESTS = int(os.environ.get("SCALE_MOCK_LOAD_REQUESTS", "500"))
KEY_MODES = ("test", "test", "live")
SEED = 20240611
KINDS = ("annotation", "categorization", "comparison", "transcription", "textcollection")
# A task's lifecycle fields move on after its create or update was acknowledged (a test-mode
# task completes in the create's own transaction, after its answer was built); the ledger
# predicts `status` itself, and every other field must read back exactly as acknowledged.
LIFECYCLE = frozenset({"status", "updated_at", "completed_at", "response"})
TERMINAL = frozenset({"completed", "canceled", "error"})
CONTESTED = 12  # contested unique_ids per key, raced by every client of the key
HOLD = {"Scale-Mock-Hold": "pending"}
JSON = {"content-type": "application/json"}

SPEC = scale_spec.load()
LIMIT_MAX = int(SPEC.operation("list_tasks").parameter("query", "limit").schema["maximum"])


def documented(response: httpx.Response) -> list[str]:
    """How `response` breaks the spec: a status the operation does not declare, a body that is
    not JSON or not valid against the declared schema. (`conformance.check_response` checks the
    same but records coverage for `test_every_operation`; a load test must not count.)"""
    path = response.request.url.raw_path.decode("ascii").split("?")[0].removeprefix("/v1")
    op = SPEC.route(response.request.method, path)
    label = f"{response.request.method} {path} -> {response.status_code}"
    if op is None:
        return [f"{label}: no operation of the spec serves it"]
    declared = op.responses
    status = str(response.status_code)
    if status not in declared:
        return [f"{label}: status not declared by {op.operation_id}"]
    if response.headers.get("content-type", "").split(";")[0] != "application/json":
        return [f"{label}: not JSON ({response.headers.get('content-type')})"]
    where = declared[status].get("$ref", f"{op.pointer}/responses/{status}")
    validator = SPEC.validator(f"{where}/content/application~1json/schema")
    return [f"{label}: {e.message}" for e in validator.iter_errors(response.json())][:3]


@dataclass
class Task:
    """A task as its client last saw it acknowledged, and the status it must have now."""

    doc: dict[str, Any]
    status: str
    key: str


@dataclass
class Ledger:
    """What one client was told: every acknowledged write, every status, every problem."""

    key: str
    tasks: dict[str, Task] = field(default_factory=dict)
    unique_ids: list[str] = field(default_factory=list)
    projects: dict[str, str] = field(default_factory=dict)  # name -> type
    batches: dict[str, str] = field(default_factory=dict)  # name -> project
    contested: dict[str, list[tuple[int, str | None]]] = field(default_factory=dict)
    statuses: Counter[int] = field(default_factory=Counter)
    requests: int = 0
    transport_errors: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class LoadClient:
    """One client's seeded random walk; each step sends one request and judges its answer."""

    def __init__(self, base_url: str, key: str, index: int, run: str) -> None:
        self.http = httpx.Client(base_url=base_url, auth=(key, ""), timeout=60)
        # a key the mock refuses (not `test_`/`live_`): every request of it must be a 401
        self.stranger = httpx.Client(base_url=base_url, auth=("not a key", ""), timeout=60)
        self.rng = random.Random(SEED + index)
        self.ledger = Ledger(key)
        self.name = f"{run}-c{index}"
        self.live = key.startswith("live_")
        self.step = 0
        self.tags = [f"{self.name}-{color}" for color in ("red", "green", "blue")]

    # -- sending and judging --------------------------------------------------------------------

    def send(
        self,
        expected: int | tuple[int, ...],
        method: str,
        url: str,
        client: httpx.Client | None = None,
        **options: Any,
    ) -> httpx.Response | None:
        """The response, judged: its status one of `expected`, declared and valid by the spec;
        a 400 naming the field it refuses. `None` (and a transport error recorded) if no answer."""
        ledger = self.ledger
        ledger.requests += 1
        try:
            response = (client or self.http).request(method, url, **options)
        except httpx.TransportError as error:
            ledger.transport_errors.append(f"{method} {url}: {error!r}")
            return None
        ledger.statuses[response.status_code] += 1
        wanted = expected if isinstance(expected, tuple) else (expected,)
        label = f"{method} {url} -> {response.status_code}"
        if response.status_code not in wanted:
            ledger.problems.append(f"{label}, expected {wanted}: {response.text[:300]}")
        broken = documented(response)
        ledger.problems += broken
        if not broken and response.status_code == 400 and "field" not in response.json():
            ledger.problems.append(f"{label}: a 400 naming no field: {response.text[:300]}")
        return response

    def check(self, condition: bool, what: str) -> None:
        if not condition:
            self.ledger.problems.append(what)

    def check_task(self, got: dict[str, Any], task: Task) -> None:
        """`got` is the acknowledged task, lifecycle fields aside, with the status predicted."""
        for name, value in task.doc.items():
            if name not in LIFECYCLE and got.get(name) != value:
                self.ledger.problems.append(
                    f"task {task.doc['task_id']}: {name} is {got.get(name)!r}, "
                    f"acknowledged {value!r}"
                )
        self.check(
            got.get("status") == task.status,
            f"task {task.doc['task_id']}: status {got.get('status')}, expected {task.status}",
        )

    def own_task(self) -> Task | None:
        if not self.ledger.tasks:
            return None
        return self.ledger.tasks[self.rng.choice(list(self.ledger.tasks))]

    # -- the walk -------------------------------------------------------------------------------

    def run(self, requests: int, start: threading.Barrier) -> Ledger:
        actions: list[tuple[Callable[[], None], int]] = [
            (self.create_task, 30),
            (self.get_task, 12),
            (self.list_tasks, 10),
            (self.create_project, 4),
            (self.read_project, 4),
            (self.create_batch, 4),
            (self.read_batch, 6),
            (self.cancel, 5),
            (self.set_metadata, 6),
            (self.change_tags, 8),
            (self.invalid, 8),
        ]
        choices = [action for action, _ in actions]
        weights = [weight for _, weight in actions]
        start.wait()
        with self.http, self.stranger:
            while self.ledger.requests < requests:
                self.step += 1
                self.rng.choices(choices, weights)[0]()
        return self.ledger

    def create_task(self) -> None:
        kind = self.rng.choice(KINDS)
        body = copy.deepcopy(MINIMAL[kind])
        body["metadata"] = {"client": self.name, "step": self.step}
        expected: int | tuple[int, ...] = 200
        contested = None
        roll = self.rng.random()
        if roll < 0.15:
            body["unique_id"] = f"{self.name}-u{self.step}"
        elif roll < 0.25 and self.ledger.unique_ids:
            body["unique_id"] = self.rng.choice(self.ledger.unique_ids)
            expected = 409  # this client holds it: a replay can only conflict
        elif roll < 0.40:
            contested = body["unique_id"] = f"contested-{self.rng.randrange(CONTESTED)}"
            expected = (200, 409)
        elif roll < 0.55 and self.ledger.batches:
            body["batch"] = self.rng.choice(list(self.ledger.batches))
        elif roll < 0.65 and self.ledger.projects:
            body["project"] = self.rng.choice(list(self.ledger.projects))
        hold = not self.live and self.rng.random() < 0.3
        response = self.send(
            expected, "POST", f"/task/{kind}", json=body, headers=HOLD if hold else None
        )
        if response is None:
            return
        if contested is not None:
            task_id = response.json().get("task_id") if response.status_code == 200 else None
            self.ledger.contested.setdefault(contested, []).append((response.status_code, task_id))
        if response.status_code != 200:
            return
        doc = response.json()
        for name in ("metadata", "unique_id", "batch", "project"):
            if name in body:
                self.check(doc.get(name) == body[name], f"create echoed {name} {doc.get(name)!r}")
        if "batch" in body:
            self.check(doc.get("project") == self.ledger.batches[body["batch"]], "batch project")
        self.check(doc.get("type") == kind, f"create of {kind} answered type {doc.get('type')}")
        status = "pending" if self.live or hold else "completed"
        self.ledger.tasks[doc["task_id"]] = Task(doc, status, self.ledger.key)
        if "unique_id" in body and contested is None:
            self.ledger.unique_ids.append(body["unique_id"])

    def get_task(self) -> None:
        task = self.own_task()
        if task is None:
            return
        response = self.send(200, "GET", f"/task/{task.doc['task_id']}")
        if response is not None and response.status_code == 200:
            self.check_task(response.json(), task)

    def list_tasks(self) -> None:
        """One filter whose answer this client alone decides (its unique_id, project, batch or
        tag) with an exact total, or a shared one (type, status) whose docs must match it; pages
        follow `next_token`, and no task comes twice."""
        tasks = list(self.ledger.tasks.values())
        roll = self.rng.random()
        params: dict[str, Any]
        if roll < 0.2 and self.ledger.unique_ids:
            unique_id = self.rng.choice(self.ledger.unique_ids)
            params = {"unique_id": unique_id}
            mine = [t for t in tasks if t.doc.get("unique_id") == unique_id]
        elif roll < 0.4 and self.ledger.projects:
            project = self.rng.choice(list(self.ledger.projects))
            params = {"project": project}
            mine = [t for t in tasks if t.doc.get("project") == project]
        elif roll < 0.55 and self.ledger.batches:
            batch = self.rng.choice(list(self.ledger.batches))
            params = {"batch": batch}
            mine = [t for t in tasks if t.doc.get("batch") == batch]
        elif roll < 0.7:
            tag = self.rng.choice(self.tags)
            params = {"tags": tag}
            mine = [t for t in tasks if tag in t.doc.get("tags", [])]
        else:
            params = {
                "type": self.rng.choice(KINDS),
                "status": self.rng.choice(["pending", "completed"]),
            }
            mine = []
        exact = "type" not in params
        params["limit"] = self.rng.randint(1, 10)
        seen: set[str] = set()
        for _ in range(3):
            response = self.send(200, "GET", "/tasks", params=params)
            if response is None or response.status_code != 200:
                return
            page = response.json()
            for doc in page["docs"]:
                self.check(doc["task_id"] not in seen, f"/tasks {params} repeated {doc['task_id']}")
                seen.add(doc["task_id"])
                for name in ("type", "status", "project", "batch"):
                    if name in params:
                        self.check(doc.get(name) == params[name], f"/tasks {params} gave {doc}")
            if exact:
                self.check(
                    page["total"] == len(mine), f"/tasks {params}: {page['total']} != {len(mine)}"
                )
            if "next_token" not in page:
                if exact:
                    self.check(seen == {t.doc["task_id"] for t in mine}, f"/tasks {params} ids")
                return
            params["next_token"] = page["next_token"]

    def create_project(self) -> None:
        if self.ledger.projects and self.rng.random() < 0.25:
            name = self.rng.choice(list(self.ledger.projects))
            self.send(409, "POST", "/projects", json={"type": "annotation", "name": name})
            return
        name, kind = f"{self.name}-p{self.step}", self.rng.choice(["annotation", "categorization"])
        response = self.send(200, "POST", "/projects", json={"type": kind, "name": name})
        if response is not None and response.status_code == 200:
            self.check(response.json()["name"] == name, "project name echoed")
            self.ledger.projects[name] = kind

    def read_project(self) -> None:
        if not self.ledger.projects or self.rng.random() < 0.3:
            response = self.send(200, "GET", "/projects")
            if response is not None and response.status_code == 200:
                listed = {p["name"] for p in response.json()}
                self.check(set(self.ledger.projects) <= listed, "a project missing from the list")
            return
        name = self.rng.choice(list(self.ledger.projects))
        response = self.send(200, "GET", f"/projects/{name}")
        if response is not None and response.status_code == 200:
            self.check(response.json()["type"] == self.ledger.projects[name], "project type")

    def create_batch(self) -> None:
        if not self.ledger.projects:
            self.send(404, "POST", "/batches", json={"project": f"{self.name}-none", "name": "b"})
            return
        if self.ledger.batches and self.rng.random() < 0.25:
            name = self.rng.choice(list(self.ledger.batches))
            body = {"project": self.ledger.batches[name], "name": name}
            self.send(409, "POST", "/batches", json=body)
            return
        name, project = f"{self.name}-b{self.step}", self.rng.choice(list(self.ledger.projects))
        response = self.send(200, "POST", "/batches", json={"project": project, "name": name})
        if response is not None and response.status_code == 200:
            self.check(response.json()["project"] == project, "batch project echoed")
            self.ledger.batches[name] = project

    def batch_counts(self, name: str) -> Counter[str]:
        return Counter(t.status for t in self.ledger.tasks.values() if t.doc.get("batch") == name)

    def read_batch(self) -> None:
        """A batch, its status (counts by task status) or the project's batch list; the batch's
        status is `completed` once it has tasks and all are terminal."""
        if not self.ledger.batches:
            return
        name = self.rng.choice(list(self.ledger.batches))
        counts = self.batch_counts(name)
        done = bool(counts) and set(counts) <= TERMINAL
        expected_status = "completed" if done else "in_progress"
        roll = self.rng.random()
        if roll < 0.35:
            response = self.send(200, "GET", f"/batches/{name}")
            if response is not None and response.status_code == 200:
                self.check(response.json()["status"] == expected_status, f"batch {name} status")
        elif roll < 0.7:
            response = self.send(200, "GET", f"/batches/{name}/status")
            if response is not None and response.status_code == 200:
                answer = dict(response.json())
                self.check(answer.pop("status") == expected_status, f"batch {name} status")
                self.check(answer == dict(counts), f"batch {name}: {answer} != {dict(counts)}")
        else:
            project = self.ledger.batches[name]
            response = self.send(200, "GET", "/batches", params={"project": project})
            if response is not None and response.status_code == 200:
                mine = {b for b, p in self.ledger.batches.items() if p == project}
                listed = {b["name"] for b in response.json()["docs"]}
                self.check(listed == mine, f"batches of {project}: {listed} != {mine}")

    def cancel(self) -> None:
        task = self.own_task()
        if task is None:
            return
        pending = task.status == "pending"
        response = self.send(200 if pending else 400, "POST", f"/task/{task.doc['task_id']}/cancel")
        if response is not None and response.status_code == 200:
            task.doc, task.status = response.json(), "canceled"
            self.check_task(response.json(), task)
        elif response is not None:
            self.check(response.json().get("field") == "path.task_id", "cancel refusal's field")

    def set_metadata(self) -> None:
        task = self.own_task()
        if task is None:
            return
        metadata = {"client": self.name, "updated": self.step, "note": "ünïcødé ✓"}
        url = f"/task/{task.doc['task_id']}/setMetadata"
        response = self.send(200, "POST", url, json=metadata)
        if response is not None and response.status_code == 200:
            self.check(response.json()["metadata"] == metadata, "setMetadata echoed")
            task.doc = response.json()
            self.check_task(response.json(), task)

    def change_tags(self) -> None:
        task = self.own_task()
        if task is None:
            return
        tags = self.rng.sample(self.tags, self.rng.randint(1, len(self.tags)))
        method = self.rng.choice(["PUT", "POST", "DELETE"])  # add, replace, remove
        held = task.doc.get("tags", [])
        if method == "PUT":
            wanted = list(dict.fromkeys([*held, *tags]))
        elif method == "POST":
            wanted = tags
        else:
            wanted = [t for t in held if t not in tags]
        url = f"/task/{task.doc['task_id']}/tags"
        response = self.send(200, method, url, json=tags)
        if response is not None and response.status_code == 200:
            self.check(response.json().get("tags", []) == wanted, f"{method} tags {tags} on {held}")
            task.doc = response.json()
            self.check_task(response.json(), task)

    def invalid(self) -> None:
        """Requests the spec refuses: each must be its 4xx, never a 5xx, nothing stored."""
        missing = f"/task/{uuid.uuid4().hex}"
        body = {k: v for k, v in MINIMAL["categorization"].items() if k != "categories"}
        cases: list[tuple[int, str, str, dict[str, Any]]] = [
            (400, "POST", "/task/categorization", {"json": body}),
            (
                400,
                "POST",
                "/task/categorization",
                {"content": b'{"instruction": ', "headers": JSON},
            ),
            (404, "GET", missing, {}),
            (404, "POST", f"{missing}/cancel", {}),
            (400, "GET", "/tasks", {"params": {"limit": LIMIT_MAX + 1}}),
            (400, "GET", "/tasks", {"params": {"next_token": "not a token"}}),
            (400, "GET", "/tasks", {"params": {"start_time": "2021-02-30"}}),
            (400, "POST", f"/projects/{self.name}-none/setParams", {"json": []}),
        ]
        status, method, url, options = self.rng.choice(cases)
        if self.rng.random() < 0.15:
            self.send(401, "GET", "/tasks", client=self.stranger)
            return
        self.send(status, method, url, **options)


def run_load(base_url: str, clients: int, requests: int) -> list[Ledger]:
    keys = [fresh_key(mode) for mode in KEY_MODES]
    run = uuid.uuid4().hex[:8]
    start = threading.Barrier(clients)
    walkers = [LoadClient(base_url, keys[i % len(keys)], i, run) for i in range(clients)]
    with ThreadPoolExecutor(clients) as pool:
        futures = [pool.submit(w.run, requests, start) for w in walkers]
        return [future.result() for future in futures]


def page_all(api: httpx.Client) -> Iterator[dict[str, Any]]:
    params: dict[str, Any] = {"limit": LIMIT_MAX}
    while True:
        page = api.get("/tasks", params=params)
        assert page.status_code == 200, page.text
        yield from page.json()["docs"]
        if "next_token" not in page.json():
            return
        params["next_token"] = page.json()["next_token"]


def verify(base_url: str, ledgers: list[Ledger]) -> None:
    """Every acknowledged write, read back from a server that did not acknowledge it."""
    by_key: dict[str, dict[str, Task]] = {}
    for ledger in ledgers:
        by_key.setdefault(ledger.key, {}).update(ledger.tasks)
    apis = {key: httpx.Client(base_url=base_url, auth=(key, ""), timeout=60) for key in by_key}
    try:
        for key, tasks in by_key.items():
            assert apis[key].get("/tasks", params={"limit": 1}).json()["total"] == len(tasks)
            listed = [doc["task_id"] for doc in page_all(apis[key])]
            assert len(listed) == len(set(listed)), "a task listed twice"
            assert set(listed) == set(tasks)

        def read_back(task: Task) -> list[str]:
            got = apis[task.key].get(f"/task/{task.doc['task_id']}")
            if got.status_code != 200:
                return [f"{task.doc['task_id']}: {got.status_code} {got.text[:200]}"]
            wrong = [
                f"{task.doc['task_id']}.{name}: {got.json().get(name)!r} != {value!r}"
                for name, value in task.doc.items()
                if name not in LIFECYCLE and got.json().get(name) != value
            ]
            if got.json()["status"] != task.status:
                wrong.append(f"{task.doc['task_id']}: {got.json()['status']} != {task.status}")
            return wrong

        everything = [task for tasks in by_key.values() for task in tasks.values()]
        with ThreadPoolExecutor(4) as pool:
            wrong = [line for lines in pool.map(read_back, everything) for line in lines]
        assert not wrong, wrong[:20]

        contested: dict[tuple[str, str], list[tuple[int, str | None]]] = {}
        for ledger in ledgers:
            for unique_id, outcomes in ledger.contested.items():
                contested.setdefault((ledger.key, unique_id), []).extend(outcomes)
        for (key, unique_id), outcomes in contested.items():
            winners = [task_id for status, task_id in outcomes if status == 200]
            assert len(winners) == 1, (key, unique_id, outcomes)
            found = apis[key].get("/tasks", params={"unique_id": unique_id}).json()
            assert [doc["task_id"] for doc in found["docs"]] == winners, (unique_id, found)

        for ledger in ledgers:
            api = apis[ledger.key]
            projects = {p["name"]: p["type"] for p in api.get("/projects").json()}
            assert ledger.projects.items() <= projects.items()
            for name, project in ledger.batches.items():
                batch = api.get(f"/batches/{name}")
                assert batch.status_code == 200 and batch.json()["project"] == project, batch.text
    finally:
        for api in apis.values():
            api.close()


def test_concurrent_mixed_load_loses_nothing_and_never_fails(database: str) -> None:
    started = time.monotonic()
    with SubprocessMock(["--db", database]) as server:
        process = server.process
        ledgers = run_load(server.base_url, LOAD_CLIENTS, LOAD_REQUESTS)
    assert process is not None and process.poll() is not None, "scale-mock still running"
    elapsed = time.monotonic() - started

    statuses = sum((ledger.statuses for ledger in ledgers), Counter[int]())
    requests = sum(ledger.requests for ledger in ledgers)
    transport = [error for ledger in ledgers for error in ledger.transport_errors]
    problems = [problem for ledger in ledgers for problem in ledger.problems]
    print(
        f"\nload: {LOAD_CLIENTS} clients x {LOAD_REQUESTS} = {requests} requests in "
        f"{elapsed:.1f} s ({requests / elapsed:.0f}/s); statuses {dict(sorted(statuses.items()))}; "
        f"{sum(len(ledger.tasks) for ledger in ledgers)} tasks acknowledged"
    )
    assert requests >= LOAD_CLIENTS * LOAD_REQUESTS  # a paged list may end a walk's last step
    assert not transport, transport[:10]
    assert not [status for status in statuses if status >= 500], statuses
    assert not problems, problems[:20]
    assert statuses[409] and statuses[400] and statuses[404] and statuses[401]

    with SubprocessMock(["--db", database]) as again:
        process = again.process
        verify(again.base_url, ledgers)
    assert process is not None and process.poll() is not None, "scale-mock still running"
