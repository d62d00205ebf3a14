"""The documented-behaviour matrix (`openapi/behaviours.yaml`) is well formed, names only real
operations and real checks, gives every behavioural rule of the contract suite a row, and —
when the source documents are at hand (`SCALE_DOCS_DIR`, default `../shared/seeds`) — quotes
them exactly and leaves no behaviour sentence of theirs unaccounted for."""

from __future__ import annotations

import importlib.util
import os
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import scale_spec
from contract_tests.spec import operations
from scale_spec import document
from scale_spec.spec import BEHAVIOURS

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {"docs-2016", "docs-2018", "sdk-readme", "sdk"}
TIERS = {"docs", "sdk", "assumed", "http"}
SEED_FILES = {"000": "docs-2016", "001": "docs-2018", "003": "docs-2018", "004": "sdk-readme"}
FIELDS = ("id", "source", "file", "line", "quote", "tier", "operations", "checks")
BEHAVIOURAL = ("state.", "list.", "auth.", "callback.", "response.", "documented.", "schemathesis.")
# Sentences that state a behaviour: each is a row of the matrix or excluded with a reason.
BEHAVIOUR_VERBS = re.compile(
    r"will return|returns|throws|error code|will be|will have|will contain|raised",
    re.IGNORECASE,
)
NEAR = 2  # a quote may sit this many lines from the line a row gives


@cache
def matrix() -> dict[str, Any]:
    """The matrix as the kit reads it, beside the spec (`Spec.behaviours`)."""
    return dict(scale_spec.load().behaviours)


def rows() -> list[dict[str, Any]]:
    return list(matrix()["rows"])


@pytest.fixture(scope="module")
def known(pytestconfig: pytest.Config) -> set[str]:
    """Every rule id of the contract suite. Its modules mark tests `billable`, a marker only the
    suite's own configuration registers: registered here too, so they import under
    `--strict-markers`."""
    pytestconfig.addinivalue_line("markers", "billable: creates tasks, which cost money")
    from contract_tests.registry import known_rule_ids

    return known_rule_ids()


