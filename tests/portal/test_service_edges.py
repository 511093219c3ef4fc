"""Edges of the portal's services that make mutants-rules found untested (docs/mutation.md).

The services are called directly on a session of a test portal's store, with the time given, so
each test reaches the one decision a surviving mutant changed: the amounts and words of a
refusal, the 服务通知 each event sends, what a review decides when money is owed, the
征信 record's overdue months, and whose rows a query reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from mock_portal import services
from mock_portal.domain.rules import (
    ABNORMAL_RISK_FLAG,
    OWED_REFUSAL,
    AccountStatus,
    ApplicationStatus,
    Check,
)
from mock_portal.domain.verification import VerificationPolicy
from mock_portal.services import Refused
from mock_portal.store import CreditRecord, Notification, Person, SmsCode
from weilidai_fixtures import LoanSpec, make_person, scenario
from weilidai_fixtures.people import DEFAULT_SEED

NOW = datetime(2026, 11, 23, 10, 0)  # the portal clock's start, a Monday
POLICY = VerificationPolicy()
ONE_FEN_OWED = LoanSpec(  # ¥0.01 of principal left on an old loan
    principal_fen=300_000, borrowed_days_ago=60, principal_repaid_fen=299_999
)


@pytest.fixture
def db(app: Flask) -> Iterator[Session]:
    """Return a session on the test portal's store, for calling the services directly."""
    with app.extensions["store"]() as session:
        yield session


def person_in(db: Session, name: str = "invited", *loans: LoanSpec, **overrides: object) -> Person:
    """Create a person in the scenario ``name`` (its loans replaced when ``loans`` are given)."""
    spec = scenario(name, **overrides)  # type: ignore[arg-type]  # the overrides' own types
    if loans:
        spec = replace(spec, loans=loans)
    return services.create_person(db, spec, "A", NOW, {})


def notes(db: Session, person: Person) -> list[tuple[str, str, str]]:
    """Return the 服务通知 the person got, oldest first: kind, title and body."""
    rows = db.scalars(
        select(Notification).where(Notification.person_id == person.id).order_by(Notification.id)
    )
    return [(note.kind, note.title, note.body) for note in rows]


def refusal(error: pytest.ExceptionInfo[Refused]) -> str:
    """Return what a refusal says to the person."""
    return str(error.value)


# ---------------------------------------------------------------- re-invitation


def test_a_reinvited_person_gets_a_new_5000_yuan_line_and_an_invitation(db: Session) -> None:
    person = person_in(db, "closed", opted_out=True)
    account = services.reinvite(db, person, NOW)
    db.flush()
    db.refresh(account)
    assert account.status is AccountStatus.ACTIVE
    assert account.credit_limit_fen == 500_000  # ¥5,000.00, no priority
    assert account.loans == []
    assert person.opted_out is False
    assert notes(db, person)[-1] == (
        "invitation",
        "微粒贷邀请",
        "您已获得微粒贷借款资格，可在“我-服务-微粒贷”查看额度。",
    )


def test_an_existing_account_is_not_invited_again(db: Session) -> None:
    person = person_in(db, "invited")
    with pytest.raises(Refused) as error:
        services.reinvite(db, person, NOW)
    assert refusal(error) == "该用户的微粒贷账户仍然存在，无需重新邀请"


# ---------------------------------------------------------------- pause expiry and invitations


def test_the_end_of_a_pause_sends_the_invitation_back(db: Session) -> None:
    person = person_in(db, "paused")
    services.catch_up(db, NOW + timedelta(days=80))
    assert person.account is not None and person.account.status is AccountStatus.ACTIVE
    assert notes(db, person) == [
        (
            "invitation",
            "微粒贷额度已恢复",
            "暂停借款已到期，经重新评估，您的微粒贷入口已恢复，可在“我-服务-微粒贷”查看额度。",
        )
    ]


