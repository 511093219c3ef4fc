"""What the tests calling the portal's services directly share: the time, people, their notes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from mock_portal import services
from mock_portal.domain.verification import VerificationPolicy
from mock_portal.services import Refused
from mock_portal.store import Notification, Person
from weilidai_fixtures import LoanSpec, scenario

NOW = datetime(2026, 11, 23, 10, 0)  # the portal clock's start, a Monday
POLICY = VerificationPolicy()
ONE_FEN_OWED = LoanSpec(  # ¥0.01 of principal left on an old loan
    principal_fen=300_000, borrowed_days_ago=60, principal_repaid_fen=299_999
)


def person_in(db: Session, name: str = "invited", *loans: LoanSpec, **overrides: object) -> Person:
    """Create a person in the scenario ``name`` (its loans replaced when ``loans`` are given)."""
    spec = scenario(name, **overrides)  # type: ignore[arg-type]  # the overrides' own types
    if loans:
        spec = replace(spec, loans=loans)
    return services.create_person(db, spec, "A", NOW, {})


def notes(db: Session, person: Person) -> list[tuple[str, str, str]]:
    """Return the 服务通知 the person got, oldest first: kind, title and body."""
    rows = db.scalars(
        select(Notification).where(Notification.person_id == person.id).order_by(Notification.id)
    )
    return [(note.kind, note.title, note.body) for note in rows]


def refusal(error: pytest.ExceptionInfo[Refused]) -> str:
    """Return what a refusal says to the person."""
    return str(error.value)
