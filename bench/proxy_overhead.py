"""The validation proxy's latency overhead: the same requests to scale-mock, direct and through
`scale-contract proxy`, side by side in one run.

    .venv/bin/python bench/proxy_overhead.py [--rounds 5] [--requests 400] [--warmup 20]
                                             [--list-requests 100] [--list-seconds 6]

Why: the proxy is meant to sit between a client (an SDK, a suite, an app under test) and a Scale
API server for every request of a run, so it must add little latency: the issue's target is a p50
overhead of at most 2 ms against the mock on loopback. Its checks run once the answer has been
sent, but a sequential client sends its next request straight away, so the checks of one
exchange may still delay the next: measured here as a client sees it, one request at a time.

Both servers are real processes, each in a process group of its own on 127.0.0.1 and a free port:
`scale-mock` (`python -m scale_mock.cli`, an in-memory store) and the proxy
(`python -m contract_tests.cli proxy`, i.e. `scale-contract proxy`) forwarding to it, with
`--log` and `--report` in a temporary directory, as a user would run it. Both are stopped (SIGTERM
to the group, then SIGKILL) when the run ends, or when this script stops.

Operations, each on one keep-alive `httpx.Client` per side, timed with `time.perf_counter` around
each request (send to body read):

- `GET /v1/task/{id}`: one task (the target applies to this one);
- `POST /v1/task/categorization`: a create (the proxy also checks the request body);
- `GET /v1/tasks?limit=100` on an account of 100 tasks: a larger answer (~46 KB) for the proxy
  to keep and validate; reported, no target.

Each round measures every operation on both sides, a warm-up (`--warmup`, at most 5 for the list)
then `--requests` timed requests a side (`--list-requests` for the list, fewer past
`--list-seconds` a side, so a slow proxy still ends the run within ~2 minutes), the side that
goes first alternating from round to round, so that drift of the machine weighs on both sides
alike. Per round and operation: p50 and p99 of each side (nearest rank), and their overheads,
proxy - direct, in ms.

The figures: `report` prints each measure's median over the rounds and the rounds themselves,
then the ratios proxy / direct of the medians; the target is then checked on the median over the
rounds of (p50 proxy - p50 direct) for GET: at most 2 ms. Exit status 1 if it is missed, else 0.
Last, what the proxy did: the exchanges in its log, any with broken rules, its exit status.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
from common import CATEGORIZATION, Limit, Ratio, report, report_limits, stop_group

from scale_mock.testing import free_port

ROOT = Path(__file__).resolve().parent.parent
KEY = "test_bench"
LIST_KEY = "test_benchlist"  # an account of its own, so the creates do not grow its list
LIST_TASKS = 100
PROJECT = "bench_project"
TIMEOUT = 30.0  # seconds, any one request
TARGET_MS = 2.0  # p50 overhead of GET /v1/task/{id}
SIDES = ("direct", "proxy")

Request = Callable[[httpx.Client], httpx.Response]


@contextmanager
def serving(
    name: str, command: list[str], ready_url: str, log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server in its own process group until the block ends; never leave it behind.
    Ready at the first 200 of `ready_url` (asked with `KEY`)."""
    with log.open("ab") as sink:
        process = subprocess.Popen(
            command, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(ready_url, auth=(KEY, ""), timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{name} did not start (exit {process.poll()}):\n{tail}")
            time.sleep(0.02)
        yield process
    finally:
        stop_group(process)


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank `q`th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def timed(
    client: httpx.Client, request: Request, count: int, warmup: int, budget: float = math.inf
) -> list[float]:
    """ms of each of `count` sequential requests after `warmup` untimed ones, fewer once
    `budget` s have passed (at least one)."""
    for _ in range(warmup):
        request(client).raise_for_status()
    timings: list[float] = []
    deadline = time.monotonic() + budget
    while len(timings) < count and (not timings or time.monotonic() < deadline):
        started = time.perf_counter()
        response = request(client)
        elapsed = time.perf_counter() - started
        response.raise_for_status()
        timings.append(elapsed * 1000)
    return timings


def prepare(base_url: str) -> str:
    """A project and a task of `KEY`, `LIST_TASKS` tasks of `LIST_KEY`, all created through the
    mock's API; returns the task's id."""
    with httpx.Client(auth=(KEY, ""), timeout=TIMEOUT) as client:
        project = {"type": "annotation", "name": PROJECT}
        client.post(f"{base_url}/projects", json=project).raise_for_status()
        created = client.post(
            f"{base_url}/task/categorization", json={**CATEGORIZATION, "project": PROJECT}
        )
        task_id: str = created.raise_for_status().json()["task_id"]
    with httpx.Client(auth=(LIST_KEY, ""), timeout=TIMEOUT) as client:
        for _ in range(LIST_TASKS):
            client.post(f"{base_url}/task/categorization", json=CATEGORIZATION).raise_for_status()
        listed = client.get(f"{base_url}/tasks", params={"limit": LIST_TASKS}).raise_for_status()
        count = len(listed.json()["docs"])
        if count != LIST_TASKS:
            raise RuntimeError(f"expected {LIST_TASKS} tasks in the list, the mock lists {count}")
        print(f"a list of {LIST_TASKS} tasks is {len(listed.content):,} bytes", flush=True)
    return task_id


def proxy_log_summary(log: Path) -> tuple[int, Counter[str]]:
    """Exchanges in the proxy's JSON-lines log, and how many times each rule broke in them."""
    exchanges, broken = 0, Counter[str]()
    for line in log.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        exchanges += 1
        broken.update(entry.get("broken") or [])
    return exchanges, broken


def side_by_side(results: dict[str, list[float]], operations: list[str]) -> None:
    """One line per operation: medians over the rounds of each side's p50 and p99, and of the
    overheads."""

    def median(name: str) -> float:
        values = sorted(results[name])
        middle = len(values) // 2
        return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2

    heads = ("p50 direct", "p50 proxy", "overhead", "p99 direct", "p99 proxy", "overhead")
    print(f"\n{'ms, median over the rounds':<28}" + "".join(f"{h:>12}" for h in heads))
    for op in operations:
        row = [median(f"{op} {side} p50 ms") for side in SIDES]
        row.append(median(f"{op} overhead p50 ms"))
        row += [median(f"{op} {side} p99 ms") for side in SIDES]
        row.append(median(f"{op} overhead p99 ms"))
        cells = "".join(f"{value:>12.3f}" for value in row)
        print(f"{op:<28}{cells}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds")
    parser.add_argument("--requests", type=int, default=400, help="GET/POST requests a side")
    parser.add_argument("--list-requests", type=int, default=100, help="list requests a side")
    parser.add_argument(
        "--list-seconds", type=float, default=6, help="time cap of the list requests a side"
    )
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests before each")
    parser.add_argument(
        "--drain-seconds",
        type=float,
        default=180.0,
        help="seconds the proxy may take to finish its checks after the last request",
    )
    args = parser.parse_args()
    # SIGTERM ends this script through its `finally` blocks, so no server outlives it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    results: dict[str, list[float]] = {}

    def record(name: str, value: float) -> None:
        results.setdefault(name, []).append(value)

    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="proxy-overhead-") as directory:
        scratch = Path(directory)
        mock_port, proxy_port = free_port(), free_port()
        mock_root = f"http://127.0.0.1:{mock_port}"
        proxy_root = f"http://127.0.0.1:{proxy_port}"
        exchange_log = scratch / "exchanges.jsonl"
        mock_cmd = [python, "-m", "scale_mock.cli", "--port", str(mock_port), "--db", ":memory:"]
        proxy_cmd = [python, "-m", "contract_tests.cli", "proxy", "--upstream", mock_root]
        proxy_cmd += ["--port", str(proxy_port), "--log", str(exchange_log)]
        proxy_cmd += ["--report", str(scratch / "report")]
        proxy_output = scratch / "proxy.out"
        with (
            serving("scale-mock", mock_cmd, f"{mock_root}/_mock/health", scratch / "mock.out"),
            serving("the proxy", proxy_cmd, f"{proxy_root}/_proxy/health", proxy_output) as proxy,
        ):
            task_id = prepare(f"{mock_root}/v1")
            # name: (request, timed requests a side, untimed ones before, time cap a side)
            operations: dict[str, tuple[Request, int, int, float]] = {
                "GET task": (
                    lambda c: c.get(f"/v1/task/{task_id}"),
                    args.requests,
                    args.warmup,
                    math.inf,
                ),
                "POST categorization": (
                    lambda c: c.post("/v1/task/categorization", json=CATEGORIZATION),
                    args.requests,
                    args.warmup,
                    math.inf,
                ),
                f"GET tasks limit={LIST_TASKS}": (
                    lambda c: c.get("/v1/tasks", params={"limit": LIST_TASKS}),
                    args.list_requests,
                    min(args.warmup, 5),
                    args.list_seconds,
                ),
            }
            roots = {"direct": mock_root, "proxy": proxy_root}
            clients = {
                side: httpx.Client(base_url=root, auth=(KEY, ""), timeout=TIMEOUT)
                for side, root in roots.items()
            }
            list_clients = {
                side: httpx.Client(base_url=root, auth=(LIST_KEY, ""), timeout=TIMEOUT)
                for side, root in roots.items()
            }
            sent_through_proxy = 0  # (the readiness probe, /_proxy/health, is not forwarded)
            try:
                for round_number in range(args.rounds):
                    order = SIDES if round_number % 2 == 0 else SIDES[::-1]
                    print(f"round {round_number + 1}/{args.rounds} ({' first, '.join(order)})")
                    for op, (request, count, warmup, budget) in operations.items():
                        by_side = list_clients if op.startswith("GET tasks") else clients
                        p50, p99, done = {}, {}, {}
                        for side in order:
                            timings = timed(by_side[side], request, count, warmup, budget)
                            p50[side], p99[side] = percentile(timings, 50), percentile(timings, 99)
                            done[side] = len(timings)
                            record(f"{op} {side} p50 ms", p50[side])
                            record(f"{op} {side} p99 ms", p99[side])
                        sent_through_proxy += done["proxy"] + warmup
                        record(f"{op} overhead p50 ms", p50["proxy"] - p50["direct"])
                        record(f"{op} overhead p99 ms", p99["proxy"] - p99["direct"])
                        capped = f" ({done['proxy']} requests: time cap)" * (done["proxy"] < count)
                        print(
                            f"  {op:<24} p50 {p50['direct']:.3f} -> {p50['proxy']:.3f} ms, "
                            f"p99 {p99['direct']:.3f} -> {p99['proxy']:.3f} ms{capped}",
                            flush=True,
                        )
            finally:
                for client in (*clients.values(), *list_clients.values()):
                    client.close()
            # the checks run beside the forwarding and may lag behind it: the proxy finishes
            # them on SIGTERM before it reports, and how long that takes is a figure too
            stopping = time.monotonic()
            os.killpg(proxy.pid, signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                proxy.wait(timeout=args.drain_seconds)
            drained = time.monotonic() - stopping
        proxy_status = proxy.returncode
        exchanges, broken = proxy_log_summary(exchange_log)

    names = list(operations)
    side_by_side(results, names)
    missed = report(
        results,
        [
            Ratio(f"{op} p50: proxy / direct", f"{op} proxy p50 ms", f"{op} direct p50 ms")
            for op in names
        ]
        + [
            Ratio(f"{op} p99: proxy / direct", f"{op} proxy p99 ms", f"{op} direct p99 ms")
            for op in names
        ],
    )
    missed |= report_limits(
        results, [Limit("GET task: p50 overhead", "GET task overhead p50 ms", TARGET_MS, "ms")]
    )
    every = "the checks ran on each" if exchanges == sent_through_proxy else "NOT ALL CHECKED"
    print(
        f"\nthe proxy logged {exchanges:,} exchanges of {sent_through_proxy:,} sent ({every}); "
        f"it exited {proxy_status}, {drained:.1f} s after the last request (its checks finished)"
    )
    for rule, count in broken.most_common():
        print(f"  broken {count:,} x: {rule}")
    print(f"whole run: {time.monotonic() - started:.1f} s")
    return missed


if __name__ == "__main__":
    raise SystemExit(main())
