"""The HTML conformance report beside the reference: `make docs` publishes the latest run's
report.html into docs/site/, and there, in headless Debian Chromium, the page loads with no
console error and every link from a rule into the reference lands on a place the rendered
reference has (Redoc's `tag/<tag>/operation/<operationId>` sections).

The browser tests skip, saying why, without Chromium or without built docs (`make docs-test`
builds the docs, installs Chromium and runs them).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import scale_spec
from contract_tests.html_report import render_html
from contract_tests.records import Failure, RuleInfo, RuleOutcome, RunInfo
from contract_tests.report import REPORT_FILE
from contract_tests.target import Target

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "docs" / "site"
CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]

sys.path.insert(0, str(ROOT / "scripts"))
from build_docs import publish_html_report  # scripts/ is not a package  # noqa: E402

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is absent: run `make docs-test`"
)
needs_reference = pytest.mark.skipif(
    not (SITE / "index.html").exists(), reason="docs/site/ is not built: run `make docs`"
)


def _report() -> str:
    """A report with one broken rule on every operation of the spec, and one rule that
    concerns no operation (linked to the reference's top)."""
    results: dict[str, RuleOutcome] = {}
    for op in scale_spec.load().operations:
        rule = f"{op.operation_id}.example"
        outcome = RuleOutcome(RuleInfo(rule, "A <documented> rule.", op.pointer, "docs"))
        outcome.failures.append(
            Failure(
                op.label,
                "400",
                "200 application/json: {}",
                f'curl -X {op.method.upper()} -u "$SCALE_API_KEY:" http://127.0.0.1:9/v1{op.path}',
                "test_x.py::test_x",
                f"{op.method.upper()} http://127.0.0.1:9/v1{op.path}",
                "200 application/json: {}",
            )
        )
        results[rule] = outcome
    results["suite.other"] = RuleOutcome(
        RuleInfo("suite.other", "No operation.", "contract_tests", "http"),
        not_reached={"": "not exercised by this run"},
    )
    target = Target(base_url="http://127.0.0.1:9/v1", api_key="test_page")
    run = RunInfo(
        seed=7,
        spec_version=scale_spec.load().version,
        base_url=target.base_url,
        started_at="2026-01-01T00:00:00+00:00",
        replay='scale-contract --base-url http://127.0.0.1:9/v1 --api-key "$SCALE_API_KEY" '
        "--seed 7",
    )
    return render_html(results, target, run)


def test_make_docs_publishes_the_latest_report_beside_the_reference(tmp_path: Path) -> None:
    source, site = tmp_path / "latest" / REPORT_FILE, tmp_path / "site"
    assert publish_html_report(source, site) is None and not (site / REPORT_FILE).exists()
    source.parent.mkdir()
    source.write_text(_report(), encoding="utf-8")
    published = publish_html_report(source, site)
    assert published == site / REPORT_FILE
    assert published.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
    source.unlink()  # no report any more: no stale copy either
    assert publish_html_report(source, site) is None and not published.exists()


CONSOLE = ["--enable-logging=stderr", "--log-level=0"]  # the page's console on stderr


def _console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def _console(page: Path) -> list[str]:
    return _console_lines(chromium(*CONSOLE, "--dump-dom", page.as_uri()).stderr)


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, *args], capture_output=True, text=True, timeout=120, check=True
    )


@needs_chromium
@needs_reference
def test_the_report_opens_without_console_errors_and_its_links_land_in_the_reference(
    tmp_path: Path,
) -> None:
    shutil.copyfile(SITE / "index.html", tmp_path / "index.html")
    page = tmp_path / REPORT_FILE
    page.write_text(_report(), encoding="utf-8")

    # the way of reading the console is proven on a page that logs an error
    control = tmp_path / "control.html"
    control.write_text('<script>console.error("control error")</script>', encoding="utf-8")
    assert "control error" in "\n".join(_console(control)), "console messages are not read"
    opened = chromium(*CONSOLE, "--virtual-time-budget=5000", "--dump-dom", page.as_uri())
    assert _console_lines(opened.stderr) == []
    assert "Conformance of" in opened.stdout and "BROKEN" in opened.stdout

    links = set(re.findall(r'href="(index\.html[^"]*)"', page.read_text(encoding="utf-8")))
    fragments = {link.partition("#")[2] for link in links} - {""}
    assert "index.html" in links, "a rule of no operation links to the reference's top"
    assert len(fragments) == len(scale_spec.load().operations), sorted(fragments)[:5]
    reference = chromium(
        "--virtual-time-budget=20000", "--dump-dom", (tmp_path / "index.html").as_uri()
    ).stdout
    missing = [f for f in sorted(fragments) if f'"{f}"' not in reference]
    assert missing == [], f"links to places the reference does not have: {missing[:5]}"
