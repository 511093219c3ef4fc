"""What the portal does to its store: build scenarios, move time, repay, pause, close.

Views and the test-control API call these; each state change runs in one transaction and
reaches the rules in ``domain`` for every decision.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Select, delete, exists, or_, select, union
from sqlalchemy.orm import Session

from . import catalogue
from .domain import loans as loan_rules
from .domain import rules, verification
from .domain.money import format_yuan as _yuan
from .domain.rules import AccountStatus, ApplicationStatus
from .domain.scenarios import PersonLike, Scenario
from .domain.text import N_, as_message, dumps
from .domain.variants import check_variant
from .domain.workdays import add_working_days
from .store import (
    CREDIT_CLOSED,
    Account,
    Application,
    ChatMessage,
    ClosureFlow,
    CreditRecord,
    Loan,
    Notification,
    Person,
    SmsCode,
    lock_person,
)


class Refused(Exception):
    """A request the rules refuse; its message is shown to the person, in their language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message  # a text.Message: str(refusal) is only its Chinese


# ---------------------------------------------------------------- building people


def create_person(
    db: Session,
    spec: Scenario,
    variant: str,
    now: datetime,
    person_fields: dict[str, str],
    people: Callable[[int], PersonLike] | None = None,
) -> Person:
    """Create a Faker-filled person in the state ``spec`` describes.

    The n-th person of a store is the catalogue's person n (``people``, by default the installed
    catalogue's): n is the row's id, which the database hands out once, not a count of the
    people, which two simultaneous creations would both read and so both become one person.
    """
    person = Person(
        name="",
        phone="",
        id_number="",
        bank_card="",
        payment_password="",
        scenario=spec.name,
        variant=check_variant(variant),
        opted_out=spec.opted_out,
        risk_flag=spec.risk_flag,
        eligible_after_pause=spec.eligible_after_pause,
        face_check_fails=spec.face_check_fails,
        review_outcome=spec.review_outcome,
        review_reject_reason=spec.review_reject_reason,
        review_working_days=spec.review_working_days,
        created_at=now,
    )
    db.add(person)
    db.flush()
    data = (people or catalogue.installed().person)(person.id)
    person.name = person_fields.get("name", data.name)
    person.phone = person_fields.get("phone", data.phone)
    person.id_number = person_fields.get("id_number", data.id_number)
    person.bank_card = person_fields.get("bank_card", data.bank_card)
    person.payment_password = person_fields.get("payment_password", data.payment_password)
    if spec.invited:
        _open_account(db, person, spec, now)
    db.flush()
    if spec.other_lender:
        db.add(
            CreditRecord(
                person_id=person.id,
                account_id=OTHER_LENDER_ACCOUNT,
                institution=str(OTHER_LENDER),
                product=str(OTHER_LENDER_PRODUCT),
                opened_on=(now - timedelta(days=900)).date(),
            )
        )
        db.flush()
    return person


# Another bank's line on the 征信报告 (scenario field other_lender): no 微粒贷 account is ever
# numbered 0, so nothing done to one can reach it.
OTHER_LENDER_ACCOUNT = 0
OTHER_LENDER = N_("招商银行股份有限公司")
OTHER_LENDER_PRODUCT = N_("信用卡")


