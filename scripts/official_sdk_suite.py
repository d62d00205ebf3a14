"""Run the official `scaleapi` SDK's own test suite against scale-mock.

    python scripts/official_sdk_suite.py

Downloads the source distribution of the installed `scaleapi` version from PyPI (its wheel has
no tests), starts scale-mock on a free port, points the SDK's default base URL at it (the
suite builds its client without `api_instance_url`) and runs `tests/test_client.py` with a
test-mode key. Exit status: pytest's.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
import uuid
from importlib.metadata import version
from pathlib import Path

from scale_mock.testing import SubprocessMock

# A PNG signature is all the suite's upload test needs of `tests/test_image.png`.
TEST_IMAGE = b"\x89PNG\r\n\x1a\n" + bytes(64)


def fetch_suite(into: Path) -> Path:
    release = version("scaleapi")
    pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"]
    subprocess.run([*pip, f"scaleapi=={release}", "--dest", str(into)], check=True)
    archive = next(into.glob("scaleapi-*.tar.gz"))
    with tarfile.open(archive) as sdist:
        sdist.extractall(into, filter="data")
    return into / f"scaleapi-{release}"


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch, SubprocessMock(["--db", ":memory:"]) as mock:
        source = fetch_suite(Path(scratch))
        (source / "tests" / "test_image.png").write_bytes(TEST_IMAGE)
        (source / "tests" / "conftest.py").write_text(
            f"import scaleapi.api\nscaleapi.api.SCALE_API_BASE_URL_V1 = {mock.base_url!r}\n"
        )
        print(f"scaleapi {version('scaleapi')} test suite against scale-mock at {mock.base_url}")
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        command += ["tests/test_client.py"]
        env = {"SCALE_TEST_API_KEY": f"test_{uuid.uuid4().hex}", "PATH": "/usr/bin:/bin"}
        return subprocess.run(command, cwd=source, env=env, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
