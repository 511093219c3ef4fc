"""Fixtures for testing the portal through Flask's test client, flaskr style.

``auth`` creates people and signs in as them, ``control`` reads and moves what only the test API
can (a person's state, the clock, the last SMS code) and ``closure`` walks the signed-in person
through the closure steps, each form posted as ``FormActions`` posts it (with its anti-forgery
token when the portal checks them). ``Snapshot.of(client)`` reads the whole store. Each helper
wraps one client; a test with a second browser wraps that one too:
``AuthActions(app.test_client()).person("invited")``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from e2e.harness.stores import sqlite_url
from mock_portal import clock, create_app, store
from mock_portal.store import Base
from mock_portal.views.testapi import NOT_STATE

CLOCK_START = "2026-11-23T10:00:00"  # the portal clock's default start, a Monday
TOKEN_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
FLOW_URL = re.compile(r"/weilidai/closure/([0-9a-f]{32})/password")
# The closure steps in order; a person can be taken to any of them.
CLOSURE_STEPS = ("consequences", "password", "sms", "sms_sent", "face", "done")


def portal_config(database: Path | str, **config: Any) -> dict[str, Any]:
    """Return the settings of a portal in test mode on ``database`` (a SQLite file or a URL)."""
    # Forms are posted without their anti-forgery token here; tests/portal/test_forms.py turns
    # the check back on to test it.
    settings = {"WTF_CSRF_ENABLED": False, **config}
    url = sqlite_url(database) if isinstance(database, Path) else database
    return {"DATABASE_URL": url, "SECRET_KEY": "t", **settings}


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


class ControlActions:
    """Ask the test API what no screen shows, and move the portal clock."""

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def state(self, person: dict[str, Any]) -> dict[str, Any]:
        """Return the person's state from the test API."""
        response = self._client.get(f"/__test__/users/{person['id']}")
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    def now(self) -> str:
        """Return the portal clock as ISO text."""
        response = self._client.get("/__test__/clock")
        assert response.status_code == 200, response.get_json()
        return response.get_json()["now"]

    def advance(self, **delta: float) -> str:
        """Move the portal clock forward (days=, hours=, minutes= or seconds=); return the time."""
        ((unit, amount),) = delta.items()
        return self._move_clock({f"advance_{unit}": amount})

    def set_now(self, moment: str) -> str:
        """Move the portal clock forward to ``moment`` (ISO); return the new time."""
        return self._move_clock({"now": moment})

    def last_sms(self, person: dict[str, Any]) -> str:
        """Return the last SMS code the portal sent to ``person``."""
        response = self._client.get(f"/__test__/sms/{person['id']}")
        assert response.status_code == 200, response.get_json()
        return response.get_json()["code"]

    def _move_clock(self, body: dict[str, Any]) -> str:
        response = self._client.post("/__test__/clock", json=body)
        assert response.status_code == 200, response.get_json()
        return response.get_json()["now"]


class FormActions:
    """Post the portal's forms as a person would, with the token the page's form carries."""

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def csrf_token(self, page: str) -> str:
        """Open ``page`` and return the anti-forgery token its form carries."""
        response = self._client.get(page)
        assert response.status_code == 200, (page, response.status_code)
        match = TOKEN_INPUT.search(response.get_data(as_text=True))
        assert match, f"no anti-forgery token on {page}"
        return match.group(1)

    def submit(self, page: str, fields: dict[str, str], action: str | None = None) -> TestResponse:
        """Post the form of ``page`` (to ``action``, else back to the page)."""
        data = dict(fields)
        if self._client.application.config["WTF_CSRF_ENABLED"]:  # else skip the page's GET
            data["csrf_token"] = self.csrf_token(page)
        return self._client.post(action or page, data=data)


class ClosureActions:
    """Take the signed-in person through the closure steps, each form posted as on the screen."""

    def __init__(self, client: FlaskClient) -> None:
        self._forms = FormActions(client)
        self._control = ControlActions(client)

    def start(self) -> str:
        """Tick the acknowledgement on the consequences page; return the new flow's token."""
        response = self._forms.submit("/weilidai/closure/", {"acknowledged": "yes"})
        assert response.status_code == 302, response.status_code
        match = FLOW_URL.fullmatch(response.location or "")
        assert match, response.location
        return match.group(1)

    def pass_password(self, token: str, person: dict[str, Any]) -> None:
        """Enter the person's payment password."""
        fields = {"payment_password": person["payment_password"]}
        self._post(token, "password", fields, lands_on="sms")

    def send_sms(self, token: str) -> None:
        """Ask for the SMS code."""
        self._post(token, "sms", {}, lands_on="sms", action="sms/send")

    def enter_sms(self, token: str, person: dict[str, Any]) -> None:
        """Type the SMS code the portal sent."""
        self._post(token, "sms", {"sms_code": self._control.last_sms(person)}, lands_on="face")

    def pass_face(self, token: str) -> None:
        """Pass the face check, which submits the application."""
        self._post(token, "face", {}, lands_on="submitted")

    def walk(self, person: dict[str, Any], step: str) -> str:
        """Take the person's closure as far as ``step`` (CLOSURE_STEPS); return the flow's token."""
        wanted = CLOSURE_STEPS.index(step)
        if wanted == 0:
            return ""
        token = self.start()
        moves: list[Callable[[], None]] = [
            lambda: self.pass_password(token, person),
            lambda: self.send_sms(token),
            lambda: self.enter_sms(token, person),
            lambda: self.pass_face(token),
        ]
        for move in moves[: wanted - 1]:
            move()
        return token

    def apply(self, person: dict[str, Any]) -> str:
        """Go through every closure step; return the flow's token."""
        return self.walk(person, "done")

    def _post(
        self,
        token: str,
        page: str,
        fields: dict[str, str],
        lands_on: str,
        action: str | None = None,
    ) -> None:
        flow = f"/weilidai/closure/{token}"
        response = self._forms.submit(f"{flow}/{page}", fields, action and f"{flow}/{action}")
        assert response.status_code == 302, (page, response.status_code)
        assert response.location == f"{flow}/{lands_on}", (page, response.location)


@dataclass(frozen=True)
class Snapshot:
    """Everything a request could change: every row of the store, and who is signed in."""

    rows: dict[str, list[dict[str, Any]]]
    signed_in_as: int | None

    @classmethod
    def of(cls, client: FlaskClient) -> Snapshot:
        """Read the whole store of the client's portal and the client's signed-in person."""
        with client.application.extensions["store"]() as db:
            rows = {
                table.name: [
                    dict(row._mapping)
                    for row in db.execute(select(table).order_by(*table.primary_key.columns))
                ]
                for table in Base.metadata.sorted_tables
                if table.name not in NOT_STATE
            }
        with client.session_transaction() as session:
            signed_in_as = session.get("person_id")
        return cls(rows, signed_in_as)

    def owed_fen(self) -> int:
        """Return what every loan in the store still owes, in fen."""
        return sum(
            loan["principal_fen"]
            + loan["interest_fen"]
            + loan["penalty_fen"]
            - loan["principal_repaid_fen"]
            - loan["interest_repaid_fen"]
            - loan["penalty_repaid_fen"]
            for loan in self.rows["loan"]
        )

    def count(self, table: str) -> int:
        """Return how many rows ``table`` holds."""
        return len(self.rows[table])

    def counts(self) -> dict[str, int]:
        """Return how many rows each table holds."""
        return {table: len(rows) for table, rows in self.rows.items()}

    def column(self, table: str, name: str) -> list[Any]:
        """Return one column of ``table``, in id order."""
        return [row[name] for row in self.rows[table]]


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
