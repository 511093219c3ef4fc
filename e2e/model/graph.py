"""A person's states and the transitions between them, as data to check against the article.

Each transition names the rule it comes from (docs/rules.md, or the seed article in its own
words), the guard under which it happens and whether the portal refuses it. The numbers the
guards depend on (30 days, 90 days, three wrong passwords) are written here again, on purpose:
an oracle that read them from ``mock_portal.domain`` would agree with a wrong constant there.
How to read and extend the model: docs/model.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

import networkx as nx


class Name(StrEnum):
    """A name of the model; its repr reads as Python (Hypothesis prints failing steps with it)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


class State(Name):
    """Where a person stands, as the article tells it (and as a test can put them)."""

    NOT_INVITED = "not_invited"  # no account: 金融理财 shows no 微粒贷
    ACTIVE = "active"  # invited, nothing owed, the entry shows
    RECENT_LOAN = "recent_loan"  # owes on a loan of the last 30 days: abnormal, no closure option
    OWING = "owing"  # owes on an older loan: the closure is blocked until it is repaid
    RISK_FLAGGED = "risk_flagged"  # nothing owed but a risk flag: abnormal, no closure option
    PAUSED = "paused"  # 暂停借款 for three months: entry hidden, no re-evaluation
    HIDDEN_AFTER_PAUSE = "hidden_after_pause"  # the pause ended, re-evaluated, not eligible
    OPTED_OUT = "opted_out"  # 不再接收微粒贷邀请消息: entry hidden, no invitation
    AT_PASSWORD = "at_password"  # closure started: consequences acknowledged, password next
    AT_SMS = "at_sms"  # payment password passed, SMS code next
    AT_FACE = "at_face"  # SMS code passed, face check next (passing it submits)
    CLOSURE_PENDING = "closure_pending"  # the application is under review (1-3 working days)
    CLOSED = "closed"  # approved: records purged, entry gone, no restore
    REINVITED = "reinvited"  # invited again after closure: a new ¥5,000 account, no history


class Action(Name):
    """What a person (or the passing of time, or the bank) does; one screen or call each."""

    INVITE = "invite"  # POST /__test__/users/<id>/invite
    BORROW = "borrow"  # 借钱
    REPAY = "repay"  # 还款 with the right payment password
    WRONG_PASSWORD = "wrong_password"  # a wrong payment password (还款 or the closure)
    PAUSE = "pause"  # 帮助中心 → 暂停借款
    OPT_OUT = "opt_out"  # 设置 → 通知管理 → tick 不再接收微粒贷邀请消息
    OPT_IN = "opt_in"  # the same box, unticked
    START_CLOSURE = "start_closure"  # 注销账户, tick the consequences
    RIGHT_PASSWORD = "right_password"  # the closure's payment-password step
    WRONG_SMS_CODE = "wrong_sms_code"
    RIGHT_SMS_CODE = "right_sms_code"  # get the code (if none is live) and type it
    FACE_CHECK = "face_check"  # the simulated face check; passing it submits
    LEAVE_CLOSURE = "leave_closure"  # walk away halfway: nothing is sent
    CLOCK = "clock"  # the portal clock moves forward


class Predicate(Name):
    """What a guard asks: a fact fixed per person (a scenario field) or the journey so far."""

    # Facts: scenario fields of POST /__test__/users, fixed for the person.
    RISK_FLAG = "risk_flag"
    ELIGIBLE_AFTER_PAUSE = "eligible_after_pause"
    FACE_CHECK_FAILS = "face_check_fails"
    REVIEW_REJECTS = "review_rejects"  # review_outcome "reject"
    # Conditions: true or false depending on the journey so far (and the step's own input).
    WITHIN_CREDIT_LINE = "within_credit_line"
    LOAN_30_DAYS_OLD = "loan_30_days_old"
    PAUSE_OVER = "pause_over"
    REVIEW_DUE = "review_due"
    PASSWORD_LOCKED = "password_locked"
    SMS_CODE_AVAILABLE = "sms_code_available"

    @property
    def is_fact(self) -> bool:
        """Say whether this is fixed for a person (set when they are created)."""
        return self in FACTS


FACTS = frozenset(
    {
        Predicate.RISK_FLAG,
        Predicate.ELIGIBLE_AFTER_PAUSE,
        Predicate.FACE_CHECK_FAILS,
        Predicate.REVIEW_REJECTS,
    }
)

