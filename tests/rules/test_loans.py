"""Tests for loans: what is owed, daily interest and penalty, a recent unpaid loan (domain.loans).

The domain is duck-typed (``LoanLike`` is a Protocol), so a small dataclass stands in for the
store's ``Loan`` row. Each part of a loan (principal, interest, penalty) keeps what was charged
and what repaid it; ``pay`` splits a repayment over the parts when it is made (test_loans_pay.py;
properties over generated loans: test_loans_properties.py).
"""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mock_portal.domain.loans import (
    Breakdown,
    accrue,
    is_overdue,
    is_recent_unpaid,
    outstanding,
    pay,
    repaid,
    total_outstanding,
)
from mock_portal.store import Loan
from tests.rules.fakes import BORROWED_AT, DUE_ON, FakeLoan

# ---------------------------------------------------------------- outstanding


@pytest.mark.parametrize(
    ("repaid_parts", "owed"),
    [
        ({}, Breakdown(principal_fen=10_000, interest_fen=500, penalty_fen=200)),
        (
            {"penalty_repaid_fen": 1},
            Breakdown(principal_fen=10_000, interest_fen=500, penalty_fen=199),
        ),
        (
            {"interest_repaid_fen": 1},
            Breakdown(principal_fen=10_000, interest_fen=499, penalty_fen=200),
        ),
        (
            {"principal_repaid_fen": 1},
            Breakdown(principal_fen=9_999, interest_fen=500, penalty_fen=200),
        ),
        (
            {"principal_repaid_fen": 10_000, "interest_repaid_fen": 500},
            Breakdown(penalty_fen=200),  # a part repaid never pays another part
        ),
        (
            {"principal_repaid_fen": 10_000, "interest_repaid_fen": 500, "penalty_repaid_fen": 200},
            Breakdown(),
        ),
    ],
)
def test_outstanding_is_each_part_charged_less_its_repayments(
    repaid_parts: dict[str, int], owed: Breakdown
) -> None:
    loan = FakeLoan(principal_fen=10_000, interest_fen=500, penalty_fen=200, **repaid_parts)
    assert outstanding(loan) == owed


def test_outstanding_does_not_change_the_loan() -> None:
    loan = FakeLoan(
        principal_fen=10_000,
        interest_fen=500,
        penalty_fen=200,
        interest_repaid_fen=100,
        penalty_repaid_fen=200,
    )
    before = copy.copy(loan)
    outstanding(loan)
    assert loan == before


def test_repaid_is_every_part_together() -> None:
    loan = FakeLoan(
        principal_fen=10_000,
        interest_fen=500,
        penalty_fen=200,
        principal_repaid_fen=4_000,
        interest_repaid_fen=500,
        penalty_repaid_fen=200,
    )
    assert repaid(loan) == 4_700
    assert repaid(FakeLoan(principal_fen=10_000)) == 0


def test_store_loan_repaid_fen_is_the_read_only_total() -> None:
    loan = Loan(principal_repaid_fen=1, interest_repaid_fen=20, penalty_repaid_fen=300)
    assert loan.repaid_fen == 321 == repaid(loan)
    with pytest.raises(AttributeError):
        loan.repaid_fen = 0  # type: ignore[misc]  # read-only: the point of the test


def test_breakdown_total_and_sum() -> None:
    one = Breakdown(principal_fen=1, interest_fen=20, penalty_fen=300)
    two = Breakdown(principal_fen=4_000, interest_fen=50_000, penalty_fen=600_000)
    assert one.total_fen == 321
    assert one + two == Breakdown(principal_fen=4_001, interest_fen=50_020, penalty_fen=600_300)
    assert Breakdown().total_fen == 0


def test_total_outstanding_adds_every_loan() -> None:
    loans = [
        FakeLoan(  # ¥0.01 left
            principal_fen=300_000,
            interest_fen=9_000,
            principal_repaid_fen=299_999,
            interest_repaid_fen=9_000,
        ),
        FakeLoan(principal_fen=200_000, interest_fen=1_000),
        FakeLoan(  # settled
            principal_fen=500_000,
            interest_fen=37_500,
            principal_repaid_fen=500_000,
            interest_repaid_fen=37_500,
        ),
    ]
    assert total_outstanding(loans) == Breakdown(principal_fen=200_001, interest_fen=1_000)
    assert total_outstanding(loans).total_fen == 201_001


def test_total_outstanding_of_no_loans_is_zero() -> None:
    assert total_outstanding([]) == Breakdown()


# ---------------------------------------------------------------- accrue


@pytest.mark.requirement("MONEY-DAILY-INTEREST")
def test_accrue_charges_daily_interest_on_principal_owed() -> None:
    loan = FakeLoan(principal_fen=200_000)  # 0.05 % a day: ¥1.00
    overdue_days = accrue(loan, BORROWED_AT.date() + timedelta(days=10))
    assert loan.interest_fen == 10 * 100
    assert loan.penalty_fen == 0
    assert overdue_days == []
    assert loan.accrued_through == date(2026, 6, 11)


