"""The generated client against the official SDK, on the same scale-mock, in one run.

    python bench/client_vs_sdk.py [--calls 1000] [--rounds 3]

- HTTPS (the real API is HTTPS only): N sequential `GET /v1/task/{id}` with each client, the
  mock serving a certificate of a local test CA (trustme) that both clients are given. The
  SDK opens a new session, so a new TLS connection, on every call; the generated client reuses
  one. Target: the generated client takes at most a third of the SDK's milliseconds per call.
- Plain HTTP on loopback, where the floor is a raw reused `httpx.Client` (`.get().json()`):
  the SDK/client ratio, and the client's overhead over raw httpx (target <= 1.15x).
- Memory: `iter_tasks` over accounts of 1,000 and 10,000 tasks, each in a fresh process;
  the peak RSS of each (flat memory means about the same peak).

Calls alternate between the clients in blocks of 50; medians of the rounds are reported, and
the exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import httpx
import scaleapi
import trustme
from common import CATEGORIZATION, Ratio, populate, report
from scale_api_client import from_api_key
from scale_api_client.api.tasks import get_task

from scale_mock.testing import SubprocessMock

KEY = "test_bench"
# Peak RSS is read from VmHWM, which restarts at exec; `ru_maxrss` would carry over the peak
# of the (large) benchmark process that spawned the probe. Python allocations during the
# iteration alone are measured with tracemalloc.
MEMORY_PROBE = """
import sys, tracemalloc
from scale_api_client import from_api_key, iter_tasks

def peak_rss_kib():
    status = open("/proc/self/status").read().split("VmHWM:")[1]
    return int(status.split()[0])

base_url, key = sys.argv[1], sys.argv[2]
with from_api_key(key, base_url=base_url) as client:
    next(iter_tasks(client, page_size=1))  # imports, connection and one parse done
    tracemalloc.start()
    count = sum(1 for _ in iter_tasks(client))
    allocated = tracemalloc.get_traced_memory()[1]
print(count, peak_rss_kib(), allocated)
"""


def get_json(client: httpx.Client, url: str) -> object:
    """The floor: one reused connection, the body parsed as JSON and nothing else."""
    return client.get(url).json()


BLOCK = 50


def per_call_ms(calls: dict[str, Callable[[], object]], count: int) -> dict[str, float]:
    """Milliseconds per call of each client, `count` calls each, interleaved in blocks of
    `BLOCK` so that drift in the machine's load hits every client alike."""
    spent = dict.fromkeys(calls, 0.0)
    for call in calls.values():
        call()  # connect and warm up outside the timing
    for _ in range(max(1, count // BLOCK)):
        for name, call in calls.items():
            started = time.perf_counter()
            for _ in range(BLOCK):
                call()
            spent[name] += time.perf_counter() - started
    return {name: total * 1000 / (max(1, count // BLOCK) * BLOCK) for name, total in spent.items()}


def peak_rss_mb(base_url: str, key: str, expected: int) -> tuple[float, float]:
    """Peak RSS of a fresh process that iterates every task of `key`, and the peak of Python
    memory allocated during the iteration itself."""
    output = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, base_url, key],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert int(output[0]) == expected, output
    return int(output[1]) / 1024, int(output[2]) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=1000, help="sequential GETs per round")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds")
    args = parser.parse_args()
    # requests lets these override the SDK's own `verify=`; the test CA must be the one used.
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        os.environ.pop(name, None)
    results: dict[str, list[float]] = {}

    def record(name: str, value: float) -> None:
        results.setdefault(name, []).append(value)

    with tempfile.TemporaryDirectory() as scratch:
        authority = trustme.CA()
        issued = authority.issue_cert("127.0.0.1")
        cert, private, ca = (Path(scratch) / n for n in ("cert.pem", "key.pem", "ca.pem"))
        issued.private_key_and_cert_chain_pem.write_to_path(str(cert))
        issued.private_key_pem.write_to_path(str(private))
        authority.cert_pem.write_to_path(str(ca))
        tls_args = ["--db", ":memory:", "--ssl-certfile", str(cert), "--ssl-keyfile", str(private)]
        with (
            SubprocessMock(tls_args, ca_bundle=str(ca)) as tls,
            SubprocessMock(["--db", ":memory:"]) as plain,
        ):
            servers = {"https": tls, "http": plain}
            ids = {}
            for scheme, server in servers.items():
                with httpx.Client(auth=(KEY, ""), verify=server.verify) as setup:
                    created = setup.post(
                        f"{server.base_url}/task/categorization", json=CATEGORIZATION
                    )
                    ids[scheme] = created.raise_for_status().json()["task_id"]
            for round_number in range(args.rounds):
                print(f"round {round_number + 1}/{args.rounds}", flush=True)
                for scheme, server in servers.items():
                    task_id = ids[scheme]
                    sdk = scaleapi.ScaleClient(
                        KEY,
                        api_instance_url=server.base_url,
                        verify=str(ca) if scheme == "https" else None,
                    )
                    with (
                        from_api_key(KEY, base_url=server.base_url, verify=server.verify) as client,
                        httpx.Client(auth=(KEY, ""), verify=server.verify) as raw,
                    ):
                        url = f"{server.base_url}/task/{task_id}"
                        timings: dict[str, Callable[[], object]] = {
                            "generated client": partial(get_task.sync, task_id, client=client),
                            "official SDK": partial(sdk.get_task, task_id),
                            "raw httpx": partial(get_json, raw, url),
                        }
                        for name, ms in per_call_ms(timings, args.calls).items():
                            record(f"{scheme} {name} ms/call", ms)
        database = Path(scratch) / "memory.sqlite3"
        print("populating 1,000 and 10,000 tasks ...", flush=True)
        populate(database, {"test_thousand": 1_000, "test_tenthousand": 10_000})
        with SubprocessMock(["--db", str(database)]) as server:
            for _ in range(args.rounds):
                for label, key, count in (
                    ("1,000", "test_thousand", 1_000),
                    ("10,000", "test_tenthousand", 10_000),
                ):
                    peak, allocated = peak_rss_mb(server.base_url, key, count)
                    record(f"peak RSS MB, {label} tasks", peak)
                    record(f"peak MB allocated iterating {label}", allocated)

    return report(
        results,
        [
            Ratio(
                "HTTPS: SDK / generated client",
                "https official SDK ms/call",
                "https generated client ms/call",
                at_least=3.0,
            ),
            Ratio(
                "HTTP: SDK / generated client",
                "http official SDK ms/call",
                "http generated client ms/call",
            ),
            Ratio("HTTP: SDK / raw httpx", "http official SDK ms/call", "http raw httpx ms/call"),
            Ratio(
                "HTTP: generated client / raw httpx",
                "http generated client ms/call",
                "http raw httpx ms/call",
                at_most=1.15,
            ),
            Ratio(
                "peak RSS: 10,000 / 1,000 tasks",
                "peak RSS MB, 10,000 tasks",
                "peak RSS MB, 1,000 tasks",
            ),
        ],
    )


if __name__ == "__main__":
    raise SystemExit(main())
