"""The progress line: one per phase, counting done / total and failures, only on a terminal."""

from __future__ import annotations

import io
import sys
from types import SimpleNamespace

import pytest

from contract_tests.progress import Progress, phase_of, wanted


class Writer(io.StringIO):
    def write(self, text: str, flush: bool = False) -> int:  # TerminalWriter's signature
        return super().write(text)


def test_a_phase_is_a_module_of_the_suite() -> None:
    assert phase_of("test_schemathesis.py::schemathesis[GET /tasks]") == "schemathesis"
    assert phase_of("contract_tests/test_state.py::test_x") == "state"


def test_each_phase_gets_its_line_with_done_total_and_failures() -> None:
    progress = Progress()
    progress.terminal = Writer()
    ids = ["test_auth.py::a", "test_auth.py::b", "test_state.py::c"]
    progress.pytest_xdist_node_collection_finished(None, ids)
    for nodeid, failed in (("test_auth.py::a", False), ("test_auth.py::b", True)):
        for when in ("setup", "call", "teardown"):
            report = SimpleNamespace(nodeid=nodeid, when=when, failed=failed and when == "call")
            progress.pytest_runtest_logreport(report)  # type: ignore[arg-type]
    progress.pytest_runtest_logreport(
        SimpleNamespace(nodeid="test_state.py::c", when="teardown", failed=False)  # type: ignore[arg-type]
    )
    lines = [line.strip() for line in progress.terminal.getvalue().split("\x1b[K")]
    assert "auth           1/2" in lines and "auth           2/2, 1 failed" in lines
    assert lines[-1] == "state          1/1"
    assert progress.terminal.getvalue().count("\n") == 2  # a new line per phase


def test_no_progress_line_when_the_output_is_not_a_terminal(
    pytestconfig: pytest.Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # a pipe, a log, CI
    assert not wanted(pytestconfig)