def test_no_invitation_reaches_someone_who_opted_out_but_other_news_does(db: Session) -> None:
    person = person_in(db, "paused", opted_out=True)
    services.catch_up(db, NOW + timedelta(days=80))
    assert notes(db, person) == []  # the pause ended without an invitation
    note = services.notify(db, person, "repayment", "t", "b", NOW)
    assert note is not None
    assert services.notify(db, person, "invitation", "t", "b", NOW) is None


# ---------------------------------------------------------------- borrowing and repaying


def test_a_loan_may_take_exactly_what_the_line_has_left(db: Session) -> None:
    person = person_in(db, "invited")  # ¥40,000.00 line, nothing owed
    services.borrow(db, person, 1_000_000, NOW)
    with pytest.raises(Refused) as error:
        services.borrow(db, person, 3_000_001, NOW)
    assert refusal(error) == "借款金额超过可借额度（可借 ¥30,000.00）"
    services.borrow(db, person, 3_000_000, NOW)


def test_a_loan_is_at_least_one_yuan(db: Session) -> None:
    person = person_in(db, "invited")
    with pytest.raises(Refused) as error:
        services.borrow(db, person, 99, NOW)
    assert refusal(error) == "单笔借款金额不能低于 1.00 元"
    assert services.borrow(db, person, 100, NOW).principal_fen == 100


def test_a_new_loan_is_due_300_days_later(db: Session) -> None:
    person = person_in(db, "invited")
    loan = services.borrow(db, person, 100_000, NOW)
    assert loan.due_on == date(2027, 9, 19)
    assert loan.borrowed_at == NOW


def test_repaying_everything_sends_a_receipt(db: Session) -> None:
    person = person_in(db, "outstanding_0_01")
    assert services.repay_all(db, person, NOW) == 1
    assert notes(db, person) == [
        ("repayment", "微粒贷还款成功", "您已成功还款 ¥0.01，当前借款已全部结清。")
    ]
    with pytest.raises(Refused) as error:
        services.repay_all(db, person, NOW)
    assert refusal(error) == "您当前没有需要还款的借款"


@pytest.mark.parametrize(
    ("name", "said"),
    [("uninvited", "您暂未获得微粒贷借款资格"), ("closed", "您的微粒贷账户已注销，无法恢复")],
)
def test_no_account_to_use_says_why(db: Session, name: str, said: str) -> None:
    person = person_in(db, name)
    for use in (services.repay_all, services.pause):
        with pytest.raises(Refused) as error:
            use(db, person, NOW)
        assert refusal(error) == said


# ---------------------------------------------------------------- pause and opt-out


@pytest.mark.parametrize(
    ("name", "said"),
    [("paused", "借款功能已处于暂停状态"), ("closure_pending", "注销申请审核中，暂不能暂停借款")],
)
def test_a_pause_is_only_for_an_active_account(db: Session, name: str, said: str) -> None:
    person = person_in(db, name)
    with pytest.raises(Refused) as error:
        services.pause(db, person, NOW)
    assert refusal(error) == said


def test_opting_out_is_refused_with_the_amount_while_money_is_owed(db: Session) -> None:
    person = person_in(db, "outstanding_0_01")
    with pytest.raises(Refused) as error:
        services.set_opt_out(db, person, True)
    assert refusal(error) == OWED_REFUSAL.format(amount="0.01")
    assert person.opted_out is False
    services.set_opt_out(db, person, False)  # choosing invitations is never refused


# ---------------------------------------------------------------- the closure


def test_the_pre_checks_of_someone_without_an_account_say_closed(db: Session) -> None:
    assert services.precheck(person_in(db, "uninvited"), NOW).check is Check.CLOSED


def test_the_pre_checks_see_the_risk_flag(db: Session) -> None:
    check = services.precheck(person_in(db, "invited", risk_flag=True), NOW)
    assert check.check is Check.ABNORMAL
    assert check.reasons == [ABNORMAL_RISK_FLAG]


