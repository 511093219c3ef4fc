"""People as the scenarios build them: the seed's Faker people, their loans, reviews and details."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mock_portal import services
from mock_portal.store import CreditRecord
from tests.support.services import NOW, person_in
from weilidai_fixtures import LoanSpec, make_person, scenario
from weilidai_fixtures.people import DEFAULT_SEED

# ---------------------------------------------------------------- people as scenarios build them


def test_each_new_person_is_the_next_faker_person_of_the_seed(db: Session) -> None:
    people = [person_in(db), person_in(db, "paused")]
    for n, person in enumerate(people):
        data = make_person(DEFAULT_SEED + n)
        assert (person.name, person.phone) == (data.name, data.phone)
    assert [person.scenario for person in people] == ["invited", "paused"]


def test_a_scenarios_review_takes_its_working_days(db: Session) -> None:
    person = person_in(db, "closure_pending", review_working_days=3)
    application = services.latest_application(person.account)
    assert application is not None
    assert application.decide_at == datetime(2026, 11, 26, 10, 0)  # Monday + 3 working days


def test_a_closed_scenario_was_submitted_a_week_ago_and_approved_a_working_day_later(
    db: Session,
) -> None:
    person = person_in(db, "closed")
    application = services.latest_application(person.account)
    assert application is not None
    assert application.submitted_at == datetime(2026, 11, 16, 10, 0)  # the Monday before
    assert application.decided_at == datetime(2026, 11, 17, 10, 0)
    assert person.account is not None and person.account.closed_at == application.decided_at


def test_a_scenarios_loans_keep_every_repaid_part_and_every_overdue_month(db: Session) -> None:
    old = LoanSpec(
        principal_fen=200_000,
        borrowed_days_ago=500,
        term_days=60,
        penalty_fen=237,
        principal_repaid_fen=200_000,
        penalty_repaid_fen=237,
        overdue_months=("2025-10", "2025-09"),
    )
    person = person_in(db, "invited", old)
    account = person.account
    assert account is not None
    assert account.opened_at == NOW - timedelta(days=530)  # 30 days before the oldest loan
    assert services.state_of(person).owed.total_fen == 0
    record = db.scalar(select(CreditRecord).where(CreditRecord.person_id == person.id))
    assert record is not None and record.overdue_months == "2025-09,2025-10"


def test_a_persons_given_details_are_kept(db: Session) -> None:
    given = {"id_number": "11010519491231002X", "bank_card": "6222020200112345678"}
    person = services.create_person(db, scenario("invited"), "A", NOW, given)
    assert (person.id_number, person.bank_card) == (given["id_number"], given["bank_card"])
