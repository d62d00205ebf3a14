"""The reference site as a reader meets it: code samples on every operation, each rule's tier
beside it, a sidebar of plain text, a dated conformance page that links into the reference;
and, in headless Debian Chromium, a reference page (rendered by Redoc in the browser, not
hydrated) with no console error and no internal link to a place the site does not have.

The copy Redoc renders (`build_docs.reference_document`) is checked without a browser; the
browser tests skip, saying why, without Chromium or without built docs (`make docs-test`
builds the docs, installs Chromium and runs them).
"""

from __future__ import annotations

import inspect
import re
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path
from urllib.parse import unquote

import pytest
import scaleapi

import scale_spec
from contract_tests.records import Failure, RuleInfo, RuleOutcome, RunInfo
from scale_spec.document import lookup

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "docs" / "site"
CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
PAGES = ("index.html", "conformance.html", "provenance.html", "report.html")

sys.path.insert(0, str(ROOT / "scripts"))
import build_docs  # scripts/ is not a package  # noqa: E402

needs_browser = [
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian's chromium is absent: run `make docs-test`"
    ),
    pytest.mark.skipif(
        not (SITE / "index.html").exists(), reason="docs/site/ is not built: run `make docs`"
    ),
]


@cache
def reference() -> dict[str, object]:
    return build_docs.reference_document(scale_spec.load())


def samples(op: scale_spec.operations.Operation) -> dict[str, str]:
    node = reference()["paths"][op.path][op.method]  # type: ignore[index]
    return {sample["label"]: sample["source"] for sample in node["x-codeSamples"]}


def test_every_operation_has_a_curl_and_a_generated_client_sample() -> None:
    for op in scale_spec.load().operations:
        found = samples(op)
        assert found["curl"].startswith(f"curl -X {op.method.upper()} "), op.operation_id
        client = found["scale_api_client"]
        assert f"api.{op.tags[0]} import {op.operation_id}" in client, op.operation_id
        compile(client, op.operation_id, "exec")  # the sample is Python


def test_the_sdk_sample_calls_a_method_the_sdk_has_with_arguments_it_takes() -> None:
    with_sdk = 0
    for op in scale_spec.load().operations:
        source = samples(op).get("scaleapi (official SDK)")
        call = build_docs.sdk_call(op)
        assert (source is None) == (call is None), op.operation_id
        if source is None or call is None:
            continue
        with_sdk += 1
        compile(source, op.operation_id, "exec")
        accepted = inspect.signature(getattr(scaleapi.ScaleClient, call.method)).parameters
        takes_any = any(p.kind is p.VAR_KEYWORD for p in accepted.values())
        names = re.findall(r"^    (\w+)=|[(,] ?(\w+)=", source, re.MULTILINE)
        passed = {a or b for a, b in names} - {""}
        assert takes_any or passed <= set(accepted), (op.operation_id, passed - set(accepted))
    assert with_sdk >= 60, "the SDK has a call for most operations"
    legacy = scale_spec.load().operation("create_categorization_task_legacy")
    assert build_docs.sdk_call(legacy) is None, "the SDK posts to /task/categorization"


def test_every_sample_body_is_one_the_spec_accepts() -> None:
    spec = scale_spec.load()
    for op in spec.operations:
        if op.primary_body is not None:
            body = build_docs.example_body(spec, op)
            assert spec.schema_errors(op.primary_body.pointer, body) == [], op.operation_id


def test_each_rule_tier_is_written_beside_the_node_that_states_it() -> None:
    rows = scale_spec.load().provenance_rows()
    pointer, rule, tier, _ = next(row for row in rows if row[0].startswith("#/components"))
    node = lookup(reference(), pointer)
    assert f"**{tier}**" in node["description"] and f"`{rule}`" in node["description"]
    assert "(provenance.html)" in node["description"]


def test_the_sidebar_headings_are_plain_text_and_the_spec_is_untouched() -> None:
    info = reference()["info"]
    headings = re.findall(r"^#{1,6} .*$", info["description"], re.MULTILINE)  # type: ignore[index]
    assert headings and not any("`" in h for h in headings)
    original = scale_spec.load().document
    assert any("`" in h for h in re.findall(r"^## .*$", original["info"]["description"], re.M))
    assert not any("x-codeSamples" in op.definition for op in scale_spec.load().operations)


def test_the_conformance_page_is_dated_and_links_each_rule_into_the_reference() -> None:
    spec = scale_spec.load()
    op = spec.operation("get_task")
    broken = RuleOutcome(RuleInfo("get_task.example", "A <rule>.", op.pointer, "sdk"))
    broken.failures.append(Failure(op.label, "404", "200", "curl ...", "test_x.py::test_x"))
    other = RuleOutcome(RuleInfo("suite.other", "None.", "contract_tests", "http"), {"x"})
    run = RunInfo(7, spec.version, "http://127.0.0.1:9/v1", "2026-01-01T00:00:00+00:00", "r")
    page = build_docs.conformance_page(run, {"a": other, "b": broken}, spec)
    for shown in ("2026-01-01T00:00:00+00:00", "<td>7</td>", spec.version, "127.0.0.1:9/v1"):
        assert shown in page
    assert 'href="index.html#tag/tasks/operation/get_task"' in page
    assert page.index("get_task.example") < page.index("suite.other"), "broken rules first"
    assert "A &lt;rule&gt;." in page and '<span class="tier sdk">sdk</span>' in page


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, *args], capture_output=True, text=True, timeout=120, check=True
    )


