"""One edit to one rule in the spec reaches the mock, the contract suite and the docs, with no
other edit: they all read the spec through `scale_spec`.

On a copy of the spec, the documented bound of `objects_to_annotate` on `POST /task/annotation`
(at most 6) becomes 4 and its wording changes. Then:
- a mock serving the copy refuses 5 objects with a 400 naming the field, where the shipped
  spec's mock accepts them;
- the suite run with `--spec <copy>` against the shipped spec's mock (which accepts 5) reports
  exactly that rule broken, citing the new wording; against the copy's mock it passes;
- the provenance page of the docs built from the copy shows the new wording.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import scale_spec
from scale_mock.testing import SubprocessMock, ThreadedMock
from tests.contract_suite_tests.harness import run_suite

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from build_docs import provenance_page  # scripts/ is not a package

RULE = "create_annotation_task.body.objects_to_annotate.maxItems"
NEW_WORDING = "At most four objects per box task (wording of a test copy of the spec)."
SHIPPED_BOUND = """              allOf: [{$ref: '#/components/schemas/ObjectsToAnnotate'}]
              maxItems: 6
              x-provenance: {maxItems: docs}
              description: |
                "An array of strings describing which objects you'd like bounding boxes"""
EDITED_BOUND = f"""              allOf: [{{$ref: '#/components/schemas/ObjectsToAnnotate'}}]
              maxItems: 4
              x-provenance: {{maxItems: docs}}
              description: |
                {NEW_WORDING}
                "An array of strings describing which objects you'd like bounding boxes"""
FIVE_OBJECTS = {
    "attachment": "https://example.com/street.jpg",
    "objects_to_annotate": ["car", "bus", "tree", "sign", "bike"],
}


@pytest.fixture(scope="module")
def edited_spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    shipped = scale_spec.PACKAGED
    text = shipped.read_text(encoding="utf-8")
    assert text.count(SHIPPED_BOUND) == 1, "the box task's objects_to_annotate bound moved"
    folder = tmp_path_factory.mktemp("edited-spec")
    (folder / "scale.yaml").write_text(text.replace(SHIPPED_BOUND, EDITED_BOUND), "utf-8")
    shutil.copy(shipped.with_name("behaviours.yaml"), folder / "behaviours.yaml")
    return folder / "scale.yaml"


@pytest.fixture(scope="module")
def shipped_mock() -> Iterator[ThreadedMock]:
    with ThreadedMock() as mock:
        yield mock


@pytest.fixture(scope="module")
def edited_mock(edited_spec: Path) -> Iterator[SubprocessMock]:
    """As a user serves an edited spec: `scale-mock --spec FILE`."""
    with SubprocessMock(["--db", ":memory:", "--spec", str(edited_spec)]) as mock:
        yield mock


def _create(mock: ThreadedMock | SubprocessMock) -> httpx.Response:
    return httpx.post(
        f"{mock.base_url}/task/annotation", json=FIVE_OBJECTS, auth=("test_onereading", "")
    )


def test_the_mock_enforces_the_edited_bound(
    shipped_mock: ThreadedMock, edited_mock: SubprocessMock
) -> None:
    assert _create(shipped_mock).status_code == 200
    refused = _create(edited_mock)
    assert refused.status_code == 400, refused.text
    assert "objects_to_annotate" in refused.json()["error"]


def test_the_suite_checks_the_edited_bound_with_its_wording(
    edited_spec: Path, shipped_mock: ThreadedMock, edited_mock: SubprocessMock, tmp_path: Path
) -> None:
    selection = ("-k", "test_constraints and create_annotation_task and objects_to_annotate")
    common = ("--api-key", "test_onereading", "--spec", str(edited_spec), *selection)
    against_shipped = run_suite(shipped_mock.base_url, tmp_path / "shipped", *common)
    assert against_shipped.status == 1, against_shipped.explain()
    assert against_shipped.failed() == {RULE}
    assert NEW_WORDING in against_shipped.results[RULE].info.text
    against_edited = run_suite(edited_mock.base_url, tmp_path / "edited", *common)
    assert against_edited.status == 0, against_edited.explain()
    assert RULE in against_edited.results


def test_the_docs_show_the_edited_wording(edited_spec: Path) -> None:
    assert NEW_WORDING not in provenance_page(scale_spec.load())
    assert NEW_WORDING in provenance_page(scale_spec.load(edited_spec))
