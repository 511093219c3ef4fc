"""Flows of the article's “when things go wrong” section: no closure option, failed identity
checks, a rejected application. Those about a check start at it (the test API), not at 我."""

from __future__ import annotations

from ..journey import Section, in_chapters
from ..labels import Labels
from .chapters import FIND_CLOSURE, SUBMITTED
from .registry import Chaptered, flow
from .steps import (
    PATH_TO_CLOSURE,
    READ_NOTIFICATIONS,
    WAIT_FOR_REVIEW,
    ask_why_missing,
    contact_kefu,
    credit_report_shows,
    enter_expired_code,
    enter_sms_code,
    face_fails,
    let_time_pass,
    open_me,
    open_services,
    path_to_closure,
    read_consequences,
    request_sms_code,
    resend_sms_code,
    see_blocked,
    see_close_option_missing,
    see_notification,
    services_with_entry,
    start_at_closure_step,
    wrong_password,
    wrong_sms_code,
)

FROM_THE_SMS_STEP = start_at_closure_step(
    "sms",
    "进入注销的“短信验证”（前面的步骤见“永久注销”演示）",
    "Start at the closure's SMS check (the steps before it: see “Close the account”)",
)


@flow(
    name="entry_missing_kefu",
    scenario="recent_loan",
    section=Section.GOING_WRONG,
    titles=(
        "找不到“{close}”入口：联系客服问清原因",
        "No “{close}” option: ask Customer Service why",
    ),
    requirements=(
        "CLOSE-OPTION-MISSING-ABNORMAL",
        "CLOSE-OPTION-MISSING-KEFU",
        *PATH_TO_CLOSURE[:-1],
    ),
)
def entry_missing_kefu_flow(labels: Labels) -> Chaptered:
    """Find no closure option (abnormal account) and ask 客服 why."""
    return in_chapters(
        (*FIND_CLOSURE, path_to_closure(labels)[:-1]),
        (
            "找不到注销选项，问客服",
            "No closure option: ask Customer Service",
            [see_close_option_missing(labels), contact_kefu(), ask_why_missing(labels)],
        ),
    )


@flow(
    name="penalty_blocks_closure",
    scenario="overdue_penalty",
    section=Section.GOING_WRONG,
    titles=(
        "逾期罚息没还清：注销不了，逾期记录留在征信里",
        "A late-payment penalty still owed: no closure, and the late payment stays on record",
    ),
    requirements=(
        "CLOSE-PENALTY-TOO",
        "CLOSE-BLOCK-OWED",
        "CREDIT-OVERDUE-STAYS",
        *PATH_TO_CLOSURE,
    ),
)
def penalty_blocks_closure_flow(labels: Labels) -> Chaptered:
    """Owe only an overdue loan's penalty: the closure is blocked naming it, and the credit
    report keeps the overdue month (the article: 如果你有逾期没还，注销不了，逾期记录会一直保留)."""
    return in_chapters(
        (*FIND_CLOSURE, path_to_closure(labels)),
        (
            "被逾期罚息拦下",
            "Stopped by the late-payment penalty",
            [
                see_blocked(
                    "本金利息都已还清，只剩逾期罚息¥2.37，仍然无法注销",
                    "Principal and interest repaid, ¥2.37 of penalty left: still no closure",
                    owed="¥2.37",
                    breakdown=("¥0.00", "¥0.00", "¥2.37"),
                )
            ],
        ),
        (
            "逾期记录留在征信里",
            "The late payment stays on the credit report",
            [
                open_me(),
                open_services(),
                credit_report_shows(
                    "打开“征信报告”：微粒贷账户仍是“正常”，逾期记录还在",
                    "Open the “Credit Report”: the Weilidai account is still “Active”, "
                    "its late payment listed",
                    "正常",
                ),
            ],
        ),
    )


@flow(
    name="password_lockout",
    scenario="invited",
    section=Section.GOING_WRONG,
    titles=(
        "身份验证失败：支付密码连续输错3次被锁定",
        "Identity check failed: three wrong payment passwords lock it",
    ),
    requirements=(*PATH_TO_CLOSURE, "CLOSE-CONSEQUENCES", "VERIFY-IDENTITY"),
)
def password_lockout_flow(labels: Labels) -> Chaptered:
    """Enter a wrong payment password three times and see it locked."""
    return in_chapters(
        (*FIND_CLOSURE, [*path_to_closure(labels), read_consequences()]),
        (
            "支付密码输错3次",
            "Three wrong payment passwords",
            [
                wrong_password(1, "支付密码错误，还可以尝试 2 次", "2 tries left"),
                wrong_password(2, "支付密码错误，还可以尝试 1 次", "1 try left"),
                wrong_password(3, "支付密码错误次数过多，已被锁定 3 小时", "locked for 3 hours"),
            ],
        ),
    )


