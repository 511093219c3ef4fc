"""The review of a closure application: decided after working days on the portal clock."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from mock_portal import services
from mock_portal.domain.rules import (
    AccountStatus,
    ApplicationStatus,
)
from mock_portal.store import CreditRecord
from tests.support.actions import AuthActions, ClosureActions, ControlActions
from tests.support.services import NOW, ONE_FEN_OWED, POLICY, notes, person_in


@pytest.mark.requirement(
    "REVIEW-WORKING-DAYS",
    "REVIEW-APPROVED-CLOSES",
    "CLOSE-DELETES-ALL",
    "STOP-VS-CLOSE",
    "AFTER-SAVE-RECORD",
    "CREDIT-REPORT-UPDATED",
)
def test_review_approval_closes_the_account(
    client: FlaskClient, auth: AuthActions, control: ControlActions, closure: ClosureActions
) -> None:
    person = auth.person("invited")
    closure.apply(person)  # Monday 10:00: decided Wednesday 10:00
    submitted = control.state(person)
    assert submitted["status"] == "closure_pending"
    assert submitted["entry_visible"] is True
    assert submitted["application"]["decide_at"] == "2026-11-25T10:00:00"

    control.advance(days=1)
    assert control.state(person)["status"] == "closure_pending"
    control.advance(hours=23)
    assert control.state(person)["status"] == "closure_pending"
    control.advance(hours=1)

    closed = control.state(person)
    assert closed["status"] == "closed"
    assert closed["entry_visible"] is False
    assert closed["loans"] == 0
    assert closed["outstanding_fen"] == 0
    assert closed["application"]["status"] == "approved"
    assert closed["application"]["decided_at"] == "2026-11-25T10:00:00"
    assert "微粒贷账户注销成功" in client.get("/chats/service-notifications").get_data(as_text=True)
    assert "已注销" in client.get("/credit-report").get_data(as_text=True)
    assert client.get("/weilidai/closure/record").status_code == 200


@pytest.mark.requirement("REVIEW-WORKING-DAYS")
def test_review_waits_for_working_days(
    auth: AuthActions, control: ControlActions, closure: ClosureActions
) -> None:
    """Submitted on a Friday with 2 working days: decided on the Tuesday."""
    control.set_now("2026-11-27T16:00:00")
    person = auth.person("invited")
    closure.apply(person)
    assert control.state(person)["application"]["decide_at"] == "2026-12-01T16:00:00"
    control.set_now("2026-12-01T15:59:59")
    assert control.state(person)["status"] == "closure_pending"
    control.advance(seconds=1)
    assert control.state(person)["status"] == "closed"


def test_review_rejection_keeps_the_account(
    client: FlaskClient, auth: AuthActions, control: ControlActions, closure: ClosureActions
) -> None:
    person = auth.person("review_rejected")
    closure.apply(person)
    control.advance(days=2)

    after = control.state(person)
    assert after["status"] == "active"
    assert after["entry_visible"] is True
    assert after["application"]["status"] == "rejected"
    assert after["application"]["reason"] == "账户存在未结清的关联业务，请联系客服处理"
    notes = client.get("/chats/service-notifications").get_data(as_text=True)
    assert "账户存在未结清的关联业务" in notes


def test_closure_pending_scenario_is_decided_by_the_clock(
    auth: AuthActions, control: ControlActions
) -> None:
    person = auth.create("closure_pending")
    control.advance(days=3)
    assert control.state(person)["status"] == "closed"


def credit_report(client: FlaskClient) -> list[tuple[str, str]]:
    """Return each account of the 征信报告 as (status, overdue history)."""
    page = client.get("/credit-report").get_data(as_text=True)
    statuses = re.findall(r'data-testid="credit-status">([^<]*)<', page)
    overdue = re.findall(r'data-testid="overdue-history">([^<]*)<', page)
    return list(zip(statuses, overdue, strict=True))


@pytest.mark.requirement("CREDIT-CLOSURE-NOT-NEGATIVE")
def test_closing_leaves_nothing_negative_on_the_credit_report(
    client: FlaskClient, auth: AuthActions, control: ControlActions, closure: ClosureActions
) -> None:
    person = auth.person("invited")  # never overdue
    assert credit_report(client) == [("正常", "无")]
    closure.apply(person)
    control.advance(days=2)
    assert control.state(person)["status"] == "closed"
    assert credit_report(client) == [("已注销", "无")]


@pytest.mark.requirement("AFTER-NO-INVITATION", "CLOSE-REAPPLY-NOT-GUARANTEED")
def test_a_closed_account_is_never_invited_again_by_itself(
    client: FlaskClient, auth: AuthActions, control: ControlActions
) -> None:
    person = auth.person("closed")
    control.advance(days=400)
    after = control.state(person)
    assert (after["status"], after["entry_visible"], after["accounts"]) == ("closed", False, 1)
    notes = client.get("/chats/service-notifications").get_data(as_text=True)
    assert "微粒贷邀请" not in notes
    assert "额度已恢复" not in notes


@pytest.mark.requirement("AFTER-WECHAT-UNAFFECTED")
def test_wechat_works_as_before_after_the_closure(
    client: FlaskClient, auth: AuthActions, control: ControlActions, closure: ClosureActions
) -> None:
    person = auth.person("invited")
    closure.apply(person)
    control.advance(days=2)
    assert control.state(person)["status"] == "closed"
    for url in ("/me", "/chats", "/chats/service-notifications", "/contacts", "/discover"):
        assert client.get(url).status_code == 200, url
    assert person["name"] in client.get("/me").get_data(as_text=True)
    services = client.get("/me/services").get_data(as_text=True)
    assert 'href="/credit-report"' in services  # 征信报告 is still there
    assert 'href="/weilidai/"' not in services  # only the 微粒贷 tile is gone


@pytest.mark.requirement("OTHER-LENDERS-UNAFFECTED")
@pytest.mark.parametrize("outcome", ["approve", "reject"])
def test_another_lenders_account_is_left_as_it_was(
    client: FlaskClient,
    auth: AuthActions,
    control: ControlActions,
    closure: ClosureActions,
    outcome: str,
) -> None:
    person = auth.person("invited", other_lender=True, review_outcome=outcome)
    before = client.get("/credit-report").get_data(as_text=True)
    assert "招商银行股份有限公司" in before and "信用卡" in before
    closure.apply(person)
    control.advance(days=2)
    assert control.state(person)["status"] == ("closed" if outcome == "approve" else "active")
    report = client.get("/credit-report").get_data(as_text=True)
    weilidai, other = report.split("<article")[1:]
    assert "微粒贷" in weilidai and ("已注销" in weilidai) == (outcome == "approve")
    assert "招商银行股份有限公司" in other and "信用卡" in other
    assert 'data-testid="credit-status">正常<' in other and "注销日期" not in other
    english = client.get("/credit-report?lang=en").get_data(as_text=True)
    assert "China Merchants Bank Co., Ltd." in english and "Credit Card" in english


# ---------------------------------------------------------------- the review


def test_a_retried_submission_after_a_rejection_returns_the_rejected_application(
    db: Session,
) -> None:
    person = person_in(db, "review_rejected")
    flow = services.put_closure_at(db, person, "submitted", NOW, POLICY)
    assert flow is not None
    services.catch_up(db, NOW + timedelta(days=2))
    (first,) = person.account.applications if person.account else []
    assert first.status is ApplicationStatus.REJECTED

    assert services.submit_closure(db, person, flow, NOW + timedelta(days=3)) is first
    again = services.put_closure_at(db, person, "submitted", NOW + timedelta(days=3), POLICY)
    assert again is not None
    latest = services.latest_application(person.account)
    assert latest is not None and latest is not first
    assert latest.status is ApplicationStatus.PENDING


def test_money_owed_at_decision_time_rejects_with_the_amount(db: Session) -> None:
    person = person_in(db, "closure_pending", ONE_FEN_OWED, opted_out=True)
    application = services.latest_application(person.account)
    assert application is not None
    services.catch_up(db, application.decide_at)
    assert application.status is ApplicationStatus.REJECTED
    assert application.decided_at == application.decide_at
    assert application.reason == "账户仍有未结清欠款 ¥0.01，请还清后重新申请"
    assert person.account is not None and person.account.status is AccountStatus.ACTIVE
    assert notes(db, person) == [  # an opted-out person still hears of the decision
        (
            "closure_rejected",
            "微粒贷注销申请未通过",
            f"您的注销申请（编号 {application.reference}）未通过审核。"
            f"原因：{application.reason}。账户仍可正常使用，如有疑问请联系微粒贷客服。",
        )
    ]


def test_a_rejection_without_a_reason_gives_the_general_one(db: Session) -> None:
    person = person_in(db, "closure_pending", review_outcome="reject", review_reject_reason="")
    application = services.latest_application(person.account)
    assert application is not None
    services.catch_up(db, application.decide_at)
    assert application.reason == "账户暂不满足注销条件"


def test_an_approval_closes_the_account_the_credit_record_and_says_so(db: Session) -> None:
    person = person_in(db, "closure_pending")
    account = person.account
    application = services.latest_application(account)
    assert account is not None and application is not None
    when = application.decide_at
    services.catch_up(db, when + timedelta(hours=1))
    assert application.status is ApplicationStatus.APPROVED
    assert application.decided_at == when
    assert account.status is AccountStatus.CLOSED
    assert account.closed_at == when
    record = db.scalar(select(CreditRecord).where(CreditRecord.account_id == account.id))
    assert record is not None
    assert (record.status, record.closed_on) == ("已注销", when.date())
    assert notes(db, person)[-1] == (
        "closure_approved",
        "微粒贷账户注销成功",
        f"您的微粒贷账户已于 {when:%Y-%m-%d %H:%M} 注销成功（编号 {application.reference}）。"
        "账户信息和借款记录已清除，注销后无法恢复。",
    )
