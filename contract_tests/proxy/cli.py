"""`scale-contract proxy`: serve the validation proxy until interrupted (Ctrl-C, SIGTERM), then
print and write the report.

Exit status: 1 if a rule of a --fail-on tier broke (default: docs and sdk, as the suite), else
0; 2 for usage problems.
"""

from __future__ import annotations

import argparse
import shlex
import signal
import socket
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import uvicorn

from contract_tests.proxy.judge import DEFAULT_CAP, MAX_PENDING_BYTES, ChecksFailed, JudgeProcess
from contract_tests.proxy.server import Settings, build, config, finish
from contract_tests.target import ALL_TIERS, GATING_TIERS


def _tiers(text: str) -> frozenset[str]:
    tiers = frozenset(t.strip() for t in text.split(",") if t.strip())
    unknown = tiers - ALL_TIERS
    if unknown or not tiers:
        raise argparse.ArgumentTypeError(
            f"tiers are {', '.join(sorted(ALL_TIERS))} (comma-separated), not {text!r}"
        )
    return tiers


def parser() -> argparse.ArgumentParser:
    found = argparse.ArgumentParser(
        prog="scale-contract proxy",
        description="Forward requests to a Scale API server unchanged and check each exchange "
        "against the spec. Exit 0: no rule of a --fail-on tier broke; 1: one did; 2: usage.",
    )
    found.add_argument("--upstream", required=True, help="the server to forward to (http[s]://)")
    found.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    found.add_argument("--port", type=int, default=8080, help="port to listen on (8080)")
    found.add_argument("--log", type=Path, help="a JSON-lines log of the exchanges (redacted)")
    found.add_argument("--report", type=Path, help="directory for the report written on exit")
    found.add_argument(
        "--fail-on",
        type=_tiers,
        action="append",
        help="tiers whose broken rules exit 1 (docs,sdk,http,assumed; default docs,sdk)",
    )
    found.add_argument("--spec", type=Path, help="the spec to hold the exchanges to")
    found.add_argument(
        "--max-check-bytes",
        type=int,
        default=DEFAULT_CAP,
        help=f"a body larger than this is streamed but not checked ({DEFAULT_CAP})",
    )
    found.add_argument("--timeout", type=float, default=60.0, help="upstream timeout, seconds")
    found.add_argument(
        "--max-pending-bytes",
        type=int,
        default=MAX_PENDING_BYTES,
        help="bytes of exchanges waiting for their checks; past it an exchange is forwarded "
        f"but not checked, and counted ({MAX_PENDING_BYTES})",
    )
    found.add_argument(
        "--redact-field",
        action="append",
        default=[],
        metavar="NAME",
        help="a JSON field or query parameter the log never shows (repeatable); keys, "
        "Authorization, scale-callback-auth, cookies and URL credentials never are",
    )
    return found


def settings_from(argv: list[str]) -> Settings | str:
    """The settings, or the usage problem (argparse's own errors exit 2 on their own)."""
    args = parser().parse_args(argv)
    upstream = urlsplit(args.upstream)
    if upstream.scheme not in ("http", "https") or not upstream.hostname:
        return f"--upstream must be an http(s) URL, not {args.upstream!r}"
    if upstream.username or upstream.password:
        # it would replace each client's own Authorization and land in logs and reports
        return "--upstream must not carry credentials: clients send their own keys"
    if not 0 < args.port < 65536:
        return f"--port must be 1-65535, not {args.port}"
    if args.max_check_bytes < 0 or args.timeout <= 0 or args.max_pending_bytes < 0:
        return "--max-check-bytes and --max-pending-bytes must be >= 0, --timeout > 0"
    if args.spec is not None and not args.spec.is_file():
        return f"--spec {args.spec}: no such file"
    if args.log is not None and args.log.is_dir():
        return f"--log {args.log}: a directory, not a file"
    fail_on = frozenset().union(*args.fail_on) if args.fail_on else GATING_TIERS
    return Settings(
        upstream=args.upstream,
        host=args.host,
        port=args.port,
        log=args.log,
        report=args.report or Path(tempfile.mkdtemp(prefix="scale-proxy-")),
        fail_on=fail_on,
        spec=args.spec,
        cap=args.max_check_bytes,
        timeout=args.timeout,
        redact_fields=frozenset(args.redact_field),
        max_pending_bytes=args.max_pending_bytes,
        command=shlex.join(["scale-contract", "proxy", *argv]),
    )


def _unbindable(host: str, port: int) -> str:
    """Why the proxy could not listen there ("" if it can): said before anything starts."""
    try:
        with socket.create_server((host, port)):
            return ""
    except OSError as error:
        return f"{host}:{port} ({error.strerror or error})"


class Stopped(Exception):
    """SIGTERM, after uvicorn has shut down."""


def _stop(signum: int, frame: object) -> None:
    raise Stopped


def main(argv: list[str] | None = None) -> int:
    try:
        settings = settings_from(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as stop:  # argparse: --help (0) or a usage error (2)
        return int(stop.code or 0)
    if isinstance(settings, str):
        print(f"scale-contract proxy: {settings}", file=sys.stderr)
        return 2
    taken = _unbindable(settings.host, settings.port)
    if taken:
        print(f"scale-contract proxy: cannot listen on {taken}; pass --port", file=sys.stderr)
        return 2
    app = build(settings)
    judge = app.judge
    if isinstance(judge, JudgeProcess):
        try:
            judge.wait_ready()
        except ChecksFailed as error:  # the spec or the log: said before any traffic
            judge.finish()
            print(f"scale-contract proxy: the checks cannot start: {error}", file=sys.stderr)
            return 2
    print(
        f"scale-contract proxy: http://{settings.host}:{settings.port} -> {settings.upstream} "
        f"(fail on: {','.join(sorted(settings.fail_on))})",
        flush=True,
    )
    # uvicorn stops on SIGINT and SIGTERM, then raises the signal again once its own handlers
    # are gone: here a SIGTERM, like Ctrl-C, ends in the report rather than a killed process
    previous = signal.signal(signal.SIGTERM, _stop)
    served = True
    try:
        uvicorn.Server(config(app, settings.host, settings.port)).run()
    except (KeyboardInterrupt, Stopped):
        pass
    except SystemExit:  # uvicorn could not start (the port was taken since the check above)
        served = False
    finally:
        signal.signal(signal.SIGTERM, previous)
        verdict = finish(app)  # always: the checks' process ends with it
    if not served:
        print(
            f"scale-contract proxy: could not serve on {settings.host}:{settings.port}",
            file=sys.stderr,
        )
        return 2
    for line in verdict.lines:
        print(line)
    print(f"report: {settings.report}")
    return verdict.status
