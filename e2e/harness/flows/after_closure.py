"""Flows of the article's “after the closure” section: the approval and its record, then
being invited again. They start where the article's story does, not at 我."""

from __future__ import annotations

from ..journey import Section, in_chapters
from ..labels import Labels
from .registry import Chaptered, flow
from .steps import (
    READ_NOTIFICATIONS,
    WAIT_FOR_REVIEW,
    credit_report_shows,
    every_weilidai_url_closed,
    loan_records_empty,
    open_me,
    open_record,
    open_services,
    open_weilidai,
    receive_new_invitation,
    save_record,
    see_new_account_line,
    see_notification,
    services_without_entry,
)


@flow(
    name="review_approved",
    scenario="closure_pending",
    section=Section.AFTER_CLOSURE,
    titles=(
        "审核通过之后：服务通知、注销记录、征信报告，入口消失且无法恢复",
        "After approval: the notice, the record, the credit report; gone for good",
    ),
    requirements=(
        "REVIEW-WORKING-DAYS",
        "REVIEW-APPROVED-CLOSES",
        "AFTER-SAVE-RECORD",
        "CREDIT-REPORT-UPDATED",
        "AFTER-NO-RESTORE",
        "CLOSE-DELETES-ALL",
    ),
)
def review_approved_flow(labels: Labels) -> Chaptered:
    """Wait for the review, read the notice, keep the record, see the account gone for good."""
    return in_chapters(
        ("等待审核", "Waiting for the review", [WAIT_FOR_REVIEW]),
        (
            "审核通过的通知",
            "The approval notice",
            [
                *READ_NOTIFICATIONS,
                see_notification("微粒贷账户注销成功", "Notice: the Weilidai account is closed"),
            ],
        ),
        ("保存注销记录", "Keep the closure record", [open_record(), save_record()]),
        (
            "注销之后",
            "After the closure",
            [
                services_without_entry(),
                credit_report_shows(
                    "打开“征信报告”：微粒贷账户显示“已注销”",
                    "Open the “Credit Report”: the Weilidai account shows “Closed”",
                    "已注销",
                ),
                every_weilidai_url_closed(),
            ],
        ),
    )


@flow(
    name="reinvited",
    scenario="closed",
    section=Section.AFTER_CLOSURE,
    titles=(
        "注销后再次受邀：全新账户，没有以前的记录和优先权",
        "Invited again after closing: a new account, no history, no priority",
    ),
    requirements=(
        "AFTER-REINVITE-NEW-ACCOUNT",
        "AFTER-REINVITE-NO-PRIORITY",
        "AFTER-LINE-MAY-DROP",
        "CLOSE-REAPPLY-NOT-GUARANTEED",
    ),
)
def reinvited_flow(labels: Labels) -> Chaptered:
    """Closed, invited again: a new account with no history and no priority."""
    return in_chapters(
        ("已注销", "Closed", [services_without_entry()]),
        (
            "再次受邀",
            "Invited again",
            [
                receive_new_invitation(),
                open_me(),
                open_services(),
                open_weilidai(),
                see_new_account_line(),
                loan_records_empty(),
            ],
        ),
        (
            "征信报告",
            "The credit report",
            [
                open_me(),
                open_services(),
                credit_report_shows(
                    "打开“征信报告”：旧账户“已注销”，新账户“正常”",
                    "Open the “Credit Report”: the old account “Closed”, the new one “Normal”",
                    "已注销",
                    "正常",
                ),
            ],
        ),
    )