# What each predicate means, for the reader and for whoever makes it true in a runner.
MEANING: Mapping[Predicate, str] = MappingProxyType(
    {
        Predicate.RISK_FLAG: "the account carries a risk flag (scenario field risk_flag)",
        Predicate.ELIGIBLE_AFTER_PAUSE: "re-evaluation at the pause's end finds them eligible",
        Predicate.FACE_CHECK_FAILS: "the simulated face check always fails (face_check_fails)",
        Predicate.REVIEW_REJECTS: "the review rejects the closure (review_outcome: reject)",
        Predicate.WITHIN_CREDIT_LINE: "the amount is at least ¥1.00 and within 可借额度",
        Predicate.LOAN_30_DAYS_OLD: "after the move, the newest unpaid loan is 30 days old or more",
        Predicate.PAUSE_OVER: "after the move, 90 days have passed since the pause began",
        Predicate.REVIEW_DUE: "after the move, the review's working days have passed",
        Predicate.PASSWORD_LOCKED: "three wrong payment passwords in a row, less than 3 hours ago",
        Predicate.SMS_CODE_AVAILABLE: "a code of this closure is live, or one may be sent now "
        "(one a minute, five an hour)",
    }
)

# The numbers of the rules as docs/rules.md states them (a new line: the test API's invite).
RECENT_LOAN_DAYS = 30  # "a loan in the last 30 days not repaid"
PAUSE_DAYS = 90  # "90 days on the portal clock" (the seed's "比如3个月")
PASSWORD_TRIES = 3  # "3 wrong → locked 3 hours"
PASSWORD_LOCK_HOURS = 3
NEW_ACCOUNT_CREDIT_LINE_FEN = 500_000  # "a new account (¥5,000.00 line, no history, no priority)"
SMALLEST_LOAN_FEN = 100  # the portal's 借钱 takes ¥1.00 at least

Guard = tuple[tuple[Predicate, bool], ...]


def yes(predicate: Predicate) -> tuple[Predicate, bool]:
    """Return the guard term "``predicate`` holds"."""
    return (predicate, True)


def no(predicate: Predicate) -> tuple[Predicate, bool]:
    """Return the guard term "``predicate`` does not hold"."""
    return (predicate, False)


class Outcome(StrEnum):
    """What the portal does with the step."""

    DONE = "done"  # it happens
    REFUSED = "refused"  # refused with a message; nothing in the store changes
    FAILED_CHECK = "failed_check"  # an identity check fails: only its attempt counters change
    TIME = "time"  # the clock moved: interest accrues, nothing else is due


@dataclass(frozen=True)
class Transition:
    """One arrow of the model: in ``source``, ``action`` under ``when`` leads to ``target``."""

    source: State
    action: Action
    target: State
    label: str  # what the diagram shows
    rule: str  # the rule it comes from: docs/rules.md's words, or the seed's
    when: Guard = ()
    outcome: Outcome = Outcome.DONE
    requirements: tuple[str, ...] = ()  # the article's requirements it checks (e2e/trace)

    @property
    def key(self) -> str:
        """Return a name unique in the model: source, action and guard."""
        guard = ",".join(f"{'' if value else '!'}{p}" for p, value in self.when)
        return f"{self.source}.{self.action}" + (f"[{guard}]" if guard else "")

    def facts(self) -> dict[Predicate, bool]:
        """Return the facts this transition needs of the person."""
        return {p: value for p, value in self.when if p.is_fact}

    def conditions(self) -> dict[Predicate, bool]:
        """Return the conditions of the journey this transition needs."""
        return {p: value for p, value in self.when if not p.is_fact}

    def enabled(self, truth: Mapping[Predicate, bool]) -> bool:
        """Say whether the guard holds; every predicate it names must be in ``truth``."""
        return all(truth[p] is value for p, value in self.when)

    def possible(self, known: Mapping[Predicate, bool]) -> bool:
        """Say whether the guard can hold, given only the predicates known so far."""
        return all(known[p] is value for p, value in self.when if p in known)


@dataclass(frozen=True)
class Seed:
    """A scenario of the test API that puts a new person straight into a state."""

    scenario: str
    state: State
    when: Guard = ()
    closure_step: str | None = None  # then POST /__test__/users/<id>/closure {"step": …}

    def facts(self) -> dict[Predicate, bool]:
        """Return the facts a person seeded this way has."""
        return dict(self.when)


