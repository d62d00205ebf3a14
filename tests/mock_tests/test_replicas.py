"""Several `scale-mock` processes on one PostgreSQL database behave as one server: what one
creates the others read, list and cancel; paging tokens hold across them; `unique_id` stays
unique under a race; an acknowledged write survives a replica killed mid-run; and a database
that goes away is a 503 until it is back.

Real processes (`SubprocessMock`, `--db postgresql://...`) on the session's throwaway cluster;
these tests are of PostgreSQL alone, so they run once."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
import scaleapi

from scale_mock.pg_cluster import PostgresCluster
from scale_mock.testing import SubprocessMock, free_port
from tests.mock_tests.receivers import FailFirstReceiver

TASK = {
    "instruction": "Is this company public or private?",
    "attachment_type": "website",
    "attachment": "http://www.google.com/",
    "categories": ["public", "private"],
}


@pytest.fixture(scope="module", autouse=True)
def store_backend() -> str:
    """Of PostgreSQL alone: not run once per store (the conftest's fixture of that name)."""
    return "postgresql"


@pytest.fixture
def cluster(postgres: PostgresCluster | str) -> PostgresCluster:
    if isinstance(postgres, str):
        pytest.skip(f"PostgreSQL store: {postgres}")
    return postgres


@pytest.fixture
def replicas(cluster: PostgresCluster) -> Iterator[list[SubprocessMock]]:
    """Three replicas on one new database."""
    url = cluster.create_database(f"replicas_{uuid.uuid4().hex[:12]}")
    with ExitStack() as stack:
        yield [stack.enter_context(SubprocessMock(["--db", url])) for _ in range(3)]


def key() -> str:
    return f"live_{uuid.uuid4().hex}"


def test_eight_clients_creating_round_robin_lose_and_double_nothing(
    replicas: list[SubprocessMock],
) -> None:
    account = key()

    def client(number: int) -> list[str]:
        """One of 8 clients: 250 creates, spread round-robin over the replicas."""
        turns = itertools.islice(itertools.cycle(replicas), number, None)
        with httpx.Client(auth=(account, ""), timeout=30) as http:
            made = []
            for replica in itertools.islice(turns, 250):
                answer = http.post(f"{replica.base_url}/task/categorization", json=TASK)
                answer.raise_for_status()
                made.append(str(answer.json()["task_id"]))
            return made

    with ThreadPoolExecutor(8) as clients:
        created = [task_id for made in clients.map(client, range(8)) for task_id in made]
    assert len(set(created)) == len(created) == 2000
    for replica in replicas:
        with httpx.Client(base_url=replica.base_url, auth=(account, ""), timeout=30) as http:
            listed: list[str] = []
            token = None
            while True:
                params = {"limit": 100, **({"next_token": token} if token else {})}
                page = http.get("/tasks", params=params).json()
                listed += [task["task_id"] for task in page["docs"]]
                assert page["total"] == 2000
                token = page.get("next_token")
                if not token:
                    break
            assert sorted(listed) == sorted(created)
            unreadable = [t for t in created if http.get(f"/task/{t}").status_code != 200]
            assert unreadable == []


def test_a_page_token_from_one_replica_pages_on_another(replicas: list[SubprocessMock]) -> None:
    account = key()
    with httpx.Client(auth=(account, ""), timeout=30) as http:
        for _ in range(5):
            http.post(f"{replicas[0].base_url}/task/categorization", json=TASK).raise_for_status()
        first = http.get(f"{replicas[1].base_url}/tasks", params={"limit": 2}).json()
        second = http.get(
            f"{replicas[2].base_url}/tasks", params={"limit": 2, "next_token": first["next_token"]}
        ).json()
    seen = [t["task_id"] for t in first["docs"] + second["docs"]]
    assert len(set(seen)) == 4


def test_one_unique_id_raced_across_replicas_is_created_once(
    replicas: list[SubprocessMock],
) -> None:
    account = key()
    turns = itertools.cycle(replicas)
    targets = [next(turns).base_url for _ in range(50)]

    def create(base_url: str) -> int:
        with httpx.Client(auth=(account, ""), timeout=30) as http:
            body = {**TASK, "unique_id": "the-one"}
            return http.post(f"{base_url}/task/categorization", json=body).status_code

    with ThreadPoolExecutor(50) as clients:
        statuses = sorted(clients.map(create, targets))
    assert statuses == [200] + [409] * 49


def test_created_on_one_canceled_on_another_read_on_a_third(
    replicas: list[SubprocessMock],
) -> None:
    account = key()
    first, second, third = (
        scaleapi.ScaleClient(account, api_instance_url=replica.base_url) for replica in replicas
    )
    task = first.create_task(scaleapi.tasks.TaskType.Categorization, **TASK)
    second.cancel_task(task.id)
    assert third.get_task(task.id).status == "canceled"


def test_every_acknowledged_write_survives_a_replica_killed_mid_run(
    replicas: list[SubprocessMock],
) -> None:
    account = key()
    victim, survivor = replicas[0], replicas[1]
    acknowledged: list[str] = []
    killed = threading.Event()

    def client(number: int) -> None:
        with httpx.Client(auth=(account, ""), timeout=10) as http:
            while not killed.is_set():
                try:
                    answer = http.post(f"{victim.base_url}/task/categorization", json=TASK)
                except httpx.TransportError:
                    return  # not acknowledged: the replica died under it
                if answer.status_code == 200:
                    acknowledged.append(answer.json()["task_id"])

    with ThreadPoolExecutor(8) as clients:
        running = [clients.submit(client, n) for n in range(8)]
        deadline = time.monotonic() + 30
        while len(acknowledged) < 200 and time.monotonic() < deadline:
            time.sleep(0.01)
        victim.kill(signal.SIGKILL)  # mid-write: 8 creates in flight
        killed.set()
        for future in running:
            future.result()
    assert acknowledged
    with httpx.Client(base_url=survivor.base_url, auth=(account, ""), timeout=30) as http:
        for task_id in acknowledged:
            assert http.get(f"/task/{task_id}").status_code == 200, task_id


def test_the_database_going_away_is_a_503_until_it_is_back(cluster: PostgresCluster) -> None:
    url = cluster.create_database(f"outage_{uuid.uuid4().hex[:12]}")
    account = key()
    with (
        SubprocessMock(["--db", url]) as replica,
        httpx.Client(base_url=replica.base_url, auth=(account, ""), timeout=30) as http,
    ):
        assert http.post("/task/categorization", json=TASK).status_code == 200
        cluster.stop("fast")
        try:
            down = http.post("/task/categorization", json=TASK)
            assert down.status_code == 503, down.text
            assert down.json()["rule"] == "storage_unavailable"
            assert down.headers["retry-after"]
        finally:
            cluster.start()
        assert http.post("/task/categorization", json=TASK).status_code == 200
        assert http.get("/tasks").json()["total"] == 2  # nothing half-written


README = Path(__file__).resolve().parents[2] / "README.md"
MARKER = "<!-- replicas-example:"


def readme_example() -> str:
    """The README's two-replica shell block, as written."""
    text = README.read_text(encoding="utf-8")
    after = text[text.index(MARKER) :]
    start = after.index("```sh\n") + len("```sh\n")
    return after[start : after.index("```", start)]


def test_the_readme_two_replica_example_runs_as_written(cluster: PostgresCluster) -> None:
    url = cluster.create_database(f"readme_{uuid.uuid4().hex[:12]}")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "DB": url,
        "PORT_A": str(free_port()),
        "PORT_B": str(free_port()),
    }
    printed = Path(tempfile.mkstemp(prefix="readme-example-")[1])
    with printed.open("w") as sink:
        process = subprocess.Popen(
            ["bash", "-c", readme_example()],
            env=env,
            stdout=sink,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        process.wait(timeout=60)  # the block's last curl; the replicas it started go on
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)  # the two replicas it left serving
        process.wait()
    output = printed.read_text()
    printed.unlink()
    created_line, listed_line = [line for line in output.splitlines() if line.startswith("{")]
    created, listed = json.loads(created_line), json.loads(listed_line)
    assert [task["task_id"] for task in listed["docs"]] == [created["task_id"]]