def _open_account(db: Session, person: Person, spec: Scenario, now: datetime) -> Account:
    opened = now - timedelta(days=max([400] + [loan.borrowed_days_ago + 30 for loan in spec.loans]))
    account = Account(
        person=person,
        status=AccountStatus.ACTIVE,
        credit_limit_fen=spec.credit_limit_fen,
        opened_at=opened,
    )
    db.add(account)
    overdue: list[str] = []
    for item in spec.loans:
        borrowed = now - timedelta(days=item.borrowed_days_ago)
        account.loans.append(
            Loan(
                principal_fen=item.principal_fen,
                interest_fen=item.interest_fen,
                penalty_fen=item.penalty_fen,
                principal_repaid_fen=item.principal_repaid_fen,
                interest_repaid_fen=item.interest_repaid_fen,
                penalty_repaid_fen=item.penalty_repaid_fen,
                daily_rate_ppm=item.daily_rate_ppm,
                borrowed_at=borrowed,
                due_on=(borrowed + timedelta(days=item.term_days)).date(),
                accrued_through=now.date(),
            )
        )
        overdue.extend(item.overdue_months)
    db.flush()
    db.add(
        CreditRecord(
            person_id=person.id,
            account_id=account.id,
            opened_on=opened.date(),
            overdue_months=",".join(sorted(set(overdue))),
        )
    )
    if spec.status == AccountStatus.PAUSED:
        account.status = AccountStatus.PAUSED
        paused_at = now - timedelta(days=spec.paused_days_ago)
        account.paused_until = rules.pause_until(paused_at)
    elif spec.status == AccountStatus.CLOSURE_PENDING:
        _submit_application(db, account, _new_flow(db, account, now - timedelta(hours=2)), now)
    elif spec.status == AccountStatus.CLOSED:
        submitted = now - timedelta(days=7)
        flow = _new_flow(db, account, submitted)
        application = _submit_application(db, account, flow, submitted)
        application.decide_at = add_working_days(submitted, 1)
        # The scenario asks for a closed account: its past review approved, whatever the
        # person's review_outcome says of reviews to come.
        _approve(db, application, application.decide_at)
    return account


def reinvite(db: Session, person: Person, now: datetime) -> Account:
    """Invite a person again: a brand-new account with no history and no priority."""
    current = person.account
    if current is not None and current.status != AccountStatus.CLOSED:
        raise Refused(N_("该用户的微粒贷账户仍然存在，无需重新邀请"))
    person.opted_out = False
    spec = Scenario("reinvited", "重新邀请", credit_limit_fen=500_000)
    account = Account(
        person=person,
        status=AccountStatus.ACTIVE,
        credit_limit_fen=spec.credit_limit_fen,
        opened_at=now,
    )
    db.add(account)
    db.flush()
    db.add(CreditRecord(person_id=person.id, account_id=account.id, opened_on=now.date()))
    notify(
        db,
        person,
        "invitation",
        N_("微粒贷邀请"),
        N_("您已获得微粒贷借款资格，可在“我-服务-微粒贷”查看额度。"),
        now,
    )
    return account


# ---------------------------------------------------------------- reading state


@dataclass(frozen=True)
class Standing:
    """What the portal knows of a person right now, as the test API and views need it."""

    status: AccountStatus
    entry_visible: bool
    owed: loan_rules.Breakdown
    application: Application | None


def person_status(person: Person) -> AccountStatus:
    """Return the status of the person's newest account, or NOT_INVITED if they have none."""
    account = person.account
    return account.status if account is not None else AccountStatus.NOT_INVITED


def latest_application(account: Account | None) -> Application | None:
    """Return the account's newest closure application, if any."""
    if account is None or not account.applications:
        return None
    return account.applications[-1]


def state_of(person: Person) -> Standing:
    """Return the person's status, entry visibility, money owed and closure application."""
    account = person.account
    owed = loan_rules.total_outstanding(account.loans) if account else loan_rules.Breakdown()
    status = person_status(person)
    return Standing(
        status=status,
        entry_visible=rules.entry_visible(status, person.opted_out, owed.total_fen),
        owed=owed,
        application=latest_application(account),
    )


def precheck(person: Person, now: datetime) -> rules.Precheck:
    """Run the closure pre-checks for the person's account."""
    account = person.account
    if account is None:
        return rules.Precheck(rules.Check.CLOSED)
    return rules.closure_precheck(account.status, account.loans, person.risk_flag, now)


# ---------------------------------------------------------------- time passing


def _due_by(
    now: datetime, person_id: int | None = None
) -> tuple[Select[Any], Select[Any], Select[Any]]:
    """Return the queries for what falls due by ``now``: loans, pauses, reviews (of one person)."""
    loans = select(Loan).where(Loan.accrued_through < now.date())
    pauses = select(Account).where(
        Account.status == AccountStatus.PAUSED, Account.paused_until <= now
    )
    reviews = select(Application).where(
        Application.status == ApplicationStatus.PENDING, Application.decide_at <= now
    )
    if person_id is not None:
        mine = select(Account.id).where(Account.person_id == person_id)
        loans = loans.where(Loan.account_id.in_(mine))
        pauses = pauses.where(Account.person_id == person_id)
        reviews = reviews.where(Application.account_id.in_(mine))
    return loans, pauses, reviews


