"""Turn a raw HTTP request into typed, spec-valid inputs, or a 400 naming the field and rule.

Query strings carry only text, so each value is first coerced by its schema's type (the official
SDK sends Python's `True`/`False`, repeats keys for lists and comma-joins others), then every
input is validated by its compiled JSON Schema, and finally the spec's `x-scale-rules` run on
the body. The body is read as the media type its `Content-Type` names when the operation
declares that type (a form-encoded body through `forms`, a multipart one parsed by the app), and
as JSON otherwise; whichever it was, it is then validated the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from jsonschema import ValidationError
from jsonschema.exceptions import best_match

from scale_mock.errors import ApiError, invalid
from scale_mock.forms import cast_form, parse_form
from scale_mock.guards import check_value, load_json
from scale_mock.spec import FORM, Body, CompiledOperation, CompiledSpec


@dataclass
class ValidRequest:
    operation: CompiledOperation
    path: dict[str, str]
    query: dict[str, Any]
    body: Any


def _describe(error: ValidationError, where: str) -> ApiError:
    """One clear message from the most relevant JSON Schema error."""
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    field = f"{where}{path}"
    rule = str(error.validator)
    message = error.message
    expected: Any = error.validator_value
    if error.validator == "required" and isinstance(error.instance, Mapping):
        missing = [name for name in expected if name not in error.instance]
        field = f"{field}.{missing[0]}" if missing else field
        message = f"{', '.join(repr(m) for m in missing)} is required"
    elif error.validator == "anyOf" and all(set(branch) == {"required"} for branch in expected):
        names = [name for branch in expected for name in branch["required"]]
        message = f"at least one of {', '.join(names)} is required"
    elif error.validator == "additionalProperties" and not expected:
        rule = "additionalProperties"
    return invalid(field, message, rule)


def validate_request(
    spec: CompiledSpec,
    operation: CompiledOperation,
    path_params: Mapping[str, str],
    query: list[tuple[str, str]],
    body_bytes: bytes,
    form: Mapping[str, Any] | None = None,
    content_type: str | None = None,
) -> ValidRequest:
    """`content_type` picks which declared body media type the body is read as (JSON unless
    it names another declared one, see `CompiledOperation.body_for`). `form` is the parsed
    multipart form of a multipart operation (file parts as objects); it is validated with each
    file part standing in as a string, and passed on as the body."""
    for name, text in query:
        for part in (name, text):
            if isinstance(part, str) and not part.isascii():
                check_value(part, f"query.{name}")
        if name not in operation.query_names:
            raise ApiError(
                400, f"Unknown query parameter {name!r}", field=f"query.{name}", rule="unknown"
            )
    path = {name: unquote(value) for name, value in path_params.items()}
    values: dict[str, Any] = {}
    for param in operation.parameters:
        if param.location == "path":
            raw: list[str] = [path[param.name]]
        elif param.location == "query":
            raw = [v for k, v in query if k == param.name]
        else:
            continue
        if not raw:
            if param.required:
                raise ApiError(
                    400, f"{param.name!r} is required", field=f"query.{param.name}", rule="required"
                )
            continue
        value = spec.spec.parameter_value(param, raw)
        where = f"{param.location}.{param.name}"
        error = best_match(operation.validators[where].iter_errors(value))
        if error is not None:
            raise _describe(error, where)
        values[param.name] = value
    plan = operation.body_for(content_type)
    if form is not None:
        body: Any = dict(form)
        checked = {k: _form_value(v) for k, v in form.items()}
    else:
        body = checked = _parse_body(operation, plan, body_bytes, spec, content_type)
    if body is not _ABSENT:
        check_value(checked)  # before any validator or rule walks it: see `guards`
    if body is _ABSENT:
        body = None
    elif plan is not None:
        # (`check_value` bounded the nesting: no validator recurses deeper than the schema)
        error = best_match(operation.body_validators[plan.media_type].iter_errors(checked))
        violations = spec.spec.rule_violations(plan.schema, checked)
        if error is not None:
            raise _describe(error, "body")
        for violation in violations:
            raise ApiError(
                400,
                f"Parameter is invalid, reason: {violation.message}",
                field="body" + violation.pointer.replace("/", "."),
                rule=violation.rule_id,
            )
    return ValidRequest(operation, {k: v for k, v in values.items() if k in path}, values, body)


def _form_value(value: Any) -> Any:
    """A form field as JSON Schema sees it: text as is, a file part as a string (its bytes are
    the `format: binary` string), a repeated field as a list."""
    if isinstance(value, list):
        return [_form_value(item) for item in value]
    return value if isinstance(value, str) else "<file>"


_ABSENT = object()  # no body at all, as opposed to a JSON `null`, which is validated


def _parse_body(
    operation: CompiledOperation,
    plan: Body | None,
    body_bytes: bytes,
    spec: CompiledSpec,
    content_type: str | None,
) -> Any:
    if plan is None:
        return _ABSENT
    if not body_bytes.strip():
        if operation.body_required:
            raise ApiError(400, "A request body is required", field="body", rule="required")
        return _ABSENT
    if plan.media_type == FORM:
        if body_bytes.lstrip().startswith(b"{"):
            # `curl -d '{...}'` without `-H 'Content-Type: application/json'`: a JSON object
            # sent under curl's default form type, read as the JSON it is.
            try:
                parsed = load_json(body_bytes)
            except (ValueError, UnicodeDecodeError):
                parsed = None
            if isinstance(parsed, dict):
                return parsed
        return cast_form(spec, plan.schema, parse_form(body_bytes))
    try:
        return load_json(body_bytes)
    except (ValueError, UnicodeDecodeError):
        sent = (content_type or "").split(";")[0].strip().lower()
        hint = ""
        if sent == FORM:
            accepted = " or ".join(operation.bodies) or "no body"
            hint = f" (this operation takes {accepted}, not {FORM})"
        raise ApiError(
            400, f"The request body is not valid JSON{hint}", field="body", rule="json"
        ) from None
