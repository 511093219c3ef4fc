"""One person, one account: nobody reaches another person's closure, loans or credit report."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from e2e.harness.api import PREFIX
from tests.support.actions import AuthActions, ClosureActions, ControlActions
from tests.support.snapshot import Snapshot


@pytest.fixture
def intruder(app: Flask) -> FlaskClient:
    """Return a second browser, signed in as a second person with an account of their own."""
    other = app.test_client()
    AuthActions(other).person("invited", name="乙某某")
    return other


@pytest.mark.parametrize("step", ["password", "sms_sent", "face", "done"])
def test_nobody_can_use_another_persons_closure_flow(
    client: FlaskClient,
    intruder: FlaskClient,
    auth: AuthActions,
    control: ControlActions,
    closure: ClosureActions,
    step: str,
) -> None:
    victim = auth.person("invited", name="甲某某")
    token = closure.walk(victim, step)
    flow = f"/weilidai/closure/{token}"
    code = control.last_sms(victim) if step != "password" else "000000"
    before = Snapshot.of(client)
    victim_before = control.state(victim)

    attempts = [
        ("GET", f"{flow}/password", {}),
        ("POST", f"{flow}/password", {"payment_password": victim["payment_password"]}),
        ("GET", f"{flow}/sms", {}),
        ("POST", f"{flow}/sms/send", {}),
        ("POST", f"{flow}/sms", {"sms_code": code}),
        ("GET", f"{flow}/face", {}),
        ("POST", f"{flow}/face", {}),
    ]
    for method, url, data in attempts:
        response = intruder.open(url, method=method, data=data)
        assert response.status_code == 404, (method, url, response.status_code)
        assert victim["name"] not in response.get_data(as_text=True)

    assert Snapshot.of(client).rows == before.rows
    assert control.state(victim) == victim_before


def test_another_persons_submitted_page_is_not_found(
    intruder: FlaskClient, auth: AuthActions, closure: ClosureActions
) -> None:
    victim = auth.person("invited", name="甲某某")
    token = closure.walk(victim, "done")
    assert intruder.get(f"/weilidai/closure/{token}/submitted").status_code == 404


def test_another_persons_submitted_page_shows_none_of_their_application(
    intruder: FlaskClient, auth: AuthActions, control: ControlActions, closure: ClosureActions
) -> None:
    victim = auth.person("invited", name="甲某某")
    token = closure.walk(victim, "done")
    reference = control.state(victim)["application"]["reference"]

    response = intruder.get(f"/weilidai/closure/{token}/submitted", follow_redirects=True)

    assert response.status_code == 404
    assert reference not in response.get_data(as_text=True)


def test_nobody_sees_another_persons_loans_or_credit_report(
    app: Flask, client: FlaskClient, intruder: FlaskClient, auth: AuthActions
) -> None:
    victim = auth.person("overdue_penalty", name="甲某某", phone="13912345678")
    assert client.post("/weilidai/borrow", data={"amount": "4321.09"}).status_code == 302
    victim_marks = [victim["name"], victim["phone"], "4,321.09", "2026-07"]

    loans = intruder.get("/weilidai/loans").get_data(as_text=True)
    report = intruder.get("/credit-report").get_data(as_text=True)
    assert loans.count("<article") == 1  # the intruder's own settled loan, nothing else
    assert report.count("<article") == 1
    assert re.findall(r'data-testid="overdue-history">([^<]*)<', report) == ["无"]
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()) or rule.arguments:
            continue
        if rule.rule.startswith(PREFIX) or rule.rule == "/demo/":  # not a person's screens
            continue
        page = intruder.get(rule.rule, follow_redirects=True).get_data(as_text=True)
        for mark in victim_marks:
            assert mark not in page, (rule.rule, mark)


def test_someone_elses_flow_is_not_found(
    client: FlaskClient, auth: AuthActions, closure: ClosureActions
) -> None:
    auth.person("invited")
    token = closure.start()
    auth.person("invited")
    assert client.get(f"/weilidai/closure/{token}/password").status_code == 404
