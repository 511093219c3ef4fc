"""Loans: daily interest (按日计息), overdue penalty (罚息) and what is still owed, to the fen.

Interest and penalty are accrued day by day on the portal clock and stored on the loan, so a
balance never changes between two looks at the same moment. A repayment is split when it is
made: it pays the penalty charged so far, then the interest, then the principal (the usual order
of Chinese lenders), and each part's repaid amount is kept. A charge made later is owed afresh:
interest never turns into principal, and a day's 罚息 charged after someone paid what they saw
as due is still owed on its own — the article's "哪怕是一分钱".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from .money import apply_rate

DEFAULT_DAILY_RATE_PPM = 500  # 0.05 % a day, a typical Weilidai price
PENALTY_MULTIPLIER_PERCENT = 150  # 罚息 is 1.5 times the daily rate on overdue principal
RECENT_LOAN_DAYS = 30


class LoanLike(Protocol):
    principal_fen: int
    interest_fen: int
    penalty_fen: int
    principal_repaid_fen: int
    interest_repaid_fen: int
    penalty_repaid_fen: int
    daily_rate_ppm: int
    borrowed_at: datetime
    due_on: date
    accrued_through: date


@dataclass(frozen=True)
class Breakdown:
    """What is still owed on one loan or on several, split into its parts."""

    principal_fen: int = 0
    interest_fen: int = 0
    penalty_fen: int = 0

    @property
    def total_fen(self) -> int:
        """Return the whole amount owed."""
        return self.principal_fen + self.interest_fen + self.penalty_fen

    def __add__(self, other: Breakdown) -> Breakdown:
        return Breakdown(
            self.principal_fen + other.principal_fen,
            self.interest_fen + other.interest_fen,
            self.penalty_fen + other.penalty_fen,
        )


def outstanding(loan: LoanLike) -> Breakdown:
    """Return what is still owed on ``loan``: each part charged less what repaid it."""
    return Breakdown(
        principal_fen=loan.principal_fen - loan.principal_repaid_fen,
        interest_fen=loan.interest_fen - loan.interest_repaid_fen,
        penalty_fen=loan.penalty_fen - loan.penalty_repaid_fen,
    )


def repaid(loan: LoanLike) -> int:
    """Return everything repaid on ``loan``."""
    return loan.principal_repaid_fen + loan.interest_repaid_fen + loan.penalty_repaid_fen


def total_outstanding(loans: Sequence[LoanLike]) -> Breakdown:
    """Return the sum of what is owed on all ``loans``."""
    total = Breakdown()
    for loan in loans:
        total = total + outstanding(loan)
    return total


def is_overdue(loan: LoanLike, today: date) -> bool:
    """Say whether anything (a fen of penalty included) is still owed after the due date."""
    return today > loan.due_on and outstanding(loan).total_fen > 0


def accrue(loan: LoanLike, today: date) -> list[date]:
    """Charge each day's interest and penalty up to ``today``; return the overdue days charged."""
    overdue_days: list[date] = []
    day = loan.accrued_through + timedelta(days=1)
    while day <= today:
        principal_owed = outstanding(loan).principal_fen
        if principal_owed <= 0:
            break
        loan.interest_fen += apply_rate(principal_owed, loan.daily_rate_ppm)
        if day > loan.due_on:
            rate = loan.daily_rate_ppm * PENALTY_MULTIPLIER_PERCENT // 100
            loan.penalty_fen += apply_rate(principal_owed, rate)
            overdue_days.append(day)
        day += timedelta(days=1)
    loan.accrued_through = max(loan.accrued_through, today)
    return overdue_days


def pay(loans: Sequence[LoanLike], amount_fen: int) -> int:
    """Spread a repayment over ``loans`` oldest first; return the fen left over (0 normally)."""
    if amount_fen <= 0:
        raise ValueError("还款金额必须大于 0")
    left = amount_fen
    for loan in sorted(loans, key=lambda item: item.borrowed_at):
        owed = outstanding(loan)
        for part, due in (
            ("penalty", owed.penalty_fen),
            ("interest", owed.interest_fen),
            ("principal", owed.principal_fen),
        ):
            share = min(due, left)
            if share > 0:
                setattr(loan, f"{part}_repaid_fen", getattr(loan, f"{part}_repaid_fen") + share)
                left -= share
        if left == 0:
            break
    return left


def is_recent_unpaid(loan: LoanLike, now: datetime) -> bool:
    """Say whether a loan was borrowed in the last 30 days and is not repaid (abnormal account)."""
    recent = now - loan.borrowed_at < timedelta(days=RECENT_LOAN_DAYS)
    return recent and outstanding(loan).total_fen > 0
