"""The conformance report as one self-contained HTML page (`report.html` beside results.jsonl):
the run (date, seed, spec version, server, replay command), the tier counts, every rule's
verdict (pass, fail, warning, not reached), and each broken rule's entry as the console and
summary.md give it (wording, tier, where the spec states it, the operations where it broke,
the first failing request and answer, a `curl` reproducer, the number of cases).

Each rule links to its place in the rendered API reference (the Redoc page `make docs` builds
as docs/site/index.html, where `make docs` also publishes this page): the operation's anchor
`#tag/<tag>/operation/<operationId>` where the rule concerns an operation, else the reference's
top. Every text is escaped; the page loads nothing (no script, style sheet, font or image).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from contract_tests.records import RuleOutcome, RunInfo, classify
from contract_tests.report import TIERS, Entry, entries, headline
from contract_tests.spec import operations
from contract_tests.target import Target

REFERENCE = "index.html"  # the API reference, where `make docs` publishes this page
LABEL_ID = re.compile(r"\((\w+)\)\s*$")  # "POST /task/annotation (create_annotation_task)"

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1f2328; }}
code, pre {{ background: #f3f4f6; border-radius: 3px; font-size: 88%; }}
code {{ padding: 0 .25rem; }}
pre {{ padding: .5rem; white-space: pre-wrap; overflow-wrap: anywhere; }}
table {{ border-collapse: collapse; margin: .5rem 0 1rem; }}
td, th {{ border-bottom: 1px solid #d0d7de; padding: .2rem .5rem; vertical-align: top;
       text-align: left; font-size: 90%; }}
td.n {{ text-align: right; }}
dl {{ display: grid; grid-template-columns: max-content auto; gap: .1rem 1rem; }}
dt {{ font-weight: 600; }} dd {{ margin: 0; }}
section.entry {{ border-left: 4px solid #cf222e; padding: .1rem 1rem; margin: 1rem 0; }}
section.entry.warning {{ border-color: #bf8700; }}
blockquote {{ margin: .5rem 0; padding-left: .8rem; border-left: 3px solid #d0d7de;
       color: #59636e; }}
.verdict {{ font-weight: 600; padding: 0 .3rem; border-radius: 3px; }}
.fail {{ background: #ffebe9; }} .warning {{ background: #fff8c5; }}
.pass {{ background: #dafbe1; }} .not-reached {{ background: #eaeef2; }}
nav a {{ margin-right: 1rem; }}
</style></head>
<body>
<nav><a href="{reference}">API reference</a><a href="#rules">All rules</a></nav>
{body}
</body></html>
"""


def e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _tags() -> dict[str, str]:
    """operationId -> the first tag of the operation (Redoc files it under that tag)."""
    found: dict[str, str] = {}
    for op in operations():
        tags = op.definition.get("tags") or []
        if isinstance(tags, list) and tags:
            found[op.operation_id] = str(tags[0])
    return found


def operation_id(operation: str, known: Iterable[str]) -> str | None:
    """The operationId an operation label names (`POST /path (id)`, or the id itself)."""
    ids = set(known)
    match = LABEL_ID.search(operation)
    if match and match.group(1) in ids:
        return match.group(1)
    return operation if operation in ids else None


def reference_ids(outcome: RuleOutcome, known: Iterable[str]) -> list[str]:
    """The operations a rule concerns, as operationIds: where it broke first, then where it
    held or was not reached, else the ones its id names (`create_annotation_task.body...`,
    `response.get_task`)."""
    ids = set(known)
    labels = [failure.operation for failure in outcome.failures]
    labels += sorted(outcome.passed) + sorted(outcome.not_reached)
    found = [op for op in (operation_id(label, ids) for label in labels) if op is not None]
    found += [part for part in outcome.info.id.split(".") if part in ids]
    return list(dict.fromkeys(found))


def anchor(operation_id: str, tags: dict[str, str], reference: str = REFERENCE) -> str:
    """The operation's place in the Redoc reference, or the reference's top."""
    tag = tags.get(operation_id)
    if tag is None:
        return reference
    return f"{reference}#tag/{quote(tag, safe='')}/operation/{quote(operation_id, safe='')}"


def rule_link(outcome: RuleOutcome, tags: dict[str, str], reference: str = REFERENCE) -> str:
    ids = reference_ids(outcome, tags)
    return anchor(ids[0], tags, reference) if ids else reference


def _verdict(outcome: RuleOutcome, gating: frozenset[str]) -> str:
    if outcome.status == "fail":
        return "fail" if outcome.info.tier in gating else "warning"
    return outcome.status


def _slug(rule_id: str) -> str:
    return "rule-" + re.sub(r"[^A-Za-z0-9_.-]", "-", rule_id)


def _operation_item(operation: str, cases: int, tags: dict[str, str], reference: str) -> str:
    op = operation_id(operation, tags)
    label = f"<code>{e(operation or '(the run)')}</code>"
    if op is not None:
        label = f'<a href="{e(anchor(op, tags, reference))}">{label}</a>'
    return f"<li>{label}: {cases} case{'s' * (cases != 1)}</li>"


