"""`scale-mock`: serve the Scale API v1 under /v1, statefully, from openapi/scale.yaml."""

from __future__ import annotations

import argparse
from pathlib import Path

import uvicorn

from scale_mock.app import build_app
from scale_mock.store import Store


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scale-mock",
        description="A stateful mock of the Scale AI REST API v1, validated by openapi/scale.yaml.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=4010, help="port to bind (default 4010)")
    parser.add_argument(
        "--db",
        default="scale-mock.sqlite3",
        help="SQLite file holding the state (default scale-mock.sqlite3); "
        "':memory:' for a throwaway run",
    )
    parser.add_argument(
        "--keys",
        type=Path,
        help="file of allowed API keys, one per line (default: any test_/live_ key)",
    )
    parser.add_argument("--ssl-certfile", help="serve HTTPS with this certificate (PEM)")
    parser.add_argument("--ssl-keyfile", help="private key of --ssl-certfile (PEM)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    keys = None
    if args.keys:
        keys = frozenset(
            line.strip() for line in args.keys.read_text().splitlines() if line.strip()
        )
    app = build_app(Store(args.db), keys=keys)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
    )


if __name__ == "__main__":
    main()
