"""Input nobody should type: refused on the screen, no 5xx, no markup, and nothing changed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from werkzeug.test import TestResponse

from e2e.harness.api import PortalApi
from mock_portal import create_app
from tests.portal.forms import FORMS_BY_ENDPOINT, prepare
from tests.support.actions import AuthActions, ClosureActions, ControlActions
from tests.support.portal import portal_config
from tests.support.snapshot import Snapshot

# ---------------------------------------------------------------- input typed on screens


@pytest.mark.parametrize("typed", ["１２３４５６", "٠٤٢٩١٧", "12345", "abcdef"])
def test_a_malformed_sms_code_is_refused_on_the_screen(
    client: FlaskClient,
    auth: AuthActions,
    control: ControlActions,
    closure: ClosureActions,
    typed: str,
) -> None:
    person = auth.person("invited")
    token = closure.walk(person, "sms_sent")

    response = client.post(f"/weilidai/closure/{token}/sms", data={"sms_code": typed})

    assert response.status_code == 200
    assert "请输入6位数字验证码" in response.get_data(as_text=True)
    code = control.last_sms(person)
    response = client.post(f"/weilidai/closure/{token}/sms", data={"sms_code": code})
    assert response.location == f"/weilidai/closure/{token}/face"


@pytest.mark.parametrize("typed", ["", "abc", "0.001", "-5", "٥٠٠", "1000000000"])
def test_a_malformed_amount_borrows_nothing(
    client: FlaskClient, auth: AuthActions, control: ControlActions, typed: str
) -> None:
    person = auth.person("invited")
    response = client.post("/weilidai/borrow", data={"amount": typed})
    assert response.status_code == 200
    assert "请输入正确的金额" in response.get_data(as_text=True)
    assert control.state(person)["loans"] == 1


# ---------------------------------------------------------------- garbage in every form field

SCRIPT = "<script>alert(1)</script>"
# Every field a form of the portal reads, by the form's endpoint.
GARBAGE_FIELDS = [
    ("weilidai.repay", "payment_password"),
    ("weilidai.borrow", "amount"),
    ("closure.start", "acknowledged"),
    ("closure.password", "payment_password"),
    ("closure.sms", "sms_code"),
    ("help.kefu", "message"),
    ("help.notifications", "opt_out"),
    ("help.pause_guide", "confirm"),
    ("help.language", "language"),
    ("demo.login", "next"),  # read by the view though the demo page has no input for it
]
GET_FORM_FIELDS = {"q"}  # 帮助中心's search box: a GET form that only reads
VIEW_ONLY_FIELDS = {"next"}  # read by a view, on no page


def test_every_form_field_is_fed_garbage() -> None:
    """Each input of each template's forms is in GARBAGE_FIELDS."""
    templates = Path(create_app.__code__.co_filename).parent / "templates"
    named = {
        name
        for template in templates.rglob("*.html")
        for name in re.findall(
            r'<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"', template.read_text("utf-8")
        )
    }
    listed = {name for _, name in GARBAGE_FIELDS}
    assert named - {"csrf_token"} - GET_FORM_FIELDS == listed - VIEW_ONLY_FIELDS


GARBAGE = st.one_of(
    st.text(),
    st.sampled_from(
        [
            "",
            " ",
            SCRIPT,
            '"><img src=x onerror=alert(1)>',
            "' OR 1=1 --",
            "\x00",
            "１２３４５６",
            "٠٤٢٩١٧",
            "9" * 10_000,
            SCRIPT * 400,
        ]
    ),
    st.tuples(st.text(max_size=8), st.text(max_size=8)).map(lambda ends: SCRIPT.join(ends)),
    st.text(min_size=1, max_size=4).map(lambda piece: piece * 1_500),
)
# Line breaks and tabs in the demo login's `next` have their own deterministic tests (in
# test_demo.py); the generated pages leave them out so every example exercises the rest of
# that form.
LINE_BREAKS = str.maketrans("", "", "\t\r\n")


@pytest.fixture(scope="module")
def garbage_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """Create one portal for every generated example; each example seeds its own person."""
    app = create_app(portal_config(tmp_path_factory.mktemp("garbage") / "portal.db"))
    PortalApi.over_flask(app.test_client()).reset()
    yield app
    app.extensions["store_engine"].dispose()


def shows_an_error(response: TestResponse) -> bool:
    """Say whether the response refuses: an error status or an alert on the screen."""
    return response.status_code >= 400 or 'role="alert"' in response.get_data(as_text=True)


@pytest.mark.parametrize(("endpoint", "name"), GARBAGE_FIELDS)
@settings(max_examples=20, deadline=None)  # nine fields: the file stays under 30 s
@given(typed=GARBAGE)
@example(typed=SCRIPT)
@example(typed="")
def test_garbage_in_any_form_field_is_refused_cleanly(
    garbage_app: Flask, endpoint: str, name: str, typed: str
) -> None:
    if endpoint == "demo.login":
        typed = "/" + typed.translate(LINE_BREAKS)
    client = garbage_app.test_client()
    control = ControlActions(client)
    prepared = prepare(client, FORMS_BY_ENDPOINT[endpoint])
    before = (control.state(prepared.person), Snapshot.of(client).counts())

    response = client.post(prepared.action, data={**prepared.fields, name: typed})

    shown = [response]
    if response.status_code in (301, 302, 303):
        location = urlsplit(response.location)
        assert (location.scheme, location.netloc) == ("", ""), response.location
        shown.append(client.get(response.location))
    for answer in shown:
        assert answer.status_code < 500, (answer.status_code, answer.request.path)
        assert SCRIPT not in answer.get_data(as_text=True)
    after = (control.state(prepared.person), Snapshot.of(client).counts())
    if any(shows_an_error(answer) for answer in shown):
        assert after == before
    elif endpoint == "help.kefu" and SCRIPT in typed:
        kefu = client.get("/weilidai/kefu").get_data(as_text=True)
        assert str(escape(SCRIPT)) in kefu  # stored, and shown as text
