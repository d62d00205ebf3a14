"""What the benchmarks share: a task body and a fast way to fill an account with tasks."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from scale_mock.store import Store
from scale_mock.testing import ThreadedMock

# The documents' categorization example without its `callback_url`: Prism sends no callbacks,
# so comparisons are of serving requests only.
CATEGORIZATION: dict[str, object] = {
    "instruction": "Is this company public or private?",
    "attachment_type": "website",
    "attachment": "http://www.google.com/",
    "categories": ["public", "private"],
}


def populate(database: Path, accounts: Mapping[str, int]) -> None:
    """Give each key of `accounts` that many tasks in the SQLite file `database`.

    One task per key goes through the mock's HTTP create path (so its shape is exactly what the
    mock stores); the rest are copies of it with new ids, written in one transaction."""
    store = Store(str(database))
    for key, count in accounts.items():
        with ThreadedMock(store=store) as mock, httpx.Client(auth=(key, "")) as client:
            created = client.post(f"{mock.base_url}/task/categorization", json=CATEGORIZATION)
            template = client.get(f"{mock.base_url}/task/{created.json()['task_id']}").json()
        with store.transaction(key) as tx:
            for index in range(count - 1):
                task_id = f"{index:024x}"
                tx.insert("task", task_id, {**template, "task_id": task_id})
    store.close()


@dataclass(frozen=True)
class Ratio:
    """A ratio of two measured medians, optionally with a target it must meet."""

    label: str
    numerator: str
    denominator: str
    at_least: float | None = None
    at_most: float | None = None


def report(results: Mapping[str, list[float]], ratios: list[Ratio]) -> int:
    """Print every measure's median and rounds, then the ratios and their targets; 1 if a
    target is missed, else 0."""
    median = {name: statistics.median(values) for name, values in results.items()}
    width = max(len(name) for name in median) + 2
    print(f"\n{'measure':<{width}}{'median':>12}   rounds")
    for name, value in median.items():
        rounds = ", ".join(f"{v:.3f}" if v < 10 else f"{v:.0f}" for v in results[name])
        print(f"{name:<{width}}{value:>12.3f}   {rounds}")
    print()
    missed = False
    for ratio in ratios:
        value = median[ratio.numerator] / median[ratio.denominator]
        verdict = ""
        if ratio.at_least is not None:
            met = value >= ratio.at_least
            verdict = f"target >= {ratio.at_least}: {'met' if met else 'MISSED'}"
            missed |= not met
        if ratio.at_most is not None:
            met = value <= ratio.at_most
            verdict = f"target <= {ratio.at_most}: {'met' if met else 'MISSED'}"
            missed |= not met
        print(f"{ratio.label:<40}{value:>8.2f}x   {verdict}")
    return 1 if missed else 0


def populate_batches(database: Path, key: str, batches: int, tasks: int) -> str:
    """Give `key` that many batches (at least 2) in one project of the SQLite file `database`,
    and `tasks` tasks (at least 1): one in `batch-0`, the others spread round-robin over the
    newest batches; return the project's name.

    As `populate` does for tasks: the project, `batch-0` with its task, and the empty `batch-1`
    go through the mock's HTTP create paths; the rest are copies with new names and ids, written
    in one transaction. A batch given tasks is a copy of `batch-0` (test-mode tasks complete at
    once, so it is `completed`), one without of `batch-1` (`in_progress`)."""
    project = "bench_project"
    store = Store(str(database))
    with ThreadedMock(store=store) as mock, httpx.Client(auth=(key, "")) as client:
        base = mock.base_url
        project_body = {"type": "annotation", "name": project}
        client.post(f"{base}/projects", json=project_body).raise_for_status()
        for name in ("batch-0", "batch-1"):
            batch_body = {"project": project, "name": name}
            client.post(f"{base}/batches", json=batch_body).raise_for_status()
        created = client.post(
            f"{base}/task/categorization",
            json={**CATEGORIZATION, "project": project, "batch": "batch-0"},
        )
        task = client.get(f"{base}/task/{created.json()['task_id']}").json()
        full = client.get(f"{base}/batches/batch-0").json()
        empty = client.get(f"{base}/batches/batch-1").json()
    spread = [f"batch-{batches - 1 - index % (batches - 2)}" for index in range(tasks - 1)]
    with_tasks = set(spread)
    with store.transaction(key) as tx:
        for index in range(2, batches):
            name = f"batch-{index}"
            tx.insert("batch", name, {**(full if name in with_tasks else empty), "name": name})
        for index, name in enumerate(spread):
            task_id = f"{index:024x}"
            tx.insert("task", task_id, {**task, "task_id": task_id, "batch": name})
    store.close()
    return project


@dataclass(frozen=True)
class Limit:
    """A bound on one measure's median (not a ratio): e.g. a latency in ms, a time in s."""

    label: str
    measure: str
    at_most: float
    unit: str = ""


def report_limits(results: Mapping[str, list[float]], limits: list[Limit]) -> int:
    """Print each bounded median against its target, after `report`; 1 if one is missed."""
    missed = False
    for limit in limits:
        value = statistics.median(results[limit.measure])
        met = value <= limit.at_most
        missed |= not met
        shown = f"{value:.3f} {limit.unit}".rstrip()
        target = f"{limit.at_most} {limit.unit}".rstrip()
        print(f"{limit.label:<40}{shown:>12}   target <= {target}: {'met' if met else 'MISSED'}")
    return 1 if missed else 0


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started in its own process group (`start_new_session=True`), children and
    all: SIGTERM, then SIGKILL if it has not gone within 10 s."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