@dataclass(frozen=True)
class Oracle:
    """What ``GET /__test__/users/<id>`` must report for a person in a state."""

    status: str
    entry_visible: bool
    owes: bool  # outstanding_fen > 0
    application: frozenset[str | None]  # the latest application's status; None: no application


def _application(*statuses: str | None) -> frozenset[str | None]:
    return frozenset(statuses)


# Whoever has never closed may have had a rejected application (the account stays).
NONE_OR_REJECTED = _application(None, "rejected")

ORACLES: Mapping[State, Oracle] = MappingProxyType(
    {
        State.NOT_INVITED: Oracle("not_invited", False, False, _application(None)),
        State.ACTIVE: Oracle("active", True, False, NONE_OR_REJECTED),
        State.RECENT_LOAN: Oracle("active", True, True, NONE_OR_REJECTED),
        State.OWING: Oracle("active", True, True, NONE_OR_REJECTED),
        State.RISK_FLAGGED: Oracle("active", True, False, NONE_OR_REJECTED),
        State.PAUSED: Oracle("paused", False, False, NONE_OR_REJECTED),
        State.HIDDEN_AFTER_PAUSE: Oracle("paused", False, False, NONE_OR_REJECTED),
        State.OPTED_OUT: Oracle("active", False, False, NONE_OR_REJECTED),
        State.AT_PASSWORD: Oracle("active", True, False, NONE_OR_REJECTED),
        State.AT_SMS: Oracle("active", True, False, NONE_OR_REJECTED),
        State.AT_FACE: Oracle("active", True, False, NONE_OR_REJECTED),
        State.CLOSURE_PENDING: Oracle("closure_pending", True, False, _application("pending")),
        State.CLOSED: Oracle("closed", False, False, _application("approved")),
        State.REINVITED: Oracle("active", True, False, _application(None)),
    }
)

NO_RISK = (no(Predicate.RISK_FLAG),)

SEEDS: tuple[Seed, ...] = (
    Seed("uninvited", State.NOT_INVITED, NO_RISK),
    Seed("invited", State.ACTIVE, NO_RISK),
    Seed("invited", State.RISK_FLAGGED, (yes(Predicate.RISK_FLAG),)),
    Seed("recent_loan", State.RECENT_LOAN, NO_RISK),
    Seed("outstanding_0_01", State.OWING, NO_RISK),
    Seed("paused", State.PAUSED, NO_RISK),
    Seed("opted_out", State.OPTED_OUT, NO_RISK),
    # The closure's steps, started anywhere as the screens before them would have.
    Seed("invited", State.AT_PASSWORD, NO_RISK, "password"),
    Seed("invited", State.AT_SMS, NO_RISK, "sms"),
    Seed("invited", State.AT_FACE, NO_RISK, "face"),
    Seed("closure_pending", State.CLOSURE_PENDING, NO_RISK),
    Seed("closed", State.CLOSED, NO_RISK),
)

