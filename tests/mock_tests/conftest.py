"""scale-mock in-process on a free 127.0.0.1 port, with callbacks retried on a compressed clock."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from scale_mock.testing import ThreadedMock

TEST_KEY = "test_abc123"
LIVE_KEY = "live_abc123"
OTHER_KEY = "test_other456"
# 20 callback attempts within ~0.75 s instead of ~21 h.
TIME_SCALE = 1e-5


@pytest.fixture(scope="module")
def mock() -> Iterator[ThreadedMock]:
    with ThreadedMock(faults=True, callback_time_scale=TIME_SCALE) as running:
        yield running


@pytest.fixture(scope="module")
def base_url(mock: ThreadedMock) -> str:
    return mock.base_url


@pytest.fixture
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, auth=(TEST_KEY, ""), timeout=10) as http:
        yield http


@pytest.fixture
def live(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, auth=(LIVE_KEY, ""), timeout=10) as http:
        yield http
