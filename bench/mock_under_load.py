"""scale-mock under load, side by side in one run: list paging, health, memory, start-up.

    .venv/bin/python bench/mock_under_load.py [--rounds 3] [--requests 10] [--list-seconds 5]
                                              [--health-seconds 3] [--clients 20] [--body-mib 50]

Why: a mock that a suite or a team shares must stay cheap however much state it holds and
whatever its clients send. A page of `GET /v1/batches` should cost the same with 10,000
batches as with 10; a long list must not stall the event loop, or a readiness probe times out
and an orchestrator restarts a healthy mock; an oversized body must be refused (or stored)
without the mock holding every byte of every concurrent request; and a test fixture that
starts a mock per session waits for its start-up every time.

Every mock here is the `scale-mock` command (`python -m scale_mock.cli`) in a child process of
its own process group on 127.0.0.1 and a free port, so the real server is measured, not a
thread of this process; each is killed when its measure ends, or when this script stops.

1. List latency: `GET /v1/batches` (first page, default limit), sequential on a reused
   connection, on an account of 10 batches and on one of 10,000 (300 of them with a task, so
   they list as `completed`), alternating. Target: 10k / 10 <= 2.0.
2. Health: `/_mock/health` p50 and p99 on the 10,000-batch mock idle, then while a second client
   loops `GET /v1/batches`, `?status=completed` and `?project=...` on it. Target: loaded p99
   <= 50 ms.
3. Memory: the mock's RSS idle, and its peak (VmHWM) while N clients (default 20) each send a
   50 MiB body at once, streamed (chunked, no Content-Length): JSON to
   `POST /v1/task/categorization` (over the 10 MiB cap: a 413 is expected) and a multipart
   `file` to `POST /v1/files/upload` (under the 100 MiB cap: stored). A fresh mock per case and
   round. No target yet: the figures are printed.
4. Start-up: from spawning the command to the first 200 of `/_mock/health`, on a new SQLite file
   (the fresh mocks of the memory measure) and on the 10,000-batch one. Target (new file):
   <= 1.0 s.

Requests time out after 60 s and each list round stops after `--list-seconds` (at least one
request), so a default run ends within ~3 minutes even when a 10,000-batch page takes seconds.
"""

from __future__ import annotations

import argparse
import math
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from common import Limit, Ratio, populate_batches, report, report_limits, stop_group

from scale_mock.testing import free_port

ROOT = Path(__file__).resolve().parent.parent
KEY = "test_bench"
TIMEOUT = 60.0  # seconds, any one request
MIB = 1024 * 1024
SMALL, LARGE, LARGE_TASKS = 10, 10_000, 300
LOAD_CAP = 100_000  # list requests the loading client sends at most


@dataclass
class Mock:
    """A running `scale-mock` process."""

    pid: int
    root_url: str
    startup: float  # seconds from spawn to the first 200 of /_mock/health

    @property
    def base_url(self) -> str:
        return f"{self.root_url}/v1"


@contextmanager
def serving(database: Path, log: Path) -> Iterator[Mock]:
    """Run `scale-mock` on `database` until the block ends; never leave it behind."""
    port = free_port()
    command = [sys.executable, "-m", "scale_mock.cli", "--port", str(port), "--db", str(database)]
    root_url = f"http://127.0.0.1:{port}"
    with log.open("ab") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT
        )
    try:
        startup = wait_healthy(process, f"{root_url}/_mock/health", started, log)
        yield Mock(process.pid, root_url, startup)
    finally:
        stop_group(process)


def wait_healthy(process: subprocess.Popen[bytes], url: str, started: float, log: Path) -> float:
    """Seconds from `started` to the first 200 of `url`, polled every 5 ms."""
    deadline = started + 60
    while True:
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return time.perf_counter() - started
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.perf_counter() > deadline:
            tail = log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"scale-mock did not start (exit {process.poll()}):\n{tail}")
        time.sleep(0.005)


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank `q`th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def list_latency(client: httpx.Client, url: str, count: int, budget: float) -> float:
    """Median ms of `count` sequential requests of `url`, fewer past `budget` s (at least one)."""
    timings: list[float] = []
    deadline = time.monotonic() + budget
    while len(timings) < count and (not timings or time.monotonic() < deadline):
        started = time.perf_counter()
        client.get(url).raise_for_status()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def health_latencies(root_url: str, seconds: float) -> list[float]:
    """ms of each `/_mock/health` request, one every ~5 ms for `seconds` (at least one)."""
    timings: list[float] = []
    deadline = time.monotonic() + seconds
    with httpx.Client(timeout=TIMEOUT) as client:
        while not timings or time.monotonic() < deadline:
            started = time.perf_counter()
            client.get(f"{root_url}/_mock/health").raise_for_status()
            timings.append((time.perf_counter() - started) * 1000)
            time.sleep(0.005)
    return timings


