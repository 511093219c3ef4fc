"""Stand-ins for store rows in the domain's unit tests (the domain is duck-typed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

BORROWED_AT = datetime(2026, 6, 1, 10, 0)
DUE_ON = date(2026, 12, 1)


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
