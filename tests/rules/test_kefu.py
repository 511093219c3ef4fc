"""Tests for the 客服 bot's answers (mock_portal.domain.kefu)."""

from __future__ import annotations

import pytest

from mock_portal.domain.kefu import Reply, answer
from mock_portal.domain.rules import ABNORMAL_RECENT_LOAN, ABNORMAL_RISK_FLAG


@pytest.mark.parametrize("question", ["转人工", "人工客服", "我要真人", "转接一下", "  人工  "])
@pytest.mark.requirement("CLOSE-OPTION-MISSING-KEFU")
def test_asking_for_a_person_hands_over_to_an_agent(question: str) -> None:
    reply = answer(question, "注销账户", [ABNORMAL_RECENT_LOAN], "")
    assert reply.sender == "agent"
    assert "人工客服" in reply.text


@pytest.mark.parametrize(
    "question", ["找不到注销入口", "注销的入口在哪", "为什么没有注销", "注销不见了"]
)
@pytest.mark.requirement("CLOSE-OPTION-MISSING-KEFU")
def test_missing_entry_is_explained_by_the_account_state(question: str) -> None:
    reply = answer(question, "关闭账户", [ABNORMAL_RECENT_LOAN, ABNORMAL_RISK_FLAG], "")
    assert reply.sender == "bot"
    assert f"{ABNORMAL_RECENT_LOAN}；{ABNORMAL_RISK_FLAG}" in reply.text
    assert "“关闭账户”" in reply.text
    assert "人工" in reply.text


@pytest.mark.parametrize(
    ("close_label", "site"), [("注销账户", "微粒贷官网"), ("关闭账户", "账户中心")]
)
def test_a_normal_account_is_told_where_the_option_is(close_label: str, site: str) -> None:
    reply = answer("找不到入口", close_label, [], "")
    assert site in reply.text
    assert f"“{close_label}”" in reply.text


def test_closure_question_names_what_is_owed() -> None:
    reply = answer("怎么注销微粒贷", "注销账户", [], "0.01")
    assert "¥0.01" in reply.text
    assert "哪怕1分钱也无法注销" in reply.text
    assert "1-3个工作日" in reply.text


@pytest.mark.parametrize("question", ["怎么注销", "关闭微粒贷账户", "我要销户"])
def test_closure_question_with_nothing_owed(question: str) -> None:
    reply = answer(question, "注销账户", [], "")
    assert "您当前没有欠款" in reply.text


@pytest.mark.parametrize("question", ["暂停借款", "我不想用了", "可以停用吗"])
def test_pause_question_points_to_the_guide_and_the_opt_out(question: str) -> None:
    reply = answer(question, "注销账户", [], "")
    assert "暂停借款" in reply.text
    assert "不再接收微粒贷邀请消息" in reply.text


@pytest.mark.parametrize("question", ["你好", "今天天气", "<script>alert(1)</script>"])
def test_anything_else_gets_the_menu(question: str) -> None:
    reply = answer(question, "注销账户", [], "")
    assert reply.sender == "bot"
    assert "没有理解" in reply.text
    assert question not in reply.text  # the bot never echoes what was typed


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