def test_a_closure_cannot_start_while_money_is_owed(db: Session) -> None:
    with pytest.raises(Refused) as error:
        services.start_closure(db, person_in(db, "outstanding_0_01"), NOW)
    assert refusal(error) == "当前账户不满足注销条件"


def test_an_unknown_closure_step_names_the_steps(db: Session) -> None:
    with pytest.raises(ValueError) as error:
        services.put_closure_at(db, person_in(db), "review", NOW, POLICY)
    assert str(error.value) == (
        "unknown closure step 'review'; one of consequences, password, sms, face, submitted"
    )


@pytest.mark.parametrize("step", ["sms", "face", "submitted"])
def test_a_locked_payment_password_stops_every_step_after_it(db: Session, step: str) -> None:
    person = person_in(db)
    person.pw_failures = 3
    person.pw_locked_until = NOW + timedelta(hours=1)
    with pytest.raises(Refused) as error:
        services.put_closure_at(db, person, step, NOW, POLICY)
    assert refusal(error) == "支付密码错误次数过多，已被锁定，请 60 分钟后再试"


def test_a_failed_face_check_stops_the_submission_with_its_own_words(db: Session) -> None:
    person = person_in(db, "face_check_fails")
    with pytest.raises(Refused) as error:
        services.put_closure_at(db, person, "submitted", NOW, POLICY)
    assert refusal(error) == "人脸识别未通过，请确保本人正对屏幕、光线充足（还可以尝试 4 次）"


def test_the_face_checks_wait_stops_the_submission(db: Session) -> None:
    person = person_in(db)
    person.face_retry_at = NOW + timedelta(minutes=30)
    with pytest.raises(Refused) as error:
        services.put_closure_at(db, person, "submitted", NOW, POLICY)
    assert refusal(error) == "人脸识别失败次数过多，请 30 分钟后再试"


def test_a_flow_is_only_its_owners(db: Session) -> None:
    owner = person_in(db)
    flow = services.start_closure(db, owner, NOW)
    assert services.current_flow(db, owner, flow.token) is flow
    assert services.current_flow(db, person_in(db), flow.token) is None
    assert services.current_flow(db, person_in(db, "uninvited"), flow.token) is None
    with pytest.raises(Refused) as error:
        services.submit_closure(db, person_in(db), flow, NOW)
    assert refusal(error) == "注销流程已失效，请重新发起"


def test_the_newest_sms_code_is_the_one_checked(db: Session) -> None:
    person = person_in(db)
    flow = services.start_closure(db, person, NOW)
    for n, code in enumerate(("111111", "222222")):
        sent = NOW + timedelta(minutes=n)
        db.add(SmsCode(person_id=person.id, flow_id=flow.id, code=code, sent_at=sent))
    db.flush()
    newest = services.last_sms(db, flow)
    assert newest is not None and newest.code == "222222"


def test_the_sms_limits_count_only_the_persons_own_codes(db: Session) -> None:
    first, second = person_in(db), person_in(db)
    for person in (first, second):
        flow = services.start_closure(db, person, NOW)
        sent = NOW + timedelta(minutes=person.id)
        db.add(SmsCode(person_id=person.id, flow_id=flow.id, code="123456", sent_at=sent))
    db.flush()
    assert services.sms_sent_times(db, second) == [NOW + timedelta(minutes=second.id)]


def test_money_owed_before_submitting_stops_the_submission(db: Session) -> None:
    person = person_in(db)
    flow = services.start_closure(db, person, NOW)
    services.borrow(db, person, 10_000, NOW)
    with pytest.raises(Refused) as error:
        services.submit_closure(db, person, flow, NOW)
    assert refusal(error) == "当前账户不满足注销条件，请返回查看原因"


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


# ---------------------------------------------------------------- the 征信 record


