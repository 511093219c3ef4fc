"""Error pages: a plain screen of the portal's own; a crash changes nothing and is logged."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from e2e.harness.api import PortalApi
from mock_portal import services
from tests.support.actions import AuthActions
from tests.support.snapshot import Snapshot

LEAKS = ("Traceback", 'File "', "RuntimeError", "site-packages", "mock_portal/", "werkzeug")


def assert_plain_error_page(response: TestResponse, secret: str = "") -> None:
    """Assert the page is the portal's own error screen, with nothing of the code behind it."""
    page = response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    assert "返回首页" in page
    for leak in (*LEAKS, *([secret] if secret else [])):
        assert leak not in page, leak


def test_a_crash_shows_a_plain_error_page_and_changes_nothing(
    make_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(PROPAGATE_EXCEPTIONS=False)
    client = app.test_client()
    PortalApi.over_flask(client).reset()
    AuthActions(client).person("invited")
    secret = f"boom at {Path(services.__file__)} line 1"
    real_borrow = services.borrow

    def borrow_then_crash(*args: Any, **kwargs: Any) -> Any:
        real_borrow(*args, **kwargs)  # the loan is written ...
        raise RuntimeError(secret)  # ... and the request dies before it commits

    monkeypatch.setattr(services, "borrow", borrow_then_crash)
    before = Snapshot.of(client)

    response = client.post("/weilidai/borrow", data={"amount": "500"})

    assert response.status_code == 500
    assert_plain_error_page(response, secret)
    assert "系统繁忙" in response.get_data(as_text=True)
    assert Snapshot.of(client) == before


def test_a_crashing_screen_shows_a_plain_error_page(make_app: Callable[..., Flask]) -> None:
    app = make_app(PROPAGATE_EXCEPTIONS=False)
    secret = "KeyError in /srv/portal/views/wechat.py"

    def crash() -> str:
        raise KeyError(secret)

    app.view_functions["wechat.index"] = crash
    response = app.test_client().get("/")
    assert response.status_code == 500
    assert_plain_error_page(response, secret)


def test_a_crash_is_logged_for_the_operators(
    make_app: Callable[..., Flask], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="mock_portal")
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def crash() -> str:
        raise RuntimeError("boom")

    app.view_functions["wechat.index"] = crash
    assert app.test_client().get("/").status_code == 500
    assert [record for record in caplog.records if record.exc_info]


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/no/such/screen", 404),
        ("GET", f"/weilidai/closure/{'0' * 32}/sms/send", 405),
        ("POST", "/me", 405),
        ("POST", "/demo/login/999999", 404),
    ],
)
def test_http_errors_show_a_plain_error_page(
    client: FlaskClient, auth: AuthActions, method: str, url: str, status: int
) -> None:
    auth.person("invited")
    response = client.open(url, method=method)
    assert response.status_code == status
    assert_plain_error_page(response)
