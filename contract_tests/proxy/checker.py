"""Judging one exchange against the spec, as the suite's rules with their tiers.

Request side (what the client sent): the operation exists (`request.operation_found`), and each
path and query parameter and the JSON body validate against the spec's compiled validators (and
its `x-scale-rules`). Response side (what the server answered): the status is one the operation
documents (`schemathesis.status_code_conformance`, as in the suite), the content type is the
declared one (`schemathesis.content_type_conformance`) and a JSON body within the size cap
validates against the declared schema.

A schema breach is one rule: `<side>.<operation id>` when the broken keyword carries no
`x-provenance` (tier `docs`, as the suite's `response.<operation id>`), else
`<side>.<operation id>.<field>.<keyword>` with the tier the spec gives that keyword, so an
`assumed` bound never gates a run.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from jsonschema import ValidationError
from jsonschema.exceptions import best_match

from contract_tests.records import RuleInfo
from scale_spec import JSON, Operation, Spec
from scale_spec.document import escape
from scale_spec.provenance import tier_of

Json = Any

OPERATION_FOUND = RuleInfo(
    "request.operation_found",
    "Every request is an operation the spec declares (its path and method).",
    "#/paths",
    "docs",
)
STATUS_RULE_ID = "schemathesis.status_code_conformance"
CONTENT_TYPE_RULE_ID = "schemathesis.content_type_conformance"


@dataclass(frozen=True)
class Finding:
    """One check of one exchange: a pass or a failure of `rule`."""

    rule: RuleInfo
    passed: bool
    side: str  # "request" (the client's) or "response" (the server's)
    expected: str = ""
    observed: str = ""


@dataclass(frozen=True)
class RequestVerdict:
    operation: Operation | None
    findings: tuple[Finding, ...]


class _NotRead:
    def __repr__(self) -> str:
        return "NOT_READ"


NOT_READ: Any = _NotRead()  # a body not parsed: over the cap, encoded, not JSON, or none


@dataclass(frozen=True)
class ResponseVerdict:
    findings: list[Finding]
    schema_pointer: str | None  # the schema the spec declares for this answer, if any
    body: Json = NOT_READ  # the parsed JSON answer


def parse_json(body: bytes | None) -> Json:
    """The parsed body, or NOT_READ (none, not JSON, or nested past the interpreter's limit)."""
    if body is None or not body.strip():
        return NOT_READ
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return NOT_READ


def _field(where: str, path: Any) -> str:
    parts = [where] + ["*" if isinstance(p, int) else str(p) for p in path]
    return ".".join(parts)


class Checker:
    """The spec's checks of an exchange; `base_path` is the API root the spec's paths hang
    under (`/v1`, from the spec's first server)."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        servers = spec.document.get("servers") or [{}]
        self.base_path = urlsplit(str(servers[0].get("url", ""))).path.rstrip("/")

    @cached_property
    def _pointers(self) -> dict[int, str]:
        """Each schema node of the document (by identity) -> its pointer, to locate a breach."""
        return {
            id(node): pointer
            for pointer, node in self.spec.iter_nodes()
            if isinstance(node, Mapping)
        }

    # -- the pieces ------------------------------------------------------------------------

    def spec_path(self, raw_path: str) -> str | None:
        """The spec's path for a request path (`/v1/task/x` -> `/task/x`), None if outside."""
        if not self.base_path:
            return raw_path
        if raw_path == self.base_path or raw_path.startswith(self.base_path + "/"):
            return raw_path[len(self.base_path) :] or "/"
        return None

    def _schema_finding(
        self, prefix: str, where: str, error: ValidationError, location: str, text: str
    ) -> Finding:
        keyword = str(error.validator)
        key, path = keyword, list(error.absolute_path)
        if keyword == "required" and isinstance(error.instance, Mapping):
            names: Any = error.validator_value
            missing = [n for n in names if n not in error.instance]
            if missing:
                key, path = f"required:{missing[0]}", [*path, missing[0]]
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        tier = tier_of(schema, key)
        field = _field(where, path)
        observed = f"{field}: {error.message}"
        if tier is None:
            rule = RuleInfo(prefix, text, location, "docs")
        else:
            node = self._pointers.get(id(error.schema), location)
            rule = RuleInfo(
                f"{prefix}.{field}.{keyword}",
                f"{field}: {keyword} {json.dumps(error.validator_value, default=str)[:200]}",
                f"{node}/{keyword}",
                tier,
            )
        side = prefix.split(".")[0]
        return Finding(rule, False, side, f"{where} valid against the spec", observed)

    def _validate(
        self, side: str, op: Operation, where: str, pointer: str, value: Json, text: str
    ) -> Finding | None:
        error = best_match(self.spec.validator(pointer).iter_errors(value))
        if error is None:
            return None
        return self._schema_finding(f"{side}.{op.operation_id}", where, error, pointer, text)

    # -- the request -------------------------------------------------------------------------

    def check_request(
        self, method: str, raw_path: str, query: str, content_type: str, body: bytes | None
    ) -> RequestVerdict:
        """`body` None: not checked (over the cap). A request outside the API root is no
        operation."""
        path = self.spec_path(raw_path)
        op = self.spec.route(method, path) if path is not None else None
        if op is None or path is None:
            observed = f"{method} {raw_path}: no operation" + (
                " has this path"
                if path is None or not self.spec.match(path)
                else " for this method"
            )
            return RequestVerdict(
                None,
                (Finding(OPERATION_FOUND, False, "request", "a declared operation", observed),),
            )
        findings = [Finding(OPERATION_FOUND, True, "request")]
        text = f"The request of {op.label} matches the spec's parameters and body."
        broken: list[Finding] = []
        params = next((m for o, m in self.spec.match(path) if o is op), {})
        pairs = parse_qsl(query, keep_blank_values=True)
        for param in op.parameters:
            where = f"{param.location}.{param.name}"
            if param.location == "path":
                value: Json = self.spec.parameter_value(
                    param, [unquote(params.get(param.name, ""))]
                )
            elif param.location == "query":
                raw = [v for k, v in pairs if k == param.name]
                if not raw:
                    if param.required:
                        rule = RuleInfo(f"request.{op.operation_id}", text, op.pointer, "docs")
                        broken.append(
                            Finding(
                                rule, False, "request", f"{where} (required)", f"{where} missing"
                            )
                        )
                    continue
                value = self.spec.parameter_value(param, raw)
            else:
                continue
            found = self._validate("request", op, where, param.pointer, value, text)
            if found is not None:
                broken.append(found)
        broken += self._check_body(op, content_type, body, text)
        if not broken:
            findings.append(
                Finding(
                    RuleInfo(f"request.{op.operation_id}", text, op.pointer, "docs"),
                    True,
                    "request",
                )
            )
        return RequestVerdict(op, tuple(findings + broken))

    def _check_body(
        self, op: Operation, content_type: str, body: bytes | None, text: str
    ) -> list[Finding]:
        plan = op.bodies.get(JSON)
        media = content_type.split(";")[0].strip().lower()
        if body is None or plan is None or (media and media != JSON):
            return []  # over the cap, no JSON body declared, or another declared media type
        rule = RuleInfo(f"request.{op.operation_id}", text, plan.pointer, "docs")
        if not body.strip():
            if op.body_required:
                return [Finding(rule, False, "request", "a JSON body", "no body")]
            return []
        parsed = parse_json(body)
        if parsed is NOT_READ:
            return [Finding(rule, False, "request", "a JSON body", "a body that is not JSON")]
        found = self._validate("request", op, "body", plan.pointer, parsed, text)
        if found is not None:
            return [found]
        for violation in self.spec.rule_violations(plan.schema, parsed):
            tier = tier_of(self.spec.resolve(plan.schema), violation.rule_id) or "docs"
            info = RuleInfo(
                f"request.{op.operation_id}.{violation.rule_id}",
                violation.description or violation.message,
                f"{plan.pointer}/x-scale-rules",
                tier,
            )
            return [
                Finding(
                    info, False, "request", "the body keeps the spec's rules", violation.message
                )
            ]
        return []

    # -- the response ------------------------------------------------------------------------

    def _status_rule(self) -> RuleInfo:
        tier = self.spec.behaviour_tiers.get(STATUS_RULE_ID, "docs")
        return RuleInfo(
            STATUS_RULE_ID, "Every status is one the operation documents.", "#/paths", tier
        )

    def _content_type_rule(self) -> RuleInfo:
        tier = self.spec.behaviour_tiers.get(CONTENT_TYPE_RULE_ID, "http")
        text = "Every answer has the content type the spec declares for it."
        return RuleInfo(CONTENT_TYPE_RULE_ID, text, "#/paths", tier)

    def check_response(
        self, op: Operation, status: int, content_type: str, body: bytes | None
    ) -> ResponseVerdict:
        """`body` None: not checked (over the cap, or encoded)."""
        declared = self.spec.response_for(op, status)
        rule = self._status_rule()
        media = content_type.split(";")[0].strip().lower()
        parsed = parse_json(body) if media == JSON or media.endswith("+json") else NOT_READ
        if declared is None:
            documented = ", ".join(op.responses)
            found = Finding(rule, False, "response", f"one of {documented}", f"status {status}")
            return ResponseVerdict([found], None, parsed)
        findings = [Finding(rule, True, "response")]
        pointer, response = declared
        content = response.get("content") or {}
        if not content:
            return ResponseVerdict(findings, None, parsed)
        declared_types = {str(k).lower(): k for k in content}
        ct_rule = self._content_type_rule()
        if media not in declared_types:
            observed = f"Content-Type: {content_type or '(none)'}"
            findings.append(
                Finding(ct_rule, False, "response", f"one of {', '.join(content)}", observed)
            )
            return ResponseVerdict(findings, None, parsed)
        findings.append(Finding(ct_rule, True, "response"))
        schema = content[declared_types[media]].get("schema")
        if media != JSON or body is None or schema is None:
            return ResponseVerdict(findings, None, parsed)
        schema_pointer = f"{pointer}/content/{escape(declared_types[media])}/schema"
        text = " ".join(str(response.get("description") or f"The {status} response").split())
        # `response.<id>` for the 200 answer, as the suite's; `response.<id>.<status>` else
        body_id = f"response.{op.operation_id}" + ("" if status == 200 else f".{status}")
        body_rule = RuleInfo(body_id, text, schema_pointer, "docs")
        if parsed is NOT_READ:
            findings.append(
                Finding(body_rule, False, "response", "a JSON body", "a body that is not JSON")
            )
            return ResponseVerdict(findings, schema_pointer, parsed)
        error = best_match(self.spec.validator(schema_pointer).iter_errors(parsed))
        if error is None:
            findings.append(Finding(body_rule, True, "response"))
        else:
            found = self._schema_finding(body_id, "body", error, schema_pointer, text)
            findings.append(found)
        return ResponseVerdict(findings, schema_pointer, parsed)