def anything_due(connection: Connection, now: datetime) -> bool:
    """Say whether ``catch_up`` would have anything to do at ``now`` (one read, no lock)."""
    return bool(connection.scalar(select(or_(*(exists(query) for query in _due_by(now))))))


def _people_with_something_due(db: Session, now: datetime) -> list[int]:
    loans, pauses, reviews = _due_by(now)
    owners = union(
        select(Account.person_id).where(Account.id.in_(loans.with_only_columns(Loan.account_id))),
        pauses.with_only_columns(Account.person_id),
        select(Account.person_id).where(
            Account.id.in_(reviews.with_only_columns(Application.account_id))
        ),
    )
    return sorted(db.scalars(owners))


def catch_up(db: Session, now: datetime) -> None:
    """Apply whatever fell due by ``now``: interest, penalties, pause expiry, review decisions.

    Person by person, each under their row lock (in id order, so two catch-ups never wait for
    each other in a circle), what is due is read again after the lock: a simultaneous request
    that caught up first, or repaid, leaves nothing to apply twice.
    """
    today = now.date()
    for person_id in _people_with_something_due(db, now):
        if lock_person(db, person_id) is None:
            continue
        due_loans, ended_pauses, decided_reviews = _due_by(now, person_id)
        for loan in db.scalars(due_loans):
            overdue_days = loan_rules.accrue(loan, today)
            if overdue_days:
                _record_overdue(db, loan.account, overdue_days)
        for account in db.scalars(ended_pauses):
            _end_pause(db, account, now)
        for application in db.scalars(decided_reviews):
            _decide(db, application, application.decide_at)


def _record_overdue(db: Session, account: Account, days: list[date]) -> None:
    record = db.scalar(select(CreditRecord).where(CreditRecord.account_id == account.id))
    if record is None:
        return
    months = set(filter(None, record.overdue_months.split(",")))
    months.update(day.strftime("%Y-%m") for day in days)
    record.overdue_months = ",".join(sorted(months))


def _end_pause(db: Session, account: Account, now: datetime) -> None:
    person = account.person
    account.paused_until = None
    if not person.eligible_after_pause:
        return  # re-evaluated and not eligible: the entry stays hidden
    account.status = AccountStatus.ACTIVE
    notify(
        db,
        person,
        "invitation",
        N_("微粒贷额度已恢复"),
        N_("暂停借款已到期，经重新评估，您的微粒贷入口已恢复，可在“我-服务-微粒贷”查看额度。"),
        now,
    )


# ---------------------------------------------------------------- money


def borrow(db: Session, person: Person, amount_fen: int, now: datetime) -> Loan:
    """Draw ``amount_fen`` from the credit line as a new loan."""
    account = _usable_account(person)
    refusal = rules.borrowing_refusal(account.status, person.opted_out)
    if refusal:
        raise Refused(refusal)
    owed = loan_rules.total_outstanding(account.loans).principal_fen
    available = account.credit_limit_fen - owed
    if amount_fen < 100:
        raise Refused(N_("单笔借款金额不能低于 1.00 元"))
    if amount_fen > available:
        raise Refused(N_("借款金额超过可借额度（可借 ¥{amount}）", amount=_yuan(available)))
    loan = Loan(
        principal_fen=amount_fen,
        daily_rate_ppm=loan_rules.DEFAULT_DAILY_RATE_PPM,
        borrowed_at=now,
        due_on=(now + timedelta(days=300)).date(),
        accrued_through=now.date(),
    )
    account.loans.append(loan)
    db.flush()
    return loan


def repay_all(db: Session, person: Person, now: datetime) -> int:
    """Pay off everything owed; return the amount paid in fen."""
    account = _usable_account(person)
    owed = loan_rules.total_outstanding(account.loans).total_fen
    if owed <= 0:
        raise Refused(N_("您当前没有需要还款的借款"))
    loan_rules.pay(account.loans, owed)
    notify(
        db,
        person,
        "repayment",
        N_("微粒贷还款成功"),
        N_("您已成功还款 ¥{amount}，当前借款已全部结清。", amount=_yuan(owed)),
        now,
    )
    return owed


