"""The portal's forms (issue 6): state changes only on POST, and only with the form's own token.

A GET of any route, a form's action included, changes nothing; each form refuses a post without
its anti-forgery token, with a forged one, another browser's or one from before a login.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from e2e.harness.api import PREFIX
from tests.portal.forms import FORM_IDS, FORMS, Form, prepare
from tests.support.actions import AuthActions, ClosureActions, ControlActions, FormActions
from tests.support.snapshot import Snapshot

EXPIRED = "页面已过期"  # the anti-forgery refusal's page


# ---------------------------------------------------------------- every form of the portal


def test_every_form_is_listed(app: Flask) -> None:
    """Each route that takes a POST (the test API aside) has its form in FORMS."""
    posting = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "POST" in (rule.methods or ()) and not rule.rule.startswith(PREFIX)
    }
    assert posting == set(FORM_IDS)


# ---------------------------------------------------------------- a GET never changes state


@pytest.mark.parametrize("form", FORMS, ids=FORM_IDS)
def test_a_get_of_a_form_action_changes_nothing(
    client: FlaskClient, control: ControlActions, form: Form
) -> None:
    prepared = prepare(client, form)
    before = Snapshot.of(client)
    person_before = control.state(prepared.person)

    response = client.get(prepared.action)

    assert response.status_code < 500
    assert Snapshot.of(client) == before
    assert control.state(prepared.person) == person_before


def test_no_get_changes_anything(
    app: Flask, client: FlaskClient, auth: AuthActions, closure: ClosureActions
) -> None:
    """Every GET route, each of a person's closure URLs included, only reads."""
    person = auth.person("invited")
    token = closure.walk(person, "face")
    before = Snapshot.of(client)
    seen = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()) or rule.rule.startswith((PREFIX, "/static")):
            continue
        url = rule.rule.replace("<token>", token)
        response = client.get(url)
        assert response.status_code < 500, url
        seen.append(url)
    assert Snapshot.of(client) == before
    assert f"/weilidai/closure/{token}/face" in seen


# ---------------------------------------------------------------- anti-forgery tokens


@pytest.fixture
def csrf_app(make_app: Callable[..., Flask]) -> Flask:
    """Create a portal that checks anti-forgery tokens, its clock frozen at its start."""
    app = make_app(WTF_CSRF_ENABLED=True)
    assert app.test_client().post(f"{PREFIX}/reset").status_code == 200  # JSON API: exempt
    return app


@pytest.mark.parametrize("form", FORMS, ids=FORM_IDS)
def test_each_form_needs_its_own_anti_forgery_token(csrf_app: Flask, form: Form) -> None:
    client = csrf_app.test_client()
    prepared = prepare(client, form)
    own = FormActions(client).csrf_token(prepared.page)
    someone_elses = FormActions(csrf_app.test_client()).csrf_token("/demo/")
    before = Snapshot.of(client)

    for sent in ({}, {"csrf_token": "forged"}, {"csrf_token": someone_elses}):
        response = client.post(prepared.action, data={**prepared.fields, **sent})
        assert response.status_code == 400, sent
        assert EXPIRED in response.get_data(as_text=True)
        assert Snapshot.of(client) == before, sent

    response = client.post(prepared.action, data={**prepared.fields, "csrf_token": own})
    assert response.status_code < 400
    assert form.worked(before, Snapshot.of(client))


def test_a_token_from_before_a_login_is_refused_after_it(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    auth = AuthActions(client)
    auth.person("invited")
    old = FormActions(client).csrf_token("/weilidai/kefu")
    auth.person("invited")
    before = Snapshot.of(client)

    response = client.post("/weilidai/kefu", data={"message": "你好", "csrf_token": old})

    assert response.status_code == 400
    assert EXPIRED in response.get_data(as_text=True)
    assert Snapshot.of(client) == before