def test_overdue_days_add_their_months_to_the_credit_record_once(db: Session) -> None:
    overdue = LoanSpec(  # due yesterday, and a July already on the record
        principal_fen=100_000, borrowed_days_ago=100, term_days=99, overdue_months=("2026-07",)
    )
    person = person_in(db, "invited", overdue)
    record = db.scalar(select(CreditRecord).where(CreditRecord.person_id == person.id))
    assert record is not None and record.overdue_months == "2026-07"

    services.catch_up(db, datetime(2026, 12, 5, 10, 0))
    assert record.overdue_months == "2026-07,2026-11,2026-12"
    services.catch_up(db, datetime(2026, 12, 10, 10, 0))
    assert record.overdue_months == "2026-07,2026-11,2026-12"
    services.catch_up(db, datetime(2027, 1, 2, 10, 0))
    assert record.overdue_months == "2026-07,2026-11,2026-12,2027-01"


def test_a_scenarios_account_was_opened_before_its_oldest_loan(db: Session) -> None:
    person = person_in(db, "overdue_penalty")  # borrowed 200 days ago
    account = person.account
    assert account is not None
    assert account.opened_at == NOW - timedelta(days=400)
    assert all(account.opened_at < loan.borrowed_at for loan in account.loans)


# ---------------------------------------------------------------- people as scenarios build them


def test_each_new_person_is_the_next_faker_person_of_the_seed(db: Session) -> None:
    people = [person_in(db), person_in(db, "paused")]
    for n, person in enumerate(people):
        data = make_person(DEFAULT_SEED + n)
        assert (person.name, person.phone) == (data.name, data.phone)
    assert [person.scenario for person in people] == ["invited", "paused"]


def test_a_scenarios_review_takes_its_working_days(db: Session) -> None:
    person = person_in(db, "closure_pending", review_working_days=3)
    application = services.latest_application(person.account)
    assert application is not None
    assert application.decide_at == datetime(2026, 11, 26, 10, 0)  # Monday + 3 working days


def test_a_closed_scenario_was_submitted_a_week_ago_and_approved_a_working_day_later(
    db: Session,
) -> None:
    person = person_in(db, "closed")
    application = services.latest_application(person.account)
    assert application is not None
    assert application.submitted_at == datetime(2026, 11, 16, 10, 0)  # the Monday before
    assert application.decided_at == datetime(2026, 11, 17, 10, 0)
    assert person.account is not None and person.account.closed_at == application.decided_at


def test_a_scenarios_loans_keep_every_repaid_part_and_every_overdue_month(db: Session) -> None:
    old = LoanSpec(
        principal_fen=200_000,
        borrowed_days_ago=500,
        term_days=60,
        penalty_fen=237,
        principal_repaid_fen=200_000,
        penalty_repaid_fen=237,
        overdue_months=("2025-10", "2025-09"),
    )
    person = person_in(db, "invited", old)
    account = person.account
    assert account is not None
    assert account.opened_at == NOW - timedelta(days=530)  # 30 days before the oldest loan
    assert services.state_of(person).owed.total_fen == 0
    record = db.scalar(select(CreditRecord).where(CreditRecord.person_id == person.id))
    assert record is not None and record.overdue_months == "2025-09,2025-10"


def test_a_persons_given_details_are_kept(db: Session) -> None:
    given = {"id_number": "11010519491231002X", "bank_card": "6222020200112345678"}
    person = services.create_person(db, scenario("invited"), "A", NOW, given)
    assert (person.id_number, person.bank_card) == (given["id_number"], given["bank_card"])


def test_a_pause_ending_during_a_closure_review_leaves_the_review_alone(db: Session) -> None:
    person = person_in(db, "paused", review_working_days=100)  # paused 10 days ago
    services.put_closure_at(db, person, "submitted", NOW, POLICY)
    services.catch_up(db, NOW + timedelta(days=81))  # past the pause's end, before the decision
    assert person.account is not None
    assert person.account.status is AccountStatus.CLOSURE_PENDING
    assert notes(db, person) == []
