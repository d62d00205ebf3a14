"""The server under test and how the run may treat it, from the options of `options.py`.

`scale-contract` and `pytest contract_tests` take the same options. pytest's `pytest_configure`
builds one `Target` and publishes it in the environment as JSON, so that test modules can read it
at import time (Schemathesis builds its tests then) and so that xdist workers see the same run.
"""

from __future__ import annotations

import dataclasses
import functools
import ipaddress
import json
import os
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit

ENV = "SCALE_CONTRACT_TARGET"
# Tiers whose failures decide the exit status unless --strict: what a document or the official
# SDK says. `assumed` (our choice where the documents are silent) and `http` (an HTTP
# convention) are reported as warnings.
GATING_TIERS = frozenset({"docs", "sdk"})
ALL_TIERS = frozenset({"docs", "sdk", "assumed", "http"})
# What the preflight sends before the tests: GET /projects with each key, and /_mock/health.
PREFLIGHT_REQUESTS = 3


@dataclass(frozen=True)
class Target:
    base_url: str
    api_key: str
    second_api_key: str | None = None
    max_examples: int = 10
    seed: int | None = None
    callback_host: str | None = None
    callback_auth_key: str | None = None
    run_id: str = field(default_factory=lambda: secrets.token_hex(4))
    strict: bool = False
    request_timeout: float = 30.0
    headers: tuple[tuple[str, str], ...] = ()
    ca_bundle: str | None = None
    insecure: bool = False
    deadline: float | None = None  # seconds since the epoch after which no test starts
    rate_limit: float | None = None  # requests per second, for the whole run
    workers: int = 1
    allow_account_writes: bool = False
    max_billable: int | None = None
    max_failures: int | None = None  # stop after this many broken rules
    budget: int | None = None  # requests the whole run may send
    retry_budget: float = 120.0  # seconds a run may spend waiting out 429/503 answers
    mock_controls: bool = False  # the server is scale-mock: its /_mock controls may be used
    results_dir: str | None = None
    spec: str | None = None  # the spec to hold the server to; None: the one shipped with the kit

    @property
    def gating_tiers(self) -> frozenset[str]:
        return ALL_TIERS if self.strict else GATING_TIERS

    @property
    def root_url(self) -> str:
        """The server's root, without the API's `/v1`."""
        return self.base_url.removesuffix("/v1")

    @property
    def is_loopback(self) -> bool:
        host = urlsplit(self.base_url).hostname or ""
        try:
            return host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False

    @property
    def verify(self) -> str | bool:
        """What HTTP clients take as `verify`: a CA bundle path, or whether to check at all."""
        return self.ca_bundle or not self.insecure

    @property
    def per_worker_rate(self) -> float | None:
        return None if self.rate_limit is None else self.rate_limit / max(1, self.workers)

    @property
    def per_worker_billable(self) -> int | None:
        if self.max_billable is None:
            return None
        return self.max_billable // max(1, self.workers)

    @property
    def per_worker_budget(self) -> int | None:
        """The requests one process may send: with one, the whole --budget (its preflight
        included); with workers, each gets an equal share of what the controller's preflight
        leaves (at most PREFLIGHT_REQUESTS)."""
        if self.budget is None:
            return None
        if self.workers <= 1:
            return self.budget
        return max(0, self.budget - PREFLIGHT_REQUESTS) // self.workers

    def replace(self, **changes: object) -> Target:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def publish(self) -> None:
        """Into the environment, for test modules built at import time and for xdist workers."""
        os.environ[ENV] = json.dumps(dataclasses.asdict(self))

    @classmethod
    def from_environment(cls) -> Target:
        """The published target (read on every check: parsed once per published value)."""
        return _parse(os.environ.get(ENV, ""))


@functools.lru_cache(maxsize=4)
def _parse(raw: str) -> Target:
    if not raw:
        return Target(base_url="", api_key="")
    values = json.loads(raw)
    values["headers"] = tuple(tuple(pair) for pair in values.get("headers", ()))
    return Target(**values)
