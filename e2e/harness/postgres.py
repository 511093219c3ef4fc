"""A throwaway PostgreSQL server on loopback, for runs of the portal on a real PostgreSQL.

``ThrowawayPostgres`` runs ``initdb`` in a temporary folder, starts the server on 127.0.0.1 and
a free port, hands out empty databases (``new_database()``, or ``borrow()`` and
``give_back()``, which empty a used one for the next borrower) and removes everything on
``stop()``. ``python -m e2e.harness.postgres -- COMMAND`` runs a command with
``$DATABASE_URL`` set to a fresh database of such a server (what ``make test-prod-portal
DATABASE=postgres`` does). How the tests use it: docs/scale.md#postgresql.

Hand-written rather than pytest-postgresql's ``postgresql_proc``: that executor runs
``initdb``/``pg_ctl`` as the current user, and ``initdb`` refuses to run as root, which is what
CI is. Here, as root, the server runs as the ``postgres`` system user (Debian's package makes
it); as anyone else, as that user. The server trades durability for speed (``fsync=off``):
it lives for one run.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

SERVER_USER = "postgres"  # the system user Debian's postgresql package creates
INSTALL_HINT = "apt-get install -y postgresql (make install does it as root)"
# Settings for a server that lives for one run: nothing needs to survive a crash.
SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "300",
    "shared_buffers": "64MB",
}


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server programs on this machine, or the server would not start."""


def server_bindir() -> Path:
    """Return the folder of ``initdb`` and ``pg_ctl``: Debian's newest, else the PATH's."""
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if versions:
        return versions[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise PostgresUnavailable(f"no PostgreSQL server programs (initdb) found; {INSTALL_HINT}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class ThrowawayPostgres:
    """One PostgreSQL server of this run's own: started by ``start()``, gone after ``stop()``."""

    def __init__(self) -> None:
        self.port = 0
        self.folder: Path | None = None
        self._bindir = server_bindir()
        self._as_root = os.geteuid() == 0
        self._count = 0
        self._lock = threading.Lock()
        self._emptied: list[str] = []  # databases given back, emptied, ready to borrow again

    @property
    def data_dir(self) -> Path:
        """Return the cluster's data folder."""
        assert self.folder is not None, "start() the server first"
        return self.folder / "data"

    def _run(self, *command: str) -> subprocess.CompletedProcess[str]:
        # initdb refuses root ("cannot be run as root"), so as root the server is the
        # postgres system user's, as Debian's own clusters are.
        prefix = ["runuser", "-u", SERVER_USER, "--"] if self._as_root else []
        return subprocess.run(
            [*prefix, *command], capture_output=True, text=True, check=False, timeout=120
        )

    def start(self) -> ThrowawayPostgres:
        """Create the cluster in a temporary folder and start the server on a free port."""
        self.folder = Path(tempfile.mkdtemp(prefix="weilidai-pg-"))
        if self._as_root:
            try:
                owner = pwd.getpwnam(SERVER_USER)
            except KeyError as missing:
                raise PostgresUnavailable(
                    f"running as root needs the {SERVER_USER!r} system user; {INSTALL_HINT}"
                ) from missing
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        made = self._run(
            str(self._bindir / "initdb"),
            "--pgdata",
            str(self.data_dir),
            "--auth=trust",
            "--username=postgres",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        if made.returncode != 0:
            self.stop()
            raise PostgresUnavailable(f"initdb failed: {made.stderr.strip() or made.stdout}")
        options = " ".join(f"-c {key}={value}" for key, value in SETTINGS.items())
        for _attempt in range(3):  # a free port can be taken between the probe and the start
            self.port = _free_port()
            started = self._run(
                str(self._bindir / "pg_ctl"),
                "start",
                "--wait",
                "--pgdata",
                str(self.data_dir),
                "--log",
                str(self.folder / "server.log"),
                "-o",
                f"-h 127.0.0.1 -p {self.port} -k {self.folder} {options}",
            )
            if started.returncode == 0:
                return self
        log = (self.folder / "server.log").read_text(errors="replace")[-2000:]
        self.stop()
        raise PostgresUnavailable(f"the PostgreSQL server did not start:\n{log}")

    def url(self, database: str = "postgres") -> str:
        """Return the SQLAlchemy URL of ``database`` on this server."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self, prefix: str = "portal") -> str:
        """Create an empty database; return its SQLAlchemy URL."""
        with self._lock:
            self._count += 1
            name = f"{prefix}_{os.getpid()}_{self._count}"
        with self._connect() as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def _connect(self, database: str = "postgres") -> psycopg.Connection[Any]:
        import psycopg  # the [postgres] extra; imported here so SQLite-only runs need not have it

        dsn = f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"
        return psycopg.connect(dsn, autocommit=True)

    def borrow(self) -> str:
        """Return the URL of an empty database: one given back and emptied, else a new one.

        Emptying a used database (``give_back``) costs about a third of a new one with the
        portal's schema made in it (measured: 14 ms + 35 ms against 113 ms), and a test suite
        asks for hundreds.
        """
        with self._lock:
            name = self._emptied.pop() if self._emptied else None
        return self.url(name) if name else self.new_database()

    def give_back(self, urls: Sequence[str]) -> None:
        """Empty borrowed databases (rows gone, ids from 1) so that ``borrow()`` can lend them.

        Their clients must be done: any connection still open to them is ended first. A
        database that cannot be emptied is dropped instead, so it is never lent dirty.
        """
        for url in urls:
            name = url.rsplit("/", 1)[1]
            try:
                with self._connect() as admin:
                    admin.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = %s AND pid <> pg_backend_pid()",
                        (name,),
                    )
                with self._connect(name) as connection:
                    tables = [
                        row[0]
                        for row in connection.execute(
                            "SELECT quote_ident(tablename) FROM pg_tables "
                            "WHERE schemaname = 'public'"
                        )
                    ]
                    if tables:
                        connection.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
            except Exception:  # whatever went wrong, it is never lent again
                with contextlib.suppress(Exception), self._connect() as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                continue
            with self._lock:
                self._emptied.append(name)

    def stop(self) -> None:
        """Stop the server at once and remove its folder."""
        if self.folder is None:
            return
        if (self.data_dir / "postmaster.pid").exists():
            pg_ctl = str(self._bindir / "pg_ctl")
            self._run(pg_ctl, "stop", "--pgdata", str(self.data_dir), "--mode", "immediate")
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def __enter__(self) -> ThrowawayPostgres:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def throwaway_database() -> Iterator[str]:
    """Yield the URL of an empty database on a server started here, removed afterwards."""
    with ThrowawayPostgres() as server:
        yield server.new_database()


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command with ``$DATABASE_URL`` naming a fresh database of a throwaway server."""
    parser = argparse.ArgumentParser(
        prog="python -m e2e.harness.postgres",
        description="Run COMMAND with DATABASE_URL set to an empty database of a throwaway "
        "PostgreSQL server on 127.0.0.1, removed when COMMAND ends.",
    )
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command (after --)")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("say which command to run, after --")
    try:
        with throwaway_database() as url:
            print(f"[postgres] DATABASE_URL={url}", file=sys.stderr)
            return subprocess.call(command, env={**os.environ, "DATABASE_URL": url})
    except PostgresUnavailable as problem:
        print(f"[postgres] {problem}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
