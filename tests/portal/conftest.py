"""Fixtures of the portal tests: a real server of their own, and an English-speaking phone."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from e2e.harness.portal import start_portal


@pytest.fixture
def racing_portal(database_url: Callable[[], str]) -> Iterator[str]:
    """Start a threaded portal of this test's own on --database's store; return its base URL."""
    # start_portal quietens these loggers for the whole process; give them back afterwards.
    levels = {name: logging.getLogger(name).level for name in ("mock_portal", "werkzeug")}
    live = start_portal(database_url())
    assert urlsplit(live.url).hostname == "127.0.0.1"
    yield live.url
    live.stop()
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


@pytest.fixture
def en_client(client: FlaskClient) -> FlaskClient:
    """Return the test client as an English-speaking phone."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en-US,en;q=0.9"
    return client


@pytest.fixture
def db(app: Flask) -> Iterator[Session]:
    """Return a session on the test portal's store, for calling the services directly."""
    with app.extensions["store"]() as session:
        yield session
