"""Fixtures for testing the portal through Flask's test client, flaskr style."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_portal import clock, create_app, store


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Return a factory of portals in test mode, each with its own SQLite file."""
    made: list[Flask] = []

    def make(**config: Any) -> Flask:
        database = tmp_path / f"portal{len(made)}.db"
        # Forms are posted without their anti-forgery token here; tests/test_security.py turns
        # the check back on to test it.
        settings = {"WTF_CSRF_ENABLED": False, **config}
        app = create_app({"DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "t", **settings})
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


class AuthActions:
    """Create people through the test API and sign in as them (there is no UI login)."""

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def create(self, scenario: str = "invited", **fields: Any) -> dict[str, Any]:
        """Create a person in ``scenario`` (with overrides); return the test API's answer."""
        response = self._client.post("/__test__/users", json={"scenario": scenario, **fields})
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def login(self, person: dict[str, Any]) -> None:
        """Set the session cookie for ``person``."""
        response = self._client.post("/__test__/login", json={"user_id": person["id"]})
        assert response.status_code == 200, response.get_json()

    def person(self, scenario: str = "invited", **fields: Any) -> dict[str, Any]:
        """Create a person and sign in as them."""
        person = self.create(scenario, **fields)
        self.login(person)
        return person


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    """Return the helper that seeds people and signs in as them."""
    return AuthActions(client)
