"""The conformance report: from the run's JUnit XML, rule → operations → pass/fail.

Every check records the rule it enforces (`claim`), so the report can say, per documented
rule, which operations honour it and which break it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class RuleResult:
    text: str
    location: str
    passed: set[str] = field(default_factory=set)
    failed: dict[str, str] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)


def _outcome(case: ET.Element) -> tuple[str, str]:
    for tag in ("failure", "error"):
        found = case.find(tag)
        if found is not None:
            return "failed", (found.get("message") or found.text or "").strip()
    if case.find("skipped") is not None:
        return "skipped", ""
    return "passed", ""


def _claims(case: ET.Element) -> list[dict[str, str]]:
    """The (rule, text, location, operation) groups a test recorded, in order."""
    claims: list[dict[str, str]] = []
    for prop in case.iter("property"):
        name, value = prop.get("name", ""), prop.get("value", "")
        if name == "rule":
            claims.append({"rule": value})
        elif claims:
            claims[-1][name] = value
    if not claims:  # a test that failed before saying which rule it checks
        name = case.get("name", "")
        claims.append({"rule": name, "rule_text": "", "rule_location": "", "operation": ""})
    return claims


def collect(junit: Path) -> dict[str, RuleResult]:
    results: dict[str, RuleResult] = {}
    for case in ET.parse(junit).iter("testcase"):
        outcome, message = _outcome(case)
        claims = _claims(case)
        failing_rule = next((c["rule"] for c in claims if f"RULE {c['rule']}:" in message), None)
        for claim in claims:
            result = results.setdefault(
                claim["rule"],
                RuleResult(claim.get("rule_text", ""), claim.get("rule_location", "")),
            )
            operation = claim.get("operation", "")
            if outcome == "failed" and (failing_rule is None or failing_rule == claim["rule"]):
                result.failed[operation] = message
            elif outcome == "skipped":
                result.skipped.add(operation)
            else:
                result.passed.add(operation)
    return results


def render(results: dict[str, RuleResult], base_url: str) -> str:
    failing = {rule: r for rule, r in results.items() if r.failed}
    checks = sum(len(r.passed) + len(r.failed) for r in results.values())
    lines = [
        f"# Conformance of {base_url} to the Scale API v1 spec",
        "",
        f"{len(results)} rules, {checks} rule x operation checks: "
        f"{len(failing)} rules broken, {len(results) - len(failing)} honoured.",
        "",
    ]
    honoured = {rule: r for rule, r in results.items() if not r.failed}
    for title, selection in (("Broken rules", failing), ("Honoured rules", honoured)):
        if not selection:
            continue
        lines += [f"## {title}", ""]
        for rule, result in sorted(selection.items()):
            counts = f"{len(result.passed)} pass, {len(result.failed)} fail"
            if result.skipped:
                counts += f", {len(result.skipped)} skipped"
            lines.append(f"- **{rule}** ({counts}) `{result.location}`")
            if result.failed:
                lines.append(f"  {result.text}")
                for operation, message in sorted(result.failed.items()):
                    lines.append(f"  - FAIL {operation}")
                    detail = message.splitlines()
                    lines += [f"    {line}" for line in detail[1:8] if line.strip()]
        lines.append("")
    return "\n".join(lines)
