"""The session cookie: HttpOnly, SameSite=Lax, Secure over https, and new at every login."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from e2e.harness.api import PREFIX
from tests.support.actions import AuthActions


def session_cookie(response: TestResponse) -> set[str]:
    """Return the attributes of the session cookie the response sets, lower-cased."""
    headers = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")]
    assert len(headers) == 1, response.headers
    return {part.strip().lower() for part in headers[0].split(";")[1:]}


@pytest.mark.parametrize(
    ("base_url", "secure"), [("http://localhost", False), ("https://localhost", True)]
)
@pytest.mark.parametrize("login", ["test API", "demo page"])
def test_the_session_cookie_is_httponly_lax_and_secure_over_https(
    client: FlaskClient, auth: AuthActions, base_url: str, secure: bool, login: str
) -> None:
    person = auth.create("invited")
    if login == "test API":
        response = client.post(f"{PREFIX}/login", json={"user_id": person["id"]}, base_url=base_url)
    else:
        response = client.post(f"/demo/login/{person['id']}", base_url=base_url)
    changed = client.get("/me?variant=B", base_url=base_url)  # a screen that writes the session

    for answer in (response, changed):
        flags = session_cookie(answer)
        assert "httponly" in flags
        assert "samesite=lax" in flags
        assert ("secure" in flags) is secure


def session_of(client: FlaskClient) -> dict[str, Any]:
    """Return what the client's session cookie holds."""
    with client.session_transaction() as session:
        return dict(session)


@pytest.mark.parametrize("login", ["test API", "demo page"])
def test_a_login_starts_a_new_session(client: FlaskClient, auth: AuthActions, login: str) -> None:
    first = auth.create("outstanding_0_01")
    second = auth.create("invited")
    auth.login(first)
    sid = session_of(client)["sid"]
    client.get("/me?variant=B")
    client.post("/weilidai/repay", data={"payment_password": first["payment_password"]})
    assert {"variant", "repaid_fen"} <= session_of(client).keys()

    if login == "test API":
        auth.login(second)
    else:
        assert client.post(f"/demo/login/{second['id']}").status_code == 302

    session = session_of(client)
    assert session.keys() == {"person_id", "sid"}
    assert session["person_id"] == second["id"]
    assert session["sid"] != sid
    # The first person's repayment receipt is not the second person's to see.
    assert client.get("/weilidai/repay/done").location == "/weilidai/repay"


def test_logging_in_again_as_the_same_person_still_rotates_the_session(
    client: FlaskClient, auth: AuthActions
) -> None:
    person = auth.person("invited")
    sid = session_of(client)["sid"]
    auth.login(person)
    assert session_of(client)["sid"] != sid
