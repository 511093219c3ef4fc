"""flaskr's ``AuthActions`` and its kin: a person's moves through one Flask test client.

``AuthActions`` creates people and signs in as them and ``ControlActions`` reads and moves what
only the test API can (a person's state, the clock, the last SMS code), both through the one
client of the test API, ``e2e.harness.api.PortalApi``, over the test client. ``FormActions``
posts a form as the page does (with its anti-forgery token when the portal checks them) and
``ClosureActions`` walks the signed-in person through the closure steps. A test with a second
browser wraps that one too: ``AuthActions(app.test_client()).person("invited")``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from e2e.harness.api import PortalApi

from .portal import CLOSURE_STEPS, FLOW_URL, TOKEN_INPUT


class AuthActions:
    """Create people through the test API and sign in as them (there is no UI login)."""

    def __init__(self, client: FlaskClient) -> None:
        self._api = PortalApi.over_flask(client)

    def create(self, scenario: str = "invited", **fields: Any) -> dict[str, Any]:
        """Create a person in ``scenario`` (with overrides); return the test API's answer."""
        return dict(self._api.create_user(scenario, **fields))

    def login(self, person: dict[str, Any]) -> None:
        """Set the session cookie for ``person``."""
        self._api.login(person["id"])

    def person(self, scenario: str = "invited", **fields: Any) -> dict[str, Any]:
        """Create a person and sign in as them."""
        person = self.create(scenario, **fields)
        self.login(person)
        return person


class ControlActions:
    """Ask the test API what no screen shows, and move the portal clock."""

    def __init__(self, client: FlaskClient) -> None:
        self._api = PortalApi.over_flask(client)

    def state(self, person: dict[str, Any]) -> dict[str, Any]:
        """Return the person's state from the test API."""
        return dict(self._api.state(person["id"]))

    def now(self) -> str:
        """Return the portal clock as ISO text."""
        return self._api.now()

    def advance(self, **delta: float) -> str:
        """Move the portal clock forward (days=, hours=, minutes= or seconds=); return the time."""
        return self._api.advance(**delta)

    def set_now(self, moment: str) -> str:
        """Move the portal clock forward to ``moment`` (ISO); return the new time."""
        return self._api.set_now(moment)

    def last_sms(self, person: dict[str, Any]) -> str:
        """Return the last SMS code the portal sent to ``person``."""
        return self._api.last_sms(person["id"])


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
