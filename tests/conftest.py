"""What every test directory shares: under pytest-xdist, the directories whose last test reads
what the other tests of the directory did (`test_every_operation.py`) each run in one worker."""

from __future__ import annotations

from typing import Any

import pytest

ONE_PROCESS = ("tests/mock_tests/", "tests/client_tests/")


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """xdist's load-by-scope scheduler, with a scope per `ONE_PROCESS` directory and one per
    test elsewhere (its `xdist_group` marker would do this, but pytest 9.2 ignores the node-id
    suffix pytest-xdist 3.8 groups by)."""
    from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

    class OneWorkerPerDirectory(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return next((d for d in ONE_PROCESS if nodeid.startswith(d)), nodeid)

    return OneWorkerPerDirectory(config, log)
