"""docs/proxy-in-ci.sh, the README's CI example, run as written: an application's tests through
the proxy against scale-mock, failing on a docs-tier violation of the application's requests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from contract_tests.proxy.server import free_port
from contract_tests.records import RESULTS_FILE, read

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "proxy-in-ci.sh"
APP = """
import os, httpx, scaleapi
client = scaleapi.ScaleClient("live_ciapp0123456789", api_instance_url=os.environ["SCALE_API_URL"])
client.get_projects()
if os.environ.get("SEND_BAD"):  # an application bug: 7 objects, where the docs allow 6
    httpx.post(os.environ["SCALE_API_URL"] + "/task/annotation",
               json={"attachment": "https://example.com/a.png", "instruction": "Box the cars",
                     "objects_to_annotate": ["car"] * 7},
               auth=("live_ciapp0123456789", ""))
raise SystemExit(int(os.environ.get("TESTS_EXIT", "0")))
"""


def run(tmp_path: Path, **env: str) -> tuple[int, str, Path]:
    report = tmp_path / "report"
    variables = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "MOCK_PORT": str(free_port()),
        "PROXY_PORT": str(free_port()),
        "REPORT": str(report),
        **env,
    }
    process = subprocess.Popen(
        [str(SCRIPT), sys.executable, "-c", APP],
        env=variables,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=90)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.returncode, output, report


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_an_application_that_keeps_the_contract_passes(tmp_path: Path) -> None:
    status, output, report = run(tmp_path)
    assert status == 0, output
    assert (report / "summary.md").exists() and (report / "exchanges.jsonl").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_an_application_request_breaking_a_docs_rule_fails_the_build(tmp_path: Path) -> None:
    status, output, report = run(tmp_path, SEND_BAD="1")
    assert status == 1, output
    broken = {
        e["rule"]["id"]
        for r in read(report / RESULTS_FILE)
        for e in r.events
        if e["kind"] == "fail"
    }
    assert broken == {"request.create_annotation_task.body.objects_to_annotate.maxItems"}, broken


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_failing_tests_keep_their_own_exit_status(tmp_path: Path) -> None:
    status, output, _ = run(tmp_path, TESTS_EXIT="3")
    assert status == 3, output