def test_accrue_rounds_each_day_down_to_the_fen() -> None:
    """¥1,234.57 earns 61.7285 fen a day: 61 fen each day, not 617 over ten days."""
    loan = FakeLoan(principal_fen=123_457)
    accrue(loan, BORROWED_AT.date() + timedelta(days=10))
    assert loan.interest_fen == 610


def test_accrue_does_not_charge_the_day_already_accrued() -> None:
    loan = FakeLoan(principal_fen=200_000)
    accrue(loan, BORROWED_AT.date())
    assert loan.interest_fen == 0


def test_penalty_only_after_the_due_date() -> None:
    loan = FakeLoan(principal_fen=200_000, accrued_through=DUE_ON - timedelta(days=2))
    assert accrue(loan, DUE_ON) == []
    assert loan.penalty_fen == 0
    assert loan.interest_fen == 200

    overdue_days = accrue(loan, DUE_ON + timedelta(days=3))
    assert overdue_days == [DUE_ON + timedelta(days=n) for n in (1, 2, 3)]
    assert loan.penalty_fen == 3 * 150  # 1.5 x the daily rate on overdue principal
    assert loan.interest_fen == 200 + 3 * 100  # interest keeps running while overdue


def test_is_overdue_only_after_due_date_with_something_owed() -> None:
    assert not is_overdue(FakeLoan(principal_fen=1), DUE_ON)
    assert is_overdue(FakeLoan(principal_fen=1), DUE_ON + timedelta(days=1))
    penalty_only = FakeLoan(principal_fen=100, penalty_fen=1, principal_repaid_fen=100)
    assert not is_overdue(penalty_only, DUE_ON)
    assert is_overdue(penalty_only, DUE_ON + timedelta(days=1))
    settled = FakeLoan(
        principal_fen=100, interest_fen=5, principal_repaid_fen=100, interest_repaid_fen=5
    )
    assert not is_overdue(settled, DUE_ON + timedelta(days=1))


@pytest.mark.parametrize(
    "loan",
    [
        FakeLoan(
            principal_fen=200_000,
            interest_fen=1_000,
            principal_repaid_fen=200_000,
            interest_repaid_fen=1_000,
        ),
        FakeLoan(
            principal_fen=200_000,
            interest_fen=1_000,
            penalty_fen=37,
            principal_repaid_fen=200_000,
            interest_repaid_fen=1_000,
            penalty_repaid_fen=37,
        ),
    ],
)
@pytest.mark.requirement("MONEY-DAILY-INTEREST")
def test_nothing_accrues_once_principal_is_repaid(loan: FakeLoan) -> None:
    charged = (loan.interest_fen, loan.penalty_fen)
    overdue_days = accrue(loan, DUE_ON + timedelta(days=30))
    assert (loan.interest_fen, loan.penalty_fen) == charged
    assert overdue_days == []
    assert outstanding(loan) == Breakdown()


def test_nothing_accrues_after_an_overpayment() -> None:
    """Paying more than owed settles the loan; the excess is handed back, never stored."""
    loan = FakeLoan(principal_fen=200_000, accrued_through=DUE_ON)
    assert pay([loan], 250_000) == 50_000
    assert (loan.principal_repaid_fen, loan.interest_repaid_fen, loan.penalty_repaid_fen) == (
        200_000,
        0,
        0,
    )
    assert accrue(loan, DUE_ON + timedelta(days=30)) == []
    assert (loan.interest_fen, loan.penalty_fen) == (0, 0)
    assert outstanding(loan) == Breakdown()


def test_accrue_is_idempotent_for_the_same_day() -> None:
    loan = FakeLoan(principal_fen=200_000, accrued_through=DUE_ON)
    first = accrue(loan, DUE_ON + timedelta(days=5))
    after_first = copy.copy(loan)
    assert accrue(loan, DUE_ON + timedelta(days=5)) == []
    assert loan == after_first
    assert len(first) == 5


def test_accrue_never_goes_back_in_time() -> None:
    loan = FakeLoan(principal_fen=200_000, accrued_through=DUE_ON)
    assert accrue(loan, DUE_ON - timedelta(days=3)) == []
    assert loan.accrued_through == DUE_ON
    assert loan.interest_fen == 0


def test_a_fen_of_principal_earns_nothing_but_stays_overdue() -> None:
    """The ¥0.01 case: no interest or penalty on one fen, yet every overdue day is reported."""
    loan = FakeLoan(
        principal_fen=300_000,
        interest_fen=9_000,
        principal_repaid_fen=299_999,
        interest_repaid_fen=9_000,
        accrued_through=DUE_ON,
    )
    assert accrue(loan, DUE_ON + timedelta(days=2)) == [
        DUE_ON + timedelta(days=1),
        DUE_ON + timedelta(days=2),
    ]
    assert outstanding(loan) == Breakdown(principal_fen=1)


