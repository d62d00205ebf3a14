"""The spec is a valid OpenAPI 3.1 document that holds every operation of the v1 API."""

from __future__ import annotations

import re

from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

import scale_spec

SPEC = scale_spec.load()

# Every (method, path) the documents describe: 34 task-creation paths (31 current task types
# and 3 legacy ones), 12 task-management, 6 batch, 5 project, 2 file, 3 team and 10 Studio
# operations. Writing the list out here means a path cannot silently disappear from the spec.
CREATE_TYPES = [
    "annotation",
    "pointannotation",
    "lineannotation",
    "cuboidannotation",
    "polygonannotation",
    "segmentannotation",
    "categorization",
    "categorize",
    "comparison",
    "transcription",
    "phonecall",
    "datacollection",
    "audiotranscription",
    "imageannotation",
    "documenttranscription",
    "namedentityrecognition",
    "textcollection",
    "documentmodel",
    "laneannotation",
    "lidarannotation",
    "lidarlinking",
    "lidarsegmentation",
    "lidartopdown",
    "videoannotation",
    "videoboxannotation",
    "videoplaybackannotation",
    "videocuboidannotation",
    "sensorfusion",
    "chat",
    "chatexperimental",
    "chatlite",
    "multichat",
    "multistage",
    "federal2dvideoannotation",
]
OTHER_OPERATIONS = {
    ("get", "/task/{task_id}"),
    ("post", "/task/{task_id}/cancel"),
    ("post", "/task/{task_id}/audit"),
    ("post", "/task/{task_id}/unique_id"),
    ("delete", "/task/{task_id}/unique_id"),
    ("post", "/task/{task_id}/setMetadata"),
    ("post", "/task/{task_id}/tags"),
    ("put", "/task/{task_id}/tags"),
    ("delete", "/task/{task_id}/tags"),
    ("get", "/tasks"),
    ("post", "/evaluation_tasks/{task_type}"),
    ("post", "/training_tasks/{task_type}"),
    ("post", "/batches"),
    ("get", "/batches"),
    ("get", "/batches/{batch_name}"),
    ("post", "/batches/{batch_name}/finalize"),
    ("get", "/batches/{batch_name}/status"),
    ("post", "/batches/{batch_name}/setMetadata"),
    ("post", "/projects"),
    ("get", "/projects"),
    ("get", "/projects/{project_name}"),
    ("post", "/projects/{project_name}/setParams"),
    ("get", "/projects/{project_name}/taskTemplates"),
    ("post", "/files/upload"),
    ("post", "/files/import"),
    ("get", "/teams"),
    ("post", "/teams/invite"),
    ("post", "/teams/set_role"),
    ("get", "/studio/assignments"),
    ("post", "/studio/assignments/add"),
    ("post", "/studio/assignments/remove"),
    ("get", "/studio/projects/{project_name}/groups"),
    ("post", "/studio/projects/{project_name}/groups"),
    ("put", "/studio/projects/{project_name}/groups/{group_name}"),
    ("get", "/studio/batches"),
    ("put", "/studio/batches/{batch_name}"),
    ("post", "/studio/batches/set_priorities"),
    ("post", "/studio/batches/reset_priorities"),
}
EXPECTED_OPERATIONS = {("post", f"/task/{t}") for t in CREATE_TYPES} | OTHER_OPERATIONS
LEGACY_CREATE_PATHS = {"/task/categorize", "/task/phonecall", "/task/audiotranscription"}


def test_spec_is_valid_openapi_3_1() -> None:
    spec_dict, base_uri = read_from_filename(str(scale_spec.PACKAGED))
    assert spec_dict["openapi"] == "3.1.0"
    validate(spec_dict, base_uri=base_uri)


def test_spec_holds_every_documented_operation_and_no_other() -> None:
    found = {(op.method, op.path) for op in SPEC.operations}
    # `Spec.operations` lists the methods the API uses; a path item must not declare any other.
    others = {
        (method, path)
        for path, item in SPEC.document["paths"].items()
        for method in ("options", "head", "trace")
        if method in item
    }
    assert sorted(others) == [], "operations no document describes"
    assert len(EXPECTED_OPERATIONS) == 72
    assert sorted(EXPECTED_OPERATIONS - found) == [], "documented operations missing"
    assert sorted(found - EXPECTED_OPERATIONS) == [], "operations no document describes"


def test_task_type_enum_matches_the_creation_paths() -> None:
    """Every task type has a creation path, and every creation path but the alias is a type."""
    task_types = set(SPEC.document["components"]["schemas"]["TaskType"]["enum"])
    assert task_types == set(CREATE_TYPES) - {"categorize"}


def test_legacy_operations_are_deprecated_and_current_ones_are_not() -> None:
    for op in SPEC.operations:
        expected = op.path in LEGACY_CREATE_PATHS
        assert bool(op.definition.get("deprecated")) is expected, op.label


def test_callback_is_declared_as_webhook_and_on_every_create_operation() -> None:
    spec = SPEC.document
    callback_ref = {"$ref": "#/components/pathItems/TaskCallback"}
    assert spec["webhooks"]["taskCallback"] == callback_ref
    webhook = spec["components"]["pathItems"]["TaskCallback"]["post"]
    assert webhook["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CallbackBody"
    }
    header = webhook["parameters"][0]["$ref"].rsplit("/", 1)[-1]
    assert spec["components"]["parameters"][header]["name"] == "scale-callback-auth"
    for op in SPEC.operations:
        if re.fullmatch(r"/task/[a-z0-9]+", op.path):
            callbacks = op.definition["callbacks"]["taskCallback"]
            assert callbacks == {"{$request.body#/callback_url}": callback_ref}, op.label