# console.error, uncaught errors and rejected promises, marked on the console (whose level
# headless Chromium's log does not say); Redoc's console.warn about the spec's allOf is not one
TRAP = (
    "<script>(function(){var m='PAGE-ERROR: ';var e=console.error;"
    "console.error=function(){console.log(m+Array.prototype.join.call(arguments,' '));"
    "e.apply(console,arguments)};"
    "addEventListener('error',function(v){console.log(m+v.message)});"
    "addEventListener('unhandledrejection',function(v){console.log(m+v.reason)})})()</script>"
)


def page_errors(page: Path, budget: int = 20000) -> tuple[list[str], str]:
    """The page's errors (as TRAP marks them) and its rendered DOM."""
    done = chromium(
        "--enable-logging=stderr",
        "--log-level=0",
        f"--virtual-time-budget={budget}",
        "--dump-dom",
        page.as_uri(),
    )
    return [line for line in done.stderr.splitlines() if "PAGE-ERROR: " in line], done.stdout


def trapped(source: Path, target: Path) -> Path:
    text = source.read_text(encoding="utf-8")
    target.write_text(text.replace("<head>", "<head>" + TRAP, 1), encoding="utf-8")
    return target


@cache
def reference_errors() -> tuple[tuple[str, ...], str]:
    """The reference's page errors and DOM, read once (with the way of reading them proven on a
    page that logs an error)."""
    scratch = Path(tempfile.mkdtemp())
    control = scratch / "control.html"
    control.write_text("<head></head><script>console.error('control')</script>", "utf-8")
    assert page_errors(trapped(control, scratch / "c.html"), 2000)[0], "errors are not read"
    errors, dom = page_errors(trapped(SITE / "index.html", scratch / "index.html"))
    shutil.rmtree(scratch)
    return tuple(errors), dom


@needs_browser[0]
@needs_browser[1]
def test_the_reference_renders_with_no_console_error() -> None:
    errors, dom = reference_errors()
    assert errors == ()
    assert "&lt;code" not in dom, "raw HTML shown as text (the sidebar's headings)"
    assert dom.count("scale_api_client") >= len(scale_spec.load().operations)
    assert re.search(r'<a [^>]*href="blob:[^"]*"[^>]*>Download</a>', dom), "the spec's download"


@needs_browser[1]
def test_the_reference_is_rendered_in_the_browser_not_hydrated() -> None:
    """build-docs prerenders the page with other React and styled-components than the Redoc
    bundle's, and a "Download" link with no address (a Blob URL needs a browser): hydrating it
    failed (React errors #418 and #423). docs/reference.hbs renders into an empty element."""
    page = (SITE / "index.html").read_text(encoding="utf-8")
    assert '<div id="redoc"></div>' in page and "Redoc.init(state.spec.data" in page
    assert 'data-styled="true"' not in page, "the prerendered markup's styles"


@cache
def rendered(name: str) -> str:
    """A page of the site as the browser has it, scripts left out (their text holds no link)."""
    dom = chromium("--virtual-time-budget=20000", "--dump-dom", (SITE / name).as_uri()).stdout
    return re.sub(r"<script\b.*?</script>", "", dom, flags=re.S)


def internal_links(name: str) -> set[tuple[str, str]]:
    """(page, fragment) of every link on `name` that stays on the site."""
    found = set()
    for href in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', rendered(name)):
        if re.match(r"[a-z]+:", href):  # http:, https:, mailto:, blob:
            continue
        page, _, fragment = href.replace("&amp;", "&").partition("#")
        found.add((page or name, unquote(fragment)))
    return found


@needs_browser[0]
@needs_browser[1]
def test_every_internal_link_of_the_site_resolves() -> None:
    pages = [name for name in PAGES if (SITE / name).exists()]
    links = {(name, link) for name in pages for link in internal_links(name)}
    assert any(page == "index.html" and frag for _, (page, frag) in links)
    missing = [(name, page) for name, (page, _) in links if not (SITE / page).exists()]
    assert missing == [], f"links to pages the site does not have: {missing[:5]}"
    ids = {page: set(re.findall(r'\bid="([^"]*)"', rendered(page))) for page in pages}
    unresolved = sorted(
        (name, f"{page}#{frag}")
        for name, (page, frag) in links
        if frag and frag not in ids.get(page, set())
    )
    assert unresolved == [], f"{len(unresolved)} links to no place: {unresolved[:5]}"
