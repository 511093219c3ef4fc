"""The guides' words, in the seed article's voice: what each flow is for and what can go wrong.

See docs/videos.md (Words).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..harness.trail import Tap


@dataclass(frozen=True)
class FlowText:
    """A flow's opening paragraph, what it ends with, and what can go wrong on the way."""

    intro: str
    outcome: str
    pitfalls: tuple[str, ...]


_CLOSURE_PITFALLS = (
    "还有欠款，哪怕只有0.01元，也无法申请注销：页面会显示待还金额和明细（本金、利息、罚息），"
    "先点“去还款”还清再来。",
    "在“安全中心”（或“账户管理”）里找不到“注销账户”（或“关闭账户”）？通常是账户有异常，"
    "比如最近30天内有借款还没还清，可以点页面上的“联系微粒贷客服”问清原因。",
    "支付密码连续输错3次会被锁定3小时，每次输错页面都会提示还剩几次机会。",
    "短信验证码5分钟内有效、只能用一次；60秒后才能重新获取，每小时最多5次，输错5次验证码作废。",
    "人脸识别没通过可以重试，连续失败5次后要等一段时间才能再试。",
    "审核按工作日计算，周末和法定节假日不算；审核期间账户还在，入口照常显示。",
    "注销后无法恢复，以后再想用得重新被邀请，没有任何优先权；建议保存注销成功的截图或记录，"
    "并留意征信报告里微粒贷账户是否显示“已注销”。",
)

FLOW_TEXTS: dict[str, FlowText] = {
    "close_account": FlowText(
        intro=(
            "如果你确定再也不用微粒贷，想彻底删除账户、清除所有个人信息和借款记录，就要走"
            "“注销账户”流程（有的微信版本叫“关闭账户”，入口在“账户中心 → 账户管理”里）。"
            "这个操作是永久性的，开始前一定要确认所有借款都已还清，包括利息和逾期罚息。"
        ),
        outcome=(
            "提交后会看到申请编号，一般1-3个工作日内出审核结果，并通过微信“服务通知”告诉你；"
            "审核通过后，微信里就不会再显示微粒贷入口。"
        ),
        pitfalls=_CLOSURE_PITFALLS,
    ),
    "blocked_then_repay": FlowText(
        intro=(
            "注销前必须把所有欠款还清——哪怕是1分钱都不能有。这个演示里，用户有一笔旧借款"
            "还剩0.01元本金没还，点“注销账户”后被拦了下来；还清这0.01元，再按原路径操作，"
            "就能顺利提交注销申请。"
        ),
        outcome="还清最后1分钱后，注销申请正常提交，拿到申请编号，等待1-3个工作日审核。",
        pitfalls=(
            "欠款包括待还本金、利息和逾期产生的罚息，任何一项不为0都会拦截注销；"
            "仔细检查“借款记录”里的明细。",
            "微粒贷按日计息，今天看到的金额过几天可能会变多，以还款页显示的金额为准。",
            "还款要输入支付密码；输错3次同样会被锁定3小时。",
            "逾期记录会一直保留在征信报告里，还清欠款、注销账户都不会把它抹掉。",
            *_CLOSURE_PITFALLS[2:],
        ),
    ),
    "pause_borrowing": FlowText(
        intro=(
            "如果只是暂时不想用，或者觉得额度太高不安全，可以先“暂停借款”，相当于关闭借钱功能。"
            "微粒贷没有单独的“关闭借钱”按钮，要在帮助中心里搜索“关闭微粒贷”或“借款功能关闭”，"
            "找到暂停借款的指引。暂停后3个月内不会重新评估额度，微粒贷入口也不会显示。"
        ),
        outcome=(
            "暂停成功后回到“服务”页，金融理财里已经看不到微粒贷入口；账户还在，只是暂时冻结，"
            "到期重新评估后入口可能会再出现。"
        ),
        pitfalls=(
            "还有未还清的借款时不能暂停：入口必须一直能找到，才能按时还款。",
            "暂停期间入口隐藏，也不会重新评估额度；3个月到期后重新评估，入口不一定会再出现。",
            "暂停不是注销，账户和借款记录都还在；想彻底清除请走“注销账户”流程。",
        ),
    ),
    "opt_out": FlowText(
        intro=(
            "也可以主动选择不再接受邀请：在“微粒贷 → 设置 → 通知管理”里勾选"
            "“不再接收微粒贷邀请消息”，这样微信里就不会再出现微粒贷入口，自然也就无法借钱了。"
        ),
        outcome="保存后回到“我 → 服务”，金融理财里的微粒贷入口立刻消失。",
        pitfalls=(
            "还有欠款时不能这样设置：入口必须留着，才能还款。",
            "这只是不再接收邀请，账户并没有注销，信息和记录都还在；想彻底清除请走“注销账户”流程。",
            "不同版本的微信里，这个选项也可能在类似的隐私设置里，名称略有差异，仔细找找。",
        ),
    ),
    "entry_missing_kefu": FlowText(
        intro=(
            "按路径进了“安全中心”（或“账户管理”），却找不到“注销账户”（或“关闭账户”）？"
            "可能是账户有异常，比如最近有过借款还没还清，或者系统暂时不支持注销。"
            "这时可以通过“微粒贷 → 客服”咨询，问清具体原因和处理办法。"
        ),
        outcome="客服会说明为什么没有注销入口（例如近30天内有借款尚未还清），以及要先做什么。",
        pitfalls=(
            "最近30天内借过款且还没还清，或账户存在风险提示，都不会显示注销选项。",
            "先把借款还清，过一段时间再回来看看注销入口是否出现。",
            "客服机器人答不了的问题，可以转人工客服。",
        ),
    ),
    "password_lockout": FlowText(
        intro=(
            "注销时需要验证身份——支付密码、手机验证码、人脸识别，确保是本人操作。"
            "这个演示展示支付密码输错时会发生什么：每次输错都会提示还剩几次，"
            "连续输错3次就会被锁定3小时。"
        ),
        outcome="第3次输错后支付密码被锁定3小时，期间无法继续注销，只能等锁定结束后再试。",
        pitfalls=(
            "输对一次，错误次数就会清零；不确定密码时不要反复尝试。",
            "锁定期间注销流程无法继续，3小时后再从“注销账户”重新开始。",
            "忘记支付密码时，先按微信的找回/重置密码流程处理，再来注销。",
        ),
    ),
}

