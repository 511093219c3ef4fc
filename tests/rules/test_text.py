"""The rules' messages (mock_portal.domain.text): Chinese as before, translatable later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest

from mock_portal.domain import kefu, rules, verification
from mock_portal.domain.money import parse_yuan
from mock_portal.domain.text import N_, Message, Np_, as_message, dumps, loads
from mock_portal.domain.variants import VARIANTS

NOW = datetime(2026, 11, 23, 10, 0)


@dataclass
class Counters:
    pw_failures: int = 0
    pw_locked_until: datetime | None = None


def test_a_message_is_its_chinese_text_with_the_fields_filled_in() -> None:
    message = N_("您已成功还款 ¥{amount}，当前借款已全部结清。", amount="0.01")
    assert message == "您已成功还款 ¥0.01，当前借款已全部结清。"
    assert isinstance(message, str)
    assert message.msgid == "您已成功还款 ¥{amount}，当前借款已全部结清。"
    assert message.params == {"amount": "0.01"}


def test_a_message_without_fields_is_its_msgid() -> None:
    assert N_("请先获取短信验证码") == "请先获取短信验证码"
    assert N_("请先获取短信验证码").params == {}


def test_dates_lists_and_nested_messages_are_written_the_chinese_way() -> None:
    reasons = [rules.ABNORMAL_RECENT_LOAN, rules.ABNORMAL_RISK_FLAG]
    message = N_(
        "{when} · {day} · {reasons} · {inner}",
        when=datetime(2026, 11, 25, 9, 5),
        day=date(2027, 2, 21),
        reasons=reasons,
        inner=N_("还剩 {n} 次", n=2),
    )
    assert message == (
        "2026-11-25 09:05 · 2027-02-21 · 近30天内有借款尚未还清；账户存在风险管控，暂不支持注销"
        " · 还剩 2 次"
    )


def test_a_message_with_a_count_keeps_its_plural_and_number() -> None:
    message = Np_("验证码错误，还可以尝试 {num} 次", "验证码错误，还可以尝试 {num} 次", num=3)
    assert message == "验证码错误，还可以尝试 3 次"
    assert message.plural == message.msgid
    assert message.number == 3


def test_a_message_built_from_a_message_keeps_the_msgid() -> None:
    message = N_(rules.OWED_REFUSAL, amount="0.01")
    assert message.msgid == rules.OWED_REFUSAL.msgid
    assert "¥0.01" in message


def test_as_message_keeps_a_message_and_wraps_a_plain_text() -> None:
    message = N_("还剩 {n} 次", n=2)
    assert as_message(message) is message
    wrapped = as_message("一段数据")
    assert isinstance(wrapped, Message) and wrapped.msgid == "一段数据"


@pytest.mark.parametrize(
    "message",
    [
        N_(
            "您的注销申请（编号 {reference}）未通过审核。原因：{reason}。",
            reference="ZX1",
            reason=N_("账户仍有未结清欠款 ¥{amount}，请还清后重新申请", amount="0.01"),
        ),
        N_("已于 {when} 注销", when=datetime(2026, 11, 25, 10, 0)),
        N_("{day}", day=date(2026, 7, 1)),
        N_("{reasons}", reasons=[rules.ABNORMAL_RISK_FLAG, "数据"]),
        Np_("还剩 {num} 分钟", "还剩 {num} 分钟", num=1),
        "账户存在未结清的关联业务，请联系客服处理",
    ],
)
def test_a_message_kept_in_the_store_comes_back_the_same(message: str) -> None:
    back = loads(dumps(message))
    assert back == message
    assert back.msgid == as_message(message).msgid
    assert dumps(back) == dumps(message)


def test_the_rules_speak_in_messages() -> None:
    """What the rules say carries its msgid, so the portal can say it in English."""
    policy = verification.VerificationPolicy()
    counters = Counters()
    outcome = verification.try_password(counters, False, NOW, policy)
    assert isinstance(outcome.message, Message)
    assert outcome.message == "支付密码错误，还可以尝试 2 次"
    refusal = verification.sms_send_refusal([NOW], NOW + timedelta(seconds=10), policy)
    assert isinstance(refusal, Message) and refusal.number == 50
    reply = kefu.answer("为什么找不到注销入口", VARIANTS["A"].close, [], "")
    assert isinstance(reply.text, Message)
    assert reply.text.params["close"] is VARIANTS["A"].close  # said as the variant's label
    with pytest.raises(ValueError) as problem:
        parse_yuan("abc")
    assert isinstance(problem.value.args[0], Message)


@pytest.mark.parametrize(
    ("question", "sender", "says"),
    [
        ("Talk to an agent", "agent", "人工客服"),
        ("Why can't I find the close option?", "bot", "安全设置"),
        ("How do I close my account?", "bot", "哪怕1分钱"),
        ("I want to pause borrowing", "bot", "暂停借款"),
        ("hello", "bot", "没有理解"),
    ],
)
def test_kefu_understands_english_questions(question: str, sender: str, says: str) -> None:
    reply = kefu.answer(question, "注销账户", [], "")
    assert reply.sender == sender
    assert says in reply.text


@pytest.mark.parametrize("lock", [timedelta(hours=3), timedelta(minutes=90)])
def test_a_password_lock_says_its_count_in_one_chinese_form(lock: timedelta) -> None:
    # Chinese has one form: the plural the catalogue is extracted with is the singular itself.
    policy = verification.VerificationPolicy(password_lock=lock)
    message = verification.try_password(Counters(pw_failures=2), False, NOW, policy).message
    assert isinstance(message, Message)
    assert message.plural == message.msgid
    assert "{num}" in message.msgid and message.number in (3, 90)