# The rules, quoted once and used by several arrows.
INVITATION_ONLY = "seed: 微粒贷的借款功能是“邀请制”,只有被邀请的用户才能看到入口和使用"
CREDIT_LINE = "spec §1: 微粒贷 home shows 可借额度; 借钱 draws within it (¥1.00 at least)"
ABNORMAL = (
    "rules.md pre-check 1: an abnormal account — a loan in the last 30 days not repaid, or a "
    "risk flag — has no 注销账户 option"
)
NOT_ABNORMAL_AFTER_30_DAYS = "rules.md pre-check 1: only a loan *in the last 30 days* is abnormal"
REPAY = "rules.md Money: 还款 pays off what is owed with the payment password"
PASSWORD_LOCK = "rules.md Closure: payment password (3 wrong → locked 3 hours)"
NOTHING_TO_REPAY = (
    "rules.md Money: 还款 pays what is owed; with nothing owed there is nothing to pay"
)
OWED_REFUSAL = (
    "rules.md Invitation and the entry: never hidden from someone who still owes money, so "
    "pausing or opting out with money owed is refused with the amount"
)
PAUSE = (
    "seed: 微粒贷提供“暂停借款”的功能,设置后一段时间内(比如3个月)不会重新评估额度,入口也不会显示"
)
OPT_OUT = (
    "seed: 勾选“不再接收微粒贷邀请消息”,这样微信里就不会再出现微粒贷的入口了,自然也就无法借钱了"
)
CONSEQUENCES = "rules.md Closure: consequences with a must-tick acknowledgement → payment password"
BLOCKED = (
    "rules.md pre-check 2: anything owed, even ¥0.01, blocks with the amount, its breakdown "
    "and 去还款 (seed: 哪怕是1分钱都不能有,否则无法申请注销)"
)
MISSING_OPTION = (
    "seed: 如果找不到“注销”入口…可能是因为你的账户有异常,比如最近有过借款记录但还没还清"
)
UNDER_REVIEW = "rules.md pre-check 3: a closure already under review shows its status and reference"
LEAVE = (
    "rules.md Closure: steps can't be skipped; only the last one submits, so leaving sends nothing"
)
INTEREST = "rules.md Money: loans accrue 0.05 % a day (按日计息), then a penalty (罚息)"
NOTHING_DUE = (
    "rules.md Review / Pause: the clock applies only what fell due; nothing falls due here"
)
NO_RESTORE = (
    "rules.md After closure: every 微粒贷 URL says the account is closed and cannot be restored "
    "(seed: 注销后还能恢复吗? 不能!)"
)
REINVITE = (
    "rules.md After closure: a re-invited person gets a new account (¥5,000.00 line, no "
    "history, no priority) (seed: 得重新走邀请和开通流程,没有任何优先权)"
)
ACCOUNT_EXISTS = "test-api.md: a re-invite of someone whose account still exists answers 409"


def _active_like(source: State, line_rule: str) -> list[Transition]:
    """Return the arrows of an active account that owes nothing (first or re-invited)."""
    return [
        Transition(
            source,
            Action.BORROW,
            State.RECENT_LOAN,
            "borrow 借钱",
            ABNORMAL,
            (yes(Predicate.WITHIN_CREDIT_LINE),),
        ),
        Transition(
            source,
            Action.BORROW,
            source,
            "borrow beyond the line: refused",
            line_rule,
            (no(Predicate.WITHIN_CREDIT_LINE),),
            Outcome.REFUSED,
        ),
        Transition(
            source,
            Action.REPAY,
            source,
            "repay: nothing owed",
            NOTHING_TO_REPAY,
            (),
            Outcome.REFUSED,
        ),
        Transition(
            source,
            Action.PAUSE,
            State.PAUSED,
            "pause 暂停借款",
            PAUSE,
            requirements=("PAUSE-HIDES-ENTRY",),
        ),
        Transition(
            source,
            Action.OPT_OUT,
            State.OPTED_OUT,
            "opt out 不再接收邀请",
            OPT_OUT,
            requirements=("OPTOUT-HIDES-ENTRY",),
        ),
        Transition(
            source, Action.START_CLOSURE, State.AT_PASSWORD, "start closure: allowed", CONSEQUENCES
        ),
        Transition(
            source,
            Action.INVITE,
            source,
            "invite: account exists",
            ACCOUNT_EXISTS,
            (),
            Outcome.REFUSED,
        ),
        Transition(
            source,
            Action.CLOCK,
            source,
            "time passes",
            NOTHING_DUE,
            (),
            Outcome.TIME,
            requirements=("MONEY-DAILY-INTEREST",),  # 不用不花钱: nothing borrowed, nothing owed
        ),
    ]


def _owing(source: State) -> list[Transition]:
    """Return the arrows every account that owes money has: borrow more, repay, refusals."""
    return [
        Transition(
            source,
            Action.BORROW,
            State.RECENT_LOAN,
            "borrow again",
            ABNORMAL,
            (yes(Predicate.WITHIN_CREDIT_LINE),),
        ),
        Transition(
            source,
            Action.BORROW,
            source,
            "borrow beyond the line: refused",
            CREDIT_LINE,
            (no(Predicate.WITHIN_CREDIT_LINE),),
            Outcome.REFUSED,
        ),
        Transition(
            source,
            Action.REPAY,
            State.ACTIVE,
            "repay 还款",
            REPAY,
            (no(Predicate.PASSWORD_LOCKED),),
        ),
        Transition(
            source,
            Action.REPAY,
            source,
            "repay while locked: refused",
            PASSWORD_LOCK,
            (yes(Predicate.PASSWORD_LOCKED),),
            Outcome.REFUSED,
        ),
        Transition(
            source,
            Action.WRONG_PASSWORD,
            source,
            "repay, wrong password",
            PASSWORD_LOCK,
            (),
            Outcome.FAILED_CHECK,
        ),
        Transition(
            source,
            Action.PAUSE,
            source,
            "pause: money owed",
            OWED_REFUSAL,
            (),
            Outcome.REFUSED,
            requirements=("REPAY-BEFORE-ANY",),
        ),
        Transition(
            source,
            Action.OPT_OUT,
            source,
            "opt out: money owed",
            OWED_REFUSAL,
            (),
            Outcome.REFUSED,
            requirements=("REPAY-BEFORE-ANY",),
        ),
    ]


