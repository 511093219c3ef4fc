"""The portal clock: what falls due as it runs (the test API moving it: test_test_api_clock.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from mock_portal.store import Account, ClockState, Loan
from tests.support.actions import AuthActions, ControlActions


@pytest.mark.requirement("MONEY-DAILY-INTEREST")
def test_clock_applies_daily_interest(auth: AuthActions, control: ControlActions) -> None:
    person = auth.create("recent_loan")  # ¥2,000 at 0.05 % a day
    control.advance(days=1)
    assert control.state(person)["outstanding"]["interest_fen"] == 1_000 + 100
    control.advance(hours=13)
    assert control.state(person)["outstanding"]["interest_fen"] == 1_100  # 23:00, same day
    control.advance(hours=1)
    assert control.state(person)["outstanding"]["interest_fen"] == 1_200


def test_a_screen_applies_what_fell_due_while_the_clock_ran(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    # A clock that runs (not frozen) crosses midnight between two requests: nobody called the
    # test API, so the next screen must charge the day's interest before it shows the balance.
    person = auth.person("recent_loan")  # ¥2,000 at 0.05 % a day, ¥10 interest so far
    with app.extensions["store"]() as db, db.begin():
        db.get(ClockState, 1).frozen_at = datetime(2026, 11, 24, 0, 30)
    assert client.get("/weilidai/").status_code == 200
    with app.extensions["store"]() as db:
        loan = db.scalars(select(Loan).join(Account).where(Account.person_id == person["id"])).one()
        assert (loan.accrued_through, loan.interest_fen) == (date(2026, 11, 24), 1_000 + 100)
