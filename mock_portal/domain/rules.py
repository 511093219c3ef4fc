"""Account rules: who sees the entry, what may be paused or opted out, the closure pre-checks.

The account and closure-application statuses are defined here, once. They are ``StrEnum``s, so
a status is its own string wherever it goes: the store's column, the test API's JSON, a template.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum, StrEnum

from .loans import Breakdown, LoanLike, is_recent_unpaid, total_outstanding
from .text import N_


class AccountStatus(StrEnum):
    """Where a person's Weilidai account stands."""

    NOT_INVITED = "not_invited"  # no account at all: a person's status, never an account's
    ACTIVE = "active"
    PAUSED = "paused"  # borrowing paused for three months; the entry is hidden
    CLOSURE_PENDING = "closure_pending"  # a closure application is under review
    CLOSED = "closed"


class ApplicationStatus(StrEnum):
    """Where a closure application stands: under review, then approved or rejected."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


PAUSE_MONTHS_DAYS = 90  # the seed's "比如3个月"
VISIBLE_STATUSES = frozenset({AccountStatus.ACTIVE, AccountStatus.CLOSURE_PENDING})

OWED_REFUSAL = N_("您还有未还清的借款（¥{amount}），为保证您能随时还款，请先还清全部欠款后再操作。")


def entry_visible(status: AccountStatus, opted_out: bool, owed_fen: int) -> bool:
    """Say whether the 微粒贷 tile shows; it never hides from someone who still owes money."""
    if status in (AccountStatus.NOT_INVITED, AccountStatus.CLOSED):
        return owed_fen > 0
    if owed_fen > 0:
        return True
    return status in VISIBLE_STATUSES and not opted_out


BORROWING_NOT_SUPPORTED = N_("当前账户状态不支持借款")
BORROWING_OPTED_OUT = N_(
    "您已设置不再接收微粒贷邀请消息，借款功能已关闭；如需借款，请先在“设置-通知管理”中取消勾选。"
)


def borrowing_refusal(status: AccountStatus, opted_out: bool) -> str | None:
    """Say why the account may not borrow now, or None when it may.

    Only an active account borrows, and not after opting out: the seed says that once
    不再接收微粒贷邀请消息 is ticked the entry is gone, "自然也就无法借钱了".
    """
    if status != AccountStatus.ACTIVE:
        return BORROWING_NOT_SUPPORTED
    if opted_out:
        return BORROWING_OPTED_OUT
    return None


def pause_until(now: datetime) -> datetime:
    """Return when a pause started ``now`` ends (three months on the portal clock)."""
    return now + timedelta(days=PAUSE_MONTHS_DAYS)


class Check(Enum):
    """The outcome of the closure pre-checks, in the order they run."""

    ABNORMAL = "abnormal"
    OUTSTANDING = "outstanding"
    UNDER_REVIEW = "under_review"
    CLOSED = "closed"
    OK = "ok"


@dataclass(frozen=True)
class Precheck:
    """Why a closure may or may not start, with what the page must show."""

    check: Check
    reasons: list[str] = field(default_factory=list)
    owed: Breakdown = Breakdown()


ABNORMAL_RECENT_LOAN = N_("近30天内有借款尚未还清")
ABNORMAL_RISK_FLAG = N_("账户存在风险管控，暂不支持注销")


def abnormal_reasons(loans: Sequence[LoanLike], risk_flag: bool, now: datetime) -> list[str]:
    """Return why the account counts as abnormal (no closure option), or an empty list."""
    reasons: list[str] = []
    if any(is_recent_unpaid(loan, now) for loan in loans):
        reasons.append(ABNORMAL_RECENT_LOAN)
    if risk_flag:
        reasons.append(ABNORMAL_RISK_FLAG)
    return reasons


def closure_precheck(
    status: AccountStatus, loans: Sequence[LoanLike], risk_flag: bool, now: datetime
) -> Precheck:
    """Run the closure pre-checks in order: abnormal, anything owed, already under review."""
    if status == AccountStatus.CLOSED:
        return Precheck(Check.CLOSED)
    reasons = abnormal_reasons(loans, risk_flag, now)
    if reasons:
        return Precheck(Check.ABNORMAL, reasons=reasons)
    owed = total_outstanding(loans)
    if owed.total_fen > 0:
        return Precheck(Check.OUTSTANDING, owed=owed)
    if status == AccountStatus.CLOSURE_PENDING:
        return Precheck(Check.UNDER_REVIEW)
    return Precheck(Check.OK)
