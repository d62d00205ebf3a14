"""Fuzz and soak: Schemathesis and hand-made hostile input against one scale-mock on a SQLite
file, then every stored task must still be readable, and no answer of the whole run may be a 5xx.

1. `schemathesis run` with the repo's `schemathesis.toml` (every check it leaves on), phases
   examples, coverage and fuzzing, a fixed seed, as `tests/test_schemathesis_config.py` runs it
   (the same task creates left out for time; each has a sibling with the same kind of body).
2. Hostile input to every operation the spec declares (read through `scale_spec`, never the YAML
   here): to each body a lone surrogate, `NaN`/`Infinity`/`1e400`, 10,000-deep nesting, 11 MiB,
   malformed JSON and bodies under the wrong content type; to each query parameter (and to
   `offset`/`next_token` where undeclared) a huge number, a lone surrogate and a huge token; to
   each operation a non-ASCII Basic header. Path parameters name real records, so a refusal is
   the input's, not a 404. No answer may be a 5xx, and every refusal must be an `Error` JSON
   (`error`, `status_code`) naming the field it refuses (a 401 names none: the key is not a
   field), with the field and rule `scale_mock.guards` documents where it documents one.
3. `GET /tasks` pages through every task of Schemathesis's key and of the hostile key, and each
   is read by id; the hostile key holds only the task made for path parameters to name, so no
   hostile request stored anything.

A middleware counts every answer the server gives, Schemathesis's included, so "no 5xx" does
not rest on Schemathesis's checks alone. `SCALE_MOCK_SOAK_MAX_EXAMPLES` (default 3, as in
`tests/test_schemathesis_config.py`) sets the fuzzing phase's examples per operation; the
coverage phase, most of the run, does not depend on it (10 examples add about 8 s). Measured
here: about 6,000 Schemathesis cases and 1,900 hostile requests, 31 s in all beside other test
runs, up to 57 s when they take both cores.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import tomllib
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import scale_spec
from scale_mock.backends import open_store
from scale_mock.guards import DEFAULT_MAX_BODY_SIZE
from scale_mock.testing import ThreadedMock
from scale_spec import FORM, MULTIPART, Operation
from tests.mock_tests.conftest import fresh_key
from tests.mock_tests.test_task_types import MINIMAL
from tests.test_schemathesis_config import (
    CONFIG_PATH,
    SCHEMATHESIS,
    SKIPPED_CREATES,
    SPEC_PATH,
)

SEED = 1
MAX_EXAMPLES = int(os.environ.get("SCALE_MOCK_SOAK_MAX_EXAMPLES", "3"))
SPEC = scale_spec.load()
OPERATIONS = SPEC.operations
DEPTH = 10_000
HUGE = 10**30
BIG_BODY = DEFAULT_MAX_BODY_SIZE + 2**20  # 11 MiB: past the JSON and form cap
JSON = "application/json"


def schemathesis_key() -> str:
    """The key the repo's config gives Schemathesis (the tenant its tasks are stored in)."""
    with CONFIG_PATH.open("rb") as handle:
        return str(tomllib.load(handle)["auth"]["basic"]["username"])


