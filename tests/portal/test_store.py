"""The store on SQLite: the per-request checks read without waiting for a writer's lock."""

from __future__ import annotations

import sqlite3

import pytest
from flask import Flask
from sqlalchemy import func, select

from mock_portal import store
from mock_portal.store import Person


# SQLite's write lock is the subject: PostgreSQL readers never wait for a writer.
@pytest.mark.parametrize("database", ["sqlite"])
def test_read_only_reads_while_another_connection_holds_the_write_lock(app: Flask) -> None:
    # The fault and catch-up checks run on every request; they must not queue behind a writer.
    database = app.config["DATABASE_URL"].removeprefix("sqlite:///")
    writer = sqlite3.connect(database, isolation_level=None, timeout=0)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with app.test_request_context(), store.read_only() as connection:
            assert connection.scalar(select(func.count()).select_from(Person)) == 0
    finally:
        writer.rollback()
        writer.close()
