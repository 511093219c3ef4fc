"""The words the harness looks for on screen, in Chinese and as the English portal says them.

Page objects and flows name controls, titles and messages in Chinese (the article's words) and
ask ``Labels.say`` for them: in a zh-CN journey that is the text itself, in an English one the
entry here. Like the label table, this is the harness's own copy, not the portal's catalogue:
if the portal changes an English word, the English tests must notice, not follow along.

A text with ``{}`` takes values in order (``say("借款 {}", day)``). Where one Chinese word has two
English ones by where it stands (微信 is "WeChat" as a title and "Chats" as a tab), the key has
the place after a ``|``: ``say("微信|tab")``; in Chinese the place is dropped.
"""

from __future__ import annotations

import re

HAN = re.compile(r"[\u4e00-\u9fff]")

# The article's language, in which page objects and flows name what they look for.
CHINESE = "zh-CN"


def is_english(locale: str) -> bool:
    """Say whether ``locale`` (a BCP 47 tag: en, en-GB, zh-CN) is English."""
    return locale.split("-")[0].lower() == "en"


ENGLISH: dict[str, str] = {
    # ---------------------------------------------------------------- WeChat
    "我": "Me",
    "服务": "Services",
    "微信": "WeChat",
    "微信|tab": "Chats",
    "金融理财": "Financial Services",
    "微粒贷": "Weilidai",
    "征信报告": "Credit Report",
    "服务通知": "Service Notifications",
    "查看注销记录": "View Closure Record",
    "返回": "Back",
    # ---------------------------------------------------------------- 微粒贷
    "可借额度": "Available Credit",
    "更多": "More",
    "设置": "Settings",
    "帮助中心": "Help Center",
    "帮助中心 常见问题": "Help Center FAQ",
    "客服": "Customer Service",
    "借钱": "Borrow",
    "借款记录": "Loan Records",
    "借款 {}": "Loan of {}",
    "暂无借款记录": "No loans yet",
    "还款": "Repay",
    "欠款明细": "What you owe",
    "支付密码": "Payment Password",
    "确认还款": "Repay ¥",  # the start of the button, which says the amount after it
    "还款结果": "Repayment Result",
    "返回微粒贷": "Back to Weilidai",
    "借款金额": "Amount",
    "确认借款": "Confirm Borrowing",
    "账户已注销": "Account Closed",
    "注销后无法恢复": "cannot be restored",
    "联系微粒贷客服": "contact Weilidai Customer Service",
    "找不到“{}”": "Can't find “{}”",
    "为什么找不到注销入口？": "Why can't I find where to close my account?",
    "暂不显示“{}”": "“{}” is not shown for now",
    "近30天内有借款尚未还清": "A loan taken in the last 30 days is not yet repaid",
    # ---------------------------------------------------------------- help, settings, 客服
    "搜索问题": "Search questions",
    "搜索": "Search",
    "如何关闭借款功能（暂停借款）": "How to turn off borrowing (Pause Borrowing)",
    "暂停借款": "Pause Borrowing",
    "我已了解：暂停3个月，期间入口隐藏、不重新评估额度": (
        "I understand: borrowing is paused for 3 months, the entry is hidden and my credit line"
        " is not re-assessed"
    ),
    "已暂停借款": "Borrowing Paused",
    "返回服务": "Back to Services",
    "通知管理": "Notifications",
    "不再接收微粒贷邀请消息": "Stop receiving Weilidai invitations",
    "保存": "Save",
    "已保存：不再接收微粒贷邀请消息": "Saved: you will no longer receive Weilidai invitations.",
    "微粒贷客服": "Weilidai Customer Service",
    "聊天记录": "Chat history",
    "输入问题": "Your question",
    "发送": "Send",
    # ---------------------------------------------------------------- the closure
    "暂时无法{}": "{} Not Available Yet",
    "待还金额": "Amount owed",
    "去还款": "Repay",
    "注销后将无法恢复": "Closing cannot be undone",
    "我已知晓注销后果，确认注销": "I understand the consequences and want to close my account",
    "下一步": "Next",
    "验证支付密码": "Verify Payment Password",
    "短信验证": "SMS Verification",
    "获取验证码": "Get Code",
    "重新获取": "Resend",
    "验证码": "Code",
    "验证码已发送": "Code sent",
    "验证码已发送至": "Code sent to",
    "人脸识别": "Face Verification",
    "开始人脸识别": "Start Face Verification",
    "正在提交": "Submitting",
    "申请已提交": "Request Submitted",
    "预计1-3个工作日内完成审核": "The review usually takes 1–3 working days",
    "注销记录": "Closure Record",
    "保存注销记录": "Save Closure Record",
    "已注销": "Closed",
    "正常": "Active",
    # ---------------------------------------------------------------- what the checks say
    "支付密码错误，还可以尝试 2 次": "Wrong payment password. 2 attempts left.",
    "支付密码错误，还可以尝试 1 次": "Wrong payment password. 1 attempt left.",
    "支付密码错误次数过多，已被锁定 3 小时": (
        "Too many wrong payment passwords. Locked for 3 hours."
    ),
    "支付密码错误次数过多，已被锁定，请 {} 分钟后再试": (
        "Too many wrong payment passwords. Locked: try again in {} minutes."
    ),
    "验证码已过期，请重新获取": "This code has expired. Get a new one.",
    "验证码错误，还可以尝试 4 次": "Wrong code. 4 attempts left.",
    "验证码错误，还可以尝试 3 次": "Wrong code. 3 attempts left.",
    "验证码错误，还可以尝试 2 次": "Wrong code. 2 attempts left.",
    "验证码错误，还可以尝试 1 次": "Wrong code. 1 attempt left.",
    "验证码错误次数过多已失效，请重新获取": (
        "Too many wrong codes: this code no longer works. Get a new one."
    ),
    "还可以尝试 4 次": "4 attempts left",
    "还可以尝试 3 次": "3 attempts left",
    "还可以尝试 2 次": "2 attempts left",
    "还可以尝试 1 次": "1 attempt left",
    "人脸识别失败次数过多，请 30 分钟后再试": (
        "Too many failed face checks. Try again in 30 minutes."
    ),
    "请 30 分钟后再试": "Try again in 30 minutes",
    # ---------------------------------------------------------------- notifications
    "微粒贷账户注销成功": "Weilidai account closed",
    "微粒贷注销申请未通过": "Weilidai closure request not approved",
    "微粒贷额度已恢复": "Your Weilidai credit line is back",
    "账户存在未结清的关联业务": "The account has related business still open",
}


class NoEnglish(KeyError):
    """The harness was asked for a word it has no English for."""


def say(text: str, locale: str, *values: object) -> str:
    """Return ``text`` (a key of ``ENGLISH``) in ``locale``, with ``values`` put in its ``{}``."""
    chinese = text.split("|", 1)[0]
    if locale == CHINESE or not HAN.search(chinese):  # already in its language (data, a label)
        return chinese.format(*values) if values else chinese
    try:
        english = ENGLISH[text]
    except KeyError:
        raise NoEnglish(
            f"no English for {text!r}: add it to ENGLISH in e2e/harness/words.py"
        ) from None
    return english.format(*values) if values else english