class Loader:
    """A second client looping the batch lists (plain, by status, by project) until stopped."""

    def __init__(self, base_url: str, project: str) -> None:
        self.queries: list[dict[str, str]] = [{}, {"status": "completed"}, {"project": project}]
        self.base_url = base_url
        self.done = 0
        self.failures: Counter[str] = Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="loader", daemon=True)

    def _run(self) -> None:
        with httpx.Client(auth=(KEY, ""), timeout=TIMEOUT) as client:
            while not self._stop.is_set() and self.done < LOAD_CAP:
                params = self.queries[self.done % len(self.queries)]
                try:
                    response = client.get(f"{self.base_url}/batches", params=params)
                    if response.status_code != 200:
                        self.failures[str(response.status_code)] += 1
                except httpx.HTTPError as error:
                    self.failures[type(error).__name__] += 1
                self.done += 1

    def __enter__(self) -> Loader:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=TIMEOUT + 10)


def json_body(size: int) -> Iterator[bytes]:
    """A categorization body of `size` bytes (its instruction padded), in 1 MiB chunks."""
    head, tail = b'{"instruction": "', b'", "attachment_type": "text", "attachment": "x"}'
    yield head
    chunk, left = b"a" * MIB, size - len(head) - len(tail)
    while left > 0:
        yield chunk[:left]
        left -= MIB
    yield tail


BOUNDARY = "scale-mock-bench-boundary"