def _usable_account(person: Person) -> Account:
    account = person.account
    if account is None:
        raise Refused(N_("您暂未获得微粒贷借款资格"))
    if account.status == AccountStatus.CLOSED:
        raise Refused(N_("您的微粒贷账户已注销，无法恢复"))
    return account


# ---------------------------------------------------------------- pause and opt-out


def pause(db: Session, person: Person, now: datetime) -> Account:
    """Pause borrowing for three months; refused while money is owed."""
    account = _usable_account(person)
    _refuse_if_owed(account)
    if account.status == AccountStatus.PAUSED:
        raise Refused(N_("借款功能已处于暂停状态"))
    if account.status != AccountStatus.ACTIVE:
        raise Refused(N_("注销申请审核中，暂不能暂停借款"))
    account.status = AccountStatus.PAUSED
    account.paused_until = rules.pause_until(now)
    return account


def set_opt_out(db: Session, person: Person, opted_out: bool) -> None:
    """Save the 不再接收微粒贷邀请消息 choice; refused while money is owed."""
    if opted_out:
        account = person.account
        if account is not None:
            _refuse_if_owed(account)
    person.opted_out = opted_out


def _refuse_if_owed(account: Account) -> None:
    owed = loan_rules.total_outstanding(account.loans).total_fen
    if owed > 0:
        raise Refused(N_(rules.OWED_REFUSAL, amount=_yuan(owed)))


# ---------------------------------------------------------------- closure


def _new_flow(db: Session, account: Account, now: datetime) -> ClosureFlow:
    flow = ClosureFlow(account_id=account.id, token=secrets.token_hex(16), started_at=now)
    db.add(flow)
    db.flush()
    return flow


def start_closure(db: Session, person: Person, now: datetime) -> ClosureFlow:
    """Start a closure after the consequences were acknowledged; the pre-checks run again."""
    account = person.account
    if account is None or precheck(person, now).check is not rules.Check.OK:
        raise Refused(N_("当前账户不满足注销条件"))
    return _new_flow(db, account, now)


# The closure's screens in order, as a test may ask to start at one (POST /__test__/.../closure).
CLOSURE_STEPS = ("consequences", "password", "sms", "face", "submitted")


def put_closure_at(
    db: Session,
    person: Person,
    step: str,
    now: datetime,
    policy: verification.VerificationPolicy,
) -> ClosureFlow | None:
    """Bring the person's closure to ``step`` the way the screens before it would have.

    ``consequences`` changes nothing (the pre-checks run when the page opens); ``password``
    acknowledges the consequences; ``sms`` also passes the payment password (through the same
    rule, so a right password resets its error count and a lock refuses); ``face`` also passes
    the SMS check; ``submitted`` also passes the face check and submits. Refused, with the
    reason, wherever the screens would have stopped the person.
    """
    if step not in CLOSURE_STEPS:
        raise ValueError(f"unknown closure step {step!r}; one of {', '.join(CLOSURE_STEPS)}")
    if step == "consequences":
        return None
    flow = start_closure(db, person, now)
    if step in ("sms", "face", "submitted"):
        outcome = verification.try_password(person, True, now, policy)
        if not outcome.ok:
            raise Refused(outcome.message or N_("支付密码验证未通过"))
        flow.step = "sms"
    if step in ("face", "submitted"):
        flow.step = "face"
    if step == "submitted":
        outcome = verification.try_face(person, not person.face_check_fails, now, policy)
        if not outcome.ok:
            raise Refused(outcome.message or N_("人脸识别未通过"))
        submit_closure(db, person, flow, now)
    db.flush()
    return flow


def current_flow(db: Session, person: Person, token: str | None) -> ClosureFlow | None:
    """Return the person's closure flow named by ``token`` (None if it is not theirs)."""
    if not token or person.account is None:
        return None
    flow = db.scalar(select(ClosureFlow).where(ClosureFlow.token == token))
    if flow is None or flow.account_id != person.account.id:
        return None
    return flow


def last_sms(db: Session, flow: ClosureFlow) -> SmsCode | None:
    """Return the newest SMS code sent for ``flow``."""
    return db.scalar(
        select(SmsCode).where(SmsCode.flow_id == flow.id).order_by(SmsCode.id.desc()).limit(1)
    )


