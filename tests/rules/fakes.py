"""Stand-ins for store rows in the domain's unit tests (the domain is duck-typed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

BORROWED_AT = datetime(2026, 6, 1, 10, 0)
DUE_ON = date(2026, 12, 1)
NOW = datetime(2026, 11, 23, 10, 0)  # the portal clock's start, a Monday


@dataclass
class FakeLoan:
    """A loan as the rules see it: charges, repayments of each part, rate and dates.

    By default it was borrowed on 2026-06-01, is due on 2026-12-01 and has accrued nothing yet;
    tests that need another age pass the dates.
    """

    principal_fen: int
    interest_fen: int = 0
    penalty_fen: int = 0
    principal_repaid_fen: int = 0
    interest_repaid_fen: int = 0
    penalty_repaid_fen: int = 0
    daily_rate_ppm: int = 500
    borrowed_at: datetime = BORROWED_AT
    due_on: date = DUE_ON
    accrued_through: date = BORROWED_AT.date()


@dataclass
class FakeCounters:
    """A person's identity-check counters as the rules see them: password and face attempts."""

    pw_failures: int = 0
    pw_locked_until: datetime | None = None
    face_failures: int = 0
    face_retry_at: datetime | None = None


@dataclass
class FakeSms:
    """One SMS code as the rules see it, sent at ``sent_at``."""

    code: str
    sent_at: datetime
    used: bool = False
    voided: bool = False
