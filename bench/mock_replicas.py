"""scale-mock on PostgreSQL, 1 and 2 replicas, against 1 process on SQLite: requests per second,
side by side in one run.

    .venv/bin/python bench/mock_replicas.py [--seconds 4] [--rounds 3] [--clients 8]
                                            [--warmup 0.5] [--no-shared-key]

Why: `--db postgresql://...` lets several scale-mock replicas share one database and serve as
one server. What does that cost a single process against SQLite, and what does a second replica
buy? Three configurations, every process started once for the whole run:

- `sqlite`: 1 scale-mock process on a SQLite file in a temporary directory;
- `pg1`: 1 replica on a fresh database of a throwaway PostgreSQL cluster
  (`scale_mock.pg_cluster.PostgresCluster`: fsync off, on 127.0.0.1);
- `pg2`: 2 replicas on one other fresh database of the same cluster.

Each is the `scale-mock` command (`scale_mock.testing.SubprocessMock`) in a process group of its
own on 127.0.0.1 and a free port, its output in a log file; every process and the cluster are
stopped when the run ends, or when this script stops (SIGTERM included).

Operations: `GET /v1/task/{id}` (a task of the client's key, created before the rounds) and
`POST /v1/task/categorization` (`common.CATEGORIZATION`), with `live_` keys so that no task
completes and no callback is sent. N client threads (`--clients`, default 8), each with its own
keep-alive `httpx.Client` made once for the run, are spread round-robin over the replicas of the
configuration; each sends requests back to back for `--seconds`, and the measure is the 2xx
answers of all threads over the elapsed time (any other answer is counted and printed). Each
round measures every configuration in turn (sqlite, pg1, pg2, sqlite, ...), GET then POST, so
that drift of the machine weighs on all alike; before the first, each measure runs untimed for
`--warmup` seconds (connections opened, pools filled).

Two key variants: `per-client`, one API key (tenant) per client thread; and `shared`, one key
for every thread. On PostgreSQL each transaction first takes a transaction-scoped advisory lock
on its tenant, so one tenant's transactions run one at a time across every replica: the shared
key shows that per-tenant ceiling, the per-client keys what tenants in parallel get. The shared
variant doubles the run (`--no-shared-key` leaves it out); the default run takes ~2.5 minutes.

The figures: `common.report` prints each measure's median req/s over the rounds and the rounds
themselves, then the ratios of the medians: pg1 / sqlite, pg2 / sqlite and pg2 / pg1, per
operation and key variant; last the run's time and the machine's load average at its start and
end (anything else running on the machine is in the figures too). No target: the exit status
is 0, or 1 when a server (or the cluster) cannot start, with the reason.

Caveat: the client threads run in this one Python process (one GIL) on the same machine as the
servers and PostgreSQL. On a 2-core machine they all share two CPUs, so the client's own cost
is in every figure, and a second replica adds processes competing for the same cores rather than
capacity: read pg2 / pg1 as what a second replica costs or buys on this box, not as scaling.

What to expect of pg1 / sqlite: a SQLite transaction that can start at once runs on the event
loop, in-process; a PostgreSQL one always hops to a worker thread and crosses to the database
server for each step (the pool's check of the connection, BEGIN, the tenant's advisory lock, the
statements, COMMIT), and that server is a further process on the same cores.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from common import CATEGORIZATION, Ratio, report

from scale_mock.pg_cluster import PostgresCluster, PostgresUnavailable
from scale_mock.testing import SubprocessMock

TIMEOUT = 30.0  # seconds, any one request
CONFIGURATIONS = ("sqlite", "pg1", "pg2")
OPERATIONS = ("GET", "POST")
SHARED_KEY = "live_benchshared"


class ServerFailed(RuntimeError):
    """A server or the cluster did not start: the message says which, and why."""


@dataclass
class Client:
    """One client thread's connection, key and task."""

    http: httpx.Client
    task_id: str


@contextmanager
def replica(name: str, database: str, log: Path) -> Iterator[SubprocessMock]:
    """A `scale-mock --db database` until the block ends (stopped with its process group)."""
    mock = SubprocessMock(["--db", database], output=log)
    try:
        mock.start()
    except RuntimeError as error:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise ServerFailed(f"{name} did not start ({error}):\n{tail}") from None
    try:
        yield mock
    finally:
        mock.stop()


def make_clients(roots: list[str], keys: list[str]) -> list[Client]:
    """One keep-alive client per key, round-robin over `roots`, each with a task of its key
    (created once per key through the first client that has it)."""
    clients: list[Client] = []
    task_of: dict[str, str] = {}
    for index, key in enumerate(keys):
        http = httpx.Client(base_url=roots[index % len(roots)], auth=(key, ""), timeout=TIMEOUT)
        if key not in task_of:
            created = http.post("/v1/task/categorization", json=CATEGORIZATION)
            task_of[key] = created.raise_for_status().json()["task_id"]
        clients.append(Client(http, task_of[key]))
    return clients


