"""The 客服 bot's answers: closure questions, why the closure entry is missing, a human agent.

It understands questions in Chinese and in English (the portal's two languages); its answers are
messages (``text.N_``) that the portal says in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import N_
from .variants import VARIANTS


@dataclass(frozen=True)
class Reply:
    """What the chat answers: who speaks and what they say."""

    sender: str  # bot or agent
    text: str


GREETING = N_("您好，我是微粒贷智能客服。可以问我：怎么注销、找不到注销入口、暂停借款、转人工。")

# What a question says, in either language (the English ones are matched in lower case).
AGENT_WORDS = ("人工", "转接", "真人", "agent", "human", "real person")
MISSING_WORDS = (
    *("找不到", "入口", "没有注销", "不见"),
    *("find", "missing", "where", "disappeared", "gone"),
)
CLOSE_WORDS = ("注销", "关闭", "销户", "close", "cancel", "delete")
PAUSE_WORDS = ("暂停", "不想用", "停用", "pause", "stop", "don't want", "don’t want")


def answer(question: str, close_label: str, missing_reasons: list[str], owed_text: str) -> Reply:
    """Answer one chat message for a person whose closure option is named ``close_label``."""
    text = question.strip().lower()
    if any(word in text for word in AGENT_WORDS):
        return Reply(
            "agent", N_("您好，人工客服小微为您服务。您的问题我已了解，请问还有什么可以帮您？")
        )
    if any(word in text for word in MISSING_WORDS):
        if missing_reasons:
            return Reply(
                "bot",
                N_(
                    "经查询，您的账户目前存在异常：{reasons}。因此暂不显示“{close}”。"
                    "请还清近期借款或等待风险管控解除后再试；如需进一步帮助，回复“人工”。",
                    reasons=missing_reasons,
                    close=close_label,
                ),
            )
        variant_b = VARIANTS["B"]
        site = variant_b.site if close_label == variant_b.close else VARIANTS["A"].site
        return Reply(
            "bot",
            N_(
                "您的账户状态正常，可在“…-{site}”的安全设置中找到“{close}”。",
                site=site,
                close=close_label,
            ),
        )
    if any(word in text for word in CLOSE_WORDS):
        owed = (
            N_("您当前还有 ¥{amount} 未还，需先还清。", amount=owed_text)
            if owed_text
            else N_("您当前没有欠款。")
        )
        return Reply(
            "bot",
            N_(
                "注销前必须还清所有欠款（包括利息和逾期罚息），哪怕1分钱也无法注销。"
                "{owed}注销需验证支付密码、短信验证码和人脸识别，审核一般1-3个工作日，"
                "注销后无法恢复。",
                owed=owed,
            ),
        )
    if any(word in text for word in PAUSE_WORDS):
        return Reply(
            "bot",
            N_(
                "如只是暂时不用，可在“帮助中心”搜索“关闭微粒贷”，使用“暂停借款”功能（3个月），"
                "或在“设置-通知管理”勾选“不再接收微粒贷邀请消息”。"
            ),
        )
    return Reply(
        "bot",
        N_(
            "抱歉，我没有理解您的问题。您可以问：怎么注销、找不到注销入口、暂停借款，或回复“人工”。"
        ),
    )
