"""Tests for the account rules: entry, pause, closure pre-checks (mock_portal.domain.rules)."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

import pytest

from mock_portal.domain.loans import Breakdown
from mock_portal.domain.rules import (
    ABNORMAL_RECENT_LOAN,
    ABNORMAL_RISK_FLAG,
    BORROWING_NOT_SUPPORTED,
    BORROWING_OPTED_OUT,
    OWED_REFUSAL,
    AccountStatus,
    Check,
    Precheck,
    abnormal_reasons,
    borrowing_refusal,
    closure_precheck,
    entry_visible,
    pause_until,
)
from mock_portal.domain.variants import VARIANTS, variant_for
from tests.rules.fakes import FakeLoan

NOW = datetime(2026, 11, 23, 10, 0)  # the test API's clock start, a Monday
STATUSES = ("not_invited", "active", "paused", "closure_pending", "closed")


def old_loan(**fields: Any) -> FakeLoan:
    """A loan borrowed 200 days before NOW, due 50 days before it, accrued through NOW."""
    dates = {
        "borrowed_at": NOW - timedelta(days=200),
        "due_on": (NOW - timedelta(days=50)).date(),
        "accrued_through": NOW.date(),
    }
    return FakeLoan(**(dates | fields))


def settled_old_loan() -> FakeLoan:
    return old_loan(
        principal_fen=500_000,
        interest_fen=37_500,
        principal_repaid_fen=500_000,
        interest_repaid_fen=37_500,
    )


def recent_unpaid_loan() -> FakeLoan:
    return old_loan(principal_fen=200_000, interest_fen=1_000, borrowed_at=NOW - timedelta(days=10))


def old_unpaid_loan() -> FakeLoan:
    return old_loan(
        principal_fen=300_000,
        interest_fen=9_000,
        principal_repaid_fen=291_000,
        interest_repaid_fen=9_000,
    )


# ---------------------------------------------------------------- borrowing


@pytest.mark.parametrize(
    ("status", "opted_out", "refusal"),
    [
        ("active", False, None),
        # The seed: once 不再接收微粒贷邀请消息 is ticked, "自然也就无法借钱了".
        ("active", True, BORROWING_OPTED_OUT),
        ("paused", False, BORROWING_NOT_SUPPORTED),
        ("paused", True, BORROWING_NOT_SUPPORTED),
        ("closure_pending", False, BORROWING_NOT_SUPPORTED),
        ("closed", False, BORROWING_NOT_SUPPORTED),
    ],
)
@pytest.mark.requirement("STOP-BY-HIDING", "OPTOUT-NO-BORROWING")
def test_only_an_active_account_that_did_not_opt_out_borrows(
    status: str, opted_out: bool, refusal: str | None
) -> None:
    assert borrowing_refusal(AccountStatus(status), opted_out) == refusal


# ---------------------------------------------------------------- entry visibility


@pytest.mark.parametrize(
    ("status", "opted_out", "owed_fen", "visible"),
    [
        ("not_invited", False, 0, False),
        ("not_invited", True, 0, False),
        ("active", False, 0, True),
        ("active", True, 0, False),
        ("paused", False, 0, False),
        ("paused", True, 0, False),
        ("closure_pending", False, 0, True),
        ("closure_pending", True, 0, False),
        ("closed", False, 0, False),
        ("closed", True, 0, False),
        # Whoever owes money keeps the entry, so repayment stays reachable.
        ("not_invited", False, 1, True),
        ("not_invited", True, 1, True),
        ("active", False, 1, True),
        ("active", True, 1, True),
        ("paused", False, 1, True),
        ("paused", True, 1, True),
        ("closure_pending", False, 1, True),
        ("closure_pending", True, 1, True),
        ("closed", False, 1, True),
        ("closed", True, 1, True),
    ],
)
@pytest.mark.requirement("ENTRY-SEEN-MEANS-INVITED", "PAUSE-HIDES-ENTRY", "OPTOUT-HIDES-ENTRY")
def test_entry_visible_truth_table(
    status: str, opted_out: bool, owed_fen: int, visible: bool
) -> None:
    assert entry_visible(status, opted_out, owed_fen) is visible


@pytest.mark.parametrize(
    ("status", "opted_out", "owed_fen"),
    list(itertools.product(STATUSES, (False, True), (1, 237, 10_000_000))),
)
@pytest.mark.requirement("REPAY-BEFORE-ANY")
def test_entry_never_hidden_from_someone_who_owes_money(
    status: str, opted_out: bool, owed_fen: int
) -> None:
    assert entry_visible(status, opted_out, owed_fen)


@pytest.mark.requirement("REPAY-BEFORE-ANY")
def test_owed_refusal_names_the_amount() -> None:
    assert "¥0.01" in OWED_REFUSAL.format(amount="0.01")


# ---------------------------------------------------------------- pause


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (NOW, datetime(2027, 2, 21, 10, 0)),
        (datetime(2026, 1, 31, 23, 59, 59), datetime(2026, 5, 1, 23, 59, 59)),
    ],
)
@pytest.mark.requirement("PAUSE-NO-REEVALUATION")
def test_pause_lasts_90_days(start: datetime, end: datetime) -> None:
    assert pause_until(start) == end
    assert pause_until(start) - start == timedelta(days=90)


# ---------------------------------------------------------------- closure pre-checks


def test_nothing_owed_may_close() -> None:
    assert closure_precheck("active", [settled_old_loan()], False, NOW) == Precheck(Check.OK)
    assert closure_precheck("active", [], False, NOW) == Precheck(Check.OK)


@pytest.mark.requirement("CLOSE-OPTION-MISSING-ABNORMAL")
def test_recent_unpaid_loan_is_abnormal_before_anything_owed() -> None:
    """A loan from the last 30 days also owes money, but the account is abnormal first."""
    result = closure_precheck("active", [recent_unpaid_loan()], False, NOW)
    assert result.check is Check.ABNORMAL
    assert result.reasons == [ABNORMAL_RECENT_LOAN]


@pytest.mark.requirement("CLOSE-OPTION-MISSING-ABNORMAL")
def test_risk_flag_is_abnormal_before_anything_owed() -> None:
    result = closure_precheck("active", [old_unpaid_loan()], True, NOW)
    assert result.check is Check.ABNORMAL
    assert result.reasons == [ABNORMAL_RISK_FLAG]


def test_abnormal_gives_every_reason() -> None:
    loans = [settled_old_loan(), recent_unpaid_loan()]
    result = closure_precheck("active", loans, True, NOW)
    assert result.check is Check.ABNORMAL
    assert result.reasons == [ABNORMAL_RECENT_LOAN, ABNORMAL_RISK_FLAG]


def test_abnormal_wins_over_under_review() -> None:
    result = closure_precheck("closure_pending", [], True, NOW)
    assert result.check is Check.ABNORMAL


def test_a_30_day_old_loan_is_outstanding_not_abnormal() -> None:
    loan = recent_unpaid_loan()
    loan.borrowed_at = NOW - timedelta(days=30)
    result = closure_precheck("active", [loan], False, NOW)
    assert result.check is Check.OUTSTANDING
    assert result.reasons == []


def test_a_repaid_recent_loan_is_not_abnormal() -> None:
    loan = old_loan(
        principal_fen=200_000, principal_repaid_fen=200_000, borrowed_at=NOW - timedelta(days=2)
    )
    assert closure_precheck("active", [loan], False, NOW).check is Check.OK


def test_outstanding_wins_over_under_review() -> None:
    result = closure_precheck("closure_pending", [old_unpaid_loan()], False, NOW)
    assert result.check is Check.OUTSTANDING
    assert result.owed == Breakdown(principal_fen=9_000)


def test_under_review_when_nothing_else_stops_it() -> None:
    result = closure_precheck("closure_pending", [settled_old_loan()], False, NOW)
    assert result == Precheck(Check.UNDER_REVIEW)


@pytest.mark.requirement("AFTER-NO-RESTORE")
def test_closed_account_is_closed_whatever_else() -> None:
    result = closure_precheck("closed", [recent_unpaid_loan()], True, NOW)
    assert result == Precheck(Check.CLOSED)


@pytest.mark.parametrize(
    ("loan", "owed"),
    [
        # the seed's case: an old loan with one fen of principal left
        (
            old_loan(
                principal_fen=300_000,
                interest_fen=9_000,
                principal_repaid_fen=299_999,
                interest_repaid_fen=9_000,
            ),
            Breakdown(principal_fen=1),
        ),
        # Each part keeps what repaid it, so a loan may owe only interest or only penalty.
        (old_loan(principal_fen=0, interest_fen=1), Breakdown(interest_fen=1)),
        (old_loan(principal_fen=0, penalty_fen=1), Breakdown(penalty_fen=1)),
        (
            old_loan(
                principal_fen=0,
                interest_fen=6_000,
                penalty_fen=1,
                interest_repaid_fen=5_999,
                penalty_repaid_fen=1,
            ),
            Breakdown(interest_fen=1),
        ),
        # the overdue_penalty case: principal and interest repaid, one fen of 罚息 charged after
        (
            old_loan(
                principal_fen=200_000,
                interest_fen=6_000,
                penalty_fen=1,
                principal_repaid_fen=200_000,
                interest_repaid_fen=6_000,
            ),
            Breakdown(penalty_fen=1),
        ),
        (
            old_loan(principal_fen=200_000, interest_fen=1, principal_repaid_fen=200_000),
            Breakdown(interest_fen=1),
        ),
    ],
)
@pytest.mark.requirement("CLOSE-BLOCK-OWED", "CLOSE-ONE-FEN-ANY-PART", "CLOSE-PENALTY-TOO")
def test_one_fen_blocks_closure_with_its_breakdown(loan: FakeLoan, owed: Breakdown) -> None:
    result = closure_precheck("active", [settled_old_loan(), loan], False, NOW)
    assert result.check is Check.OUTSTANDING
    assert result.owed == owed
    assert result.owed.total_fen == 1
    assert result.reasons == []


def test_abnormal_reasons_empty_for_a_normal_account() -> None:
    assert abnormal_reasons([settled_old_loan(), old_unpaid_loan()], False, NOW) == []


# ---------------------------------------------------------------- client variants


@pytest.mark.parametrize(
    ("code", "variant"),
    [("B", "B"), (" b ", "B"), ("a", "A"), (None, "A"), ("", "A"), ("x", "A"), ("AB", "A")],
)
def test_a_client_code_names_its_variant_or_the_default(code: str | None, variant: str) -> None:
    assert variant_for(code) == VARIANTS[variant]