def throughput(clients: list[Client], operation: str, seconds: float) -> tuple[float, Counter[int]]:
    """2xx answers per second of every client sending `operation` back to back for `seconds`,
    and the count of each other status (0: a transport error)."""
    barrier = threading.Barrier(len(clients) + 1)
    done = [0] * len(clients)
    others: list[Counter[int]] = [Counter() for _ in clients]
    deadline = 0.0

    def requester(client: Client) -> Callable[[], httpx.Response]:
        if operation == "GET":
            return lambda: client.http.get(f"/v1/task/{client.task_id}")
        return lambda: client.http.post("/v1/task/categorization", json=CATEGORIZATION)

    def run(index: int, client: Client) -> None:
        send = requester(client)
        barrier.wait()
        while time.perf_counter() < deadline:
            try:
                status = send().status_code
            except httpx.TransportError:
                status = 0
            if 200 <= status < 300:
                done[index] += 1
            else:
                others[index][status] += 1

    threads = [
        threading.Thread(target=run, args=(index, client), daemon=True)
        for index, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    deadline = started + seconds
    barrier.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return sum(done) / elapsed, sum(others, Counter())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=4, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument(
        "--warmup", type=float, default=0.5, help="untimed seconds per measure before round 1"
    )
    parser.add_argument(
        "--no-shared-key",
        dest="shared_key",
        action="store_false",
        help="measure only one key per client, not also one key shared by all",
    )
    args = parser.parse_args()
    # SIGTERM ends this script through its `finally` blocks, so no server outlives it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    load_before = os.getloadavg()
    variants = {"per-client": [f"live_benchclient{n}" for n in range(args.clients)]}
    if args.shared_key:
        variants["shared"] = [SHARED_KEY] * args.clients
    results: dict[str, list[float]] = {}
    failures: Counter[str] = Counter()

    try:
        with ExitStack() as stack:
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="replicas-")))
            try:
                cluster = stack.enter_context(PostgresCluster())
            except (PostgresUnavailable, OSError) as error:
                raise ServerFailed(f"no PostgreSQL cluster: {error}") from None
            except Exception as error:  # initdb or pg_ctl failing: CalledProcessError
                detail = getattr(error, "stderr", "") or ""
                raise ServerFailed(
                    f"the PostgreSQL cluster did not start: {error}\n{detail}"
                ) from None
            databases = {
                "sqlite": [str(scratch / "bench.sqlite3")],
                "pg1": [cluster.create_database("bench_pg1")],
                "pg2": [cluster.create_database("bench_pg2")] * 2,
            }
            roots: dict[str, list[str]] = {}
            for name in CONFIGURATIONS:
                roots[name] = []
                for index, database in enumerate(databases[name]):
                    label = f"{name} replica {index + 1}"
                    log = scratch / f"{name}-{index + 1}.log"
                    mock = stack.enter_context(replica(label, database, log))
                    roots[name].append(mock.root_url)
            print(
                f"servers up in {time.monotonic() - started:.1f} s: "
                + ", ".join(f"{name} x{len(roots[name])}" for name in CONFIGURATIONS),
                flush=True,
            )
            clients = {
                (name, variant): make_clients(roots[name], keys)
                for name in CONFIGURATIONS
                for variant, keys in variants.items()
            }
            for group in clients.values():
                for client in group:
                    stack.callback(client.http.close)
            if args.warmup > 0:  # untimed: connections, caches, pools, the first pages
                for group in clients.values():
                    for operation in OPERATIONS:
                        throughput(group, operation, args.warmup)
            for round_number in range(args.rounds):
                print(f"round {round_number + 1}/{args.rounds}", flush=True)
                for variant in variants:
                    for name in CONFIGURATIONS:
                        figures = []
                        for operation in OPERATIONS:
                            rate, others = throughput(
                                clients[name, variant], operation, args.seconds
                            )
                            measure = f"{name} {operation} {variant} req/s"
                            results.setdefault(measure, []).append(rate)
                            for status, count in others.items():
                                failures[f"{measure}: status {status or 'transport error'}"] += (
                                    count
                                )
                            figures.append(f"{operation} {rate:.0f}")
                        print(f"  {variant:<10} {name:<7} {', '.join(figures)} req/s", flush=True)
    except ServerFailed as error:
        print(f"cannot run the bench: {error}", file=sys.stderr)
        return 1

    ratios = [
        Ratio(
            f"{operation} {variant}: {numerator} / {denominator}",
            f"{numerator} {operation} {variant} req/s",
            f"{denominator} {operation} {variant} req/s",
        )
        for variant in variants
        for operation in OPERATIONS
        for numerator, denominator in (("pg1", "sqlite"), ("pg2", "sqlite"), ("pg2", "pg1"))
    ]
    report(results, ratios)
    if failures:
        print("\nanswers other than 2xx (not counted):")
        for what, count in sorted(failures.items()):
            print(f"  {count:,} x {what}")
    before, after = load_before[0], os.getloadavg()[0]
    print(f"\nwhole run: {time.monotonic() - started:.1f} s")
    print(f"load average (1 min): {before:.2f} at the start, {after:.2f} at the end, ", end="")
    print(f"on {os.cpu_count()} CPUs (any other work on the machine is in the figures)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
