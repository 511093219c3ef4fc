"""The stores a portal started by the harness can run on: a SQLite file or a PostgreSQL database.

``--database`` chooses (docs/scale.md#postgresql); ``store_url`` turns a choice into the
``DATABASE_URL`` of a new, empty store.
"""

from __future__ import annotations

from pathlib import Path

from .postgres import ThrowawayPostgres

SQLITE = "sqlite"
POSTGRES = "postgres"
DATABASES = (SQLITE, POSTGRES)


def sqlite_url(path: Path) -> str:
    """Return the ``DATABASE_URL`` of the SQLite file at ``path``."""
    return f"sqlite:///{path}"


def store_url(database: str, folder: Path, server: ThrowawayPostgres | None = None) -> str:
    """Return the URL of a new, empty store: a file in ``folder``, or a database of ``server``."""
    if database == POSTGRES:
        if server is None:
            raise ValueError("a PostgreSQL store needs a running server")
        return server.new_database()
    if database != SQLITE:
        raise ValueError(f"unknown database {database!r}; one of {', '.join(DATABASES)}")
    folder.mkdir(parents=True, exist_ok=True)
    taken = len(list(folder.glob("portal*.sqlite3")))
    return sqlite_url(folder / f"portal{taken}.sqlite3")
