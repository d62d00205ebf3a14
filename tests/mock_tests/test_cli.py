"""The `scale-mock` command: documented flags, key lists and HTTPS, as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import scaleapi
import trustme

from scale_mock.testing import SubprocessMock


@pytest.fixture(scope="module", autouse=True)
def store_backend() -> str:
    """SQLite's own behaviour (its file, its locks, its size cap): not run once per store."""
    return "sqlite"


FLAGS = (
    "--host",
    "--port",
    "--db",
    "--keys",
    "--ssl-certfile",
    "--ssl-keyfile",
    "--faults",
    "--rate-limit",
    "--hold-test-tasks",
    "--callback-auth-key",
    "--callback-time-scale",
    "--spec",
    "--callback-allow",
    "--access-log",
    "--max-body-size",
    "--max-upload-size",
    "--max-db-size",
    "--header-timeout",
    "--idle-timeout",
)


def test_help_documents_every_flag() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "scale_mock.cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for flag in FLAGS:
        assert flag in shown, flag


def test_max_db_size_caps_the_database_and_a_bad_db_path_is_one_line(tmp_path: Path) -> None:
    database = str(tmp_path / "capped.sqlite3")
    with SubprocessMock(["--db", database, "--max-db-size", "131072"]) as server:
        api = httpx.Client(base_url=server.base_url, auth=("test_quota", ""))
        body = {
            "instruction": "Is this company public or private?",
            "attachment_type": "website",
            "attachment": "http://www.google.com/",
            "categories": ["public", "private"],
            "metadata": {"padding": "x" * 4000},
        }
        answers = [api.post("/task/categorization", json=body) for _ in range(100)]
        statuses = {answer.status_code for answer in answers}
        assert statuses == {200, 503}, statuses
        refused = next(answer for answer in answers if answer.status_code == 503)
        assert refused.json()["rule"] == "storage_full"
        assert api.get("/tasks").status_code == 200  # reads go on
    missing = tmp_path / "no" / "such" / "dir" / "db.sqlite3"
    done = subprocess.run(
        [sys.executable, "-m", "scale_mock.cli", "--db", str(missing), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        line for line in done.stderr.strip().splitlines() if line.startswith("scale-mock: --db")
    ], done.stderr


def test_a_key_file_restricts_the_server(tmp_path: Path) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text("test_allowed\n\nlive_alsoallowed\n")
    with SubprocessMock(["--db", ":memory:", "--keys", str(keys)]) as server:
        assert httpx.get(f"{server.base_url}/tasks", auth=("test_allowed", "")).status_code == 200
        refused = httpx.get(f"{server.base_url}/tasks", auth=("test_other", ""))
        assert refused.status_code == 401


def test_https_with_a_local_ca_serves_the_official_sdk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # requests lets these variables override the SDK's own `verify=` argument.
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1")
    cert_file, key_file, ca_file = (tmp_path / name for name in ("cert.pem", "key.pem", "ca.pem"))
    certificate.private_key_and_cert_chain_pem.write_to_path(str(cert_file))
    certificate.private_key_pem.write_to_path(str(key_file))
    authority.cert_pem.write_to_path(str(ca_file))
    args = ["--db", ":memory:", "--ssl-certfile", str(cert_file), "--ssl-keyfile", str(key_file)]
    with SubprocessMock(args, ca_bundle=str(ca_file)) as server:
        url = server.base_url
        assert url.startswith("https://")
        client = scaleapi.ScaleClient("test_tls", api_instance_url=url, verify=str(ca_file))
        client.create_project(project_name="p", task_type=scaleapi.TaskType.ImageAnnotation)
        assert client.get_project("p").name == "p"
        assert httpx.get(f"{url}/projects", auth=("test_tls", ""), verify=server.verify).is_success


def test_the_package_ships_the_one_spec() -> None:
    """`scale_spec/scale.yaml`, what the mock serves by default, is the repo's spec (a symlink
    in a checkout, a copy in a wheel), and the behaviour matrix ships beside it."""
    from scale_mock.spec import default_spec_path

    openapi = Path(__file__).resolve().parents[2] / "openapi"
    assert default_spec_path().read_bytes() == (openapi / "scale.yaml").read_bytes()
    shipped_matrix = default_spec_path().with_name("behaviours.yaml")
    assert shipped_matrix.read_bytes() == (openapi / "behaviours.yaml").read_bytes()
