"""A throwaway PostgreSQL cluster for tests and benchmarks: `initdb` in a temporary directory,
`pg_ctl start` on 127.0.0.1 and a free port, stopped and removed on exit.

The server binaries are looked up on PATH (`pg_ctl`), then in Debian's
`/usr/lib/postgresql/<version>/bin`. PostgreSQL refuses to run as root: under root, every
command runs as the `postgres` user (`runuser`), which owns the directory. Durability is off
(`fsync=off`): a killed scale-mock replica is what the tests kill, never the machine, and a
killed PostgreSQL is started again from its own WAL.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Self

from scale_mock.testing import free_port


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries here (or no user to run them as): the message says which,
    and how to get them."""


def server_binaries() -> Path:
    """The directory holding `initdb` and `pg_ctl`, or `PostgresUnavailable`."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    if versions:
        return Path(versions[-1]).parent
    raise PostgresUnavailable(
        "no PostgreSQL server binaries (pg_ctl, initdb) on PATH or in /usr/lib/postgresql/*/bin: "
        "install Debian's postgresql package (apt-get install postgresql)"
    )


class PostgresCluster:
    """`with PostgresCluster() as cluster:` a running server; `cluster.url()` a database of it."""

    def __init__(self) -> None:
        self.bin = server_binaries()
        self.port = free_port()
        self._as: list[str] = []
        owner: pwd.struct_passwd | None = None
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable(
                    "PostgreSQL will not run as root, and there is no postgres user to run it as"
                ) from None
            self._as = ["runuser", "-u", "postgres", "--"]
        self.root = Path(tempfile.mkdtemp(prefix="scale-mock-pg-"))
        if owner is not None:
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        self.data = self.root / "data"
        self.log = self.root / "server.log"

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self._as, *command],
            check=check,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        """`fast` (clients disconnected, a clean shut-down) or `immediate` (as if killed)."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new, empty database of the cluster; its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def __enter__(self) -> Self:
        try:
            self._run(
                str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C",
            )  # fmt: skip
            self.start()
        except BaseException:
            shutil.rmtree(self.root, ignore_errors=True)
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop",
            check=False,
        )  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)
