"""The tools built on the spec read it without errors or unexplained warnings.

openapi-python-client generates the client from it and Schemathesis drives the contract suite
from it; a construct either tool cannot read silently drops an endpoint, so both are run here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import schemathesis
from schemathesis.core.result import Err

import scale_spec

SPEC_PATH = scale_spec.PACKAGED


def test_openapi_python_client_generates_without_warnings(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(SPEC_PATH),
            "--output-path",
            str(tmp_path / "client"),
            "--meta",
            "none",
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Warning" not in output and "WARNING" not in output, output
    generated = {p.stem for p in (tmp_path / "client" / "api").rglob("*.py")}
    expected = {op.operation_id for op in scale_spec.load().operations}
    assert expected <= generated, f"endpoints not generated: {sorted(expected - generated)}"


def test_schemathesis_loads_every_operation() -> None:
    schema = schemathesis.openapi.from_path(str(SPEC_PATH))
    results = list(schema.get_all_operations())
    failures = [result for result in results if isinstance(result, Err)]
    assert not failures, failures
    assert len(results) == len(scale_spec.load().operations) == 72