def _refused(
    source: State, action: Action, label: str, rule: str, requirements: tuple[str, ...] = ()
) -> Transition:
    return Transition(source, action, source, label, rule, (), Outcome.REFUSED, requirements)


def _time(
    source: State, label: str, rule: str, when: Guard = (), requirements: tuple[str, ...] = ()
) -> Transition:
    return Transition(source, Action.CLOCK, source, label, rule, when, Outcome.TIME, requirements)


TRANSITIONS: tuple[Transition, ...] = (
    # ---- not invited
    Transition(State.NOT_INVITED, Action.INVITE, State.ACTIVE, "invite", INVITATION_ONLY, NO_RISK),
    _refused(
        State.NOT_INVITED,
        Action.BORROW,
        "borrow: not invited",
        INVITATION_ONLY,
        ("ENTRY-INVITE-ONLY",),
    ),
    _time(State.NOT_INVITED, "time passes", NOTHING_DUE),
    # ---- active, nothing owed; and the brand-new account after a re-invitation
    *_active_like(State.ACTIVE, CREDIT_LINE),
    *_active_like(State.REINVITED, REINVITE),
    # ---- owing on a loan of the last 30 days: abnormal
    *_owing(State.RECENT_LOAN),
    _refused(
        State.RECENT_LOAN,
        Action.START_CLOSURE,
        "start closure: no option",
        MISSING_OPTION,
        ("CLOSE-OPTION-MISSING-ABNORMAL",),
    ),
    _time(
        State.RECENT_LOAN,
        "time passes, loan still recent",
        INTEREST,
        (no(Predicate.LOAN_30_DAYS_OLD),),
    ),
    Transition(
        State.RECENT_LOAN,
        Action.CLOCK,
        State.OWING,
        "30 days since the loan",
        NOT_ABNORMAL_AFTER_30_DAYS,
        (yes(Predicate.LOAN_30_DAYS_OLD),),
        Outcome.TIME,
    ),
    # ---- owing on an older loan
    *_owing(State.OWING),
    _refused(
        State.OWING,
        Action.START_CLOSURE,
        "start closure: blocked, 去还款",
        BLOCKED,
        ("CLOSE-BLOCK-OWED",),
    ),
    _time(State.OWING, "interest accrues", INTEREST, (), ("MONEY-DAILY-INTEREST",)),
    # ---- a risk flag: abnormal with nothing owed
    _refused(
        State.RISK_FLAGGED,
        Action.START_CLOSURE,
        "start closure: no option",
        ABNORMAL,
        ("CLOSE-OPTION-MISSING-ABNORMAL",),
    ),
    _time(State.RISK_FLAGGED, "time passes", NOTHING_DUE),
    # ---- paused
    _refused(State.PAUSED, Action.BORROW, "borrow: paused", PAUSE, ("STOP-BY-HIDING",)),
    _time(
        State.PAUSED,
        "time passes, no re-evaluation",
        PAUSE,
        (no(Predicate.PAUSE_OVER),),
        ("PAUSE-NO-REEVALUATION",),
    ),
    Transition(
        State.PAUSED,
        Action.CLOCK,
        State.ACTIVE,
        "pause ends, re-evaluated: eligible",
        "seed: 过一段时间…重新评估后,入口可能会再出现 (rules.md Pause: at expiry the account is "
        "re-evaluated, scenario field eligible_after_pause)",
        (yes(Predicate.PAUSE_OVER), yes(Predicate.ELIGIBLE_AFTER_PAUSE)),
        Outcome.TIME,
        ("PAUSE-REEVALUATION", "PAUSE-KEEPS-ACCOUNT"),
    ),
    Transition(
        State.PAUSED,
        Action.CLOCK,
        State.HIDDEN_AFTER_PAUSE,
        "pause ends, re-evaluated: not eligible",
        "seed: 重新评估后,入口*可能*会再出现 — may, so it may also stay hidden",
        (yes(Predicate.PAUSE_OVER), no(Predicate.ELIGIBLE_AFTER_PAUSE)),
        Outcome.TIME,
        ("PAUSE-REEVALUATION",),
    ),
    _refused(State.HIDDEN_AFTER_PAUSE, Action.BORROW, "borrow: hidden", PAUSE, ("STOP-BY-HIDING",)),
    _time(State.HIDDEN_AFTER_PAUSE, "time passes", NOTHING_DUE),
    # ---- opted out
    Transition(
        State.OPTED_OUT,
        Action.OPT_IN,
        State.ACTIVE,
        "opt back in",
        "rules.md Opt-out: saved at once in 设置 → 通知管理 (so is unticking it)",
        requirements=("PAUSE-KEEPS-ACCOUNT",),
    ),
    _refused(
        State.OPTED_OUT,
        Action.BORROW,
        "borrow: opted out",
        OPT_OUT,
        ("OPTOUT-NO-BORROWING", "STOP-BY-HIDING"),
    ),
    _time(State.OPTED_OUT, "time passes", NOTHING_DUE),
    # ---- the closure's identity checks
    Transition(
        State.AT_PASSWORD,
        Action.WRONG_PASSWORD,
        State.AT_PASSWORD,
        "wrong password",
        PASSWORD_LOCK,
        (),
        Outcome.FAILED_CHECK,
        requirements=("VERIFY-IDENTITY",),
    ),
    Transition(
        State.AT_PASSWORD,
        Action.RIGHT_PASSWORD,
        State.AT_SMS,
        "right password",
        "rules.md Closure: payment password → SMS code (seed: 可能需要验证身份,比如支付密码)",
        (no(Predicate.PASSWORD_LOCKED),),
        requirements=("VERIFY-IDENTITY",),
    ),
    Transition(
        State.AT_PASSWORD,
        Action.RIGHT_PASSWORD,
        State.AT_PASSWORD,
        "right password while locked: refused",
        PASSWORD_LOCK,
        (yes(Predicate.PASSWORD_LOCKED),),
        Outcome.REFUSED,
        requirements=("VERIFY-IDENTITY",),
    ),
    Transition(
        State.AT_SMS,
        Action.WRONG_SMS_CODE,
        State.AT_SMS,
        "wrong SMS code",
        "rules.md Closure: SMS code … 5 wrong tries void it; a resend keeps the count",
        (),
        Outcome.FAILED_CHECK,
        requirements=("VERIFY-IDENTITY",),
    ),
    Transition(
        State.AT_SMS,
        Action.RIGHT_SMS_CODE,
        State.AT_FACE,
        "right SMS code",
        "rules.md Closure: SMS code (6 digits, 5 minutes, single use, resend once a minute and "
        "5 times an hour) (seed: 手机验证码)",
        (yes(Predicate.SMS_CODE_AVAILABLE),),
        requirements=("VERIFY-IDENTITY",),
    ),
    Transition(
        State.AT_FACE,
        Action.FACE_CHECK,
        State.AT_FACE,
        "face check fails",
        "rules.md Closure: simulated face check (5 failures → 30 minutes' wait)",
        (yes(Predicate.FACE_CHECK_FAILS),),
        Outcome.FAILED_CHECK,
        requirements=("VERIFY-IDENTITY",),
    ),
    Transition(
        State.AT_FACE,
        Action.FACE_CHECK,
        State.CLOSURE_PENDING,
        "face check passes: submitted",
        "seed: 提交申请后,微粒贷平台会进行审核,一般1-3个工作日内会有结果",
        (no(Predicate.FACE_CHECK_FAILS),),
        requirements=("VERIFY-IDENTITY", "REVIEW-SUBMITTED"),
    ),
    *(
        Transition(step, Action.LEAVE_CLOSURE, State.ACTIVE, "leave halfway", LEAVE)
        for step in (State.AT_PASSWORD, State.AT_SMS, State.AT_FACE)
    ),
    # ---- under review
    _refused(
        State.CLOSURE_PENDING,
        Action.START_CLOSURE,
        "start closure: under review",
        UNDER_REVIEW,
        ("REVIEW-SUBMITTED",),
    ),
    _refused(
        State.CLOSURE_PENDING,
        Action.BORROW,
        "borrow: under review",
        "rules.md Review: the portal refuses 借钱 while a closure is under review (the seed is "
        "silent; a loan would only make the review reject)",
    ),
    _refused(
        State.CLOSURE_PENDING,
        Action.PAUSE,
        "pause: under review",
        "rules.md Review: an account under review is not paused (the seed is silent)",
    ),
    _time(
        State.CLOSURE_PENDING,
        "time passes, review not due",
        "rules.md Review: 1–3 Chinese working days on the portal clock",
        (no(Predicate.REVIEW_DUE),),
        ("REVIEW-WORKING-DAYS",),
    ),
    Transition(
        State.CLOSURE_PENDING,
        Action.CLOCK,
        State.CLOSED,
        "review approved",
        "seed: 审核通过后,账户就彻底注销了,微信里也不会再显示微粒贷入口",
        (yes(Predicate.REVIEW_DUE), no(Predicate.REVIEW_REJECTS)),
        Outcome.TIME,
        ("REVIEW-APPROVED-CLOSES", "CLOSE-DELETES-ALL"),
    ),
    Transition(
        State.CLOSURE_PENDING,
        Action.CLOCK,
        State.ACTIVE,
        "review rejected",
        "rules.md Review: rejection sends the reason; the account stays",
        (yes(Predicate.REVIEW_DUE), yes(Predicate.REVIEW_REJECTS)),
        Outcome.TIME,
    ),
    # ---- closed
    _refused(State.CLOSED, Action.BORROW, "borrow: closed", NO_RESTORE, ("AFTER-NO-RESTORE",)),
    _refused(State.CLOSED, Action.REPAY, "repay: closed", NO_RESTORE, ("AFTER-NO-RESTORE",)),
    _refused(
        State.CLOSED,
        Action.START_CLOSURE,
        "start closure: closed",
        NO_RESTORE,
        ("AFTER-NO-RESTORE",),
    ),
    _time(State.CLOSED, "time passes", NO_RESTORE, (), ("AFTER-NO-RESTORE",)),
    Transition(
        State.CLOSED,
        Action.INVITE,
        State.REINVITED,
        "re-invite",
        REINVITE,
        NO_RISK,
        requirements=("AFTER-REINVITE-NEW-ACCOUNT",),
    ),
)


