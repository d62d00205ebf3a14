"""Documented behaviours no other module checks: what a create, a retrieve, a cancel, a list,
a project and a batch call answer, in the documents' own words (`openapi/behaviours.yaml`).

Each rule is `documented.<row id>` of the behaviour matrix and quotes the sentence it enforces.
A behaviour the server gives no way to reach (a task that stays pending, a server that cannot
reach this suite) is claimed and left unchecked: the report says "not reached", neither pass
nor fail. Every object this module creates is named after the run (`target.run_id`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from contract_tests.api import Api, Rule, check
from contract_tests.callback_receiver import CallbackReceiver
from contract_tests.conftest import Claim
from contract_tests.mock_controls import hold_pending
from contract_tests.spec import document, resolve, schema_errors
from contract_tests.target import Target

pytestmark = pytest.mark.billable

MATRIX = "openapi/behaviours.yaml"
STATUSES = ("pending", "completed", "canceled", "error")
WAIT_SECONDS = 5.0


def _rule(row: str, quote: str, where: str) -> Rule:
    return Rule(f"documented.{row}", quote, f"{where} ({MATRIX}#{row})")


CREATE_RETURNS_TASK = _rule(
    "create.returns_task_object",
    "If successful, Scale will immediately return the generated task object, of which you "
    "should at least store the task_id.",
    "docs-2018 001:L308",
)
PARAMS_STORED = _rule(
    "create.params_stored",
    "The parameters attachment_type, attachment, categories, and category_ids (optional) will "
    "be stored in the params object of the constructed task object.",
    "docs-2018 001:L2010",
)
METADATA_DEFAULT = _rule(
    "task.metadata_default_empty",
    "metadata object, default {} A set of key/value pairs that you can attach to a task object.",
    "docs-2018 001:L174",
)
COMPLETED_AT = _rule(
    "task.completed_at_once_completed",
    "completed_at timestamp A string of the UTC timestamp of when the task was completed. "
    "This will only be filled in after it is completed.",
    "docs-2018 001:L172",
)
GET_UNKNOWN = _rule(
    "get_task.unknown_404",
    "Returns a task if a valid identifier was provided, and returns a 404 error otherwise.",
    "docs-2018 001:L2768",
)
CANCEL_UNKNOWN = _rule(
    "cancel.unknown_404",
    "Returns the canceled task if a valid identifier for a pending task was provided, and "
    "returns a 404 error or 500 error otherwise.",
    "docs-2018 001:L2834",
)
NOT_FOUND = _rule(
    "errors.not_found",
    "404 - Not Found -- The requested resource doesn't exist.",
    "sdk-readme 004:L443",
)
CANCEL_ANSWER = _rule(
    "cancel.returns_canceled_task",
    'canceled_task = scale.tasks.cancel("YOUR_TASK_ID") # Returns the appropriate Task object '
    "with status set to canceled",
    "docs-2018 001:L2792",
)
CANCEL_CLEARS_UNIQUE_ID = _rule(
    "cancel.clear_unique_id",
    "# If you also want to clear 'unique_id' of a task while canceling",
    "sdk-readme 004:L166",
)
PROJECT_ANSWER = _rule(
    "project.create_returns_project",
    "The above command returns an object structured like this: {type, name, param_history: "
    "[{instruction, version, created_at}], created_at}",
    "docs-2018 001:L2465",
)
PROJECT_DUPLICATE = _rule(
    "project.duplicate_name_409",
    "Throws ScaleDuplicateResource exception if a project with the same name already exists.",
    "sdk-readme 004:L290",
)
BATCH_DUPLICATE = _rule(
    "batch.duplicate_name_409",
    "Throws ScaleDuplicateResource exception if a batch with the same name already exists.",
    "sdk-readme 004:L237",
)
BATCH_ANSWER = _rule(
    "batch.create_returns_batch",
    "print(batch.name) # batch_name_01_07_2021",
    "sdk-readme 004:L236",
)
INSTRUCTION_INHERITED = _rule(
    "project.instruction_inherited",
    "instructions defined in a project will be concatenated to the end of the instructions of "
    "tasks created under the project.",
    "docs-2018 001:L2387",
)
LIST_DEFAULTS = _rule(
    "list.default_limit_offset",
    "limit integer A number between 1 and 100, the maximum number of results to display per "
    "page optional, default 100 / offset ... optional, default 0",
    "docs-2018 001:L2932",
)
CALLBACK_SUCCEEDED = _rule(
    "callback.succeeded_flag",
    "If we receive a 2xx status code, the task will be populated with a true value for the "
    "callback_succeeded parameter.",
    "docs-2018 001:L2681",
)
ATTACHMENT_ERROR = _rule(
    "attachment.unreachable_error_status",
    "If we do not receive an HTTP 200 response when attempting to fetch your attachment(s), we "
    "will send your callback_url an error with the bad HTTP codes we received, and the task "
    "status will be error.",
    "docs-2018 001:L208",
)

RESPONSE_PER_TYPE = _rule(
    "task.response_per_type",
    "The response object, which is part of the callback POST request and permanently stored as "
    "part of the task object, will have ... (per task type)",
    "docs-2018 001:L362 and each task type's Callback Format",
)
CATEGORY_CHOSEN = _rule(
    "categorization.response_category",
    "If allow_multiple is false, then the value will be a string equal to one of the original "
    "categories. If allow_multiple is true, the value will be an array of categories, each one "
    "being one of the original categories. If category_ids was provided, there will be another "
    "field category_id corresponding to the given id of the chosen category/categories.",
    "docs-2018 001:L2090-L2094",
)

PARAM_VERSION = _rule(
    "project.param_version",
    "one can also specify project_param_version when creating a task to inherit from an older "
    "set of params (or use -1 to skip parameter inheritance altogether.)",
    "docs-2018 001:L2638",
)
LIMITED_RESPONSE = _rule(
    "list.limited_response",
    "If you use the limited_response = True filter in get_tasks(), you will only receive the "
    "following attributes: task_id, status, metadata, project and otherVersion.",
    "sdk-readme 004:L88-L95",
)
EMAIL_CALLBACK = _rule(
    "callback.email_address",
    "you may provide an email address as the callback_url. In this case, each completed task "
    "will result in an email sent with the body as the task's JSON payload.",
    "docs-2018 001:L2677",
)
AUDIT = _rule(
    "audit.completed_task",
    "This method allows you to accept or reject completed tasks, along with support for adding "
    "comments about the reason for the given audit status, mirroring our Audit UI.",
    "sdk-readme 004:L173-L175",
)
SET_UNIQUE_ID = _rule(
    "task.set_unique_id",
    "Update a given task's unique_id.",
    "sdk-readme 004:L184",
)
BATCHES_BY_PROJECT = _rule(
    "list_batches.project_filter",
    "Retrieve a list of Batches. Optional parameters are project_name, batch_status, "
    "exclude_archived, created_after and created_before.",
    "sdk-readme 004:L255",
)
EVERY_PROJECT = _rule(
    "project.list_every_project",
    "This function does not take any arguments. Retrieve a list of every Project.",
    "sdk-readme 004:L297",
)
FILE_ATTACHMENT = _rule(
    "files.attachment_url_usable",
    "The file.attachment_url can be used in place of attachments in task payload.",
    "sdk-readme 004:L316-L317",
)
URGENCY_DEFAULT = _rule(
    "task.urgency_default",
    "urgency (optional, default standard) string A string describing the urgency of the "
    "response. One of express or standard.",
    "docs-2018 001:L324 (docs-2016 000:L274: default day on its endpoints)",
)

PYTHON_BOOLEANS = _rule(
    "sdk.python_booleans",
    '"include_attachment_url": include_attachment_url, (a Python bool: requests sends True and '
    "False, capitalised, in the query; get_tasks always sends it)",
    "sdk scaleapi/__init__.py:L682",
)
QUOTED_NAMES = _rule(
    "sdk.quoted_names",
    "`quote_string('a bc/def')` -> `a%20bc%2Fdef` (project and batch names in paths are "
    "percent-encoded, a slash included)",
    "sdk scaleapi/api.py:L255",
)

UNIQUE_ID_IN_USE = _rule(
    "sdk.set_unique_id_in_use_409",
    "Updates a task's unique_id and returns the associated task. Raises a "
    "ScaleDuplicateResource exception if unique_id is already in use.",
    "sdk scaleapi/__init__.py:L132",
)

RULES = [
    UNIQUE_ID_IN_USE,
    PYTHON_BOOLEANS,
    QUOTED_NAMES,
    PARAM_VERSION,
    LIMITED_RESPONSE,
    EMAIL_CALLBACK,
    AUDIT,
    SET_UNIQUE_ID,
    BATCHES_BY_PROJECT,
    EVERY_PROJECT,
    FILE_ATTACHMENT,
    URGENCY_DEFAULT,
    RESPONSE_PER_TYPE,
    CATEGORY_CHOSEN,
    CREATE_RETURNS_TASK,
    PARAMS_STORED,
    METADATA_DEFAULT,
    COMPLETED_AT,
    GET_UNKNOWN,
    CANCEL_UNKNOWN,
    NOT_FOUND,
    CANCEL_ANSWER,
    CANCEL_CLEARS_UNIQUE_ID,
    PROJECT_ANSWER,
    PROJECT_DUPLICATE,
    BATCH_DUPLICATE,
    BATCH_ANSWER,
    INSTRUCTION_INHERITED,
    LIST_DEFAULTS,
    CALLBACK_SUCCEEDED,
    ATTACHMENT_ERROR,
]


def _body(response: httpx.Response) -> dict[str, Any]:
    """The JSON object of a response, or {} when it is not one."""
    try:
        payload = response.json()
    except ValueError:
        return {}
    return payload if isinstance(payload, dict) else {}


def _annotation(target: Target, **extra: Any) -> dict[str, Any]:
    return {
        "attachment": "https://example.com/documented.png",
        "objects_to_annotate": ["car"],
        "metadata": {"run": target.run_id},
        **extra,
    }


def _create(
    api: Api, kind: str, body: dict[str, Any], headers: dict[str, str] | None = None
) -> dict[str, Any] | None:
    """The task the server created, or None: a task that could not be created is a
    precondition missing (creates are checked elsewhere), so the behaviour is not reached."""
    response = api.post(f"/task/{kind}", json_body=body, headers=headers)
    task = _body(response)
    return task if response.status_code == 200 and task.get("task_id") else None


def _settled(api: Api, task_id: str, wait: float = WAIT_SECONDS) -> httpx.Response:
    """GET the task until it is no longer pending, or `wait` seconds have passed."""
    deadline = time.monotonic() + wait
    while True:
        response = api.get(f"/task/{task_id}")
        if _body(response).get("status") != "pending" or time.monotonic() > deadline:
            return response
        time.sleep(0.1)


def _listed(api: Api, project: str, **query: Any) -> httpx.Response:
    """The project's tasks on one page (a run's project holds fewer than 100): `limit` is given,
    so that these checks do not depend on the default page size (a rule of its own)."""
    return api.get("/tasks", params={"project": project, "limit": 100, **query})


def _project(api: Api, name: str, **params: Any) -> httpx.Response:
    body: dict[str, Any] = {"type": "annotation", "name": name}
    if params:
        body["params"] = params
    return api.post("/projects", json_body=body)


# --- create: the task object, its params, its metadata ---------------------------------------

CREATES: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = [
    # (endpoint, type the task says, body, params the documents say are stored)
    (
        "annotation",
        "annotation",
        {"attachment": "https://example.com/a.png", "objects_to_annotate": ["car"]},
        {"attachment": "https://example.com/a.png", "objects_to_annotate": ["car"]},
    ),
    (
        "pointannotation",
        "pointannotation",
        {"attachment": "https://example.com/a.png", "objects_to_annotate": ["car"]},
        {"attachment": "https://example.com/a.png", "objects_to_annotate": ["car"]},
    ),
    (
        "lineannotation",
        "lineannotation",
        {"attachment": "https://example.com/a.png", "objects_to_annotate": ["car"]},
        {"attachment": "https://example.com/a.png", "objects_to_annotate": ["car"]},
    ),
    (
        "cuboidannotation",
        "cuboidannotation",
        {"attachment": "https://example.com/a.png", "objects_to_annotate": ["car"]},
        {"attachment": "https://example.com/a.png", "objects_to_annotate": ["car"]},
    ),
    (
        "polygonannotation",
        "polygonannotation",
        {"attachment": "https://example.com/a.png", "objects_to_annotate": ["car"]},
        {"attachment": "https://example.com/a.png", "objects_to_annotate": ["car"]},
    ),
    (
        "segmentannotation",
        "segmentannotation",
        {"attachment": "https://example.com/a.png", "labels": ["car", "background"]},
        {"attachment": "https://example.com/a.png", "labels": ["car", "background"]},
    ),
    (
        "categorization",
        "categorization",
        {
            "instruction": "Is this company public or private?",
            "attachment_type": "website",
            "attachment": "https://www.example.com/",
            "categories": ["public", "private"],
            "category_ids": {"123": "public", "124": "private"},
        },
        {
            "attachment_type": "website",
            "attachment": "https://www.example.com/",
            "categories": ["public", "private"],
            "category_ids": {"123": "public", "124": "private"},
        },
    ),
    (
        "comparison",
        "comparison",
        {
            "instruction": "Do the objects in these images have the same pattern?",
            "attachment_type": "image",
            "attachments": ["https://example.com/1.png", "https://example.com/2.png"],
            "choices": ["yes", "no"],
            "fields": {"color": "What is the color?"},
        },
        {
            "attachment_type": "image",
            "attachments": ["https://example.com/1.png", "https://example.com/2.png"],
            "choices": ["yes", "no"],
            "fields": {"color": "What is the color?"},
        },
    ),
    (
        "categorization",
        "categorization",
        {
            "instruction": "Which colors does this flag have?",
            "attachment_type": "text",
            "attachment": "flag",
            "categories": ["red", "white", "blue"],
            "allow_multiple": True,
        },
        {"attachment_type": "text", "attachment": "flag", "categories": ["red", "white", "blue"]},
    ),
    (
        "transcription",
        "transcription",
        {
            "instruction": "Transcribe the information for each row.",
            "attachment_type": "website",
            "attachment": "https://www.example.com/",
            "row_fields": {"username": "Username of submitter"},
        },
        {
            "attachment_type": "website",
            "attachment": "https://www.example.com/",
            "row_fields": {"username": "Username of submitter"},
        },
    ),
    (
        "categorize",
        "categorization",
        {
            "instruction": "Would you say this item is big or small?",
            "attachment_type": "text",
            "attachment": "car",
            "categories": ["big", "small"],
        },
        {"attachment_type": "text", "attachment": "car", "categories": ["big", "small"]},
    ),
    (
        "phonecall",
        "phonecall",
        {
            "instruction": "Call this person and follow the script provided.",
            "phone_number": "5055006865",
            "entity_name": "Alexandr Wang",
            "script": "Hello! Are you happy today?",
            "fields": {"email": "Email Address"},
            "choices": ["He is happy", "He is not happy"],
        },
        # `script` is left out: the same document's example shows it beside `params` (000:L568).
        {
            "phone_number": "5055006865",
            "entity_name": "Alexandr Wang",
            "fields": {"email": "Email Address"},
        },
    ),
    (
        "transcription",
        "transcription",
        {
            "instruction": "Transcribe the given fields.",
            "attachment_type": "website",
            "attachment": "https://www.example.com/",
            "fields": {"title": "Title of Webpage"},
            "repeatable_fields": {"username": "Username of submitter"},
        },
        {
            "attachment_type": "website",
            "attachment": "https://www.example.com/",
            "fields": {"title": "Title of Webpage"},
            "repeatable_fields": {"username": "Username of submitter"},
        },
    ),
]


@pytest.fixture(scope="module")
def created(api: Api, target: Target) -> Iterator[dict[str, Any]]:
    """One task of each documented shape in a project of this run, as the server answered."""
    project = f"contract-doc-{target.run_id}"
    made = _project(api, project)
    assert made.status_code in (200, 409), made.text
    answers: list[httpx.Response] = []
    for endpoint, _, body, _ in CREATES:
        answers.append(api.post(f"/task/{endpoint}", json_body={**body, "project": project}))
    yield {"project": project, "answers": answers}


def _create_operation(endpoint: str) -> str:
    return (
        "create_categorization_task_legacy"
        if endpoint == "categorize"
        else f"create_{endpoint}_task"
    )


def _task_problems(task: dict[str, Any], task_type: str) -> list[str]:
    problems = []
    if not isinstance(task.get("task_id"), str) or not task.get("task_id"):
        problems.append("no task_id")
    if task.get("type") != task_type:
        problems.append(f"type {task.get('type')!r}, not {task_type!r}")
    if task.get("status") not in STATUSES:
        problems.append(f"status {task.get('status')!r}")
    if not isinstance(task.get("created_at"), str):
        problems.append("no created_at")
    if not isinstance(task.get("params"), dict):
        problems.append("no params object")
    return problems


def _legacy(endpoint: str, body: dict[str, Any]) -> bool:
    """A form only `docs-2016` shows (`/task/categorize`, `/task/phonecall`, `row_fields`): a
    server may have retired it, so refusing it is not a breach; answering it with a task that
    is not as documented is."""
    return endpoint in ("categorize", "phonecall") or "row_fields" in body


def _made(created: dict[str, Any]) -> Iterator[tuple[int, httpx.Response]]:
    """(index in CREATES, create answer) of the tasks the server did create."""
    for index, response in enumerate(created["answers"]):
        if response.status_code == 200 and _body(response).get("task_id"):
            yield index, response


def test_create_returns_the_task_object(api: Api, created: dict[str, Any], claim: Claim) -> None:
    for (endpoint, task_type, body, _), response in zip(CREATES, created["answers"], strict=True):
        operation = _create_operation(endpoint)
        claim(CREATE_RETURNS_TASK, operation)
        if response.status_code != 200 and _legacy(endpoint, body):
            continue  # not reached: a retired 2016 form
        problems = _task_problems(_body(response), task_type)
        check(
            response.status_code == 200 and not problems,
            CREATE_RETURNS_TASK,
            operation=operation,
            expected="200 and the task object (task_id, type, status, created_at, params); "
            f"{problems}",
            response=response,
            api=api,
        )


def _as_stored(name: str, value: Any) -> Any:
    """`repeatable_fields` given as `fields` are kept as {key: {"description": value}}
    ("our internal task model will represent each repeatable field as a dictionary object with
    key description to the original value", 001:L2333): either form is the value sent."""
    if name == "repeatable_fields" and isinstance(value, dict):
        return {k: {"description": v} if isinstance(v, str) else v for k, v in value.items()}
    return value


def _missing_params(task: dict[str, Any], stored: dict[str, Any]) -> dict[str, Any]:
    params = task.get("params")
    params = params if isinstance(params, dict) else {}
    return {k: v for k, v in stored.items() if _as_stored(k, params.get(k)) != _as_stored(k, v)}


def test_create_stores_the_documented_params(
    api: Api, created: dict[str, Any], claim: Claim
) -> None:
    """In the create answer, on retrieval and in the list: every response carrying the task."""
    listed = _listed(api, created["project"])
    in_list = {t.get("task_id"): t for t in _body(listed).get("docs", []) if isinstance(t, dict)}
    for index, response in _made(created):
        endpoint, _, _, stored = CREATES[index]
        task = _body(response)
        claim(PARAMS_STORED, _create_operation(endpoint))
        check(
            not _missing_params(task, stored),
            PARAMS_STORED,
            operation=_create_operation(endpoint),
            expected=f"params containing {stored}; differs: {_missing_params(task, stored)}",
            response=response,
            api=api,
        )
        claim(PARAMS_STORED, "get_task")
        fetched = api.get(f"/task/{task.get('task_id')}")
        check(
            not _missing_params(_body(fetched), stored),
            PARAMS_STORED,
            operation="get_task",
            expected=f"params containing {stored}; "
            f"differs: {_missing_params(_body(fetched), stored)}",
            response=fetched,
            api=api,
        )
        claim(PARAMS_STORED, "list_tasks")
        entry = in_list.get(task.get("task_id"), {})
        check(
            not _missing_params(entry, stored),
            PARAMS_STORED,
            operation="list_tasks",
            expected=f"the listed task's params containing {stored}",
            response=listed,
            api=api,
        )


def test_metadata_defaults_to_an_empty_object(
    api: Api, created: dict[str, Any], claim: Claim
) -> None:
    """No task of `created` was given metadata: each says {} wherever it appears."""
    listed = _listed(api, created["project"])
    in_list = {t.get("task_id"): t for t in _body(listed).get("docs", []) if isinstance(t, dict)}
    for index, response in _made(created):
        endpoint = CREATES[index][0]
        task = _body(response)
        for operation, answer, seen in (
            (_create_operation(endpoint), response, task),
            ("get_task", api.get(f"/task/{task.get('task_id')}"), None),
            ("list_tasks", listed, in_list.get(task.get("task_id"), {})),
        ):
            claim(METADATA_DEFAULT, operation)
            value = _body(answer) if seen is None else seen
            check(
                value.get("metadata") == {},
                METADATA_DEFAULT,
                operation=operation,
                expected="metadata {} for a task created without metadata",
                response=answer,
                api=api,
            )


def _settled_tasks(api: Api, created: dict[str, Any]) -> list[tuple[int, httpx.Response]]:
    """(index in CREATES, GET of the task once it is no longer pending, or still pending after
    one shared wait), computed once per run."""
    if "settled" not in created:
        latest = {index: response for index, response in _made(created)}
        waiting = set(latest)
        deadline = time.monotonic() + WAIT_SECONDS
        while waiting:
            for index in sorted(waiting):
                fetched = api.get(f"/task/{_body(latest[index])['task_id']}")
                latest[index] = fetched
                if _body(fetched).get("status") != "pending":
                    waiting.discard(index)
            if not waiting or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        created["settled"] = sorted(latest.items())
    settled: list[tuple[int, httpx.Response]] = created["settled"]
    return settled


def test_a_finished_task_carries_the_response_of_its_type(
    api: Api, created: dict[str, Any], claim: Claim
) -> None:
    """The spec ties `response` to the task's type (and `error` status to the attachment error
    body); a task this run created is checked against it once it is finished."""
    claim(RESPONSE_PER_TYPE, "get_task")
    for _, response in _settled_tasks(api, created):
        task = _body(response)
        if task.get("status") not in ("completed", "error"):
            continue  # not reached for this task: it is still pending
        problems = schema_errors("#/components/schemas/Task", task)
        check(
            not problems,
            RESPONSE_PER_TYPE,
            operation="get_task",
            expected=f"a {task.get('type')} task whose response has its type's documented shape; "
            f"problems: {problems[:5]}",
            response=response,
            api=api,
        )


def test_a_categorization_response_names_the_original_categories(
    api: Api, created: dict[str, Any], target: Target, claim: Claim
) -> None:
    """The shape always; which categories only for a live key: "Requests made with test mode
    credentials are not completed by a human, and therefore have incorrect test responses"
    (001:L127)."""
    claim(CATEGORY_CHOSEN, "get_task")
    test_mode = target.api_key.startswith("test_")
    for index, response in _settled_tasks(api, created):
        _, task_type, body, _ = CREATES[index]
        task = _body(response)
        if task_type != "categorization" or task.get("status") != "completed":
            continue
        answer = task.get("response")
        answer = answer if isinstance(answer, dict) else {}
        category, categories = answer.get("category"), body["categories"]
        chosen = category if isinstance(category, list) else [category]
        if body.get("allow_multiple"):
            ok = isinstance(category, list) and all(isinstance(c, str) for c in category)
            shape = "an array of categories"
        else:
            ok = isinstance(category, str)
            shape = "one category (a string)"
        if not test_mode:
            ok = ok and all(c in categories for c in chosen)
            shape += f" among {categories}"
        ids = body.get("category_ids")
        if ids:
            got = answer.get("category_id")
            ok = ok and (isinstance(got, list) if body.get("allow_multiple") else got is not None)
            shape += ", and a category_id"
            if not test_mode:
                wanted = sorted(k for c in chosen for k, v in ids.items() if v == c)
                ok = ok and sorted(map(str, got if isinstance(got, list) else [got])) == wanted
                shape += f" naming the chosen categories' ids in {ids}"
        check(
            ok,
            CATEGORY_CHOSEN,
            operation="get_task",
            expected=f"response.category {shape}",
            response=response,
            api=api,
        )


def test_completed_at_is_filled_in_once_completed(api: Api, target: Target, claim: Claim) -> None:
    claim(COMPLETED_AT, "get_task")
    task = _create(api, "annotation", _annotation(target))
    if task is None:
        return  # not reached: the server did not create the task
    if task.get("status") == "pending":
        claim(COMPLETED_AT, "create_annotation_task")
        check(
            task.get("completed_at") is None,
            COMPLETED_AT,
            operation="create_annotation_task",
            expected="no completed_at on a pending task",
            response=api.last,
            api=api,
        )
    response = _settled(api, str(task.get("task_id")))
    fetched = _body(response)
    if fetched.get("status") == "completed":
        expected = "a completed_at timestamp on a completed task"
        ok = isinstance(fetched.get("completed_at"), str) and bool(fetched["completed_at"])
    elif fetched.get("status") == "pending":
        expected, ok = "no completed_at on a pending task", fetched.get("completed_at") is None
    else:
        return  # error or canceled: the documents say nothing of completed_at then
    check(ok, COMPLETED_AT, operation="get_task", expected=expected, response=response, api=api)


# --- unknown objects ---------------------------------------------------------------------------


def test_an_unknown_task_is_404(api: Api, target: Target, claim: Claim) -> None:
    claim(GET_UNKNOWN, "get_task")
    response = api.get(f"/task/000000000000{target.run_id}0000")
    check(
        response.status_code == 404,
        GET_UNKNOWN,
        operation="get_task",
        expected="404",
        response=response,
        api=api,
    )


def test_canceling_an_unknown_task_is_404(api: Api, target: Target, claim: Claim) -> None:
    claim(CANCEL_UNKNOWN, "cancel_task")
    response = api.post(f"/task/000000000000{target.run_id}0000/cancel")
    check(
        response.status_code in (404, 500),
        CANCEL_UNKNOWN,
        operation="cancel_task",
        expected='404 (or 500: "returns a 404 error or 500 error otherwise")',
        response=response,
        api=api,
    )


def test_an_unknown_project_or_batch_is_404(api: Api, target: Target, claim: Claim) -> None:
    missing = f"contract-missing-{target.run_id}"
    for operation, path in (
        ("get_project", f"/projects/{missing}"),
        ("get_batch", f"/batches/{missing}"),
        ("get_batch_status", f"/batches/{missing}/status"),
    ):
        claim(NOT_FOUND, operation)
        response = api.get(path)
        check(
            response.status_code == 404,
            NOT_FOUND,
            operation=operation,
            expected="404",
            response=response,
            api=api,
        )


# --- cancel ------------------------------------------------------------------------------------


def test_cancel_answers_the_canceled_task(api: Api, target: Target, claim: Claim) -> None:
    claim(CANCEL_ANSWER, "cancel_task")
    sent = _annotation(target)
    task = _create(api, "annotation", sent, hold_pending(target))
    if task is None:
        return  # not reached: the server did not create the task
    task_id = str(task.get("task_id"))
    if _body(api.get(f"/task/{task_id}")).get("status") != "pending":
        return  # not reached: this server's tasks do not stay pending (a test key)
    response = api.post(f"/task/{task_id}/cancel")
    answer = _body(response)
    if response.status_code != 200 and _body(api.get(f"/task/{task_id}")).get("status") != (
        "pending"
    ):
        return  # not reached: the task finished between the GET and the cancel
    stored = {"attachment": sent["attachment"], "objects_to_annotate": sent["objects_to_annotate"]}
    check(
        response.status_code == 200
        and answer.get("task_id") == task_id
        and answer.get("status") == "canceled"
        and answer.get("type") == "annotation"
        and answer.get("metadata") == sent["metadata"],
        CANCEL_ANSWER,
        operation="cancel_task",
        expected=f"200 and the task object of {task_id}: status canceled, type annotation, "
        "its metadata",
        response=response,
        api=api,
    )
    claim(PARAMS_STORED, "cancel_task")
    check(
        not _missing_params(answer, stored),
        PARAMS_STORED,
        operation="cancel_task",
        expected=f"the canceled task's params containing {stored}",
        response=response,
        api=api,
    )


def test_cancel_can_clear_the_unique_id(api: Api, target: Target, claim: Claim) -> None:
    claim(CANCEL_CLEARS_UNIQUE_ID, "cancel_task")
    unique_id = f"contract-doc-cancel-{target.run_id}"
    body = _annotation(target, unique_id=unique_id)
    task = _create(api, "annotation", body, hold_pending(target))
    if task is None:
        return  # not reached: the server did not create the task
    task_id = str(task.get("task_id"))
    if _body(api.get(f"/task/{task_id}")).get("status") != "pending":
        return  # not reached: only a pending task can be canceled
    response = api.post(f"/task/{task_id}/cancel", params={"clear_unique_id": "true"})
    if response.status_code != 200:
        return  # not reached: the task finished before the cancel (state.cancel_task's part)
    fetched = api.get(f"/task/{task_id}")
    check(
        _body(fetched).get("unique_id") is None,
        CANCEL_CLEARS_UNIQUE_ID,
        operation="get_task",
        expected="no unique_id after cancel?clear_unique_id=true",
        response=fetched,
        api=api,
    )
    again = api.post("/task/annotation", json_body=body)
    check(
        again.status_code == 200,
        CANCEL_CLEARS_UNIQUE_ID,
        operation="create_annotation_task",
        expected="200: the unique_id was cleared by the cancel",
        response=again,
        api=api,
    )


# --- projects and batches ----------------------------------------------------------------------


def test_project_answers_describe_the_project(api: Api, target: Target, claim: Claim) -> None:
    name = f"contract-doc-project-{target.run_id}"
    instruction = "please label the kittens in the image"
    for operation, response in (
        ("create_project", _project(api, name, instruction=instruction)),
        ("get_project", api.get(f"/projects/{name}")),
    ):
        claim(PROJECT_ANSWER, operation)
        project = _body(response)
        history = project.get("param_history")
        last = history[-1] if isinstance(history, list) and history else {}
        check(
            response.status_code == 200
            and project.get("name") == name
            and project.get("type") == "annotation"
            and isinstance(project.get("created_at"), str)
            and isinstance(last, dict)
            and last.get("instruction") == instruction
            and isinstance(last.get("version"), int),
            PROJECT_ANSWER,
            operation=operation,
            expected=f"200, name {name}, type annotation, created_at, and a param_history whose "
            f"last entry has the instruction and a version",
            response=response,
            api=api,
        )


def test_a_project_name_is_taken_once(api: Api, target: Target, claim: Claim) -> None:
    claim(PROJECT_DUPLICATE, "create_project")
    name = f"contract-doc-dup-{target.run_id}"
    first = _project(api, name)
    if first.status_code != 200:
        return  # not reached: a precondition failed (checked by its own rule)
    second = _project(api, name)
    check(
        second.status_code == 409,
        PROJECT_DUPLICATE,
        operation="create_project",
        expected="409 for a project name in use",
        response=second,
        api=api,
    )


def test_a_batch_name_is_taken_once(api: Api, target: Target, claim: Claim) -> None:
    claim(BATCH_DUPLICATE, "create_batch")
    project, batch = f"contract-doc-b-{target.run_id}", f"contract-doc-dup-{target.run_id}"
    _project(api, project)
    body = {"project": project, "name": batch}
    first = api.post("/batches", json_body=body)
    if first.status_code != 200:
        return  # not reached: a precondition failed (checked by its own rule)
    second = api.post("/batches", json_body=body)
    check(
        second.status_code == 409,
        BATCH_DUPLICATE,
        operation="create_batch",
        expected="409 for a batch name in use",
        response=second,
        api=api,
    )


def test_create_batch_answers_the_batch(api: Api, target: Target, claim: Claim) -> None:
    claim(BATCH_ANSWER, "create_batch")
    project, batch = f"contract-doc-ba-{target.run_id}", f"contract-doc-ba-{target.run_id}"
    _project(api, project)
    response = api.post("/batches", json_body={"project": project, "name": batch})
    check(
        response.status_code == 200 and _body(response).get("name") == batch,
        BATCH_ANSWER,
        operation="create_batch",
        expected=f"200 and the batch, name {batch}",
        response=response,
        api=api,
    )


def test_a_project_instruction_is_appended_to_its_tasks(
    api: Api, target: Target, claim: Claim
) -> None:
    project = f"contract-doc-inherit-{target.run_id}"
    appended = f"Project instruction {target.run_id}."
    made = _project(api, project, instruction=appended)
    if made.status_code != 200:
        return  # not reached: a precondition failed (checked by its own rule)
    own = "Draw a box around each car."
    task = _create(api, "annotation", _annotation(target, project=project, instruction=own))
    if task is None:
        return  # not reached: the server did not create the task
    for operation, response in (
        ("create_annotation_task", api.last),
        ("get_task", api.get(f"/task/{task.get('task_id')}")),
    ):
        claim(INSTRUCTION_INHERITED, operation)
        instruction = _body(response).get("instruction") if response is not None else None
        check(
            isinstance(instruction, str)
            and instruction.startswith(own)
            and instruction.endswith(appended),
            INSTRUCTION_INHERITED,
            operation=operation,
            expected=f"instruction {own!r} followed by the project's {appended!r}",
            response=response,
            api=api,
        )


# --- the task list -----------------------------------------------------------------------------


def test_a_list_without_limit_or_offset_uses_the_defaults(
    api: Api, created: dict[str, Any], claim: Claim
) -> None:
    claim(LIST_DEFAULTS, "list_tasks")
    response = api.get("/tasks", params={"project": created["project"]})
    page = _body(response)
    docs = page.get("docs")
    check(
        response.status_code == 200
        and page.get("limit", 100) == 100
        and page.get("offset", 0) == 0
        and isinstance(docs, list)
        and len(docs) <= 100,
        LIST_DEFAULTS,
        operation="list_tasks",
        expected="limit 100 and offset 0 (the defaults), at most 100 docs",
        response=response,
        api=api,
    )


# --- callbacks and attachments -----------------------------------------------------------------


def test_a_delivered_callback_sets_callback_succeeded(
    api: Api, target: Target, claim: Claim, callback_receiver: CallbackReceiver
) -> None:
    claim(CALLBACK_SUCCEEDED, "get_task")
    body = _annotation(target, callback_url=callback_receiver.url)
    task = _create(api, "annotation", body)
    if task is None:
        return  # not reached: the server did not create the task
    task_id = str(task.get("task_id"))
    if callback_receiver.delivery(task_id, 2 * WAIT_SECONDS) is None:
        return  # not reached: no callback within the wait (callback.payload's part)
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        response = api.get(f"/task/{task_id}")
        if _body(response).get("callback_succeeded") is True or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    check(
        _body(response).get("callback_succeeded") is True,
        CALLBACK_SUCCEEDED,
        operation="get_task",
        expected="callback_succeeded true once the callback got a 200",
        response=response,
        api=api,
    )


def test_an_unreachable_attachment_ends_in_error(api: Api, target: Target, claim: Claim) -> None:
    claim(ATTACHMENT_ERROR, "get_task")
    body = _annotation(target, attachment=f"https://contract-{target.run_id}.invalid/a.png")
    task = _create(api, "annotation", body)
    if task is None:
        return  # not reached: the server did not create the task
    response = _settled(api, str(task.get("task_id")))
    status = _body(response).get("status")
    if status == "pending":
        return  # not reached: the server has not tried the attachment within the wait
    detail = _body(response).get("response")
    check(
        status == "error" and isinstance(detail, dict) and "error" in detail,
        ATTACHMENT_ERROR,
        operation="get_task",
        expected="status error, the error detailed in response.error: the attachment's host does "
        "not exist (.invalid), so no HTTP 200 can come back",
        response=response,
        api=api,
    )


# --- more of the SDK README and the 2018 documents -------------------------------------------


def test_project_param_version_picks_or_skips_the_inherited_instruction(
    api: Api, target: Target, claim: Claim
) -> None:
    project = f"contract-doc-version-{target.run_id}"
    first, latest = f"Version zero {target.run_id}.", f"Version one {target.run_id}."
    made = _project(api, project, instruction=first)
    if made.status_code != 200:
        return  # not reached: a precondition failed (checked by its own rule)
    updated = api.post(f"/projects/{project}/setParams", json_body={"instruction": latest})
    if updated.status_code != 200:
        return  # not reached: a precondition failed (checked by its own rule)
    history = _body(updated).get("param_history")
    versions = [v.get("version") for v in history or [] if isinstance(v, dict)]
    if len(versions) < 2 or not isinstance(versions[0], int):
        return  # not reached: no numbered versions to pick from (state.set_project_params)
    own = "Draw a box around each car."
    claim(PARAM_VERSION, "create_annotation_task")
    for version, wanted, unwanted in ((versions[0], first, latest), (-1, None, first)):
        body = _annotation(target, project=project, instruction=own, project_param_version=version)
        response = api.post("/task/annotation", json_body=body)
        instruction = _body(response).get("instruction")
        if wanted is None:
            ok = instruction == own
            expected = f"instruction exactly {own!r}: -1 skips inheritance"
        else:
            ok = (
                isinstance(instruction, str)
                and wanted in instruction
                and unwanted not in instruction
            )
            expected = f"the instruction of version {version} ({wanted!r}), not the latest"
        check(
            response.status_code == 200 and ok,
            PARAM_VERSION,
            operation="create_annotation_task",
            expected=expected,
            response=response,
            api=api,
        )


def test_limited_response_lists_only_the_documented_attributes(
    api: Api, created: dict[str, Any], claim: Claim
) -> None:
    claim(LIMITED_RESPONSE, "list_tasks")
    allowed = {"task_id", "status", "metadata", "project", "otherVersion"}
    # The task attributes the documents name; a field no document names is not counted (a
    # server may add fields), one they name and the list leaves out must not be there (null
    # counts as absent: unfinished tasks show nulls, 001:L2728).
    named = set(resolve(document()["components"]["schemas"]["Task"])["properties"])
    response = _listed(api, created["project"], limited_response="true")
    docs = _body(response).get("docs")
    given = {k for t in docs or [] if isinstance(t, dict) for k, v in t.items() if v is not None}
    extra = sorted(given & named - allowed)  # a null is not an attribute received
    check(
        response.status_code == 200 and isinstance(docs, list) and bool(docs) and not extra,
        LIMITED_RESPONSE,
        operation="list_tasks",
        expected=f"tasks with only {sorted(allowed)} of the task's attributes; also got {extra}",
        response=response,
        api=api,
    )


def test_an_email_address_is_a_callback_url(api: Api, target: Target, claim: Claim) -> None:
    claim(EMAIL_CALLBACK, "create_annotation_task")
    body = _annotation(target, callback_url=f"contract-{target.run_id}@example.com")
    response = api.post("/task/annotation", json_body=body)
    check(
        response.status_code == 200,
        EMAIL_CALLBACK,
        operation="create_annotation_task",
        expected="200: an e-mail address is a valid callback_url",
        response=response,
        api=api,
    )


def test_a_completed_task_can_be_audited(api: Api, target: Target, claim: Claim) -> None:
    """Accepted without comments and rejected with one, as the SDK README's examples do (the
    SDK sends `comments: null` when there are none)."""
    claim(AUDIT, "audit_task")
    for audit in (
        {"accepted": True, "comments": None},
        {"accepted": False, "comments": "Rejected due to quality"},
    ):
        task = _create(api, "annotation", _annotation(target))
        if task is None:
            return  # not reached: the server did not create the task
        if _body(_settled(api, str(task.get("task_id")))).get("status") != "completed":
            return  # not reached: no completed task within the wait (a live key)
        response = api.post(f"/task/{task['task_id']}/audit", json_body=audit)
        check(
            response.status_code == 200,
            AUDIT,
            operation="audit_task",
            expected=f"200: a completed task accepts the audit {audit}",
            response=response,
            api=api,
        )


def test_a_unique_id_can_be_updated(api: Api, target: Target, claim: Claim) -> None:
    claim(SET_UNIQUE_ID, "set_task_unique_id")
    task = _create(api, "annotation", _annotation(target))
    if task is None:
        return  # not reached: the server did not create the task
    new = f"contract-doc-uid-{target.run_id}"
    response = api.post(f"/task/{task.get('task_id')}/unique_id", json_body={"unique_id": new})
    check(
        response.status_code == 200 and _body(response).get("unique_id") == new,
        SET_UNIQUE_ID,
        operation="set_task_unique_id",
        expected=f"200 and the task with unique_id {new}",
        response=response,
        api=api,
    )
    claim(SET_UNIQUE_ID, "get_task")
    fetched = api.get(f"/task/{task.get('task_id')}")
    check(
        _body(fetched).get("unique_id") == new,
        SET_UNIQUE_ID,
        operation="get_task",
        expected=f"unique_id {new}",
        response=fetched,
        api=api,
    )


def test_a_unique_id_in_use_is_refused_to_another_task(
    api: Api, target: Target, claim: Claim
) -> None:
    claim(UNIQUE_ID_IN_USE, "set_task_unique_id")
    new = f"contract-doc-uid-taken-{target.run_id}"
    first = _create(api, "annotation", _annotation(target))
    if first is None:
        return  # not reached: the server did not create the task
    given = api.post(f"/task/{first.get('task_id')}/unique_id", json_body={"unique_id": new})
    if given.status_code != 200:
        return  # not reached: a precondition failed (checked by its own rule)
    other = _create(api, "annotation", _annotation(target))
    if other is None:
        return  # not reached: the server did not create the task
    taken = api.post(f"/task/{other.get('task_id')}/unique_id", json_body={"unique_id": new})
    check(
        taken.status_code == 409,
        UNIQUE_ID_IN_USE,
        operation="set_task_unique_id",
        expected=f"409: unique_id {new} is another task's",
        response=taken,
        api=api,
    )


def test_batches_can_be_listed_by_project(api: Api, target: Target, claim: Claim) -> None:
    claim(BATCHES_BY_PROJECT, "list_batches")
    names = [
        (f"contract-doc-bl{n}-{target.run_id}", f"contract-doc-bl{n}-{target.run_id}")
        for n in (1, 2)
    ]
    for project, batch in names:
        _project(api, project)
        made = api.post("/batches", json_body={"project": project, "name": batch})
        if made.status_code != 200:
            return  # not reached: a precondition failed (checked by its own rule)
    (project, mine), (_, other) = names
    response = api.get("/batches", params={"project": project})
    page = _body(response)
    listed = page.get("docs", page.get("batches"))
    found = [b.get("name") for b in listed or [] if isinstance(b, dict)]
    check(
        response.status_code == 200 and mine in found and other not in found,
        BATCHES_BY_PROJECT,
        operation="list_batches",
        expected=f"batch {mine} of project {project}, and not {other} of another project",
        response=response,
        api=api,
    )


def test_the_project_list_has_every_project(api: Api, target: Target, claim: Claim) -> None:
    claim(EVERY_PROJECT, "list_projects")
    name = f"contract-doc-every-{target.run_id}"
    made = _project(api, name)
    if made.status_code != 200:
        return  # not reached: a precondition failed (checked by its own rule)
    response = api.get("/projects")
    listed = response.json() if response.status_code == 200 else None
    names = (
        [p.get("name") for p in listed if isinstance(p, dict)] if isinstance(listed, list) else []
    )
    check(
        name in names,
        EVERY_PROJECT,
        operation="list_projects",
        expected=f"project {name} among the projects listed",
        response=response,
        api=api,
    )


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_an_uploaded_file_is_an_attachment(api: Api, target: Target, claim: Claim) -> None:
    claim(FILE_ATTACHMENT, "upload_file")
    project = f"contract-doc-files-{target.run_id}"
    _project(api, project)
    uploaded = api.post(
        "/files/upload",
        files={"file": (f"contract-{target.run_id}.png", PNG, "image/png")},
        data={"project_name": project},
    )
    url = _body(uploaded).get("attachment_url")
    check(
        uploaded.status_code == 200 and isinstance(url, str) and bool(url),
        FILE_ATTACHMENT,
        operation="upload_file",
        expected="200 and the file with its attachment_url",
        response=uploaded,
        api=api,
    )
    claim(FILE_ATTACHMENT, "create_annotation_task")
    task = _create(api, "annotation", _annotation(target, attachment=url))
    if task is None:
        return  # not reached: the server did not create the task
    response = _settled(api, str(task.get("task_id")))
    check(
        _body(response).get("status") != "error",
        FILE_ATTACHMENT,
        operation="get_task",
        expected=f"a task whose attachment is {url} does not fail as an unreachable attachment",
        response=response,
        api=api,
    )


def test_urgency_defaults_as_documented(api: Api, created: dict[str, Any], claim: Claim) -> None:
    """When the task says its urgency (the SDK README no longer shows it), a task created
    without one says the documented default."""
    for index, response in _made(created):
        endpoint, _, body, _ = CREATES[index]
        defaults = {"day", "standard"} if _legacy(endpoint, body) else {"standard"}
        for operation, answer in (
            (_create_operation(endpoint), response),
            ("get_task", api.get(f"/task/{_body(response)['task_id']}")),
        ):
            claim(URGENCY_DEFAULT, operation)
            urgency = _body(answer).get("urgency")
            check(
                urgency is None or urgency in defaults,
                URGENCY_DEFAULT,
                operation=operation,
                expected=f"urgency {' or '.join(sorted(defaults))} (the default), or none",
                response=answer,
                api=api,
            )


# --- what the official SDK sends (tier sdk) ----------------------------------------------------


def test_python_booleans_in_the_query_are_understood(
    api: Api, created: dict[str, Any], claim: Claim
) -> None:
    for operation, path, query in (
        ("list_tasks", "/tasks", {"include_attachment_url": "True", "limit": 100}),
        ("list_batches", "/batches", {"exclude_archived": "False"}),
    ):
        claim(PYTHON_BOOLEANS, operation)
        response = api.get(path, params={"project": created["project"], **query})
        check(
            response.status_code == 200,
            PYTHON_BOOLEANS,
            operation=operation,
            expected=f"200: {query} is how the official SDK sends a boolean",
            response=response,
            api=api,
        )


def test_names_with_a_space_and_a_slash_are_found_percent_encoded(
    api: Api, target: Target, claim: Claim
) -> None:
    name = f"contract doc/{target.run_id}"
    made = _project(api, name)
    if made.status_code != 200:
        return  # not reached: a precondition failed (checked by its own rule)
    claim(QUOTED_NAMES, "get_project")
    response = api.get(f"/projects/{quote(name, safe='')}")
    check(
        response.status_code == 200 and _body(response).get("name") == name,
        QUOTED_NAMES,
        operation="get_project",
        expected=f"200 and project {name!r}, its name percent-encoded in the path as the SDK "
        "sends it",
        response=response,
        api=api,
    )
