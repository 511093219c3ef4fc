"""Fixtures for testing the portal through Flask's test client, flaskr style.

``auth`` creates people and signs in as them, ``control`` reads and moves what only the test API
can (a person's state, the clock, the last SMS code), ``closure`` walks the signed-in person
through the closure steps and ``forms`` posts a page's form as the page does; ``api`` is the one
client of the test API itself. The helpers live in tests/support/; ``Snapshot.of(client)``
(tests/support/snapshot.py) reads the whole store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from e2e.harness.api import PortalApi
from mock_portal import clock, create_app, store
from tests.support.actions import AuthActions, ClosureActions, ControlActions, FormActions
from tests.support.portal import portal_config


@pytest.fixture
def make_app(database_url: Callable[[], str]) -> Iterator[Callable[..., Flask]]:
    """Return a factory of portals in test mode, each with its own store (--database's)."""
    made: list[Flask] = []

    def make(**config: Any) -> Flask:
        app = create_app(portal_config(database_url(), **config))
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["store_engine"].dispose()


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    """Create a portal with the test API on and the clock frozen at its start."""
    app = make_app()
    # What POST /__test__/reset does, less dropping the tables create_app has just made.
    with app.app_context(), store.transaction() as db:
        clock.freeze(db, clock.parse_moment(app.config["CLOCK_START"]))
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client for the app."""
    return app.test_client()


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    """Return the helper that seeds people and signs in as them."""
    return AuthActions(client)


@pytest.fixture
def control(client: FlaskClient) -> ControlActions:
    """Return the helper that reads a person's state and moves the clock."""
    return ControlActions(client)


@pytest.fixture
def closure(client: FlaskClient) -> ClosureActions:
    """Return the helper that walks the signed-in person through the closure steps."""
    return ClosureActions(client)


@pytest.fixture
def forms(client: FlaskClient) -> FormActions:
    """Return the helper that posts a page's form with the token it carries."""
    return FormActions(client)


@pytest.fixture
def api(client: FlaskClient) -> PortalApi:
    """Return the test API's client over the test client (its session is the client's)."""
    return PortalApi.over_flask(client)