def sms_sent_times(db: Session, person: Person) -> list[datetime]:
    """Return when SMS codes were sent to the person (for the resend limits)."""
    return list(db.scalars(select(SmsCode.sent_at).where(SmsCode.person_id == person.id)))


def submit_closure(db: Session, person: Person, flow: ClosureFlow, now: datetime) -> Application:
    """Submit the closure application for a verified flow, once: a repeat returns the first."""
    existing = db.scalar(select(Application).where(Application.flow_id == flow.id))
    if existing is not None:
        return existing
    account = person.account
    if account is None or account.id != flow.account_id:
        raise Refused(N_("注销流程已失效，请重新发起"))
    check = precheck(person, now)
    if check.check is rules.Check.UNDER_REVIEW:
        pending = latest_application(account)
        assert pending is not None
        return pending
    if check.check is not rules.Check.OK:
        raise Refused(N_("当前账户不满足注销条件，请返回查看原因"))
    return _submit_application(db, account, flow, now)


def _submit_application(
    db: Session, account: Account, flow: ClosureFlow, now: datetime
) -> Application:
    person = account.person
    application = Application(
        account=account,
        flow_id=flow.id,
        reference=f"ZX{now:%Y%m%d}{flow.id:06d}",
        status=ApplicationStatus.PENDING,
        submitted_at=now,
        decide_at=add_working_days(now, person.review_working_days),
    )
    db.add(application)
    flow.step = "done"
    account.status = AccountStatus.CLOSURE_PENDING
    db.flush()
    return application


def _decide(db: Session, application: Application, when: datetime) -> None:
    account = application.account
    person = account.person
    application.decided_at = when
    owed = loan_rules.total_outstanding(account.loans).total_fen
    if person.review_outcome == "reject" or owed > 0:
        application.status = ApplicationStatus.REJECTED
        reason = (
            N_("账户仍有未结清欠款 ¥{amount}，请还清后重新申请", amount=_yuan(owed))
            if owed > 0
            else as_message(person.review_reject_reason or N_("账户暂不满足注销条件"))
        )
        application.reason = str(reason)
        application.reason_msg = dumps(reason)
        account.status = AccountStatus.ACTIVE
        notify(
            db,
            person,
            "closure_rejected",
            N_("微粒贷注销申请未通过"),
            N_(
                "您的注销申请（编号 {reference}）未通过审核。原因：{reason}。"
                "账户仍可正常使用，如有疑问请联系微粒贷客服。",
                reference=application.reference,
                reason=reason,
            ),
            when,
        )
        return
    _approve(db, application, when)


def _approve(db: Session, application: Application, when: datetime) -> None:
    account = application.account
    person = account.person
    application.decided_at = when
    application.status = ApplicationStatus.APPROVED
    account.status = AccountStatus.CLOSED
    account.closed_at = when
    db.execute(delete(Loan).where(Loan.account_id == account.id))
    db.expire(account, ["loans"])
    record = db.scalar(select(CreditRecord).where(CreditRecord.account_id == account.id))
    if record is not None:
        record.status = str(CREDIT_CLOSED)
        record.closed_on = when.date()
    notify(
        db,
        person,
        "closure_approved",
        N_("微粒贷账户注销成功"),
        N_(
            "您的微粒贷账户已于 {when} 注销成功（编号 {reference}）。"
            "账户信息和借款记录已清除，注销后无法恢复。",
            when=when,
            reference=application.reference,
        ),
        when,
    )


def notify(
    db: Session, person: Person, kind: str, title: str, body: str, when: datetime
) -> Notification | None:
    """Send a 服务通知 to the person; no invitation reaches someone who opted out.

    The title and body are kept as sent, in Chinese, and as messages (``title_msg``,
    ``body_msg``) so that the 服务通知 screen says them in the reader's language.
    """
    if kind == "invitation" and person.opted_out:
        return None
    note = Notification(
        person_id=person.id,
        kind=kind,
        title=str(title),
        body=str(body),
        title_msg=dumps(title),
        body_msg=dumps(body),
        created_at=when,
    )
    db.add(note)
    return note


def chat_history(db: Session, person: Person) -> list[ChatMessage]:
    """Return the person's 客服 chat, oldest first."""
    return list(
        db.scalars(
            select(ChatMessage).where(ChatMessage.person_id == person.id).order_by(ChatMessage.id)
        )
    )
