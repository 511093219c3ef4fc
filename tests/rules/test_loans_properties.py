"""Properties of the loan rules over generated loans: what is owed, and what paying never breaks."""

from __future__ import annotations

import copy
from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from mock_portal.domain.loans import (
    Breakdown,
    outstanding,
    pay,
    repaid,
    total_outstanding,
)
from tests.rules.fakes import FakeLoan

# ---------------------------------------------------------------- properties


@st.composite
def loans(draw: st.DrawFn) -> FakeLoan:
    """A loan with any charges and, for each part, a repayment of at most what it was charged."""
    principal = draw(st.integers(min_value=0, max_value=10**9))
    interest = draw(st.integers(min_value=0, max_value=10**8))
    penalty = draw(st.integers(min_value=0, max_value=10**7))
    borrowed_at = draw(
        st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 11, 1))
    )
    return FakeLoan(
        principal_fen=principal,
        interest_fen=interest,
        penalty_fen=penalty,
        principal_repaid_fen=draw(st.integers(min_value=0, max_value=principal)),
        interest_repaid_fen=draw(st.integers(min_value=0, max_value=interest)),
        penalty_repaid_fen=draw(st.integers(min_value=0, max_value=penalty)),
        borrowed_at=borrowed_at,
    )


def parts(owed: Breakdown) -> tuple[int, int, int]:
    return (owed.principal_fen, owed.interest_fen, owed.penalty_fen)


def repaid_parts(loan: FakeLoan) -> tuple[int, int, int]:
    return (loan.principal_repaid_fen, loan.interest_repaid_fen, loan.penalty_repaid_fen)


@given(loans())
def test_outstanding_is_charges_minus_repaid_exactly(loan: FakeLoan) -> None:
    owed = outstanding(loan)
    for part in parts(owed):
        assert isinstance(part, int)
        assert part >= 0
    assert owed.principal_fen == loan.principal_fen - loan.principal_repaid_fen
    assert owed.interest_fen == loan.interest_fen - loan.interest_repaid_fen
    assert owed.penalty_fen == loan.penalty_fen - loan.penalty_repaid_fen
    charged = loan.principal_fen + loan.interest_fen + loan.penalty_fen
    assert charged - repaid(loan) == owed.total_fen


@given(loans(), st.data())
def test_repayment_reaches_principal_only_after_interest_and_penalty(
    loan: FakeLoan, data: st.DataObject
) -> None:
    owed_before = outstanding(loan)
    if owed_before.total_fen == 0:
        return
    amount = data.draw(st.integers(min_value=1, max_value=owed_before.total_fen))
    before = copy.copy(loan)
    assert pay([loan], amount) == 0
    owed = outstanding(loan)
    if owed.penalty_fen:
        assert loan.interest_repaid_fen == before.interest_repaid_fen
    if owed.interest_fen or owed.penalty_fen:
        assert loan.principal_repaid_fen == before.principal_repaid_fen
    # the charges themselves never move, only what repaid them
    assert (loan.principal_fen, loan.interest_fen, loan.penalty_fen) == (
        before.principal_fen,
        before.interest_fen,
        before.penalty_fen,
    )


@given(st.lists(loans(), min_size=1, max_size=5), st.data())
def test_paying_at_most_the_total_lowers_it_by_exactly_the_payment(
    some_loans: list[FakeLoan], data: st.DataObject
) -> None:
    before_total = total_outstanding(some_loans).total_fen
    if before_total == 0:
        return
    amount = data.draw(st.integers(min_value=1, max_value=before_total))
    before = [copy.copy(loan) for loan in some_loans]
    assert pay(some_loans, amount) == 0
    assert total_outstanding(some_loans).total_fen == before_total - amount
    assert sum(repaid(loan) for loan in some_loans) == sum(repaid(loan) for loan in before) + amount
    for loan, old in zip(some_loans, before, strict=True):
        for part in parts(outstanding(loan)):
            assert isinstance(part, int)
            assert part >= 0
        for now_repaid, was_repaid in zip(repaid_parts(loan), repaid_parts(old), strict=True):
            assert isinstance(now_repaid, int)
            assert now_repaid >= was_repaid


@given(st.lists(loans(), min_size=1, max_size=5), st.data())
def test_a_newer_loan_is_paid_only_once_every_older_one_is_settled(
    some_loans: list[FakeLoan], data: st.DataObject
) -> None:
    total = total_outstanding(some_loans).total_fen
    if total == 0:
        return
    amount = data.draw(st.integers(min_value=1, max_value=total))
    before = [copy.copy(loan) for loan in some_loans]
    pay(some_loans, amount)
    order = sorted(range(len(some_loans)), key=lambda i: some_loans[i].borrowed_at)
    still_owing = False
    for i in order:
        if still_owing:
            assert some_loans[i] == before[i]
        if outstanding(some_loans[i]).total_fen:
            still_owing = True


@given(st.lists(loans(), max_size=5))
def test_paying_the_total_leaves_zero(some_loans: list[FakeLoan]) -> None:
    total = total_outstanding(some_loans).total_fen
    if total > 0:
        assert pay(some_loans, total) == 0
    assert total_outstanding(some_loans) == Breakdown()
    assert all(outstanding(loan) == Breakdown() for loan in some_loans)
    for loan in some_loans:
        assert repaid_parts(loan) == (loan.principal_fen, loan.interest_fen, loan.penalty_fen)


@given(st.lists(loans(), min_size=1, max_size=5), st.integers(min_value=1, max_value=10**10))
def test_pay_conserves_money(some_loans: list[FakeLoan], amount_fen: int) -> None:
    before = total_outstanding(some_loans).total_fen
    left = pay(some_loans, amount_fen)
    after = total_outstanding(some_loans).total_fen
    assert 0 <= left <= amount_fen
    assert before - after == amount_fen - left
    assert left == max(0, amount_fen - before)