GENERIC_TEXT = FlowText(
    intro="下面按实际页面一步一步演示这个操作，每一步都有截图和说明。",
    outcome="按上面的步骤操作即可完成。",
    pitfalls=(
        "还有欠款（哪怕0.01元）时无法注销，也不能暂停借款或关闭入口。",
        "找不到某个入口时，可能是微信版本不同导致名称略有差异，或者账户有异常，"
        "可以通过“微粒贷 → 客服”咨询。",
    ),
)

# Extra advice for a step, picked by a phrase in the step's name.
STEP_TIPS: tuple[tuple[str, str], ...] = (
    ("“…”", "三个点在微粒贷页面右上角，点开后菜单从屏幕底部弹出。"),
    ("阅读注销后果", "注销后无法恢复、所有借款记录将被清除，一定要看完；不勾选就不能点“下一步”。"),
    ("验证支付密码", "输入6位微粒贷支付密码；连续输错3次会被锁定3小时。"),
    ("输错支付密码", "每次输错，页面都会显示还剩几次机会。"),
    ("短信验证码", "验证码发到绑定的手机（页面上显示打码后的号码），5分钟内有效，60秒后才能重发。"),
    ("人脸识别", "按提示完成人脸识别；没通过可以重试，连续失败5次后需要等待。"),
    ("申请编号", "记下或截图保存申请编号；审核结果会通过微信“服务通知”发给你。"),
    ("无法注销", "待还金额下面有明细：本金、利息、罚息，哪一项不为0都会拦截。"),
    ("还清欠款", "还款需要支付密码，还款后欠款清零即可重新申请注销。"),
    ("帮助中心", "也可以搜索“借款功能关闭”，找到的是同一篇指引。"),
    ("客服", "客服可以回答注销相关的问题，也可以转人工客服。"),
)

_ROLE_VERBS = {"checkbox": "勾选", "link": "点", "button": "点"}
# Controls whose accessible name is not what a person sees on them.
_SEEN_AS = {"更多": "右上角的“…”", "返回": "左上角的“‹”（返回）"}
_INPUT_HINTS = {"支付密码": "6位支付密码", "验证码": "6位短信验证码"}


def quoted(text: str) -> str:
    """Put ``text`` in Chinese quotes, turning quotes inside it into single ones: “找不到‘X’？”."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def flow_text(base: str) -> FlowText:
    """Return the words for a flow by its base name (``close_account``), or the generic ones."""
    return FLOW_TEXTS.get(base, GENERIC_TEXT)


def step_tip(step_name: str) -> str:
    """Return the extra advice for a step, if its name contains a known phrase."""
    return next((tip for phrase, tip in STEP_TIPS if phrase in step_name), "")


def _action(tap: Tap) -> str:
    if tap.role in ("textbox", "searchbox"):
        hint = _INPUT_HINTS.get(tap.name)
        return f"输入{hint}" if hint else f"在{quoted(tap.name)}框里输入"
    verb = _ROLE_VERBS.get(tap.role, "点")
    return f"{verb}{_SEEN_AS[tap.name]}" if tap.name in _SEEN_AS else f"{verb}{quoted(tap.name)}"


def describe_taps(taps: Iterable[Tap], open_sheet: str = "") -> str:
    """Say what was tapped, screen by screen: 在“服务”页面，点“微粒贷”。

    ``open_sheet`` names a menu left open by the step before (the "…" sheet): taps that start
    on that screen happen in the menu.
    """
    sentences: list[str] = []
    screen: str | None = None
    actions: list[str] = []
    for tap in taps:
        if tap.screen != screen and actions:
            sentences.append(_sentence(screen, actions, open_sheet if not sentences else ""))
            actions = []
        screen = tap.screen
        actions.append(_action(tap))
    if actions:
        sentences.append(_sentence(screen, actions, open_sheet if not sentences else ""))
    return "".join(sentences)


def _sentence(screen: str | None, actions: list[str], sheet: str) -> str:
    if sheet:
        where = f"在弹出的{quoted(sheet)}菜单里，"
    else:
        where = f"在{quoted(screen)}页面，" if screen else ""
    return where + "，再".join(actions) + "。"


def describe_screen(
    heading: str, previous_heading: str, headline: str, dialogs: list[str], notices: list[str]
) -> str:
    """Say what the person sees after a step: the screen, a sheet that opened, any message."""
    parts = []
    if dialogs:
        parts.append("、".join(f"弹出{quoted(d)}菜单" for d in dialogs))
    elif heading and heading != previous_heading:
        parts.append(f"进入{quoted(heading)}页面")
    elif heading:
        parts.append(f"仍在{quoted(heading)}页面")
    if headline and headline != heading:
        parts.append(f"页面显示{quoted(headline)}")
    parts += [f"提示{quoted(n)}" for n in dict.fromkeys(notices)]
    return "，".join(parts) + "。" if parts else ""
