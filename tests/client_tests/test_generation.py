"""The committed client is exactly what the spec generates, and it installs with pip."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_committed_client_is_what_the_spec_generates() -> None:
    """The drift gate: a spec change without `make client` cannot land."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_client.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_client_builds_as_a_wheel_with_its_hand_written_modules(tmp_path: Path) -> None:
    source = shutil.copytree(ROOT / "generated_client", tmp_path / "src")
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run([*pip, str(source), "--wheel-dir", str(tmp_path / "dist")], check=True)
    wheel = next((tmp_path / "dist").glob("scale_api_client-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for module in ("scale", "retries", "pagination", "errors", "client"):
        assert f"scale_api_client/{module}.py" in names
    assert "scale_api_client/api/tasks/get_task.py" in names
    metadata = (
        zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    )
    assert "Requires-Dist: httpx-retries" in metadata


def test_a_body_also_allowed_form_encoded_is_still_sent_as_json() -> None:
    """The spec allows create bodies form-encoded too (the documents' `curl -d`); the client
    keeps one `body` argument, the JSON model, and sends JSON."""
    import inspect

    from scale_api_client.api.tasks import create_annotation_task
    from scale_api_client.models import AnnotationTaskCreate

    body = AnnotationTaskCreate.from_dict(
        {"attachment": "https://example.com/a.png", "objects_to_annotate": ["car"]}
    )
    kwargs = create_annotation_task._get_kwargs(body=body)
    assert kwargs["headers"]["Content-Type"] == "application/json"
    assert kwargs["json"] == body.to_dict()
    assert "data" not in kwargs
    annotation = inspect.signature(create_annotation_task.sync).parameters["body"].annotation
    assert annotation in (AnnotationTaskCreate, "AnnotationTaskCreate")
    assert inspect.getsource(create_annotation_task).count("body (AnnotationTaskCreate)") == 4
