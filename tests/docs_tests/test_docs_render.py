"""The HTML reference renders in a real browser and shows every operation.

Opens docs/site/index.html in headless Debian Chromium, checks that every operationId of the
spec is in the rendered page (Redoc anchors each operation by it), and keeps a screenshot in
reports/docs/. Skips, saying why, without Chromium or without built docs: `make docs-test`
builds the docs, installs Chromium and runs this.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import scale_spec

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "docs" / "site"
SHOTS = ROOT / "reports" / "docs"
CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]

pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian's chromium is absent: run `make docs-test`"
    ),
    pytest.mark.skipif(
        not (SITE / "index.html").exists(), reason="docs/site/ is not built: run `make docs`"
    ),
]


def chromium(*args: str) -> str:
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, *FLAGS, *args], capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout


def test_the_reference_is_one_self_contained_file() -> None:
    page = (SITE / "index.html").read_text(encoding="utf-8")
    assert '<script src="http' not in page and "fonts.googleapis.com" not in page


def test_every_operation_appears_in_the_rendered_reference() -> None:
    dom = chromium("--virtual-time-budget=20000", "--dump-dom", (SITE / "index.html").as_uri())
    missing = [
        op.operation_id
        for op in scale_spec.load().operations
        if f"operation/{op.operation_id}" not in dom
    ]
    assert missing == [], f"not rendered: {missing}"
    assert "taskCallback" in dom  # the callback payload (webhook) is documented too


def test_a_screenshot_of_the_reference_is_kept() -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / "reference.png"
    shot.unlink(missing_ok=True)
    chromium(
        "--virtual-time-budget=20000",
        "--window-size=1400,1000",
        f"--screenshot={shot}",
        (SITE / "index.html").as_uri(),
    )
    assert shot.exists() and shot.stat().st_size > 20_000, "an empty or missing screenshot"
    print(f"screenshot: {shot}")


def test_the_conformance_report_page_is_beside_it() -> None:
    page = (SITE / "conformance.html").read_text(encoding="utf-8")
    assert "Conformance of" in page and 'href="index.html"' in page
