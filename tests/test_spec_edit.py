"""`scale_spec.edit.apply_patch` and `scripts/apply_spec_patch.py`: a JSON Patch lands in the
spec's YAML with everything it does not touch kept byte for byte."""

from __future__ import annotations

import difflib
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

import scale_spec
from scale_spec import Spec
from scale_spec.edit import apply_patch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from apply_spec_patch import main

SPEC_FILE = scale_spec.PACKAGED.resolve()  # openapi/scale.yaml
FOO = {"type": "string", "description": "Seen by the validation proxy."}
ADD_FOO = {"op": "add", "path": "/components/schemas/Task/properties/foo", "value": FOO}


@pytest.fixture(scope="module")
def patched(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The spec's text before and after one `add` (ruamel's round trip takes seconds)."""
    path = tmp_path_factory.mktemp("spec") / "scale.yaml"
    shutil.copyfile(SPEC_FILE, path)
    before = path.read_text(encoding="utf-8")
    apply_patch(path, [ADD_FOO])
    return before, path.read_text(encoding="utf-8")


def test_an_empty_patch_leaves_the_file_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "scale.yaml"
    shutil.copyfile(SPEC_FILE, path)
    apply_patch(path, [])
    assert path.read_bytes() == SPEC_FILE.read_bytes()


def test_a_noop_patch_through_ruamel_keeps_the_file_byte_for_byte(tmp_path: Path) -> None:
    """A patch that changes nothing (replace a value by itself) goes the whole way through
    ruamel's load, edit and dump, and still writes back the same bytes."""
    path = tmp_path / "scale.yaml"
    shutil.copyfile(SPEC_FILE, path)
    version = scale_spec.load().version
    apply_patch(path, [{"op": "replace", "path": "/info/version", "value": version}])
    assert path.read_bytes() == SPEC_FILE.read_bytes()


def test_an_add_lands_and_only_its_lines_change(patched: tuple[str, str]) -> None:
    before, after = patched
    old, new = before.splitlines(), after.splitlines()
    changes = [
        (tag, old[i1:i2], new[j1:j2])
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes()
        if tag != "equal"
    ]
    added = [
        "        foo:",
        "          type: string",
        "          description: Seen by the validation proxy.",
    ]
    # one insertion; everything else, comments and hand-wrapped flow sequences included, kept
    assert changes == [("insert", [], added)]
    assert "    # ---------------------------------------------------------------- the task" in new
    spec = Spec.from_text(after)
    assert spec.lookup("#/components/schemas/Task/properties/foo") == FOO
    task = spec.lookup("#/components/schemas/Task")
    assert list(task["properties"])[-1] == "foo"  # appended, the declared order kept


def test_a_patch_that_does_not_apply_raises_and_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "scale.yaml"
    shutil.copyfile(SPEC_FILE, path)
    missing = {"op": "replace", "path": "/components/schemas/NoSuchSchema/type", "value": 1}
    bad: list[dict[str, Any]] = [ADD_FOO, missing]
    with pytest.raises(ValueError, match="does not apply"):
        apply_patch(path, bad)
    assert path.read_bytes() == SPEC_FILE.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["scale.yaml"]  # no temporary file left
    with pytest.raises(ValueError, match="does not apply"):
        apply_patch(path, [{"op": "test", "path": "/info/version", "value": "0.0.0"}])
    assert path.read_bytes() == SPEC_FILE.read_bytes()


def test_the_script_applies_a_patch_and_says_to_regenerate_the_client(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, patch = tmp_path / "scale.yaml", tmp_path / "patch.json"
    shutil.copyfile(SPEC_FILE, spec)
    patch.write_text(json.dumps([ADD_FOO]))
    assert main([str(patch), "--spec", str(spec)]) == 0
    out = capsys.readouterr().out
    assert "add /components/schemas/Task/properties/foo" in out
    assert "make client" in out
    assert Spec.from_file(spec).lookup("#/components/schemas/Task/properties/foo") == FOO


def test_the_script_exits_2_on_usage_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "scale.yaml"
    spec.write_text("openapi: 3.1.0  # kept\ninfo: {title: t, version: '1'}\npaths: {}\n")
    original = spec.read_bytes()

    def run(patch_text: str | None, *extra: str) -> tuple[int, str]:
        patch = tmp_path / "patch.json"
        if patch_text is None:
            patch.unlink(missing_ok=True)
        else:
            patch.write_text(patch_text)
        code = main([str(patch), "--spec", str(spec), *extra])
        return code, capsys.readouterr().err

    code, err = run(None)
    assert code == 2 and "cannot read" in err and len(err.strip().splitlines()) == 1
    code, err = run("[{")
    assert code == 2 and "not JSON" in err
    code, err = run('{"op": "add"}')
    assert code == 2 and "not a JSON Patch" in err
    code, err = run('[{"op": "remove", "path": "/components/schemas/Task"}]')
    assert code == 2 and "left unchanged" in err and len(err.strip().splitlines()) == 1
    code, err = run("[]", "--spec", str(tmp_path / "missing.yaml"))
    assert code == 2 and "no spec" in err
    assert spec.read_bytes() == original
    code, _ = run('[{"op": "add", "path": "/info/summary", "value": "s"}]')
    assert code == 0
    assert spec.read_text() == (
        "openapi: 3.1.0  # kept\ninfo: {title: t, version: '1', summary: s}\npaths: {}\n"
    )


def test_new_long_texts_are_folded_and_a_grown_enum_is_wrapped(tmp_path: Path) -> None:
    """A long description is written `>-` (the same string), an enum a value joins is wrapped
    before column 100 as the spec's hand-wrapped enums are; the values read back as patched."""
    path = tmp_path / "scale.yaml"
    shutil.copyfile(SPEC_FILE, path)
    text = " ".join(["An observed field the documents do not name, seen by the proxy."] * 3)
    apply_patch(
        path,
        [
            {"op": "add", "path": "/components/schemas/TaskType/enum/-", "value": "hologram"},
            {
                "op": "add",
                "path": "/components/schemas/Task/properties/foo",
                "value": {"type": "string", "description": text},
            },
        ],
    )
    before = SPEC_FILE.read_text(encoding="utf-8").splitlines()
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [
        line
        for tag, _, _, j1, j2 in difflib.SequenceMatcher(None, before, after).get_opcodes()
        if tag != "equal"
        for line in after[j1:j2]
    ]
    assert changed and max(map(len, changed)) <= 100
    assert "          description: >-" in changed
    spec = Spec.from_file(path)
    assert spec.lookup("#/components/schemas/Task/properties/foo/description") == text
    enum = spec.lookup("#/components/schemas/TaskType/enum")
    assert enum == [*scale_spec.load().lookup("#/components/schemas/TaskType/enum"), "hologram"]
