"""Edges of the rules that make mutants-rules found untested (docs/mutation.md).

Each test pins a behaviour docs/rules.md states, at the point where a small change to the rule
(a mutant) went unnoticed by the other tests: the 客服 bot's exact words, the penalty's rate in
whole fen, a repayment's last fen, each identity check's verdict as well as its words, working
days counted between two moments, the variant a client code names.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta

import pytest

from mock_portal.domain.kefu import Reply, answer
from mock_portal.domain.loans import accrue, outstanding, pay
from mock_portal.domain.money import format_yuan, parse_yuan
from mock_portal.domain.rules import ABNORMAL_RECENT_LOAN, ABNORMAL_RISK_FLAG
from mock_portal.domain.variants import VARIANTS, check_variant, variant_for
from mock_portal.domain.verification import (
    Outcome,
    VerificationPolicy,
    new_sms_code,
    try_face,
    try_password,
    try_sms_code,
)
from mock_portal.domain.workdays import add_working_days, working_days_between
from tests.rules.fakes import BORROWED_AT, DUE_ON, FakeCounters, FakeLoan, FakeSms

NOW = datetime(2026, 11, 23, 10, 0)
POLICY = VerificationPolicy()

# ---------------------------------------------------------------- the 客服 bot, word for word

AGENT = Reply("agent", "您好，人工客服小微为您服务。您的问题我已了解，请问还有什么可以帮您？")
MENU = Reply(
    "bot",
    "抱歉，我没有理解您的问题。您可以问：怎么注销、找不到注销入口、暂停借款，或回复“人工”。",
)
PAUSE = Reply(
    "bot",
    "如只是暂时不用，可在“帮助中心”搜索“关闭微粒贷”，使用“暂停借款”功能（3个月），"
    "或在“设置-通知管理”勾选“不再接收微粒贷邀请消息”。",
)
CLOSURE_RULES = (
    "注销前必须还清所有欠款（包括利息和逾期罚息），哪怕1分钱也无法注销。"
    "{owed}注销需验证支付密码、短信验证码和人脸识别，审核一般1-3个工作日，注销后无法恢复。"
)


@pytest.mark.parametrize("word", ["人工", "转接", "真人"])
def test_each_word_for_a_person_reaches_the_agent(word: str) -> None:
    assert answer(f"请帮我{word}", "注销账户", [], "") == AGENT


@pytest.mark.parametrize("word", ["找不到", "入口", "没有注销", "不见"])
def test_each_word_for_a_missing_entry_gets_the_reasons(word: str) -> None:
    reply = answer(f"为什么{word}", "关闭账户", [ABNORMAL_RECENT_LOAN, ABNORMAL_RISK_FLAG], "")
    assert reply == Reply(
        "bot",
        f"经查询，您的账户目前存在异常：{ABNORMAL_RECENT_LOAN}；{ABNORMAL_RISK_FLAG}。"
        "因此暂不显示“关闭账户”。"
        "请还清近期借款或等待风险管控解除后再试；如需进一步帮助，回复“人工”。",
    )


@pytest.mark.parametrize(
    ("close_label", "site"), [("注销账户", "微粒贷官网"), ("关闭账户", "账户中心")]
)
def test_a_normal_account_is_told_the_path_of_its_variant(close_label: str, site: str) -> None:
    assert answer("入口在哪", close_label, [], "") == Reply(
        "bot", f"您的账户状态正常，可在“…-{site}”的安全设置中找到“{close_label}”。"
    )


@pytest.mark.parametrize("word", ["注销", "关闭", "销户"])
@pytest.mark.parametrize(
    ("owed_text", "owed"), [("0.01", "您当前还有 ¥0.01 未还，需先还清。"), ("", "您当前没有欠款。")]
)
def test_a_closure_question_gets_the_rules_and_what_is_owed(
    word: str, owed_text: str, owed: str
) -> None:
    reply = answer(f"我想{word}", "注销账户", [], owed_text)
    assert reply == Reply("bot", CLOSURE_RULES.format(owed=owed))


@pytest.mark.parametrize("word", ["暂停", "不想用", "停用"])
def test_a_pause_question_gets_the_guide_and_the_opt_out(word: str) -> None:
    assert answer(f"我想{word}", "注销账户", [], "") == PAUSE


def test_anything_else_gets_the_menu_word_for_word() -> None:
    assert answer("你好", "注销账户", [], "") == MENU


# ---------------------------------------------------------------- 罚息 in whole fen


def test_penalty_rate_is_rounded_down_to_a_whole_ppm_before_it_is_charged() -> None:
    """333 ppm a day makes a 罚息 rate of 499 ppm (1.5 x, rounded down), never 499.5."""
    loan = FakeLoan(principal_fen=1_000_000, daily_rate_ppm=333, accrued_through=DUE_ON)
    assert accrue(loan, DUE_ON + timedelta(days=1)) == [DUE_ON + timedelta(days=1)]
    assert loan.interest_fen == 333
    assert loan.penalty_fen == 499
    assert type(loan.penalty_fen) is int  # money is integer fen, never float


def test_penalty_stays_integer_fen_at_the_default_rate() -> None:
    loan = FakeLoan(principal_fen=200_000, accrued_through=DUE_ON)
    accrue(loan, DUE_ON + timedelta(days=2))
    assert loan.penalty_fen == 2 * 150
    assert type(loan.penalty_fen) is int


# ---------------------------------------------------------------- working days between moments


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (datetime(2026, 11, 23, 10, 0), date(2026, 11, 25), 2),  # Monday 10:00 to Wednesday
        (date(2026, 11, 23), datetime(2026, 11, 25, 9, 0), 2),
        (datetime(2026, 11, 27, 16, 0), datetime(2026, 12, 1, 8, 0), 2),  # Friday to Tuesday
        (datetime(2026, 11, 23, 23, 0), datetime(2026, 11, 23, 1, 0), 0),
    ],
)
def test_working_days_between_counts_whole_days_of_moments(
    start: date, end: date, expected: int
) -> None:
    """A datetime counts by its day: the time of day never adds or drops a working day."""
    assert working_days_between(start, end) == expected


def test_add_working_days_refuses_a_negative_count_and_says_so() -> None:
    with pytest.raises(ValueError) as error:
        add_working_days(NOW, -1)
    assert str(error.value) == "n must be >= 0, got -1"


# ---------------------------------------------------------------- repayments and money


def test_a_repayment_that_leaves_one_fen_after_a_loan_pays_it_into_the_next() -> None:
    older = FakeLoan(principal_fen=500)
    newer = FakeLoan(principal_fen=500, borrowed_at=BORROWED_AT + timedelta(days=1))
    assert pay([newer, older], 501) == 0
    assert outstanding(older).total_fen == 0
    assert outstanding(newer).principal_fen == 499


def test_a_repayment_of_nothing_is_refused_in_words() -> None:
    with pytest.raises(ValueError) as error:
        pay([FakeLoan(principal_fen=100)], 0)
    assert str(error.value) == "还款金额必须大于 0"


def test_money_that_is_not_fen_is_named_in_the_error() -> None:
    with pytest.raises(TypeError) as error:
        format_yuan(1.5)  # type: ignore[arg-type]  # what the check is for
    assert str(error.value) == "money must be integer fen, got float"


def test_an_amount_that_is_not_money_is_refused_with_an_example() -> None:
    with pytest.raises(ValueError) as error:
        parse_yuan("abc")
    assert str(error.value) == "请输入正确的金额，例如 500 或 0.01"


# ---------------------------------------------------------------- client variants


@pytest.mark.parametrize(
    ("code", "variant"),
    [("B", "B"), (" b ", "B"), ("a", "A"), (None, "A"), ("", "A"), ("x", "A"), ("AB", "A")],
)
def test_a_client_code_names_its_variant_or_the_default(code: str | None, variant: str) -> None:
    assert variant_for(code) == VARIANTS[variant]


# ---------------------------------------------------------------- identity checks, verdicts too


def test_an_sms_code_is_six_digits_even_at_the_top_of_the_range(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(secrets, "randbelow", lambda n: n - 1)
    assert new_sms_code() == "999999"


def test_each_wrong_password_is_a_failed_outcome_until_the_lock() -> None:
    counters = FakeCounters()
    verdicts = [try_password(counters, False, NOW, POLICY) for _ in range(3)]
    assert verdicts == [
        Outcome(False, "支付密码错误，还可以尝试 2 次"),
        Outcome(False, "支付密码错误，还可以尝试 1 次"),
        Outcome(False, "支付密码错误次数过多，已被锁定 3 小时"),
    ]


def test_each_failed_face_check_is_a_failed_outcome_until_the_wait() -> None:
    counters = FakeCounters()
    verdicts = [try_face(counters, False, NOW, POLICY) for _ in range(5)]
    assert verdicts[0] == Outcome(
        False, "人脸识别未通过，请确保本人正对屏幕、光线充足（还可以尝试 4 次）"
    )
    assert verdicts[-1] == Outcome(False, "人脸识别失败次数过多，请 30 分钟后再试")


def test_each_wrong_sms_code_is_a_failed_outcome_until_it_is_void() -> None:
    sms, failures, verdicts = FakeSms("042917", NOW), 0, []
    for _ in range(5):
        outcome, failures = try_sms_code(sms, "000000", failures, NOW, POLICY)
        verdicts.append(outcome)
    assert verdicts[0] == Outcome(False, "验证码错误，还可以尝试 4 次")
    assert verdicts[-1] == Outcome(False, "验证码错误次数过多已失效，请重新获取")
    assert sms.voided


def test_an_unknown_variant_is_refused_naming_the_variants() -> None:
    with pytest.raises(ValueError) as error:
        check_variant("c")
    assert str(error.value) == "unknown variant 'c'; use one of A, B"
