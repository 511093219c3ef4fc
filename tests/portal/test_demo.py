"""The demo page: where a visitor lands, and its login that never sends anyone off the portal."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient

from tests.support.actions import AuthActions


def test_demo_page_and_root(client: FlaskClient, auth: AuthActions) -> None:
    assert client.get("/").location == "/demo/"
    auth.person("invited")
    assert client.get("/").location == "/me"
    assert client.get("/demo/").status_code == 200


@pytest.mark.parametrize(
    "next_page",
    [
        "//evil.example",
        "https://evil.example/",
        "/\\evil.example",
        "/\t/evil.example",
    ],
)
def test_the_demo_login_never_sends_you_off_the_portal(
    client: FlaskClient, auth: AuthActions, next_page: str
) -> None:
    person = auth.create("invited")
    response = client.post(f"/demo/login/{person['id']}", data={"next": next_page})
    assert response.status_code == 302
    location = urlsplit(response.location)
    assert (location.scheme, location.netloc) == ("", "")
    assert not response.location.startswith("//")


@pytest.mark.parametrize("next_page", ["/\n", "/me\r\nSet-Cookie: x=1"])
def test_a_line_break_in_the_demo_logins_next_is_no_server_error(
    client: FlaskClient, auth: AuthActions, next_page: str
) -> None:
    person = auth.create("invited")
    response = client.post(f"/demo/login/{person['id']}", data={"next": next_page})
    assert response.status_code < 500
