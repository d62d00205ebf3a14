"""What a type checker knows of the client: `iter_tasks` and `iter_batches` take exactly their
list operation's filters, typed (`Filters` of the operation's module), so a misspelt filter is a
type error, not a surprise at run time."""

from __future__ import annotations

import re
from pathlib import Path

from mypy import api as mypy

ROOT = Path(__file__).resolve().parents[2]
SNIPPET = """
from scale_api_client import from_api_key, iter_batches, iter_tasks
from scale_api_client.models import TaskStatusFilter

client = from_api_key("test_typing")
fine = iter_tasks(client, project="p", status=TaskStatusFilter.COMPLETED, tags=["a"])
batches = iter_batches(client, project="p")
misspelt = iter_tasks(client, projcet="p")  # line 8
mistyped = iter_tasks(client, tags="a")  # line 9: a list of tags
paging = iter_batches(client, offset=3)  # line 10: paging is the helper's own
"""


def test_filters_are_checked_by_mypy(tmp_path: Path) -> None:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(SNIPPET)
    cache = ROOT / ".mypy_cache"  # warm after `make typecheck`
    report, _, status = mypy.run(
        ["--strict", "--cache-dir", str(cache), "--no-error-summary", str(snippet)]
    )
    lines = sorted({int(m.group(1)) for m in re.finditer(r"snippet\.py:(\d+): error", report)})
    assert lines == [8, 9, 10], report
    assert status == 1
    assert '"projcet"' in report and '"offset"' in report
