"""scale-mock against Prism, side by side in one run: throughput and list latency.

    python bench/mock_vs_prism.py [--duration 5] [--rounds 3] [--connections 8]

- Throughput: `wrk` (Debian's `wrk`) with N connections from a second process, on
  `GET /v1/task/{id}` and `POST /v1/task/categorization`, alternating servers each round; and a
  sequential, connection-reusing httpx client. Both servers serve `openapi/scale.yaml`; Prism
  (`@stoplight/prism-cli`, pinned in bench/package.json, installed here into
  bench/node_modules) answers from the examples, scale-mock validates, authenticates and stores.
- List latency: `GET /v1/tasks?limit=100` on an account of 1,000 tasks and on one of 100,000,
  median of sequential requests, alternating.

Reports medians and ratios; the targets (scale-mock >= 2x Prism on GET, 100k list within 2x of
1k) are printed as met or missed, and the exit status is 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from common import CATEGORIZATION, Ratio, populate, report, stop_group

from scale_mock.testing import free_port

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
SPEC = ROOT / "openapi" / "scale.yaml"
KEY = "test_bench"


def ensure_prism() -> Path:
    binary = BENCH / "node_modules" / ".bin" / "prism"
    if not binary.exists():
        print("installing Prism into bench/node_modules ...", flush=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=BENCH, check=True
        )
    return binary


@contextmanager
def serving(command: list[str], ready_url: str, auth: tuple[str, str] | None) -> Iterator[None]:
    """Run a server in its own process group until the block ends; never leave it behind."""
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(ready_url, auth=auth, timeout=2).status_code < 500:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {' '.join(command)}")
            time.sleep(0.2)
        yield
    finally:
        stop_group(process)


def wrk(url: str, seconds: int, connections: int, post_body: dict[str, object] | None) -> float:
    """Requests per second of `wrk`, counting only 2xx answers as done work."""
    auth = httpx.BasicAuth(KEY, "")._auth_header
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(f'wrk.headers["Authorization"] = "{auth}"\n')
        if post_body is not None:
            script.write('wrk.method = "POST"\n')
            script.write('wrk.headers["Content-Type"] = "application/json"\n')
            script.write(f"wrk.body = {json.dumps(json.dumps(post_body))}\n")
    try:
        output = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", script.name, url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        total = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
        rate *= 1 - int(errors.group(1)) / total
    return rate


def sequential(url: str, count: int, post_body: dict[str, object] | None = None) -> float:
    """Requests per second of one reused httpx client, one request at a time."""
    with httpx.Client(auth=(KEY, ""), timeout=10) as client:
        started = time.perf_counter()
        for _ in range(count):
            response = client.post(url, json=post_body) if post_body else client.get(url)
            response.raise_for_status()
        return count / (time.perf_counter() - started)


def list_latency(url: str, count: int) -> float:
    """Median milliseconds of `GET /tasks?limit=100`, sequential, on a reused connection."""
    timings = []
    with httpx.Client(auth=(KEY, ""), timeout=30) as client:
        for _ in range(count):
            started = time.perf_counter()
            client.get(url, params={"limit": 100}).raise_for_status()
            timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--sequential", type=int, default=500, help="requests per httpx run")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk not found: install Debian's wrk (apt-get install wrk)", file=sys.stderr)
        return 2
    prism = ensure_prism()
    python = sys.executable
    results: dict[str, list[float]] = {}

    def record(name: str, value: float) -> None:
        results.setdefault(name, []).append(value)

    with tempfile.TemporaryDirectory() as scratch:
        mock_port, prism_port = free_port(), free_port()
        mock_url = f"http://127.0.0.1:{mock_port}/v1"
        prism_url = f"http://127.0.0.1:{prism_port}"  # Prism serves the paths without /v1
        mock_cmd = [python, "-m", "scale_mock.cli", "--port", str(mock_port)]
        mock_cmd += ["--db", str(Path(scratch) / "bench.sqlite3")]
        prism_cmd = [str(prism), "mock", "-h", "127.0.0.1", "-p", str(prism_port), str(SPEC)]
        with (
            serving(mock_cmd, f"{mock_url}/tasks", (KEY, "")),
            serving(prism_cmd, f"{prism_url}/tasks", (KEY, "")),
        ):
            created = httpx.post(
                f"{mock_url}/task/categorization", json=CATEGORIZATION, auth=(KEY, "")
            )
            task_id = created.raise_for_status().json()["task_id"]
            targets = {"scale-mock": mock_url, "prism": prism_url}
            for round_number in range(args.rounds):
                print(f"round {round_number + 1}/{args.rounds}", flush=True)
                for name, base in targets.items():
                    get = f"{base}/task/{task_id}"
                    post = f"{base}/task/categorization"
                    record(f"{name} GET wrk", wrk(get, args.duration, args.connections, None))
                    record(
                        f"{name} POST wrk",
                        wrk(post, args.duration, args.connections, CATEGORIZATION),
                    )
                    record(f"{name} GET httpx", sequential(get, args.sequential))
                    record(f"{name} POST httpx", sequential(post, args.sequential, CATEGORIZATION))
        small, large = Path(scratch) / "1k.sqlite3", Path(scratch) / "100k.sqlite3"
        print("populating 1,000 and 100,000 tasks ...", flush=True)
        populate(small, {KEY: 1_000})
        populate(large, {KEY: 100_000})
        ports = {"1k": free_port(), "100k": free_port()}
        commands = {
            size: [python, "-m", "scale_mock.cli", "--port", str(ports[size]), "--db", str(db)]
            for size, db in (("1k", small), ("100k", large))
        }
        urls = {size: f"http://127.0.0.1:{port}/v1/tasks" for size, port in ports.items()}
        with (
            serving(commands["1k"], urls["1k"], (KEY, "")),
            serving(commands["100k"], urls["100k"], (KEY, "")),
        ):
            for _ in range(args.rounds):
                for size in ("1k", "100k"):
                    record(f"list {size} ms", list_latency(urls[size], 100))

    return report(
        results,
        [
            Ratio("GET wrk: scale-mock / Prism", "scale-mock GET wrk", "prism GET wrk", 2.0),
            Ratio("POST wrk: scale-mock / Prism", "scale-mock POST wrk", "prism POST wrk"),
            Ratio("GET httpx: scale-mock / Prism", "scale-mock GET httpx", "prism GET httpx"),
            Ratio("list: 100k / 1k latency", "list 100k ms", "list 1k ms", at_most=2.0),
        ],
    )


if __name__ == "__main__":
    raise SystemExit(main())
