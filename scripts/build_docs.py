"""`make docs`: the spec as a static, self-contained HTML reference, and the latest
conformance report as a page beside it, in docs/site/.

- `redocly lint` with the rules of docs/redocly.yaml first: a finding stops the build.
- docs/site/index.html: Redoc (`@redocly/cli build-docs`, pinned in docs/package.json and
  installed into docs/node_modules, themed by docs/redocly.yaml: required properties first;
  its page is docs/reference.hbs, where Redoc renders in the browser instead of hydrating the
  markup build-docs prerenders, which React rejected with errors #418 and #423) with every
  operation, schema, constraint, example and the callback payloads (the `webhooks`
  section). Redoc renders a copy of the spec (`reference_document`), never openapi/scale.yaml
  itself: the copy adds code samples to every operation (curl, the generated client, the
  official SDK where it has the call), the provenance tier of each rule beside the node that
  states it, and plain-text headings (Redoc puts a heading's HTML into the sidebar as text).
- docs/site/conformance.html: the latest run (reports/latest/run.json and results.jsonl,
  written by `make demo`, which this runs first when there is no report yet): its date, seed,
  spec version and server, and every rule with its tier and verdict, linked to its operation
  in the reference.
- docs/site/report.html: the latest run's self-contained HTML report (reports/latest/
  report.html), published as it is when there is one: beside index.html, its links into the
  reference (`index.html#tag/.../operation/...`) work.
- docs/site/provenance.html: every rule of the spec with its source tier (`x-provenance`:
  docs, sdk, assumed, http) and the wording that justifies it, so a reader can tell a documented
  rule from an assumption.
"""

from __future__ import annotations

import copy
import html
import importlib
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from scaleapi.tasks import TaskType
from scaleapi.teams import TeammateRole

import scale_spec
from contract_tests.html_report import rule_link
from contract_tests.records import RESULTS_FILE, RuleOutcome, RunInfo, outcomes, read, read_run
from scale_spec.document import lookup, unescape
from scale_spec.operations import Operation