class StatusTally:
    """ASGI middleware counting every answer by status, and naming each 5xx."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.statuses: Counter[int] = Counter()
        self.failures: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def count(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.statuses[message["status"]] += 1
                if message["status"] >= 500:
                    self.failures.append(f"{scope['method']} {scope['raw_path']!r}")
            await send(message)

        await self.app(scope, receive, count)


@dataclass
class Soak:
    mock: ThreadedMock
    tally: StatusTally
    key: str  # the tenant of the hostile requests
    paths: dict[str, str]  # path parameter -> a record of `key` it may name


@pytest.fixture(scope="module")
def soak(database: str) -> Iterator[Soak]:
    tallies: list[StatusTally] = []

    def wrap(app: ASGIApp) -> ASGIApp:
        tallies.append(StatusTally(app))
        return tallies[0]

    store = open_store(database)
    with ThreadedMock(store=store, wrap=wrap) as mock:
        key = fresh_key()
        yield Soak(mock, tallies[0], key, records(mock.base_url, key))
    store.close()
    assert not tallies[0].failures, tallies[0].failures


def records(base_url: str, key: str) -> dict[str, str]:
    """A project, a batch in it and a pending task of `key`: what path parameters name. The
    enumerated path parameters (`task_type`) take their first value from the spec."""
    name = f"soak-{uuid.uuid4().hex[:8]}"
    with httpx.Client(base_url=base_url, auth=(key, ""), timeout=30) as api:
        api.post("/projects", json={"type": "textcollection", "name": name}).raise_for_status()
        api.post("/batches", json={"project": name, "name": name}).raise_for_status()
        task = api.post(
            "/task/categorization",
            json=MINIMAL["categorization"],
            headers={"Scale-Mock-Hold": "pending"},
        ).raise_for_status()
    values = {
        "task_id": task.json()["task_id"],
        "batch_name": name,
        "project_name": name,
        "group_name": name,
    }
    for op in OPERATIONS:
        for param in op.parameters:
            enum = SPEC.flat(param.schema).get("enum")
            if param.location == "path" and enum:
                values.setdefault(param.name, str(enum[0]))
    return values


# 1. Schemathesis


def test_schemathesis_with_every_check_finds_nothing(soak: Soak, tmp_path: Path) -> None:
    """The repo's config, every check it keeps, three phases, a fixed seed; cwd a fresh
    directory, so no cache or example database of an earlier run changes what is sent."""
    result = subprocess.run(
        [
            str(SCHEMATHESIS),
            "--no-color",
            "--config-file",
            str(CONFIG_PATH),
            "run",
            str(SPEC_PATH),
            "--url",
            soak.mock.base_url,
            "--phases",
            "examples,coverage,fuzzing",
            "--seed",
            str(SEED),
            "--max-examples",
            str(MAX_EXAMPLES),
            "--generation-database",
            "none",
            "--workers",
            "1",  # 2 trips Hypothesis's lambda-source cache across threads ("AST recursion")
            "--exclude-operation-id-regex",
            SKIPPED_CREATES,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    summary = re.findall(r"^\s*(\d+ generated.*|=+ .* in [\d.]+s =+)$", result.stdout, re.M)
    print("\nschemathesis:", *summary)
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
    assert not soak.tally.failures, soak.tally.failures


# 2. Hostile input


@dataclass(frozen=True)
class Hostile:
    """One hostile request and, where `guards` documents it, the refusal it must get."""

    name: str
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] | None = None
    raw_query: str | None = None
    refusal: tuple[int, str, str] | None = None  # status, field, rule
    status: int | None = None  # the status it must get, where no field is named
    empty_page: bool = False  # a 200 must be a page without docs


def hostile_value(op: Operation) -> tuple[Any, str]:
    """Where a hostile value goes in the operation's body, and the field that names it: the
    first property the spec declares (or a free-form one), or the first item of an array."""
    body = op.primary_body
    assert body is not None
    schema = SPEC.flat(body.schema)
    if schema.get("type") == "array":
        return ["{}"], "body[0]"
    names = list(SPEC.merged_object(body.schema, body.pointer).properties) or ["note"]
    return {names[0]: "{}"}, f"body.{names[0]}"


def json_with(template: Any, value: str) -> bytes:
    """`template` as JSON with its placeholder string replaced by raw JSON text `value`."""
    return json.dumps(template).replace('"{}"', value).encode()


def body_cases(op: Operation) -> list[Hostile]:
    """Hostile JSON, and bodies under the wrong type. The refusals `guards` documents are
    expected where the operation reads JSON; an upload (`multipart/form-data` only) reads no
    other type, so there each must only be some 4xx naming a field."""
    template, named = hostile_value(op)
    reads_json = JSON in op.bodies

    def json_case(name: str, value: str, field: str, rule: str) -> Hostile:
        refusal = (400, field, rule) if reads_json else None
        return Hostile(name, json_with(template, value), {"content-type": JSON}, refusal=refusal)

    cases = [
        json_case("lone surrogate", '"a\\ud800b"', named, "unicode"),
        *(json_case(f"{n} number", n, named, "finite") for n in ("NaN", "Infinity", "1e400")),
        json_case("-Infinity number", "-Infinity", named, "finite"),
        json_case("10,000-deep nesting", "[" * DEPTH + "]" * DEPTH, "body", "depth"),
        Hostile(
            "malformed JSON",
            json_with(template, '"x"')[:-2],
            {"content-type": JSON},
            refusal=(400, "body", "json") if reads_json else None,
        ),
        Hostile(
            "XML",
            b"<task><instruction>x</instruction></task>",
            {"content-type": "application/xml"},
            refusal=(400, "body", "json") if reads_json else None,
        ),
        Hostile("text", b"just some text", {"content-type": "text/plain"}),
        Hostile("JSON as form", json_with(template, '"x"') + b"&=", {"content-type": FORM}),
        Hostile(
            "multipart without boundary",
            b"--x\r\n\r\n--x--\r\n",
            {"content-type": MULTIPART},
            refusal=None if reads_json else (400, "body", "multipart"),
        ),
        Hostile(
            "11 MiB",
            json_with(template, '"' + "x" * BIG_BODY + '"'),
            {"content-type": JSON},
            # an upload's cap is `max_upload_size` (100 MiB): 11 MiB is only a body to judge
            refusal=(413, "body", "max_body_size") if reads_json else None,
        ),
    ]
    if FORM in op.bodies:
        form = b"%s=a%%ED%%A0%%80b" % named.removeprefix("body.").encode()
        cases.append(
            Hostile(
                "lone surrogate in a form",
                form,
                {"content-type": FORM},
                refusal=(400, "body", "form"),
            )
        )
    return cases


def query_cases(op: Operation) -> list[Hostile]:
    """Each declared query parameter, and `offset`/`next_token` wherever undeclared."""
    names = [p.name for p in op.parameters if p.location == "query"]
    names += [name for name in ("offset", "next_token") if name not in names]
    cases = []
    token = base64.urlsafe_b64encode(json.dumps({"before": HUGE}).encode()).decode()
    for name in names:
        # The spec bounds `offset` below only: past the last record is an empty page.
        empty = name == "offset" and any(p.name == name for p in op.parameters)
        cases += [
            Hostile(f"{name}={HUGE}", params={name: str(HUGE)}, empty_page=empty),
            Hostile(f"{name}=-{HUGE}", params={name: f"-{HUGE}"}),
            Hostile(f"{name}=NaN", params={name: "NaN"}),
            Hostile(f"{name}=token", params={name: token}),
            Hostile(f"{name}=10,000 A", params={name: "A" * 10_000}),
            Hostile(
                f"{name} lone surrogate",
                raw_query=f"{name}=a%ED%A0%80b",
                refusal=(400, f"query.{name}", "unicode"),
            ),
        ]
    return cases


AUTH = Hostile("non-ASCII Basic", headers={"authorization": "Basic \xe9\xe9\xe9"}, status=401)


def judge(case: Hostile, response: httpx.Response) -> str | None:
    """What is wrong with the answer to `case`, if anything."""
    status = response.status_code
    seen = f"{case.name}: {status} {response.text[:200]!r}"
    if status >= 500 or (case.status is not None and status != case.status):
        return seen
    if status < 400:
        if case.refusal is not None:
            return f"{seen}, expected {case.refusal}"
        if case.empty_page and response.json()["docs"]:
            return f"{seen}: a page past the end has docs"
        return None
    if response.headers.get("content-type", "").split(";")[0] != JSON:
        return f"{seen}: not JSON"
    error = response.json()
    if not isinstance(error.get("error"), str) or error.get("status_code") != status:
        return f"{seen}: not an Error"
    if status == 401:
        return None if "www-authenticate" in response.headers else f"{seen}: no WWW-Authenticate"
    if not error.get("field"):
        return f"{seen}: names no field"
    if case.refusal is not None and (status, error["field"], error.get("rule")) != case.refusal:
        return f"{seen}, expected {case.refusal}"
    return None


def send(api: httpx.Client, op: Operation, path: str, case: Hostile) -> httpx.Response:
    url = path + (f"?{case.raw_query}" if case.raw_query else "")
    headers = {k.encode(): v.encode("latin-1") for k, v in case.headers.items()}
    # the client's own Basic auth would replace a case's Authorization header
    auth = None if "authorization" in case.headers else httpx.USE_CLIENT_DEFAULT
    return api.request(
        op.method.upper(),
        url,
        content=case.content,
        headers=headers,
        params=case.params,
        auth=auth,
    )


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.operation_id for op in OPERATIONS])
def test_hostile_input_is_refused_with_a_4xx_naming_the_field(soak: Soak, op: Operation) -> None:
    path = op.concrete_path(**soak.paths)
    cases = [AUTH, *query_cases(op)]
    if op.bodies:
        cases += body_cases(op)
    wrong = []
    with httpx.Client(base_url=soak.mock.base_url, auth=(soak.key, ""), timeout=60) as api:
        for case in cases:
            wrong.append(judge(case, send(api, op, path, case)))
    assert not [line for line in wrong if line], [line for line in wrong if line]
    assert not soak.tally.failures, soak.tally.failures


def test_a_lone_surrogate_in_a_multipart_text_part_is_a_400_naming_it(soak: Soak) -> None:
    """The bytes `ED A0 80` (U+D800 as WTF-8, not UTF-8) in a text part are refused as a JSON
    or form body refuses them (Starlette's parser alone reads them as Latin-1 and goes on: a 404
    for a project `'a\u00ed\xa0\x80b'`, or a file stored with that project name)."""
    op = SPEC.operation("upload_file")
    body = (
        b'--b\r\nContent-Disposition: form-data; name="project_name"\r\n\r\na\xed\xa0\x80b\r\n'
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nx\r\n'
        b"--b--\r\n"
    )
    case = Hostile(
        "lone surrogate in multipart",
        body,
        {"content-type": f"{MULTIPART}; boundary=b"},
        refusal=(400, "body.project_name", "unicode"),
    )
    with httpx.Client(base_url=soak.mock.base_url, auth=(soak.key, ""), timeout=60) as api:
        assert judge(case, send(api, op, op.path, case)) is None


# 3. After all that


def every_task(api: httpx.Client, limited: bool) -> list[str]:
    """The ids `GET /tasks` pages out, following `next_token`; each page a 200, the total
    that of the last page."""
    ids: list[str] = []
    params: dict[str, Any] = {"limit": 100, "limited_response": limited}
    while True:
        page = api.get("/tasks", params=params)
        assert page.status_code == 200, page.text
        ids += [doc["task_id"] for doc in page.json()["docs"]]
        if "next_token" not in page.json():
            assert len(ids) == len(set(ids)) == page.json()["total"]
            return ids
        params["next_token"] = page.json()["next_token"]


def test_every_stored_task_is_still_readable(soak: Soak) -> None:
    """Each tenant pages through all its tasks (full and limited answers) and reads each by
    id; the hostile tenant holds only the task it made to be named, so no hostile request
    stored anything; and the whole run had no 5xx."""
    stored = {}
    for key in (schemathesis_key(), soak.key):
        with httpx.Client(base_url=soak.mock.base_url, auth=(key, ""), timeout=60) as api:
            ids = every_task(api, limited=False)
            assert every_task(api, limited=True) == ids
            for task_id in ids:
                got = api.get(f"/task/{task_id}")
                assert got.status_code == 200, got.text
                assert got.json()["task_id"] == task_id
        stored[key] = ids
    assert stored[soak.key] == [soak.paths["task_id"]]
    print(
        f"\nsoak: {sum(soak.tally.statuses.values())} answers, statuses "
        f"{dict(sorted(soak.tally.statuses.items()))}; tasks read back "
        f"{ {key: len(ids) for key, ids in stored.items()} }"
    )
    assert not soak.tally.failures, soak.tally.failures
    assert not [status for status in soak.tally.statuses if status >= 500]
