"""`scale-mock`: serve the Scale API v1 under /v1, statefully, from openapi/scale.yaml."""

from __future__ import annotations

import argparse
import copy
import sqlite3
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette

from scale_mock import server
from scale_mock.app import build_app
from scale_mock.backends import open_store
from scale_mock.callbacks import DEFAULT_AUTH_KEY, CallbackPolicy, set_default_policy
from scale_mock.callbacks import LEASE as CALLBACK_LEASE
from scale_mock.guards import DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_UPLOAD_SIZE
from scale_mock.spec import CompiledSpec, load_spec
from scale_mock.store import Storage, StorageFault


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _positive_seconds(text: str) -> float:
    value = float(text)
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("must be a positive number of seconds")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scale-mock",
        description="A stateful mock of the Scale AI REST API v1, validated by its OpenAPI spec. "
        "Tasks of test_ keys complete at once (unless held pending); those of live_ keys wait "
        "for POST /_mock/tasks/{id}/complete.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=4010, help="port to bind (default 4010)")
    parser.add_argument(
        "--db",
        default="scale-mock.sqlite3",
        help="SQLite file holding the state, kept across restarts (default scale-mock.sqlite3); "
        "':memory:' for a throwaway run; or postgresql://user@host:port/dbname, a PostgreSQL "
        "database several scale-mock replicas may share",
    )
    parser.add_argument(
        "--keys",
        type=Path,
        help="file of allowed API keys, one per line (default: any key matching "
        "^(test|live)_[A-Za-z0-9]+$, each its own tenant)",
    )
    parser.add_argument(
        "--spec",
        type=Path,
        metavar="FILE",
        help="serve this OpenAPI spec instead of the one shipped with the kit (e.g. an edited "
        "copy of openapi/scale.yaml: routes, constraints and defaults all come from it)",
    )
    parser.add_argument("--ssl-certfile", help="serve HTTPS with this certificate (PEM)")
    parser.add_argument("--ssl-keyfile", help="private key of --ssl-certfile (PEM)")
    parser.add_argument(
        "--faults",
        action="store_true",
        help="let clients ask for failures: header 'X-Scale-Mock-Fault: 429|500|503' "
        "(and 'X-Scale-Mock-Retry-After: N'), or POST /_mock/faults to fail the next N requests",
    )
    parser.add_argument(
        "--rate-limit",
        type=_positive_int,
        metavar="N",
        help="answer 429 with Retry-After past N requests per second per key (default: no limit)",
    )
    parser.add_argument(
        "--hold-test-tasks",
        action="store_true",
        help="keep test-mode tasks pending, as live-mode ones, until POST "
        "/_mock/tasks/{id}/complete (one task at a time: header 'Scale-Mock-Hold: pending' "
        "on its creation)",
    )
    parser.add_argument(
        "--callback-auth-key",
        default=DEFAULT_AUTH_KEY,
        help=f"value of the scale-callback-auth header on callbacks (default {DEFAULT_AUTH_KEY})",
    )
    parser.add_argument(
        "--callback-time-scale",
        type=float,
        default=1.0,
        metavar="F",
        help="multiply the callback retry schedule (20 attempts over ~21 h) by F; "
        "e.g. 0.001 retries within ~75 s (default 1)",
    )
    parser.add_argument(
        "--callback-lease",
        type=float,
        default=CALLBACK_LEASE,
        metavar="S",
        help="seconds a callback attempt is one replica's alone; a replica that dies "
        f"mid-attempt leaves it to another after this (default {CALLBACK_LEASE:g}; at least "
        "the 10 s attempt deadline plus 1)",
    )
    parser.add_argument(
        "--callback-allow",
        action="append",
        default=[],
        metavar="HOST|CIDR",
        help="also send callbacks to this host name or network (repeatable). Callbacks go to "
        "http(s) URLs without credentials, on loopback, private (10/8, 172.16/12, 192.168/16) "
        "and public addresses; link-local addresses (169.254.0.0/16, fe80::/10) and the cloud "
        "metadata addresses (169.254.169.254, fd00:ec2::254) only when listed here",
    )
    parser.add_argument(
        "--max-body-size",
        type=_positive_int,
        default=DEFAULT_MAX_BODY_SIZE,
        metavar="BYTES",
        help="answer 413 to a JSON or form body larger than this, reading no further "
        f"(default {DEFAULT_MAX_BODY_SIZE})",
    )
    parser.add_argument(
        "--max-upload-size",
        type=_positive_int,
        default=DEFAULT_MAX_UPLOAD_SIZE,
        metavar="BYTES",
        help="answer 413 to a multipart/form-data body larger than this, reading no further "
        f"(default {DEFAULT_MAX_UPLOAD_SIZE})",
    )
    parser.add_argument(
        "--max-db-size",
        type=_positive_int,
        metavar="BYTES",
        help="cap the database file at about this many bytes, as a disk quota would: past it, "
        "writes answer 503 (rule storage_full) and reads go on (default: no cap)",
    )
    parser.add_argument(
        "--header-timeout",
        type=_positive_seconds,
        default=server.DEFAULT_HEADER_TIMEOUT,
        metavar="S",
        help="close a connection whose request head has not all arrived S seconds after the "
        "connection opened or the request's first byte, or whose body stalls for S seconds "
        f"(default {server.DEFAULT_HEADER_TIMEOUT:g})",
    )
    parser.add_argument(
        "--idle-timeout",
        type=_positive_seconds,
        default=server.DEFAULT_IDLE_TIMEOUT,
        metavar="S",
        help="close a keep-alive connection idle for S seconds after a response "
        f"(default {server.DEFAULT_IDLE_TIMEOUT:g})",
    )
    parser.add_argument(
        "--access-log",
        action="store_true",
        help="log every request, as uvicorn's access log does (default off)",
    )
    return parser.parse_args(argv)


