"""The server under test and how to talk to it, from command-line options or the environment.

`scale-contract` and `pytest contract_tests` take the same options; the CLI passes them on to
pytest, and pytest's `pytest_configure` publishes them in the environment so that test modules
can read them at import time (Schemathesis builds its tests then).
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

SPEC_PATH = Path(__file__).resolve().parent / "scale.yaml"
ENV = "SCALE_CONTRACT_"


@dataclass(frozen=True)
class Target:
    base_url: str
    api_key: str
    second_api_key: str | None
    max_examples: int
    seed: int | None
    callback_host: str | None
    callback_auth_key: str | None
    run_id: str

    @property
    def is_loopback(self) -> bool:
        host = urlsplit(self.base_url).hostname or ""
        try:
            return host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False

    def publish(self) -> None:
        """Into the environment, for test modules built at import time and for xdist workers."""
        values = {
            "BASE_URL": self.base_url,
            "API_KEY": self.api_key,
            "SECOND_API_KEY": self.second_api_key or "",
            "MAX_EXAMPLES": str(self.max_examples),
            "SEED": "" if self.seed is None else str(self.seed),
            "CALLBACK_HOST": self.callback_host or "",
            "CALLBACK_AUTH_KEY": self.callback_auth_key or "",
            "RUN_ID": self.run_id,
        }
        for name, value in values.items():
            os.environ[ENV + name] = value

    @classmethod
    def from_environment(cls) -> Target:
        def get(name: str) -> str:
            return os.environ.get(ENV + name, "")

        seed = get("SEED")
        return cls(
            base_url=get("BASE_URL"),
            api_key=get("API_KEY"),
            second_api_key=get("SECOND_API_KEY") or None,
            max_examples=int(get("MAX_EXAMPLES") or 10),
            seed=int(seed) if seed else None,
            callback_host=get("CALLBACK_HOST") or None,
            callback_auth_key=get("CALLBACK_AUTH_KEY") or None,
            run_id=get("RUN_ID") or secrets.token_hex(4),
        )


def new_run_id() -> str:
    """A suffix for the names this run creates, so runs never collide on a shared account."""
    return secrets.token_hex(4)
