"""The closure's own screens: blocked by money owed and repaying it, the consequences, the
application sent; and the checks in order, as one list."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from ...journey import Journey, Step
from ...pages import (
    BlockedPage,
    ClosureEntry,
    PasswordPage,
    RepaidPage,
    RepayPage,
    Screen,
    SubmittedPage,
)
from .verification import verify_face, verify_password, verify_sms

REFERENCE = re.compile(r"^ZX\d{14}$")


def read_consequences() -> Step[ClosureEntry]:
    def act(j: Journey, entry: ClosureEntry) -> PasswordPage:
        return entry.consequences().acknowledge_and_continue()

    return Step(
        "阅读注销后果，勾选“我已知晓”",
        ClosureEntry,
        act,
        "Read what closing means and tick “I understand”",
    )


def see_blocked(
    name: str = "欠款未还清（哪怕1分钱），无法注销",
    en: str = "Money still owed, even ¥0.01: the account cannot be closed",
    *,
    owed: str = "",
    breakdown: tuple[str, str, str] | None = None,
) -> Step[ClosureEntry]:
    """The block page; with ``owed``, it names that amount, and with ``breakdown``, its lines
    (本金, 利息, 罚息, in the page's order) end with those amounts."""

    def act(j: Journey, entry: ClosureEntry) -> BlockedPage:
        blocked = entry.blocked()
        if owed:
            expect(blocked.amount).to_have_text(owed)
        if breakdown is not None:
            lines = [re.compile(re.escape(amount) + "$") for amount in breakdown]
            expect(blocked.breakdown.get_by_role("listitem")).to_have_text(lines)
        j.notes["blocked_amount"] = blocked.amount.inner_text()
        return blocked

    return Step(name, ClosureEntry, act, en)


def go_repay() -> Step[BlockedPage]:
    return Step("点击“去还款”", BlockedPage, lambda j, blocked: blocked.go_repay(), "Tap “Repay”")


def repay_all() -> Step[RepayPage]:
    return Step(
        "输入支付密码，还清欠款",
        RepayPage,
        lambda j, repay: repay.repay(j.person.payment_password),
        "Enter the payment password and repay everything",
    )


def back_to_weilidai() -> Step[RepaidPage]:
    return Step(
        "返回微粒贷首页",
        RepaidPage,
        lambda j, repaid: repaid.back_to_weilidai(),
        "Go back to the Weilidai home",
    )


def see_submitted() -> Step[SubmittedPage]:
    def act(j: Journey, submitted: SubmittedPage) -> SubmittedPage:
        expect(submitted.review_note).to_be_visible()
        expect(submitted.reference).to_have_text(REFERENCE)
        j.notes["reference"] = submitted.reference.inner_text()
        return submitted

    return Step(
        "看到申请编号，等待1-3个工作日审核",
        SubmittedPage,
        act,
        "Note the application number; the review takes 1–3 working days",
    )


def start_at_closure_step(step: Any, name: str, en: str) -> Step[Screen]:
    """Open the closure at ``step`` as the screens before it would have (the test API)."""
    return Step(name, Screen, lambda j, _: j.at_closure_step(step), en)


# The article's requirements the closure's checks meet, in order.
CLOSURE_CHECKS = ("CLOSE-CONSEQUENCES", "VERIFY-IN-ORDER", "VERIFY-IDENTITY", "REVIEW-SUBMITTED")


def closure_checks() -> list[Step[Any]]:
    """Consequences, the three identity checks and the submitted screen."""
    return [read_consequences(), verify_password(), verify_sms(), verify_face(), see_submitted()]
