"""Tests for the 客服 bot's answers (mock_portal.domain.kefu)."""

from __future__ import annotations

import pytest

from mock_portal.domain.kefu import answer
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
