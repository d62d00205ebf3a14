"""The suite's options, declared once for both `scale-contract` (argparse) and the pytest plugin.

Each option is one `Option`; `add_to_argparse` and `add_to_pytest` register the same table, and
`to_pytest_args` turns parsed CLI values back into pytest arguments, so `scale-contract ...` and
`pytest contract_tests ...` run the same suite with the same settings.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from contract_tests.target import Target


def header(value: str) -> tuple[str, str]:
    """`NAME:VALUE`, as curl's -H takes it."""
    name, sep, rest = value.partition(":")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME:VALUE, got {value!r}")
    return name.strip(), rest.strip()


def positive(kind: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse(value: str) -> Any:
        number = kind(value)
        if number <= 0:
            raise argparse.ArgumentTypeError(f"must be greater than 0, got {value}")
        return number

    parse.__name__ = kind.__name__
    return parse


@dataclass(frozen=True)
class Option:
    flags: tuple[str, ...]
    help: str
    type: Callable[[str], Any] | None = None
    default: Any = None
    action: str | None = None
    metavar: str | None = None

    @property
    def dest(self) -> str:
        return self.flags[-1].lstrip("-").replace("-", "_")

    def kwargs(self) -> dict[str, Any]:
        found: dict[str, Any] = {"help": self.help, "dest": self.dest}
        if self.action is not None:
            found["action"] = self.action
        if self.type is not None:
            found["type"] = self.type
        if self.default is not None:
            found["default"] = self.default
        if self.metavar is not None:
            found["metavar"] = self.metavar
        return found


OPTIONS: tuple[Option, ...] = (
    Option(("--base-url",), "API root with /v1, e.g. http://127.0.0.1:4010/v1", metavar="URL"),
    Option(("--api-key",), "a test_ key of the account under test (never printed)", metavar="KEY"),
    Option(
        ("--second-api-key",),
        "a key of another account: checks tenant isolation (never printed)",
        metavar="KEY",
    ),
    Option(
        ("--max-examples",),
        "generated examples per operation and property (default 10)",
        type=positive(int),
        default=10,
        metavar="N",
    ),
    Option(("--seed",), "Hypothesis seed, to replay a run exactly", type=int, metavar="N"),
    Option(
        ("--strict", "--strict-tiers"),
        "fail the run on every tier; by default only `docs` and `sdk` rules decide the exit "
        "status and `assumed`/`http` failures are warnings",
        action="store_true",
    ),
    Option(
        ("--allow-live",),
        "accept live_ keys (live tasks are done by people and cost money)",
        action="store_true",
    ),
    Option(
        ("--allow-account-writes",),
        "let the run invite, re-role or remove teammates, change Studio assignments and "
        "priorities; without it those rules are 'not reached'",
        action="store_true",
    ),
    Option(
        ("--max-billable",),
        "create at most N billable tasks; checks needing more are 'not reached'",
        type=int,
        metavar="N",
    ),
    Option(
        ("--max-failures",),
        "stop after N broken rules (the rules not checked by then are 'not reached')",
        type=positive(int),
        metavar="N",
    ),
    Option(
        ("--budget",),
        "send at most N requests (for metered servers); checks needing more are 'not reached'",
        type=positive(int),
        metavar="N",
    ),
    Option(
        ("--rate-limit",),
        "send at most N requests per second (the whole run)",
        type=positive(float),
        metavar="N",
    ),
    Option(
        ("--request-timeout",),
        "seconds to wait for one answer (default 30)",
        type=positive(float),
        default=30.0,
        metavar="S",
    ),
    Option(
        ("--deadline",),
        "seconds the whole run may take; tests not started by then are 'not reached'",
        type=positive(float),
        metavar="S",
    ),
    Option(
        ("-H", "--header"),
        "extra request header NAME:VALUE (repeatable), e.g. for a proxy in front of the API",
        type=header,
        action="append",
        metavar="NAME:VALUE",
    ),
    Option(
        ("--spec",),
        "the OpenAPI spec to hold the server to (default: the one shipped with the kit), e.g. "
        "a newer version of openapi/scale.yaml with its behaviours.yaml beside it",
        metavar="FILE",
    ),
    Option(("--ca-bundle",), "CA certificates (PEM) to verify the server with", metavar="FILE"),
    Option(("--insecure",), "do not verify the server's TLS certificate", action="store_true"),
    Option(
        ("--report",),
        "write the results (results.jsonl, run.json) and their renderings (summary.md, "
        "junit.xml, report.html) into DIR",
        metavar="DIR",
    ),
    Option(
        ("--callback-host",),
        "host the server can POST callbacks to (default 127.0.0.1 for a server on loopback, "
        "else callbacks are not checked; 'none' to skip)",
        metavar="HOST",
    ),
    Option(
        ("--callback-auth-key",),
        "the scale-callback-auth value callbacks must carry",
        metavar="VALUE",
    ),
)


def add_to_argparse(parser: argparse.ArgumentParser) -> None:
    for option in OPTIONS:
        parser.add_argument(*option.flags, **option.kwargs())


def add_to_pytest(parser: pytest.Parser) -> None:
    group = parser.getgroup("scale-contract", "the Scale API contract suite")
    for option in OPTIONS:
        # pytest owns lowercase short flags and `--strict`; the last flag is always free
        flags = [option.flags[-1]]
        group.addoption(*flags, **option.kwargs())


def to_pytest_args(values: Mapping[str, Any]) -> list[str]:
    """The pytest arguments that give the plugin these parsed values."""
    args: list[str] = []
    for option in OPTIONS:
        value = values.get(option.dest)
        flag = option.flags[-1]
        if value is None or value is False:
            continue
        if option.action == "store_true":
            args.append(flag)
        elif option.action == "append":
            for item in value:
                args += [flag, f"{item[0]}:{item[1]}" if isinstance(item, tuple) else str(item)]
        elif value != option.default:
            args += [flag, str(value)]
    return args


def usage_problem(values: Mapping[str, Any]) -> str | None:
    """What makes these options unusable, in one line, or None."""
    if not values.get("base_url"):
        return "--base-url is required (the API root, e.g. http://127.0.0.1:4010/v1)"
    if not values.get("api_key"):
        return "--api-key is required (a test_ key of the account under test)"
    for name in ("api_key", "second_api_key"):
        key = values.get(name)
        if key is None:
            continue
        flag = "--" + name.replace("_", "-")
        if key != key.strip() or not key:
            return f"{flag} has surrounding whitespace or is empty: pass the key alone"
        if key.startswith("live_") and not values.get("allow_live"):
            return f"refusing a live_ key in {flag} (live tasks cost money); pass --allow-live"
    spec = values.get("spec")
    if spec is not None and not Path(spec).is_file():
        return f"--spec {spec}: no such file"
    if values.get("ca_bundle") and values.get("insecure"):
        return "--ca-bundle and --insecure contradict each other: pass one"
    return None


def build_target(values: Mapping[str, Any], workers: int = 1) -> Target:
    callback_host = values.get("callback_host")
    deadline = values.get("deadline")
    target = Target(
        base_url=str(values["base_url"]).rstrip("/"),
        api_key=str(values["api_key"]),
        second_api_key=values.get("second_api_key"),
        max_examples=values.get("max_examples") or 10,
        seed=values.get("seed"),
        callback_host=None if callback_host == "none" else callback_host,
        callback_auth_key=values.get("callback_auth_key"),
        strict=bool(values.get("strict_tiers")),
        request_timeout=values.get("request_timeout") or 30.0,
        headers=tuple(values.get("header") or ()),
        ca_bundle=values.get("ca_bundle"),
        insecure=bool(values.get("insecure")),
        deadline=None if deadline is None else time.time() + deadline,
        rate_limit=values.get("rate_limit"),
        workers=workers,
        allow_account_writes=bool(values.get("allow_account_writes")),
        max_billable=values.get("max_billable"),
        max_failures=values.get("max_failures"),
        budget=values.get("budget"),
        spec=str(Path(values["spec"]).absolute()) if values.get("spec") else None,
    )
    if callback_host is None and target.is_loopback:
        target = target.replace(callback_host="127.0.0.1")
    return target
