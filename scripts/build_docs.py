"""`make docs`: the spec as a static, self-contained HTML reference, and the latest
conformance report as a page beside it, in docs/site/.

- `redocly lint` with the rules of docs/redocly.yaml first: a finding stops the build.
- docs/site/index.html: Redoc (`@redocly/cli build-docs`, pinned in docs/package.json and
  installed into docs/node_modules) with every operation, schema, constraint, example and the
  callback payloads (the `webhooks` section).
- docs/site/conformance.html: reports/latest/summary.md (written by `make demo`, which this
  runs first when there is no report yet), rendered from Markdown.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SITE = DOCS / "site"
REPORT = ROOT / "reports" / "latest" / "summary.md"
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1f2328; }}
code {{ background: #f3f4f6; padding: 0 .25rem; border-radius: 3px; font-size: 90%; }}
li {{ margin: .15rem 0; }}
nav a {{ margin-right: 1rem; }}
</style></head>
<body><nav><a href="index.html">API reference</a>
<a href="conformance.html">Conformance report</a></nav>
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


def main() -> int:
    SITE.mkdir(parents=True, exist_ok=True)
    for page in (build_reference(), build_conformance_page()):
        print(f"wrote {page.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
