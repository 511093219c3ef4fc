"""Pausing 微粒贷 for 90 days: refused while money is owed, and over on the portal clock."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.conftest import AuthActions, ControlActions


def test_pause_ends_after_90_days(auth: AuthActions, control: ControlActions) -> None:
    person = auth.create("paused")  # paused 10 days ago
    control.advance(days=79)
    assert control.state(person)["status"] == "paused"
    assert control.state(person)["entry_visible"] is False
    control.advance(days=11)

    after = control.state(person)
    assert after["status"] == "active"
    assert after["entry_visible"] is True
    assert after["paused_until"] is None


def test_pause_ends_hidden_for_someone_no_longer_eligible(
    auth: AuthActions, control: ControlActions
) -> None:
    person = auth.create("paused", eligible_after_pause=False)
    control.advance(days=90)
    after = control.state(person)
    assert after["status"] == "paused"
    assert after["entry_visible"] is False


def test_a_fresh_pause_is_90_days_on_the_portal_clock(
    client: FlaskClient, auth: AuthActions, control: ControlActions
) -> None:
    person = auth.person("invited")
    response = client.post("/weilidai/help/pause", data={"confirm": "yes"})
    assert response.status_code == 200
    assert control.state(person)["paused_until"] == "2027-02-21T10:00:00"
    assert control.state(person)["entry_visible"] is False


def test_pause_refused_while_money_is_owed(
    client: FlaskClient, auth: AuthActions, control: ControlActions
) -> None:
    person = auth.person("outstanding_0_01")
    response = client.post("/weilidai/help/pause", data={"confirm": "yes"})
    assert "¥0.01" in response.get_data(as_text=True)
    after = control.state(person)
    assert after["status"] == "active"
    assert after["entry_visible"] is True