def multipart_body(size: int) -> Iterator[bytes]:
    """A multipart form of one `file` part of `size` bytes, in 1 MiB chunks."""
    yield (
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="file"; filename="bench.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    chunk, left = b"\0" * MIB, size
    while left > 0:
        yield chunk[:left]
        left -= MIB
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


def status_kb(pid: int, field: str) -> int:
    """A `VmRSS`/`VmHWM`-style field of /proc/<pid>/status, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def concurrent_bodies(
    url: str, clients: int, body: Callable[[], Iterator[bytes]], headers: dict[str, str]
) -> Counter[str]:
    """Send `clients` streamed bodies at once, each from its own thread and connection; how
    many ended with each status code (or transport error)."""
    outcomes: Counter[str] = Counter()
    start = threading.Barrier(clients)

    def send() -> None:
        with httpx.Client(auth=(KEY, ""), timeout=TIMEOUT) as client:
            start.wait()
            try:
                outcomes[str(client.post(url, content=body(), headers=headers).status_code)] += 1
            except httpx.HTTPError as error:
                outcomes[type(error).__name__] += 1

    threads = [threading.Thread(target=send) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT + 30)
    return outcomes


@dataclass
class MemoryCase:
    """What one fresh mock did around the concurrent bodies."""

    startup: float  # s
    idle: float  # MB of RSS, warmed by one request
    peak: float  # MB, VmHWM: the highest RSS since the process started
    outcomes: Counter[str]


def memory_case(
    scratch: Path,
    path: str,
    clients: int,
    body: Callable[[], Iterator[bytes]],
    headers: dict[str, str],
) -> MemoryCase:
    """Idle and peak RSS of a fresh mock (new SQLite file) around `clients` concurrent bodies
    sent to `path`."""
    database = scratch / "memory.sqlite3"
    try:
        with serving(database, scratch / "mock.log") as mock:
            httpx.get(f"{mock.base_url}/projects", auth=(KEY, ""), timeout=TIMEOUT)  # warm
            idle = status_kb(mock.pid, "VmRSS") / 1024
            outcomes = concurrent_bodies(f"{mock.base_url}{path}", clients, body, headers)
            peak = status_kb(mock.pid, "VmHWM") / 1024
    finally:
        for leftover in scratch.glob("memory.sqlite3*"):
            leftover.unlink()
    return MemoryCase(mock.startup, idle, peak, outcomes)


def shown(outcomes: Counter[str]) -> str:
    return ", ".join(f"{count} x {outcome}" for outcome, count in sorted(outcomes.items()))


def check_accounts(small: Mock, large: Mock, project: str) -> None:
    """The accounts hold what the measures assume (a wrong fill would measure nothing)."""
    with httpx.Client(auth=(KEY, ""), timeout=TIMEOUT) as client:
        for mock, expected in ((small, SMALL), (large, LARGE)):
            total = client.get(f"{mock.base_url}/batches").raise_for_status().json()["totalDocs"]
            if total != expected:
                raise RuntimeError(f"expected {expected} batches, the mock lists {total}")
        by_project = client.get(f"{large.base_url}/batches", params={"project": project})
        if by_project.raise_for_status().json()["totalDocs"] != LARGE:
            raise RuntimeError(f"?project={project} does not list the {LARGE} batches")
        completed = client.get(f"{large.base_url}/batches", params={"status": "completed"})
        count = completed.raise_for_status().json()["totalDocs"]
        if count != LARGE_TASKS:
            print(f"  ?status=completed lists {count} batches, not {LARGE_TASKS}", flush=True)


Record = Callable[[str, float], None]


def measure_lists(small: Mock, large: Mock, args: argparse.Namespace, record: Record) -> None:
    with httpx.Client(auth=(KEY, ""), timeout=TIMEOUT) as client:
        for round_number in range(args.rounds):
            print(f"list round {round_number + 1}/{args.rounds}", flush=True)
            for name, mock in (("10", small), ("10k", large)):
                url = f"{mock.base_url}/batches"
                latency = list_latency(client, url, args.requests, args.list_seconds)
                record(f"list {name} batches ms", latency)


def measure_health(large: Mock, project: str, args: argparse.Namespace, record: Record) -> None:
    for round_number in range(args.rounds):
        print(f"idle health round {round_number + 1}/{args.rounds}", flush=True)
        idle = health_latencies(large.root_url, args.health_seconds)
        record("health idle p50 ms", percentile(idle, 50))
        record("health idle p99 ms", percentile(idle, 99))
    with Loader(large.base_url, project) as loader:
        for round_number in range(args.rounds):
            print(f"loaded health round {round_number + 1}/{args.rounds}", flush=True)
            loaded = health_latencies(large.root_url, args.health_seconds)
            record("health loaded p50 ms", percentile(loaded, 50))
            record("health loaded p99 ms", percentile(loaded, 99))
            print(f"  {len(loaded)} probes, {loader.done} lists so far", flush=True)
    if loader.failures:
        print(f"  loader failures: {shown(loader.failures)}", flush=True)


def measure_memory(scratch: Path, args: argparse.Namespace, record: Record) -> None:
    """Also times the start-up of each of its fresh mocks (a new SQLite file each)."""
    size = args.body_mib * MIB
    cases: dict[str, tuple[str, Callable[[], Iterator[bytes]], dict[str, str]]] = {
        "json": (
            "/task/categorization",
            lambda: json_body(size),
            {"Content-Type": "application/json"},
        ),
        "upload": (
            "/files/upload",
            lambda: multipart_body(size),
            {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
        ),
    }
    startups = []
    for round_number in range(args.rounds):
        for name, (path, body, headers) in cases.items():
            print(f"memory round {round_number + 1}/{args.rounds}: {name}", flush=True)
            started = time.monotonic()
            case = memory_case(scratch, path, args.clients, body, headers)
            elapsed = time.monotonic() - started
            record(f"{name} RSS idle MB", case.idle)
            record(f"{name} RSS peak MB", case.peak)
            startups.append(case.startup)
            sent = f"{args.clients} x {args.body_mib} MiB"
            print(f"  {sent}: {shown(case.outcomes)} ({elapsed:.1f} s)", flush=True)
    for startup in startups:
        record("start-up new db s", startup)


def measure_startup(database: Path, log: Path, args: argparse.Namespace, record: Record) -> None:
    for round_number in range(args.rounds):
        print(f"start-up round {round_number + 1}/{args.rounds}", flush=True)
        with serving(database, log) as mock:
            record("start-up 10k db s", mock.startup)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every measure")
    parser.add_argument("--requests", type=int, default=10, help="list requests per round")
    parser.add_argument("--list-seconds", type=float, default=5, help="time cap per list round")
    parser.add_argument("--health-seconds", type=float, default=3, help="health probing per round")
    parser.add_argument("--clients", type=int, default=20, help="concurrent large bodies")
    parser.add_argument("--body-mib", type=int, default=50, help="size of each large body")
    args = parser.parse_args()
    # SIGTERM ends this script through its `finally` blocks, so no mock outlives it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results: dict[str, list[float]] = {}

    def record(name: str, value: float) -> None:
        results.setdefault(name, []).append(value)

    with tempfile.TemporaryDirectory() as directory:
        scratch = Path(directory)
        log = scratch / "mock.log"
        small_db, large_db = scratch / "10.sqlite3", scratch / "10k.sqlite3"
        print(f"populating {SMALL:,} and {LARGE:,} batches ...", flush=True)
        populate_batches(small_db, KEY, SMALL, 1)
        project = populate_batches(large_db, KEY, LARGE, LARGE_TASKS)
        with serving(small_db, log) as small, serving(large_db, log) as large:
            check_accounts(small, large, project)
            measure_lists(small, large, args, record)
            measure_health(large, project, args, record)
        measure_memory(scratch, args, record)
        measure_startup(large_db, log, args, record)

    missed = report(
        results,
        [
            Ratio(
                "list batches: 10k / 10 latency",
                "list 10k batches ms",
                "list 10 batches ms",
                at_most=2.0,
            ),
            Ratio("health p99: loaded / idle", "health loaded p99 ms", "health idle p99 ms"),
            Ratio("json 413: peak / idle RSS", "json RSS peak MB", "json RSS idle MB"),
            Ratio("upload: peak / idle RSS", "upload RSS peak MB", "upload RSS idle MB"),
        ],
    )
    missed |= report_limits(
        results,
        [
            Limit("health p99 under list load", "health loaded p99 ms", 50, "ms"),
            Limit("start-up (new db)", "start-up new db s", 1.0, "s"),
        ],
    )
    return missed


if __name__ == "__main__":
    raise SystemExit(main())