Json = Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SITE = DOCS / "site"
LATEST = ROOT / "reports" / "latest"
REPORT = LATEST / "summary.md"  # contract_tests.report.SUMMARY_FILE: a run has been reported
HTML_REPORT = LATEST / "report.html"  # contract_tests.report.REPORT_FILE
TEMPLATE = DOCS / "reference.hbs"  # build-docs' page: Redoc renders in the browser, no hydration
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
.verdict {{ font-weight: 600; }} .broken {{ background: #ffebe9; }}
.honoured {{ background: #dafbe1; }} .not-reached {{ background: #eaeef2; }}
</style></head>
<body><nav><a href="index.html">API reference</a>
<a href="conformance.html">Conformance report</a>
<a href="provenance.html">Rule provenance</a></nav>
{body}
</body></html>
"""


# -- the copy of the spec Redoc renders ------------------------------------------------------

SERVER = "https://api.scale.com/v1"  # the host of the official SDK (the spec's first server)
CODE_HEADING = re.compile(r"^(#{1,6} .*)$", re.MULTILINE)


def plain_headings(text: str) -> str:
    """`text` with the inline code of its Markdown headings as plain words: Redoc copies a
    heading's rendered HTML into the sidebar as text, so `` `x-provenance` `` would show there
    as a raw `<code>x-provenance</code>`."""
    return CODE_HEADING.sub(lambda match: match.group(1).replace("`", ""), text)


def plain_sidebar(document: dict[str, Json]) -> None:
    """The descriptions Redoc turns into sidebar entries (the API's and each tag's), with
    plain-text headings."""
    info = document.get("info", {})
    if isinstance(info.get("description"), str):
        info["description"] = plain_headings(info["description"])
    for tag in document.get("tags", []):
        if isinstance(tag.get("description"), str):
            tag["description"] = plain_headings(tag["description"])


def example_value(spec: scale_spec.Spec, schema: Json, required_only: bool = True) -> Json:
    """A small instance of `schema` for a code sample: its const, default, first example or
    first enum value; an object of its required properties; the fewest items an array takes."""
    flat = spec.flat(schema)
    for key in ("const", "default"):
        if flat.get(key) is not None:
            return copy.deepcopy(flat[key])
    if flat.get("examples"):
        return copy.deepcopy(flat["examples"][0])
    if flat.get("enum"):
        return flat["enum"][0]
    if flat.get("anyOf") or flat.get("oneOf"):
        branches = [b for b in flat.get("anyOf") or flat["oneOf"] if set(b) != {"required"}]
        if branches:
            return example_value(spec, branches[0])
    kind = flat.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in flat:
        return example_object(spec, schema)
    if kind == "array":
        return [example_value(spec, flat.get("items", {})) for _ in range(flat.get("minItems", 1))]
    return scalar_example(flat, kind)


def example_object(spec: scale_spec.Spec, schema: Json) -> dict[str, Json]:
    """The required properties of an object schema (and the first of each "one of these is
    required" group), each with its example; one made-up key where it needs some."""
    shape, flat = spec.merged_object(schema), spec.flat(schema)
    names = [*shape.required_at, *(group.value[0] for group in shape.one_required)]
    found = {
        name: example_value(spec, shape.sources[name].value)
        for name in dict.fromkeys(names)
        if name in shape.sources
    }
    extra = flat.get("additionalProperties")
    if len(found) < flat.get("minProperties", 0) and isinstance(extra, Mapping):
        found["field_1"] = example_value(spec, extra)
    return found


def scalar_example(flat: Mapping[str, Json], kind: Json) -> Json:
    """A string, number or boolean that fits the bounds of `flat` (an illustration, not data)."""
    if kind == "string":
        formats = {"uri": "https://example.com/image.png", "email": "labeler@example.com"}
        return formats.get(str(flat.get("format")), "x" * max(1, flat.get("minLength", 1)))
    if kind in ("integer", "number"):
        return flat.get("maximum", max(flat.get("minimum", 1), 1))
    if kind == "boolean":
        return True
    return None


def body_examples(spec: scale_spec.Spec, op: Operation) -> Iterator[Json]:
    """The bodies the spec gives for `op`, best first: its media type's named examples, its
    schema's `examples`, then one built from the schema."""
    body = op.primary_body
    if body is None:
        return
    media = spec.resolve(op.definition.get("requestBody", {})).get("content", {})
    for example in media.get(body.media_type, {}).get("examples", {}).values():
        yield copy.deepcopy(spec.resolve(example).get("value"))
    yield from copy.deepcopy(spec.flat(body.schema).get("examples", []))
    yield example_value(spec, body.schema)


def example_body(spec: scale_spec.Spec, op: Operation) -> Json:
    """The first of `body_examples` the body schema accepts (else the built one, its enums
    fitted to the schema's conditions)."""
    body = op.primary_body
    if body is None:
        return None
    candidates = list(body_examples(spec, op))
    valid = (c for c in candidates if not spec.schema_errors(body.pointer, c))
    return next(valid, None) or fit_enums(spec, op, candidates[-1])


def fit_enums(spec: scale_spec.Spec, op: Operation, built: Json) -> Json:
    """`built` with each enum property set to the first of its values that leaves the fewest
    schema errors: the first value of an enum may be one an `if`/`then` rules out."""
    body = op.primary_body
    if body is None or not isinstance(built, dict):
        return built
    shape = spec.merged_object(body.schema)
    for name in list(built):
        choices = spec.flat(shape.sources[name].value).get("enum") or []
        errors = {
            value: len(spec.schema_errors(body.pointer, {**built, name: value}))
            for value in choices
        }
        if errors:
            built[name] = min(errors, key=lambda value: errors[value])
    return built


def path_values(spec: scale_spec.Spec, op: Operation) -> dict[str, str]:
    """Each path parameter with its example (or first enum value, or its name in capitals)."""
    values: dict[str, str] = {}
    for param in op.parameters:
        if param.location == "path":
            flat = spec.flat(param.schema)
            found = param.definition.get("example", (flat.get("enum") or [None])[0])
            values[param.name] = str(found) if found is not None else param.name.upper()
    return values


def python_literal(value: Json, indent: int = 0) -> str:
    """`value` as Python source (JSON's true/false/null as True/False/None): on one line when
    short, else one item a line, indented to sit inside a call."""
    flat = _one_line(value)
    if len(flat) + indent <= 80 or not isinstance(value, (dict, list)) or not value:
        return flat
    pad, inner = " " * indent, " " * (indent + 4)
    if isinstance(value, dict):
        items = [
            f"{inner}{json.dumps(k)}: {python_literal(v, indent + 4)}" for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + f",\n{pad}}}"
    items = [f"{inner}{python_literal(v, indent + 4)}" for v in value]
    return "[\n" + ",\n".join(items) + f",\n{pad}]"


def _one_line(value: Json) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {_one_line(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_one_line(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Sample:
    """The inputs every code sample of one operation is written from."""

    op: Operation
    path: Mapping[str, str]  # path parameter -> example value
    body: Json  # the example body, or None


def curl_sample(sample: Sample) -> str:
    """The request as `curl` sends it: HTTP Basic with the key as the username."""
    op = sample.op
    url = SERVER + op.concrete_path(**sample.path)
    lines = [f"curl -X {op.method.upper()} '{url}'", '-u "$SCALE_API_KEY:"']
    body = op.primary_body
    if body is not None and body.media_type == "multipart/form-data":
        fields = sample.body if isinstance(sample.body, dict) else {}
        lines += [
            f"-F '{k}=@image.png'" if k == "file" else f"-F '{k}={v}'" for k, v in fields.items()
        ]
    elif body is not None:
        payload = json.dumps(sample.body, indent=2, ensure_ascii=False).replace("'", "'\\''")
        lines += ["-H 'Content-Type: application/json'", f"-d '{payload}'"]
    return " \\\n  ".join(lines)


def client_function(op: Operation) -> Any:
    """The generated client's function for `op` (`scale_api_client.api.<tag>.<operation_id>`):
    imported, so a sample never names a function the package does not have."""
    module = importlib.import_module(f"scale_api_client.api.{op.tags[0]}.{op.operation_id}")
    return module.sync


def client_body(annotation: Any, body: Json) -> tuple[str, str | None]:
    """The `body=` argument of a generated function, and the model it imports (if any)."""
    model = next(
        (a for a in getattr(annotation, "__args__", (annotation,)) if hasattr(a, "from_dict")), None
    )
    if model is None:
        return python_literal(body, 4), None
    if model.__name__ == "FileUpload":
        others = {k: v for k, v in body.items() if k != "file"}
        extra = "".join(f", {k}={python_literal(v)}" for k, v in others.items())
        return (
            f'FileUpload(file=File(payload=open("image.png", "rb"), file_name="image.png"){extra})',
            model.__name__,
        )
    return f"{model.__name__}.from_dict({python_literal(body, 4)})", model.__name__


def client_sample(sample: Sample) -> str:
    """The call through the generated client `scale_api_client`."""
    op, function = sample.op, client_function(sample.op)
    params = inspect.signature(function).parameters
    args, enums = [], []
    for name, value in sample.path.items():
        kind = params[name].annotation
        if isinstance(kind, type) and issubclass(kind, Enum):
            enums.append(kind.__name__)
            args.append(f"{kind.__name__}.{kind(value).name}")
        else:
            args.append(python_literal(value))
    args.append("client=client")
    imports = [
        "from scale_api_client import from_api_key",
        f"from scale_api_client.api.{op.tags[0]} import {op.operation_id}",
    ]
    imports += [f"from scale_api_client.models import {name}" for name in enums]
    if "body" in params and sample.body is not None:
        argument, model = client_body(params["body"].annotation, sample.body)
        args.append(f"body={argument}")
        if model is not None:
            imports.append(f"from scale_api_client.models import {model}")
        if model == "FileUpload":
            imports.append("from scale_api_client.types import File")
    call = f"{op.operation_id}.sync({', '.join(args)})"
    if len(call) > 90:
        call = f"{op.operation_id}.sync(\n    " + ",\n    ".join(args) + ",\n)"
    return "\n".join(
        [*imports, "", 'client = from_api_key(os.environ["SCALE_API_KEY"])', f"result = {call}"]
    ).replace(
        "from scale_api_client import from_api_key",
        "import os\n\nfrom scale_api_client import from_api_key",
        1,
    )


@dataclass(frozen=True)
class SdkCall:
    """How the official SDK (`scaleapi.ScaleClient`) makes one operation's request: its method,
    the SDK's names for the path parameters and body properties that differ from the spec's,
    and the body passed whole as one argument where the SDK takes it so."""

    method: str
    names: Mapping[str, str] = field(default_factory=dict)  # spec name -> SDK argument
    body_as: str | None = None  # the SDK argument the whole body is
    task_type: str | None = None  # the argument (spec name) that is a TaskType


# the SDK's calls, checked against scaleapi/__init__.py (2.x); operations it lacks get none
SDK_CALLS: dict[str, SdkCall] = {
    "get_task": SdkCall("get_task"),
    "cancel_task": SdkCall("cancel_task"),
    "audit_task": SdkCall("audit_task"),
    "set_task_unique_id": SdkCall("update_task_unique_id"),
    "clear_task_unique_id": SdkCall("clear_task_unique_id"),
    "set_task_metadata": SdkCall("set_task_metadata", body_as="metadata"),
    "set_task_tags": SdkCall("set_task_tags", body_as="tags"),
    "add_task_tags": SdkCall("add_task_tags", body_as="tags"),
    "delete_task_tags": SdkCall("delete_task_tags", body_as="tags"),
    "list_tasks": SdkCall("get_tasks"),
    "create_evaluation_task": SdkCall("create_evaluation_task", task_type="task_type"),
    "create_training_task": SdkCall("create_training_task", task_type="task_type"),
    "list_batches": SdkCall("get_batches"),
    "create_batch": SdkCall("create_batch", {"name": "batch_name"}),
    "get_batch": SdkCall("get_batch"),
    "finalize_batch": SdkCall("finalize_batch"),
    "get_batch_status": SdkCall("batch_status"),
    "set_batch_metadata": SdkCall("set_batch_metadata", body_as="metadata"),
    "list_projects": SdkCall("get_projects"),
    "create_project": SdkCall(
        "create_project",
        {"name": "project_name", "type": "task_type", "datasetId": "dataset_id"},
        task_type="type",
    ),
    "get_project": SdkCall("get_project"),
    "set_project_params": SdkCall("update_project"),
    "get_project_task_template": SdkCall("get_project_template"),
    "upload_file": SdkCall("upload_file"),
    "import_file": SdkCall("import_file"),
    "list_teammates": SdkCall("list_teammates"),
    "invite_teammates": SdkCall("invite_teammates", {"team_role": "role"}),
    "set_teammates_role": SdkCall("update_teammates_role", {"team_role": "role"}),
    "list_studio_assignments": SdkCall("list_studio_assignments"),
    "add_studio_assignments": SdkCall("add_studio_assignments"),
    "remove_studio_assignments": SdkCall("remove_studio_assignments"),
    "list_studio_project_groups": SdkCall("list_project_groups", {"project_name": "project"}),
    "create_studio_project_group": SdkCall(
        "create_project_group", {"project_name": "project", "name": "project_group"}
    ),
    "update_studio_project_group": SdkCall(
        "update_project_group", {"project_name": "project", "group_name": "project_group"}
    ),
    "list_studio_batches": SdkCall("list_studio_batches"),
    "assign_studio_batch": SdkCall("assign_studio_batches", {"groups": "project_groups"}),
    "set_studio_batches_priorities": SdkCall(
        "set_studio_batches_priorities", {"batches": "batch_names"}
    ),
    "reset_studio_batches_priorities": SdkCall("reset_studio_batches_priorities"),
}


def sdk_call(op: Operation) -> SdkCall | None:
    """The SDK's call for `op`: the table's, or `create_task(TaskType.X, ...)` for a task
    creation at `/task/<type>` of a type the SDK's `TaskType` names (the SDK posts to
    `task/<type>`, so a legacy path such as `/task/categorize` has no SDK call)."""
    if op.operation_id in SDK_CALLS:
        return SDK_CALLS[op.operation_id]
    known = {t.value for t in TaskType}
    if op.task_type in known and op.path == f"/task/{op.task_type}":
        return SdkCall("create_task")
    return None


def sdk_value(name: str, value: Json, call: SdkCall) -> str:
    """An argument of an SDK call as Python: the SDK's enums where it takes one."""
    if name == call.task_type:
        return f"TaskType.{TaskType(value).name}"
    if name == "team_role":
        return f"TeammateRole.{TeammateRole(value).name}"
    if name == "file":
        return 'open("image.png", "rb")'
    return python_literal(value, 4)


def sdk_arguments(sample: Sample, call: SdkCall) -> list[str]:
    """The SDK call's arguments: the task type first for `create_task`, then the path
    parameters and the body, by the SDK's names."""
    args = (
        [f"TaskType.{TaskType(sample.op.task_type).name}"] if call.method == "create_task" else []
    )
    given: dict[str, Json] = dict(sample.path)
    if call.body_as is not None:
        args += [f"{call.names.get(k, k)}={python_literal(v)}" for k, v in given.items()]
        return [*args, f"{call.body_as}={python_literal(sample.body, 4)}"]
    if isinstance(sample.body, dict):
        given.update(sample.body)
    return args + [f"{call.names.get(k, k)}={sdk_value(k, v, call)}" for k, v in given.items()]


def sdk_sample(sample: Sample) -> str | None:
    """The call through the official SDK `scaleapi`, where it has one."""
    call = sdk_call(sample.op)
    if call is None:
        return None
    args = sdk_arguments(sample, call)
    imports = ["import os", "", "import scaleapi"]
    used = [e for e in ("TaskType", "TeammateRole") if any(a.count(f"{e}.") for a in args)]
    modules = {"TaskType": "scaleapi.tasks", "TeammateRole": "scaleapi.teams"}
    imports += [f"from {modules[e]} import {e}" for e in used]
    call_text = f"client.{call.method}({', '.join(args)})"
    if len(call_text) > 90 or "\n" in call_text:
        call_text = f"client.{call.method}(\n    " + ",\n    ".join(args) + ",\n)"
    result = (
        "for item in " + call_text + ":\n    print(item)"
        if call.method in ("get_tasks", "get_batches")
        else f"result = {call_text}"
    )
    return "\n".join(
        [*imports, "", 'client = scaleapi.ScaleClient(os.environ["SCALE_API_KEY"])', result]
    )


def code_samples(spec: scale_spec.Spec, op: Operation) -> list[dict[str, str]]:
    """Redoc's `x-codeSamples` for `op`: curl, the generated client, the SDK where it has it."""
    sample = Sample(op, path_values(spec, op), example_body(spec, op))
    found = [
        {"lang": "Shell", "label": "curl", "source": curl_sample(sample)},
        {"lang": "Python", "label": "scale_api_client", "source": client_sample(sample)},
    ]
    sdk = sdk_sample(sample)
    if sdk is not None:
        found.append({"lang": "Python", "label": "scaleapi (official SDK)", "source": sdk})
    return found


def add_code_samples(spec: scale_spec.Spec, document: dict[str, Json]) -> None:
    for op in spec.operations:
        document["paths"][op.path][op.method]["x-codeSamples"] = code_samples(spec, op)


def provenance_note(entries: Mapping[str, str]) -> str:
    """One line naming each rule of a node with its tier, for the node's description."""
    by_tier: dict[str, list[str]] = {}
    for rule, tier in entries.items():
        by_tier.setdefault(tier, []).append(f"`{rule}`")
    parts = "; ".join(f"**{tier}**: {', '.join(rules)}" for tier, rules in sorted(by_tier.items()))
    return f"Provenance ([tiers](provenance.html)) — {parts}."


def add_provenance_notes(spec: scale_spec.Spec, document: dict[str, Json]) -> None:
    """Each node's rule tiers (`x-provenance`) at the end of its description, where Redoc shows
    it beside the property, body or operation the rules constrain."""
    for pointer in dict.fromkeys(row[0] for row in spec.provenance_rows()):
        node = lookup(document, pointer)
        entries = node.get("x-provenance") if isinstance(node, dict) else None
        if not isinstance(entries, Mapping) or not entries:
            continue
        text = str(node.get("description", "")).rstrip()
        node["description"] = f"{text}\n\n{provenance_note(entries)}".lstrip()


def reference_document(spec: scale_spec.Spec) -> dict[str, Json]:
    """The copy of the spec Redoc renders: samples, tiers and plain sidebar headings added."""
    document = copy.deepcopy(dict(spec.document))
    plain_sidebar(document)
    add_code_samples(spec, document)
    add_provenance_notes(spec, document)
    return document


def redocly() -> Path:
    binary = DOCS / "node_modules" / ".bin" / "redocly"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=DOCS, check=True)
    return binary


PRERENDERED = re.compile(r'(<div id="redoc">).*?(</div>\s*<script>\s*const __redoc_state = )', re.S)
PRERENDERED_STYLE = re.compile(r'<style data-styled="true"[^>]*>.*?</style>', re.S)


def unprerendered(page: str) -> str:
    """The page without the markup build-docs prerendered, nor its styles: docs/reference.hbs
    has Redoc render the reference in the browser (hydrating the prerendered markup failed:
    React errors #418 and #423), so they would only weigh the page (half of it)."""
    page, found = PRERENDERED.subn(r"\1\2", page, count=1)
    if not found or "Redoc.init(" not in page:
        raise RuntimeError("no prerendered Redoc to drop: has build-docs changed its template?")
    return PRERENDERED_STYLE.sub("", page, count=1)


def self_contained(page: str) -> str:
    """Inline the Redoc script the page would fetch from a CDN, and drop any web-font link
    (docs/reference.hbs has none: system fonts are used), so the page works offline, as one
    file."""
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
    """The Redocly rules the project chose (docs/redocly.yaml) on the spec itself; a finding
    stops the build."""
    spec = str(ROOT / "openapi" / "scale.yaml")
    config = str(DOCS / "redocly.yaml")
    subprocess.run([str(redocly()), "lint", "--config", config, spec], check=True, env=env)


def build_reference() -> Path:
    """Redoc's page of `reference_document`, written as JSON to a scratch file (the spec's
    one reading stays scale_spec's), themed by docs/redocly.yaml."""
    target = SITE / "index.html"
    env = {**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}
    lint(env)
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "scale.json"
        document = reference_document(scale_spec.load())
        source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        command = [str(redocly()), "build-docs", str(source), "-o", str(target)]
        command += ["--config", str(DOCS / "redocly.yaml"), "--template", str(TEMPLATE)]
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    page = unprerendered(target.read_text(encoding="utf-8"))
    target.write_text(self_contained(page), encoding="utf-8")
    return target


def reference_tags(spec: scale_spec.Spec) -> dict[str, str]:
    """operationId -> its first tag: Redoc anchors an operation at `tag/<tag>/operation/<id>`."""
    return {op.operation_id: op.tags[0] for op in spec.operations if op.tags}


def run_header(run: RunInfo) -> str:
    """When the run was, what it held to what, and how to replay it."""
    rows = [
        ("date", run.started_at),
        ("server", run.base_url),
        ("spec version", run.spec_version),
        ("seed", str(run.seed)),
        ("tiers that gate", "all (--strict-tiers)" if run.strict else "docs, sdk"),
    ]
    if run.stopped:
        rows.append(("stopped early", run.stopped))
    cells = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
    return f"<table>{cells}</table><p>Replay:</p><pre><code>{html.escape(run.replay)}</code></pre>"


VERDICTS = {"fail": "broken", "pass": "honoured", "not reached": "not reached"}


def rule_row(outcome: RuleOutcome, tags: dict[str, str]) -> str:
    """One rule: its id linked to its place in the reference, its tier, verdict and wording."""
    info, link = outcome.info, rule_link(outcome, tags)
    verdict = VERDICTS[outcome.status]
    operations = len(outcome.passed | {f.operation for f in outcome.failures})
    return (
        f'<tr><td><a href="{html.escape(link)}"><code>{html.escape(info.id)}</code></a></td>'
        f'<td><span class="tier {html.escape(info.tier)}">{html.escape(info.tier)}</span></td>'
        f'<td class="verdict {verdict.replace(" ", "-")}">{verdict}</td><td>{operations}</td>'
        f"<td>{html.escape(' '.join(info.text.split()))}</td></tr>"
    )


def conformance_page(
    run: RunInfo | None, results: dict[str, RuleOutcome], spec: scale_spec.Spec
) -> str:
    """The latest run as a page: dated, with seed, spec version and server, every rule (broken
    first) with its tier, linked to the operation it concerns in the reference."""
    if run is None:
        body = "<h1>Conformance</h1><p>No contract run is recorded: run <code>make demo</code>.</p>"
        return PAGE.format(title="Conformance", body=body)
    order = {"fail": 0, "not reached": 1, "pass": 2}
    ordered = sorted(results.values(), key=lambda r: (order[r.status], r.info.id))
    counts = {v: sum(1 for r in ordered if VERDICTS[r.status] == v) for v in VERDICTS.values()}
    tally = ", ".join(f"{n} {v}" for v, n in counts.items())
    full = (
        ' The full report, with each failure\'s request and answer: <a href="report.html">'
        "report.html</a>."
        if HTML_REPORT.exists()
        else ""
    )
    title = f"Conformance of {run.base_url} to spec {run.spec_version}"
    tags = reference_tags(spec)
    body = (
        f"<h1>{html.escape(title)}</h1>{run_header(run)}"
        f"<p>{len(ordered)} rules: {tally}. Each rule links to the operation it concerns in the "
        f'<a href="index.html">API reference</a>.{full}</p>'
        "<table><tr><th>rule</th><th>tier</th><th>verdict</th><th>operations</th>"
        f"<th>wording</th></tr>{''.join(rule_row(r, tags) for r in ordered)}</table>"
    )
    return PAGE.format(title=html.escape(title), body=body)


def latest_results(directory: Path = LATEST) -> dict[str, RuleOutcome]:
    """The latest run's rules and verdicts, folded from its records (nothing parsed from text)."""
    path = directory / RESULTS_FILE
    return outcomes(read(path)) if path.exists() else {}


def build_conformance_page() -> Path:
    if not REPORT.exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "demo.py")], check=False)
    target = SITE / "conformance.html"
    page = conformance_page(read_run(LATEST), latest_results(), scale_spec.load())
    target.write_text(page, encoding="utf-8")
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