def test_interest_after_a_partial_repayment_is_owed_as_interest() -> None:
    """Interest charged after a repayment never turns into principal (nor earns interest)."""
    loan = FakeLoan(principal_fen=200_000)
    assert pay([loan], 100_000) == 0  # half the principal paid back
    accrue(loan, BORROWED_AT.date() + timedelta(days=1))
    assert outstanding(loan) == Breakdown(principal_fen=100_000, interest_fen=50)
    accrue(loan, BORROWED_AT.date() + timedelta(days=2))
    assert outstanding(loan) == Breakdown(principal_fen=100_000, interest_fen=100)


def test_charges_after_a_repayment_are_owed_as_themselves() -> None:
    """An overdue loan paid down in part: the next day's interest and 罚息 are owed as such."""
    loan = FakeLoan(
        principal_fen=200_000, interest_fen=6_000, penalty_fen=300, accrued_through=DUE_ON
    )
    assert pay([loan], 106_300) == 0  # penalty, interest, then ¥1,000.00 of principal
    assert outstanding(loan) == Breakdown(principal_fen=100_000)
    accrue(loan, DUE_ON + timedelta(days=1))
    assert outstanding(loan) == Breakdown(principal_fen=100_000, interest_fen=50, penalty_fen=75)
    assert (loan.principal_repaid_fen, loan.interest_repaid_fen, loan.penalty_repaid_fen) == (
        100_000,
        6_000,
        300,
    )


def test_penalty_charged_after_everything_due_was_paid_is_owed_alone() -> None:
    """The overdue_penalty scenario: principal and interest repaid, ¥2.37 of 罚息 still owed."""
    loan = FakeLoan(
        principal_fen=200_000,
        interest_fen=6_000,
        principal_repaid_fen=200_000,
        interest_repaid_fen=6_000,
    )
    loan.penalty_fen += 237
    assert outstanding(loan) == Breakdown(penalty_fen=237)
    assert is_overdue(loan, DUE_ON + timedelta(days=1))  # a fen of 罚息 is still overdue
    assert pay([loan], 237) == 0
    assert outstanding(loan) == Breakdown()


@given(
    principal_fen=st.integers(min_value=0, max_value=10**8),
    start_offset=st.integers(min_value=-20, max_value=20),
    days=st.integers(min_value=0, max_value=40),
)
def test_accrue_in_one_go_equals_day_by_day(
    principal_fen: int, start_offset: int, days: int
) -> None:
    start = DUE_ON + timedelta(days=start_offset)
    at_once = FakeLoan(principal_fen=principal_fen, accrued_through=start)
    daily = FakeLoan(principal_fen=principal_fen, accrued_through=start)
    overdue_at_once = accrue(at_once, start + timedelta(days=days))
    overdue_daily = []
    for n in range(1, days + 1):
        overdue_daily += accrue(daily, start + timedelta(days=n))
    assert at_once == daily
    assert overdue_at_once == overdue_daily


# ---------------------------------------------------------------- recent unpaid (abnormal)


@pytest.mark.parametrize(
    ("age", "recent"),
    [
        (timedelta(0), True),
        (timedelta(days=10), True),
        (timedelta(days=29, hours=23), True),
        (timedelta(days=29, hours=23, minutes=59, seconds=59), True),
        (timedelta(days=30), False),
        (timedelta(days=30, seconds=1), False),
        (timedelta(days=60), False),
    ],
)
@pytest.mark.requirement("CLOSE-OPTION-MISSING-ABNORMAL")
def test_is_recent_unpaid_is_the_last_30_days(age: timedelta, recent: bool) -> None:
    loan = FakeLoan(principal_fen=200_000)
    assert is_recent_unpaid(loan, BORROWED_AT + age) is recent


def test_a_repaid_recent_loan_is_not_abnormal() -> None:
    loan = FakeLoan(
        principal_fen=200_000,
        interest_fen=100,
        principal_repaid_fen=200_000,
        interest_repaid_fen=100,
    )
    assert not is_recent_unpaid(loan, BORROWED_AT + timedelta(days=1))


def test_one_fen_left_on_a_recent_loan_is_still_unpaid() -> None:
    loan = FakeLoan(
        principal_fen=200_000,
        interest_fen=100,
        principal_repaid_fen=199_999,
        interest_repaid_fen=100,
    )
    assert is_recent_unpaid(loan, BORROWED_AT + timedelta(days=1))


# ---------------------------------------------------------------- 罚息 in whole fen


def test_penalty_rate_is_rounded_down_to_a_whole_ppm_before_it_is_charged() -> None:
    """333 ppm a day makes a 罚息 rate of 499 ppm (1.5 x, rounded down), never 499.5."""
    loan = FakeLoan(principal_fen=1_000_000, daily_rate_ppm=333, accrued_through=DUE_ON)
    assert accrue(loan, DUE_ON + timedelta(days=1)) == [DUE_ON + timedelta(days=1)]
    assert loan.interest_fen == 333
    assert loan.penalty_fen == 499
    assert type(loan.penalty_fen) is int  # money is integer fen, never float


def test_penalty_stays_integer_fen_at_the_default_rate() -> None:
    loan = FakeLoan(principal_fen=200_000, accrued_through=DUE_ON)
    accrue(loan, DUE_ON + timedelta(days=2))
    assert loan.penalty_fen == 2 * 150
    assert type(loan.penalty_fen) is int
