"""A progress line per phase on a terminal, instead of pytest's dots.

A phase is a module of the suite (`schemathesis`, `constraints`, `state`, ...): while it runs,
one line says how many of its tests are done and how many failed so far, rewritten in place;
the next phase starts a new line. Only when the output is a terminal: in CI, a log or a pipe the
output is what it would be without it.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Generator, Iterable
from typing import Any

import pytest


def phase_of(nodeid: str) -> str:
    """`test_schemathesis.py::schemathesis[GET /tasks]` -> `schemathesis`."""
    module = nodeid.split("::", 1)[0].rsplit("/", 1)[-1]
    return module.removesuffix(".py").removeprefix("test_")


class Progress:
    """Writes through pytest's terminal writer: the real terminal, even while output is
    captured."""

    def __init__(self) -> None:
        self.terminal: Any = None  # pytest's TerminalWriter, once the session has started
        self.totals: Counter[str] = Counter()
        self.done: Counter[str] = Counter()
        self.failed: Counter[str] = Counter()
        self.current: str | None = None

    def _expect(self, nodeids: Iterable[str]) -> None:
        if not self.totals:
            self.totals.update(phase_of(nodeid) for nodeid in nodeids)

    @pytest.hookimpl(trylast=True)  # after the run's seed and replay lines
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None and hasattr(reporter, "_show_progress_info"):
            reporter._show_progress_info = False  # the percentages at line ends: ours instead
        self.terminal = session.config.get_terminal_writer()
        self.terminal.write("scale-contract: loading the suite ...", flush=True)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self._expect(item.nodeid for item in session.items)

    def pytest_xdist_node_collection_finished(self, node: Any, ids: list[str]) -> None:
        self._expect(ids)

    @pytest.hookimpl(wrapper=True)
    def pytest_report_teststatus(self, report: pytest.TestReport) -> Generator[None, Any, Any]:
        """pytest's letter for each test (`.`, `F`, `x`) is left out: the line counts them."""
        category, _letter, word = yield
        return category, "", word

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.failed and report.when in ("setup", "call"):
            self.failed[phase_of(report.nodeid)] += 1
        if report.when == "teardown":
            self._advance(phase_of(report.nodeid))

    def _advance(self, phase: str) -> None:
        if self.terminal is None:
            return
        if phase != self.current:
            self.terminal.write("\n")
            self.current = phase
        self.done[phase] += 1
        total = self.totals.get(phase) or self.done[phase]
        failed = f", {self.failed[phase]} failed" if self.failed[phase] else ""
        line = f"\r\x1b[K  {phase:<14} {self.done[phase]}/{total}{failed}"
        self.terminal.write(line, flush=True)

    @pytest.hookimpl(tryfirst=True)
    def pytest_terminal_summary(self) -> None:
        if self.terminal is not None:
            self.terminal.write("\n", flush=True)


def wanted(config: pytest.Config) -> bool:
    """On a terminal, for the process that reports (not an xdist worker), unless verbose."""
    worker = hasattr(config, "workerinput")
    return sys.stdout.isatty() and not worker and config.getoption("verbose") <= 0