def _access_log_config() -> dict[str, Any]:
    """uvicorn's logging, its access log at INFO and everything else at WARNING."""
    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["loggers"]["uvicorn"]["level"] = "WARNING"
    config["loggers"]["uvicorn.error"] = {"level": "WARNING"}
    config["loggers"]["uvicorn.access"]["level"] = "INFO"
    return config


def shown_database(db: str) -> str:
    """`--db` as printed: a PostgreSQL URL without its password (wherever the URL puts it)."""
    if not db.startswith(("postgresql://", "postgres://")):
        return db
    try:
        from psycopg.conninfo import conninfo_to_dict

        parts = conninfo_to_dict(db)
    except Exception:  # not a URL psycopg reads: nothing of it is shown
        return "postgresql://..."
    if any("@" in str(parts.get(name, "")) for name in ("user", "host", "port", "dbname")):
        return "postgresql://..."  # an unencoded `@` of a password read as part of another
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', '')}{port}/{parts.get('dbname', '')}"


def startup_line(
    host: str, port: int, scheme: str, db: str, keys: frozenset[str] | None, version: str
) -> str:
    """The one line `scale-mock` prints at start."""
    shown = f"[{host}]" if ":" in host else host
    key_mode = f"{len(keys)} keys from --keys" if keys is not None else "any test_/live_ key"
    db = shown_database(db)  # a database URL's password is never printed
    return (
        f"scale-mock: serving Scale API {version} on {scheme}://{shown}:{port}/v1 "
        f"(db {db}, {key_mode})"
    )


def _built(
    store: Storage, spec: CompiledSpec, keys: frozenset[str] | None, args: argparse.Namespace
) -> Starlette:
    return build_app(
        store,
        spec=spec,
        keys=keys,
        faults=args.faults,
        rate_limit=args.rate_limit,
        callback_auth_key=args.callback_auth_key,
        callback_time_scale=args.callback_time_scale,
        callback_lease=args.callback_lease,
        hold_test_tasks=args.hold_test_tasks,
        max_body_size=args.max_body_size,
        max_upload_size=args.max_upload_size,
    )


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    keys = None
    if args.keys:
        keys = frozenset(
            line.strip() for line in args.keys.read_text().splitlines() if line.strip()
        )
    if args.spec is not None and not args.spec.is_file():
        raise SystemExit(f"scale-mock: --spec {args.spec}: no such file")
    try:
        policy = CallbackPolicy(tuple(args.callback_allow))
    except ValueError as error:
        raise SystemExit(f"scale-mock: --callback-allow: {error}") from None
    set_default_policy(policy)
    spec = load_spec(args.spec.absolute() if args.spec else None)
    shown_db = shown_database(args.db)
    try:
        store = open_store(args.db, max_size=args.max_db_size)
    except sqlite3.Error as error:
        hint = f"scale-mock: --db {shown_db}: not a usable SQLite file ({error})"
        raise SystemExit(hint) from None
    except ValueError as error:
        raise SystemExit(f"scale-mock: {error}") from None
    except StorageFault as fault:
        raise SystemExit(f"scale-mock: --db {shown_db}: {fault.detail}") from None
    try:
        app = _built(store, spec, keys, args)
    except StorageFault as fault:  # the start-up pass over the database could not write
        raise SystemExit(f"scale-mock: --db {shown_db}: {fault.detail}") from None
    scheme = "https" if args.ssl_certfile else "http"
    line = startup_line(args.host, args.port, scheme, args.db, keys, spec.spec.version)
    print(line, flush=True)
    server.run(
        app,
        header_timeout=args.header_timeout,
        idle_timeout=args.idle_timeout,
        host=args.host,
        port=args.port,
        log_level=None if args.access_log else "warning",
        log_config=_access_log_config() if args.access_log else uvicorn.config.LOGGING_CONFIG,
        access_log=args.access_log,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
    )


if __name__ == "__main__":
    main()