@dataclass(frozen=True)
class Model:
    """The transitions, the seeds into them and the oracles, with the graph they make."""

    transitions: tuple[Transition, ...]
    seeds: tuple[Seed, ...]
    oracles: Mapping[State, Oracle]

    def graph(self) -> nx.MultiDiGraph[State]:
        """Return the model as a multigraph: a node per state, an edge per transition.

        Each edge's key is the transition's ``key``; its data hold the ``transition`` and a
        ``cost``, one plus its conditions, so shortest paths prefer arrows with fewer to set up.
        """
        graph: nx.MultiDiGraph[State] = nx.MultiDiGraph()
        graph.add_nodes_from(State)
        for transition in self.transitions:
            graph.add_edge(
                transition.source,
                transition.target,
                key=transition.key,
                transition=transition,
                cost=1 + len(transition.conditions()),
            )
        return graph

    def leaving(self, state: State, action: Action) -> list[Transition]:
        """Return the transitions ``action`` may take from ``state``."""
        return [t for t in self.transitions if t.source is state and t.action is action]

    def next(
        self, state: State, action: Action, truth: Mapping[Predicate, bool]
    ) -> Transition | None:
        """Return the one transition ``action`` takes from ``state`` given ``truth``, or None."""
        enabled = [t for t in self.leaving(state, action) if t.enabled(truth)]
        if len(enabled) > 1:
            raise ValueError(f"the model is ambiguous: {[t.key for t in enabled]}")
        return enabled[0] if enabled else None

    def possible(self, state: State, action: Action, known: Mapping[Predicate, bool]) -> bool:
        """Say whether ``action`` may do something modelled in ``state``, given what is known."""
        return any(t.possible(known) for t in self.leaving(state, action))

    def predicates(self, transitions: Iterable[Transition]) -> set[Predicate]:
        """Return every predicate the guards of ``transitions`` name."""
        return {p for t in transitions for p, _ in t.when}


MODEL = Model(TRANSITIONS, SEEDS, ORACLES)