@flow(
    name="sms_expired",
    scenario="invited",
    section=Section.GOING_WRONG,
    titles=("短信验证码过期：重新获取后再验证", "The SMS code expired: get a new one"),
    requirements=("VERIFY-IDENTITY",),
)
def sms_expired_flow(labels: Labels) -> Chaptered:
    """The SMS code expires before it is typed; a new one is sent and works."""
    return in_chapters(
        ("获取验证码", "Get a code", [FROM_THE_SMS_STEP, request_sms_code()]),
        (
            "验证码过期",
            "The code expires",
            [
                let_time_pass(
                    "过了5分钟才去填写",
                    "Five minutes pass before it is typed",
                    minutes=5,
                    seconds=30,
                ),
                enter_expired_code(),
            ],
        ),
        (
            "重新获取",
            "A new code",
            [
                resend_sms_code(),
                enter_sms_code(
                    "填写新的验证码，进入人脸识别", "Type the new code: on to the face check"
                ),
            ],
        ),
    )


@flow(
    name="sms_too_many_wrong",
    scenario="invited",
    section=Section.GOING_WRONG,
    titles=(
        "验证码输错5次作废：等待后重新获取",
        "Five wrong SMS codes void it: wait, then get a new one",
    ),
    requirements=("VERIFY-IDENTITY",),
)
def sms_too_many_wrong_flow(labels: Labels) -> Chaptered:
    """Five wrong SMS codes void it; after the minute's wait a new one works."""
    return in_chapters(
        ("获取验证码", "Get a code", [FROM_THE_SMS_STEP, request_sms_code()]),
        (
            "验证码输错5次",
            "Five wrong codes",
            [
                wrong_sms_code(1, "验证码错误，还可以尝试 4 次", "4 tries left"),
                wrong_sms_code(2, "验证码错误，还可以尝试 3 次", "3 tries left"),
                wrong_sms_code(3, "验证码错误，还可以尝试 2 次", "2 tries left"),
                wrong_sms_code(4, "验证码错误，还可以尝试 1 次", "1 try left"),
                wrong_sms_code(5, "验证码错误次数过多已失效，请重新获取", "the code is void"),
            ],
        ),
        (
            "重新获取",
            "A new code",
            [
                let_time_pass(
                    "等60秒，“重新获取”才能再点", "Wait 60 seconds until “Resend” works", seconds=60
                ),
                resend_sms_code(),
                enter_sms_code(
                    "填写新的验证码，进入人脸识别", "Type the new code: on to the face check"
                ),
            ],
        ),
    )


@flow(
    name="face_fails_until_wait",
    scenario="face_check_fails",
    section=Section.GOING_WRONG,
    titles=(
        "人脸识别连续失败：等待30分钟后再试",
        "The face check keeps failing: wait 30 minutes, then try again",
    ),
    requirements=("VERIFY-IDENTITY",),
)
def face_fails_until_wait_flow(labels: Labels) -> Chaptered:
    """The face check fails five times; it asks for a 30-minute wait, then can be tried again."""
    return in_chapters(
        (
            "人脸识别",
            "The face check",
            [
                start_at_closure_step(
                    "face",
                    "进入注销的“人脸识别”（前面的步骤见“永久注销”演示）",
                    "Start at the closure's face check "
                    "(the steps before it: see “Close the account”)",
                ),
                face_fails(1, "还可以尝试 4 次", "4 tries left"),
                face_fails(2, "还可以尝试 3 次", "3 tries left"),
                face_fails(3, "还可以尝试 2 次", "2 tries left"),
                face_fails(4, "还可以尝试 1 次", "1 try left"),
                face_fails(5, "人脸识别失败次数过多，请 30 分钟后再试", "try again in 30 minutes"),
            ],
        ),
        (
            "等待30分钟",
            "A 30-minute wait",
            [
                face_fails(6, "请 30 分钟后再试", "still waiting"),
                let_time_pass("等待30分钟", "Wait 30 minutes", minutes=30),
            ],
        ),
        ("再试一次", "Try again", [face_fails(7, "还可以尝试 4 次", "tries start over")]),
    )


@flow(
    name="review_rejected",
    scenario="review_rejected",
    section=Section.GOING_WRONG,
    titles=(
        "审核未通过：服务通知说明原因，账户保留",
        "The review says no: the notice gives the reason; the account stays",
    ),
    requirements=("REVIEW-SUBMITTED", "REVIEW-WORKING-DAYS"),
)
def review_rejected_flow(labels: Labels) -> Chaptered:
    """Submit, wait for the review, read why it was rejected; the account stays."""
    return in_chapters(
        (
            *SUBMITTED,
            [
                start_at_closure_step(
                    "submitted",
                    "提交注销申请（前面的步骤见“永久注销”演示）",
                    "Send the closure application (the steps: see “Close the account”)",
                )
            ],
        ),
        ("等待审核", "Waiting for the review", [WAIT_FOR_REVIEW]),
        (
            "审核未通过",
            "The review says no",
            [
                *READ_NOTIFICATIONS,
                see_notification(
                    "微粒贷注销申请未通过",
                    "Notice: closure not approved, with the reason",
                    "账户存在未结清的关联业务",
                ),
                services_with_entry(
                    "回到“我-服务”：微粒贷入口还在，账户没有注销",
                    "Back in “Me → Services”: the entry is still there; nothing was closed",
                ),
            ],
        ),
    )