def normalise(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def docs_dir() -> Path:
    return Path(os.environ.get("SCALE_DOCS_DIR", ROOT.parent / "shared" / "seeds"))


@cache
def seed_lines(number: str) -> list[str] | None:
    found = sorted(docs_dir().glob(f"{number}_*.txt"))
    if not found:
        return None
    return found[0].read_text(encoding="utf-8").splitlines()


@cache
def sdk_lines(path: str) -> list[str] | None:
    spec = importlib.util.find_spec("scaleapi")
    if spec is None or spec.origin is None:
        return None
    module = Path(spec.origin).parent.parent / path
    return module.read_text(encoding="utf-8").splitlines() if module.exists() else None


def near(lines: list[str], line: int, quote: str) -> bool:
    wanted = normalise(quote)
    return any(
        wanted in normalise(lines[index])
        for index in range(max(0, line - 1 - NEAR), min(len(lines), line + NEAR))
    )


# --- shape ---------------------------------------------------------------------------------------


def test_the_matrix_parses_into_rows_and_exclusions() -> None:
    # `Spec.behaviours` keeps only these two keys, so the file itself is asked for any other.
    assert set(document.read(scale_spec.PACKAGED.with_name(BEHAVIOURS))) == {"rows", "excluded"}
    assert set(matrix()) == {"rows", "excluded"}
    assert rows(), "no rows"


def test_every_row_has_every_field_with_a_valid_value() -> None:
    problems = []
    for index, row in enumerate(rows()):
        label = row.get("id", f"row {index}")
        missing = [name for name in FIELDS if name not in row]
        if missing:
            problems.append(f"{label}: missing {missing}")
            continue
        unknown = set(row) - {*FIELDS, "reachable"}
        if unknown:
            problems.append(f"{label}: unknown fields {sorted(unknown)}")
        if not re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", str(row["id"])):
            problems.append(f"{label}: id is not dotted lower_case")
        if row["source"] not in SOURCES:
            problems.append(f"{label}: source {row['source']!r}")
        if row["tier"] not in TIERS:
            problems.append(f"{label}: tier {row['tier']!r}")
        if row["source"] == "sdk":
            if not str(row["file"]).startswith("scaleapi/"):
                problems.append(f"{label}: an sdk row's file is a module path (scaleapi/...)")
        elif SEED_FILES.get(str(row["file"])) != row["source"]:
            problems.append(f"{label}: file {row['file']!r} is not a seed of {row['source']}")
        if not isinstance(row["line"], int) or row["line"] < 1:
            problems.append(f"{label}: line {row['line']!r}")
        if not isinstance(row["quote"], str) or not row["quote"].strip():
            problems.append(f"{label}: empty quote")
        for name in ("operations", "checks"):
            value = row[name]
            if (
                not isinstance(value, list)
                or not value
                or not all(isinstance(v, str) for v in value)
            ):
                problems.append(f"{label}: {name} must be a non-empty list of strings")
        if "reachable" in row and not str(row["reachable"]).strip():
            problems.append(f"{label}: empty reachable")
    duplicates = [i for i, n in Counter(str(r.get("id")) for r in rows()).items() if n > 1]
    if duplicates:
        problems.append(f"duplicate ids: {duplicates}")
    assert not problems, "\n".join(problems)


def test_every_exclusion_says_where_and_why() -> None:
    problems = []
    for entry in matrix()["excluded"]:
        if set(entry) != {"file", "line", "quote", "reason"}:
            problems.append(f"{entry}: needs exactly file, line, quote, reason")
        elif str(entry["file"]) not in SEED_FILES or not str(entry["reason"]).strip():
            problems.append(f"{entry}: unknown file or empty reason")
    assert not problems, "\n".join(problems)


def test_every_operation_named_is_in_the_spec() -> None:
    known = {op.operation_id for op in operations()}
    unknown = [(r["id"], op) for r in rows() for op in r["operations"] if op not in known]
    assert not unknown, f"operationIds not in openapi/scale.yaml: {unknown}"


# --- the contract suite ------------------------------------------------------------------------


def test_every_check_named_is_a_rule_of_the_contract_suite(known: set[str]) -> None:
    unknown = sorted({(r["id"], c) for r in rows() for c in r["checks"] if c not in known})
    assert not unknown, f"checks the suite does not have: {unknown}"


def test_every_behavioural_rule_of_the_suite_has_a_row(known: set[str]) -> None:
    covered = {check for row in rows() for check in row["checks"]}
    orphans = sorted(r for r in known if r.startswith(BEHAVIOURAL) and r not in covered)
    assert not orphans, f"rules of the suite no row of the matrix names: {orphans}"


def test_each_documented_rule_is_its_own_row(known: set[str]) -> None:
    """`documented.<id>` checks exactly the behaviour of row `<id>`, and that row names it."""
    by_id = {row["id"]: row for row in rows()}
    problems = []
    for rule in sorted(r for r in known if r.startswith("documented.")):
        row = by_id.get(rule.removeprefix("documented."))
        if row is None:
            problems.append(f"{rule}: no row {rule.removeprefix('documented.')}")
        elif rule not in row["checks"]:
            problems.append(f"{rule}: its row does not name it")
    assert not problems, "\n".join(problems)


# --- against the documents themselves ----------------------------------------------------------


def require_seeds() -> None:
    if seed_lines("001") is None:
        pytest.skip(
            f"the source documents are not at {docs_dir()} (set SCALE_DOCS_DIR to the folder "
            "holding 000_*.txt ... 004_*.txt to check quotes and coverage)"
        )


def test_every_quote_is_on_its_line() -> None:
    require_seeds()
    problems = []
    for row in rows():
        if row["source"] == "sdk":
            lines = sdk_lines(str(row["file"]))
            if lines is None:
                continue  # the SDK is not installed here: its rows cannot be read
        else:
            lines = seed_lines(str(row["file"]))
            assert lines is not None, f"no seed file {row['file']}_*.txt in {docs_dir()}"
        if not near(lines, int(row["line"]), str(row["quote"])):
            problems.append(f"{row['id']}: {row['quote']!r} not at {row['file']}:L{row['line']}")
    for entry in matrix()["excluded"]:
        lines = seed_lines(str(entry["file"]))
        assert lines is not None
        if not near(lines, int(entry["line"]), str(entry["quote"])):
            problems.append(f"excluded {entry['quote']!r} not at {entry['file']}:L{entry['line']}")
    assert not problems, "\n".join(problems)


def test_every_behaviour_sentence_is_a_row_or_excluded() -> None:
    require_seeds()
    accounted: dict[str, set[int]] = {}
    for row in rows():  # a row covers the sentences within NEAR lines of its own
        if row["source"] != "sdk":
            around = range(int(row["line"]) - NEAR, int(row["line"]) + NEAR + 1)
            accounted.setdefault(str(row["file"]), set()).update(around)
    for entry in matrix()["excluded"]:  # an exclusion names its line exactly
        accounted.setdefault(str(entry["file"]), set()).add(int(entry["line"]))
    missing = []
    for number in SEED_FILES:
        lines = seed_lines(number)
        assert lines is not None, f"no seed file {number}_*.txt in {docs_dir()}"
        for index, text in enumerate(lines, start=1):
            if BEHAVIOUR_VERBS.search(text) and index not in accounted.get(number, set()):
                missing.append(f"{number}:L{index}: {text.strip()[:120]}")
    assert not missing, (
        "sentences stating a behaviour that are neither a row nor excluded:\n" + "\n".join(missing)
    )
