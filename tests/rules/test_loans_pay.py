"""Paying a loan back: the order its parts are paid in, what a repayment refuses (docs/rules.md)."""

from __future__ import annotations

import copy
from datetime import datetime

import pytest

from mock_portal.domain.loans import (
    Breakdown,
    outstanding,
    pay,
    repaid,
    total_outstanding,
)
from tests.rules.fakes import FakeLoan

# ---------------------------------------------------------------- pay


@pytest.mark.parametrize(
    ("amount_fen", "owed", "left_fen"),
    [
        (1, Breakdown(principal_fen=10_000, interest_fen=500, penalty_fen=199), 0),
        (200, Breakdown(principal_fen=10_000, interest_fen=500, penalty_fen=0), 0),
        (201, Breakdown(principal_fen=10_000, interest_fen=499, penalty_fen=0), 0),
        (700, Breakdown(principal_fen=10_000, interest_fen=0, penalty_fen=0), 0),
        (701, Breakdown(principal_fen=9_999, interest_fen=0, penalty_fen=0), 0),
        (10_699, Breakdown(principal_fen=1, interest_fen=0, penalty_fen=0), 0),
        (10_700, Breakdown(), 0),
        (99_999, Breakdown(), 89_299),  # an overpayment never owes less than nothing
    ],
)
def test_pay_splits_penalty_then_interest_then_principal(
    amount_fen: int, owed: Breakdown, left_fen: int
) -> None:
    loan = FakeLoan(principal_fen=10_000, interest_fen=500, penalty_fen=200)
    assert pay([loan], amount_fen) == left_fen
    assert outstanding(loan) == owed
    assert repaid(loan) == amount_fen - left_fen


def test_pay_keeps_each_parts_share() -> None:
    loan = FakeLoan(principal_fen=10_000, interest_fen=500, penalty_fen=200)
    assert pay([loan], 300) == 0
    assert loan.penalty_repaid_fen == 200
    assert loan.interest_repaid_fen == 100
    assert loan.principal_repaid_fen == 0
    assert (loan.principal_fen, loan.interest_fen, loan.penalty_fen) == (10_000, 500, 200)


def test_pay_settles_the_oldest_loan_first() -> None:
    newer = FakeLoan(principal_fen=100_000, borrowed_at=datetime(2026, 9, 1, 9, 0))
    older = FakeLoan(principal_fen=50_000, interest_fen=500, borrowed_at=datetime(2026, 3, 1))
    assert pay([newer, older], 30_000) == 0
    assert repaid(older) == 30_000
    assert (older.interest_repaid_fen, older.principal_repaid_fen) == (500, 29_500)
    assert repaid(newer) == 0

    assert pay([newer, older], 30_000) == 0
    assert outstanding(older) == Breakdown()
    assert newer.principal_repaid_fen == 30_000 - 20_500
    assert outstanding(newer) == Breakdown(principal_fen=100_000 - 9_500)


def test_pay_settles_an_older_loans_principal_before_a_newer_loans_penalty() -> None:
    older = FakeLoan(principal_fen=1_000, borrowed_at=datetime(2026, 3, 1))
    newer = FakeLoan(principal_fen=1_000, interest_fen=50, penalty_fen=20)
    assert pay([newer, older], 1_010) == 0
    assert outstanding(older) == Breakdown()
    assert outstanding(newer) == Breakdown(principal_fen=1_000, interest_fen=50, penalty_fen=10)


def test_pay_skips_settled_loans() -> None:
    settled = FakeLoan(
        principal_fen=500, principal_repaid_fen=500, borrowed_at=datetime(2025, 1, 1)
    )
    owing = FakeLoan(principal_fen=1_000)
    assert pay([settled, owing], 400) == 0
    assert settled.principal_repaid_fen == 500
    assert repaid(settled) == 500
    assert owing.principal_repaid_fen == 400


def test_paying_the_exact_total_leaves_nothing_owed() -> None:
    loans = [
        FakeLoan(
            principal_fen=300_000,
            interest_fen=9_000,
            principal_repaid_fen=299_999,
            interest_repaid_fen=9_000,
        ),
        FakeLoan(
            principal_fen=200_000, interest_fen=6_000, penalty_fen=237, penalty_repaid_fen=100
        ),
        FakeLoan(principal_fen=200_000, interest_fen=1_000, borrowed_at=datetime(2026, 11, 13)),
    ]
    total = total_outstanding(loans).total_fen
    assert pay(loans, total) == 0
    assert total_outstanding(loans) == Breakdown()
    for loan in loans:
        assert outstanding(loan) == Breakdown()


def test_pay_returns_what_is_left_over() -> None:
    loan = FakeLoan(principal_fen=1)
    assert pay([loan], 100) == 99
    assert loan.principal_repaid_fen == 1
    assert repaid(loan) == 1
    assert pay([loan], 100) == 100  # nothing owed: all of it is left over
    assert repaid(loan) == 1


@pytest.mark.parametrize("amount_fen", [0, -1, -10_000])
def test_pay_refuses_nothing_or_less(amount_fen: int) -> None:
    loan = FakeLoan(principal_fen=1_000, interest_fen=10, penalty_fen=1)
    before = copy.copy(loan)
    with pytest.raises(ValueError, match="还款金额必须大于 0"):
        pay([loan], amount_fen)
    assert repaid(loan) == 0
    assert loan == before