def test_callbacks_are_recorded_delivered_once_across_replicas_one_killed(
    cluster: PostgresCluster,
) -> None:
    """Callbacks whose first attempt fails, over three replicas, one SIGKILLed mid-run (200
    creates sent; those sent to the killed replica after its death are not acknowledged): each
    task is recorded delivered exactly once (a killed replica's claimed attempts go to another
    once their lease expires)."""
    url = cluster.create_database(f"callbacks_{uuid.uuid4().hex[:12]}")
    account = f"test_{uuid.uuid4().hex}"  # test mode: each task completes at once
    options = ["--db", url, "--callback-time-scale", "0.01", "--callback-lease", "11"]
    with FailFirstReceiver() as receiver, ExitStack() as stack:
        replicas = [stack.enter_context(SubprocessMock(options)) for _ in range(3)]
        victim = replicas[0]

        def client(number: int) -> list[str]:
            """One of 8 clients: 25 creates, round-robin over the replicas."""
            made = []
            with httpx.Client(auth=(account, ""), timeout=30) as http_client:
                for turn in range(25):
                    replica = replicas[(number + turn) % 3]
                    body = {**TASK, "callback_url": receiver.url}
                    try:
                        answer = http_client.post(
                            f"{replica.base_url}/task/categorization", json=body
                        )
                    except httpx.TransportError:
                        continue  # the killed replica: not acknowledged
                    if answer.status_code == 200:
                        made.append(str(answer.json()["task_id"]))
            return made

        with ThreadPoolExecutor(8) as clients:
            running = [clients.submit(client, n) for n in range(8)]
            started = time.monotonic()
            while receiver.count() < 60:  # deliveries under way everywhere
                assert time.monotonic() - started < 60, "no callbacks delivered"
                time.sleep(0.01)
            victim.kill(signal.SIGKILL)  # mid-attempt: its leased attempts are lost with it
            created = [task_id for future in running for task_id in future.result()]
        survivor = replicas[1]
        deadline = time.monotonic() + 90
        with httpx.Client(base_url=survivor.root_url, auth=(account, ""), timeout=30) as api:
            while True:
                records = api.get("/_mock/callbacks").json()["callbacks"]
                done = {r["task_id"] for r in records if r["succeeded"] is not None}
                if done >= set(created) or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
    by_task = {r["task_id"]: r for r in records}
    # every acknowledged task (and any the killed replica made but could not acknowledge)
    assert set(created) <= set(by_task) and len(created) >= 100
    for task_id, record in by_task.items():
        assert record["succeeded"] is True, record
        delivered = [a for a in record["attempts"] if 200 <= a.get("status_code", 0) < 300]
        assert len(delivered) == 1, record
        assert [a["attempt"] for a in record["attempts"]] == list(
            range(1, len(record["attempts"]) + 1)
        ), record
        assert len(receiver.posts[task_id]) >= 2
    # the killed replica's attempts in flight were made again by another (and recorded once)
    assert any(len(receiver.posts[t]) > len(r["attempts"]) for t, r in by_task.items())


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://team:hunter2pw@db.example:5432/mock",
        "postgresql://team@db.example/mock?password=hunter2pw",
        "postgresql://:hunter2pw@db.example/mock",
        "postgresql://team:hun@ter2pw@db.example/mock",
        "postgresql://team:s@h1,u2:hunter2pw@h2/mock",
    ],
)
def test_a_database_password_is_never_printed(url: str) -> None:
    from scale_mock.cli import startup_line

    line = startup_line("127.0.0.1", 4010, "http", url, None, "2.1.0")
    assert "hunter2pw" not in line and "ter2pw" not in line, line
