"""`make docs`: the spec as a static, self-contained HTML reference, and the latest
conformance report as a page beside it, in docs/site/.

- `redocly lint` with the rules of docs/redocly.yaml first: a finding stops the build.
- docs/site/index.html: Redoc (`@redocly/cli build-docs`, pinned in docs/package.json and
  installed into docs/node_modules) with every operation, schema, constraint, example and the
  callback payloads (the `webhooks` section).
- docs/site/conformance.html: reports/latest/summary.md (written by `make demo`, which this
  runs first when there is no report yet), rendered from Markdown.
- docs/site/report.html: the latest run's self-contained HTML report (reports/latest/
  report.html), published as it is when there is one: beside index.html, its links into the
  reference (`index.html#tag/.../operation/...`) work.
- docs/site/provenance.html: every rule of the spec with its source tier (`x-provenance`:
  docs, sdk, assumed, http) and the wording that justifies it, so a reader can tell a documented
  rule from an assumption.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown

import scale_spec
from scale_spec.document import unescape

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SITE = DOCS / "site"
REPORT = ROOT / "reports" / "latest" / "summary.md"
HTML_REPORT = REPORT.with_name("report.html")  # contract_tests.report.REPORT_FILE
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1f2328; }}
code {{ background: #f3f4f6; padding: 0 .25rem; border-radius: 3px; font-size: 90%; }}
table {{ border-collapse: collapse; }}
td, th {{ border-bottom: 1px solid #d0d7de; padding: .2rem .4rem;
       vertical-align: top; text-align: left; font-size: 90%; }}
.tier {{ font-weight: 600; padding: 0 .3rem; border-radius: 3px; }}
.docs {{ background: #dafbe1; }} .sdk {{ background: #ddf4ff; }} .assumed {{ background: #fff8c5; }}
.http {{ background: #eaeef2; }}
li {{ margin: .15rem 0; }}
nav a {{ margin-right: 1rem; }}
</style></head>
<body><nav><a href="index.html">API reference</a>
<a href="conformance.html">Conformance report</a>
<a href="provenance.html">Rule provenance</a></nav>
{body}
</body></html>
"""


def redocly() -> Path:
    binary = DOCS / "node_modules" / ".bin" / "redocly"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=DOCS, check=True)
    return binary


def self_contained(page: str) -> str:
    """Inline the Redoc script the page would fetch from a CDN, and drop the web-font link
    (system fonts are used instead), so the page works offline, as one file."""
    script = re.search(
        r'<script src="https://cdn\.redocly\.com/[^"]*/redoc\.standalone\.js"></script>', page
    )
    if script is None:
        raise RuntimeError("no Redoc script tag to inline: has build-docs changed its template?")
    bundle = (DOCS / "node_modules" / "redoc" / "bundles" / "redoc.standalone.js").read_text()
    inline = "<script>" + bundle.replace("</script", "<\\/script") + "</script>"
    page = page[: script.start()] + inline + page[script.end() :]
    return re.sub(r'<link[^>]*href="https://fonts\.googleapis\.com[^"]*"[^>]*>', "", page)


def lint(env: dict[str, str]) -> None:
    """The Redocly rules the project chose (docs/redocly.yaml); a finding stops the build."""
    spec = str(ROOT / "openapi" / "scale.yaml")
    config = str(DOCS / "redocly.yaml")
    subprocess.run([str(redocly()), "lint", "--config", config, spec], check=True, env=env)


def build_reference() -> Path:
    target = SITE / "index.html"
    env = {**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}
    lint(env)
    subprocess.run(
        [str(redocly()), "build-docs", str(ROOT / "openapi" / "scale.yaml"), "-o", str(target)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    target.write_text(self_contained(target.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def build_conformance_page() -> Path:
    if not REPORT.exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "demo.py")], check=False)
    source = REPORT.read_text(encoding="utf-8")
    body = markdown.markdown(source, extensions=["extra"])
    target = SITE / "conformance.html"
    title = html.escape(source.splitlines()[0].lstrip("# ") if source else "Conformance")
    target.write_text(PAGE.format(title=title, body=body), encoding="utf-8")
    return target


def publish_html_report(source: Path = HTML_REPORT, site: Path = SITE) -> Path | None:
    """The latest run's HTML report beside the reference (and the conformance page), if the
    run wrote one; a stale copy goes when there is none."""
    target = site / "report.html"
    if not source.exists():
        target.unlink(missing_ok=True)
        return None
    site.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


TIERS = {
    "docs": "a document says it (the description quotes it, with document and line)",
    "sdk": "only the official SDK's code or behaviour says it",
    "assumed": "our choice where the documents are silent: a server may differ",
    "http": "an HTTP convention",
}


def readable(pointer: str) -> str:
    """A JSON Pointer (`#/paths/~1task~1annotation/post`) as a reader writes it
    (`paths//task/annotation/post`)."""
    return "/".join(unescape(token) for token in pointer.removeprefix("#/").split("/"))


def provenance_page(spec: scale_spec.Spec) -> str:
    """The provenance page of `spec`: every `x-provenance` entry with its tier and wording."""
    rows = spec.provenance_rows()
    counts = {tier: sum(1 for row in rows if row[2] == tier) for tier in TIERS}
    legend = "".join(
        f'<li><span class="tier {t}">{t}</span> {counts[t]} rules: {html.escape(text)}</li>'
        for t, text in TIERS.items()
    )
    table = "".join(
        f"<tr><td><code>{html.escape(readable(where))}</code></td>"
        f"<td><code>{html.escape(rule)}</code></td>"
        f'<td><span class="tier {html.escape(tier)}">{html.escape(tier)}</span></td>'
        f"<td>{html.escape(' '.join(text.split()))}</td></tr>"
        for where, rule, tier, text in rows
    )
    body = (
        "<h1>Rule provenance</h1><p>Where each rule of <code>openapi/scale.yaml</code> comes "
        "from (<code>x-provenance</code>): a keyword, an <code>x-scale-rules</code> id, a status "
        "code or a media type, and its tier.</p>"
        f"<ul>{legend}</ul><table><tr><th>where</th><th>rule</th><th>tier</th>"
        f"<th>wording</th></tr>{table}</table>"
    )
    return PAGE.format(title="Rule provenance", body=body)


def build_provenance_page() -> Path:
    target = SITE / "provenance.html"
    target.write_text(provenance_page(scale_spec.load()), encoding="utf-8")
    return target


def main() -> int:
    SITE.mkdir(parents=True, exist_ok=True)
    for page in (build_reference(), build_conformance_page(), build_provenance_page()):
        print(f"wrote {page.relative_to(ROOT)}")
    report = publish_html_report()
    if report is not None:
        print(f"wrote {report.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