def _entry(entry: Entry, tags: dict[str, str], reference: str) -> str:
    first = entry.first
    kind = "fail" if entry.verdict == "BROKEN" else "warning"
    link = rule_link(entry.outcome, tags, reference)
    rows = [
        ("tier", f"<code>{e(entry.rule.tier)}</code>"),
        ("stated at", f"<code>{e(entry.rule.location)}</code>"),
        ("in the reference", f'<a href="{e(link)}">{e(link)}</a>'),
        (
            "cases",
            f"{entry.cases} on {len(entry.operations)} operation(s); "
            f"{len(entry.outcome.passed)} passed",
        ),
        ("first failure", f"<code>{e(first.test)}</code>"),
        ("expected", e(first.expected)),
    ]
    if first.request:
        rows.append(("request", f"<code>{e(first.request)}</code>"))
    parts = [
        f'<section class="entry {kind}" id="{e(_slug(entry.rule.id))}">',
        f'<h3><span class="verdict {kind}">{e(entry.verdict)}</span> '
        f"<code>{e(entry.rule.id)}</code></h3>",
        f"<blockquote>{e(entry.rule.text)}</blockquote>",
        "<dl>" + "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>",
        "<p>Broke on:</p><ul>",
        *(_operation_item(op, n, tags, reference) for op, n in entry.operations),
        "</ul>",
    ]
    if first.response:
        parts.append(f"<p>Response:</p><pre>{e(first.response)}</pre>")
    if first.observed and first.observed != first.response:
        parts.append(f"<p>Observed:</p><pre>{e(first.observed)}</pre>")
    if first.reproducer:
        parts.append(
            "<p>Reproduce (with <code>SCALE_API_KEY</code> set to the key):</p>"
            f'<pre class="reproducer">{e(first.reproducer)}</pre>'
        )
    parts.append("</section>")
    return "\n".join(parts)


def render_html(
    results: dict[str, RuleOutcome],
    target: Target,
    run: RunInfo | None = None,
    ledger: dict[str, Any] | None = None,
    reference: str = REFERENCE,
) -> str:
    """The whole report as one HTML page (nothing cut, nothing loaded)."""
    tags = _tags()
    gating = target.gating_tiers
    verdicts = classify(results, gating)
    body = [
        f"<h1>Conformance of <code>{e(target.base_url)}</code> to the Scale API v1 spec</h1>",
        f"<p>{e(headline(results, target))}.</p>",
    ]
    facts: list[tuple[str, str]] = [("server", f"<code>{e(target.base_url)}</code>")]
    if run is not None:
        facts = [
            ("run date", e(run.started_at)),
            ("seed", f"<code>{e(run.seed)}</code>"),
            ("spec version", e(run.spec_version)),
            ("server", f"<code>{e(run.base_url)}</code>"),
            ("replay", f'<code class="replay">{e(run.replay)}</code>'),
        ]
        if run.stopped:
            facts.append(("stopped early", e(run.stopped) + " (the rest: not reached)"))
    mode = "strict: every tier gates" if target.strict else "the docs and sdk tiers gate"
    facts.append(("gating", e(mode)))
    if ledger is not None:
        facts.append(
            ("created", f"{ledger['billable']} billable creates, {len(ledger['tasks'])} tasks")
        )
    body.append("<dl>" + "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>")

    counts: dict[str, Counter[str]] = {tier: Counter() for tier in TIERS}
    for outcome in results.values():
        counts.setdefault(outcome.info.tier, Counter())[_verdict(outcome, gating)] += 1
    columns = ("pass", "fail", "warning", "not reached")
    body.append(
        "<h2>Tiers</h2><table><tr><th>tier</th><th>gates</th>"
        + "".join(f"<th>{e(c)}</th>" for c in columns)
        + "</tr>"
        + "".join(
            f"<tr><td><code>{e(tier)}</code></td><td>{'yes' if tier in gating else 'no'}</td>"
            + "".join(f'<td class="n">{count[c]}</td>' for c in columns)
            + "</tr>"
            for tier, count in counts.items()
        )
        + "</table>"
    )

    found = entries(results, target)
    for verdict, title in (
        ("BROKEN", "Broken rules (these decide the exit status)"),
        ("WARNING", "Warnings (tiers that do not gate this run; --strict makes them gate)"),
    ):
        selection = [entry for entry in found if entry.verdict == verdict]
        if selection:
            body.append(f"<h2>{e(title)}</h2>")
            body += [_entry(entry, tags, reference) for entry in selection]

    with_entry = {entry.rule.id for entry in found}
    ordered = [*verdicts.broken, *verdicts.warned, *verdicts.not_reached, *verdicts.honoured]
    rows = []
    for outcome in ordered:
        status = _verdict(outcome, gating)
        rule = f"<code>{e(outcome.info.id)}</code>"
        if outcome.info.id in with_entry:
            rule = f'<a href="#{e(_slug(outcome.info.id))}">{rule}</a>'
        why = "; ".join(sorted(set(outcome.not_reached.values())))
        rows.append(
            f"<tr><td>{rule}</td><td><code>{e(outcome.info.tier)}</code></td>"
            f'<td><span class="verdict {status.replace(" ", "-")}">{e(status)}</span></td>'
            f'<td class="n">{len(outcome.passed)}</td><td class="n">{len(outcome.failures)}</td>'
            f"<td>{e(why) if status == 'not reached' else ''}</td>"
            f'<td><a href="{e(rule_link(outcome, tags, reference))}">reference</a></td></tr>'
        )
    body.append(
        '<h2 id="rules">All rules</h2><table><tr><th>rule</th><th>tier</th><th>verdict</th>'
        "<th>operations passed</th><th>cases failed</th><th>why not reached</th>"
        "<th>spec</th></tr>" + "".join(rows) + "</table>"
    )
    if ledger is not None and ledger["tasks"]:
        body.append("<h2>Tasks this run created</h2><ul>")
        body += [
            f"<li><code>{e(task)}</code> ({e(path)})</li>"
            for task, path in sorted(ledger["tasks"].items())
        ]
        body.append("</ul>")
    body.append(
        f"<p>The links into the API reference work where this page sits beside it "
        f"(<code>{e(reference)}</code>): <code>make docs</code> publishes the latest report "
        "as docs/site/report.html.</p>"
    )
    title = f"Conformance of {target.base_url}"
    return PAGE.format(title=e(title), reference=e(reference), body="\n".join(body))
