"""The closure record: viewed from the approval notice, and saved as a file of its own."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from mock_portal import services
from mock_portal.store import CreditRecord
from tests.support.actions import AuthActions, ClosureActions, ControlActions
from tests.support.services import NOW, person_in
from weilidai_fixtures import LoanSpec


@pytest.mark.requirement("AFTER-SAVE-RECORD")
def test_the_closure_record_saves_as_a_file_with_the_reference(
    client: FlaskClient, auth: AuthActions, control: ControlActions, closure: ClosureActions
) -> None:
    person = auth.person("invited")
    closure.apply(person)
    control.advance(days=2)
    reference = control.state(person)["application"]["reference"]
    shown = client.get("/weilidai/closure/record").get_data(as_text=True)
    assert 'href="/weilidai/closure/record/download" download>保存注销记录' in shown

    saved = client.get("/weilidai/closure/record/download")

    assert saved.status_code == 200
    assert saved.mimetype == "text/html"
    assert saved.headers["Content-Disposition"] == (
        f'attachment; filename="weilidai-closure-record-{reference}.html"'
    )
    page = saved.get_data(as_text=True)
    assert "微粒贷账户注销证明" in page and reference in page and "已注销" in page
    assert "<link" not in page and "<script" not in page  # one file that opens on its own


def test_there_is_no_record_to_save_before_the_closure_is_approved(
    client: FlaskClient, auth: AuthActions, closure: ClosureActions
) -> None:
    closure.apply(auth.person("invited"))
    assert client.get("/weilidai/closure/record/download").status_code == 404


# ---------------------------------------------------------------- the 征信 record


def test_overdue_days_add_their_months_to_the_credit_record_once(db: Session) -> None:
    overdue = LoanSpec(  # due yesterday, and a July already on the record
        principal_fen=100_000, borrowed_days_ago=100, term_days=99, overdue_months=("2026-07",)
    )
    person = person_in(db, "invited", overdue)
    record = db.scalar(select(CreditRecord).where(CreditRecord.person_id == person.id))
    assert record is not None and record.overdue_months == "2026-07"

    services.catch_up(db, datetime(2026, 12, 5, 10, 0))
    assert record.overdue_months == "2026-07,2026-11,2026-12"
    services.catch_up(db, datetime(2026, 12, 10, 10, 0))
    assert record.overdue_months == "2026-07,2026-11,2026-12"
    services.catch_up(db, datetime(2027, 1, 2, 10, 0))
    assert record.overdue_months == "2026-07,2026-11,2026-12,2027-01"


def test_a_scenarios_account_was_opened_before_its_oldest_loan(db: Session) -> None:
    person = person_in(db, "overdue_penalty")  # borrowed 200 days ago
    account = person.account
    assert account is not None
    assert account.opened_at == NOW - timedelta(days=400)
    assert all(account.opened_at < loan.borrowed_at for loan in account.loans)
