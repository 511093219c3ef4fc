"""The guides' words, in Chinese and in English: what each flow is for and what can go wrong.

The Chinese is written in the seed article's voice; the English says the same things as English
does, naming each control as the English portal does with the Chinese on screen in brackets,
“Me” (我), because the screens filmed are the Chinese portal's. The sentences made from a
recording (what to tap, what you will see) are ``sentences``'. See docs/videos.md (Words).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..harness.words import CHINESE, is_english
from .sentences import ENGLISH

LANGUAGES = (CHINESE, ENGLISH)


@dataclass(frozen=True)
class FlowText:
    """A flow's opening paragraph, what it ends with, and what can go wrong, in one language."""

    intro: str
    outcome: str
    pitfalls: tuple[str, ...]


@dataclass(frozen=True)
class FlowWords:
    """A flow's guide text in both languages, side by side, so one is never edited alone."""

    zh: FlowText
    en: FlowText

    def text(self, locale: str = CHINESE) -> FlowText:
        """Return the text in ``locale``'s language."""
        return self.en if is_english(locale) else self.zh


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
_CLOSURE_PITFALLS_EN = (
    "If you owe anything, even ¥0.01, you can't apply to close the account. The page shows the "
    "amount owed and what it is made of (principal, interest, penalty interest): tap “Repay” "
    "(去还款), pay it off, then come back.",
    "No “Close Account” (注销账户) or “Deactivate Account” (关闭账户) in “Security Center” "
    "(安全中心) or “Account Management” (账户管理)? Usually something about the account is "
    "unusual, such as a loan from the last 30 days not yet repaid. Tap “Contact Weilidai "
    "Customer Service” (联系微粒贷客服) on that page to find out why.",
    "Three wrong payment passwords in a row lock it for 3 hours; after each wrong try the page "
    "says how many tries are left.",
    "An SMS code lasts 5 minutes and works once. You can ask for a new one after 60 seconds, at "
    "most 5 times an hour, and 5 wrong entries void the code.",
    "If the face check fails you can try again, but after 5 failures in a row you have to wait "
    "a while before the next try.",
    "The review counts working days only: weekends and public holidays don't count. While it "
    "runs, the account is still there and the entry still shows.",
    "Closing can't be undone: to use Weilidai again you need a new invitation, with no "
    "priority. Keep a screenshot or the closure record, and check that your credit report shows "
    "the Weilidai account as “Closed” (已注销).",
)

FLOW_TEXTS: dict[str, FlowWords] = {
    "close_account": FlowWords(
        zh=FlowText(
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
        en=FlowText(
            intro=(
                "If you are sure you will never use Weilidai again and want the account deleted, "
                "with all your personal information and loan records, this is the path: "
                "“Close Account” (注销账户). Some WeChat versions call it “Deactivate Account” "
                "(关闭账户) and keep it under Account Center → Account Management. Closing is "
                "permanent, so before you start, make sure every loan is repaid, interest and "
                "any penalty interest included."
            ),
            outcome=(
                "Once you submit, you get an application reference. The review usually takes "
                "1–3 working days and the result arrives as a WeChat service notification "
                "(服务通知). Once it is approved, Weilidai no longer appears in WeChat."
            ),
            pitfalls=_CLOSURE_PITFALLS_EN,
        ),
    ),
    "blocked_then_repay": FlowWords(
        zh=FlowText(
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
        en=FlowText(
            intro=(
                "Before you can close the account, everything must be repaid, down to the last "
                "fen. In this demo an old loan still has ¥0.01 of principal owing, so tapping "
                "“Close Account” (注销账户) is stopped. Repay that ¥0.01, take the same path "
                "again, and the application goes through."
            ),
            outcome=(
                "With the last ¥0.01 repaid, the closure application is submitted as usual: you "
                "get a reference and wait 1–3 working days for the review."
            ),
            pitfalls=(
                "What you owe includes outstanding principal, interest and any penalty interest "
                "for paying late; any of them above zero blocks the closure. Check the details "
                "in “Loan Records” (借款记录).",
                "Interest is charged by the day, so the amount you see today may be higher in a "
                "few days. Go by the amount on the repayment screen.",
                "Repaying asks for your payment password; three wrong tries lock it for 3 hours "
                "here too.",
                "Late payments stay on your credit report: repaying and closing the account do "
                "not remove them.",
                *_CLOSURE_PITFALLS_EN[2:],
            ),
        ),
    ),
    "pause_borrowing": FlowWords(
        zh=FlowText(
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
        en=FlowText(
            intro=(
                "If you only want a break, or your credit line feels uncomfortably high, you can "
                "pause borrowing (暂停借款), which in effect turns borrowing off. Weilidai has no "
                "separate switch for that: search the Help Center (帮助中心) for “关闭微粒贷” "
                "(turn off Weilidai) or “借款功能关闭” (borrowing off) to find the Pause Borrowing "
                "guide. For 3 months after pausing, your credit line is not re-assessed and the "
                "Weilidai entry stays hidden."
            ),
            outcome=(
                "Once paused, go back to Services: Weilidai is gone from Financial Services "
                "(金融理财). The account still exists, only frozen for now, and the entry may "
                "come back after the next assessment."
            ),
            pitfalls=(
                "You can't pause while you still owe money: the entry has to stay within reach "
                "so that you can repay on time.",
                "While paused, the entry is hidden and your line is not re-assessed. After 3 "
                "months it is re-assessed, and the entry may or may not come back.",
                "Pausing is not closing: the account and its loan records are still there. To "
                "delete them, close the account (注销账户).",
            ),
        ),
    ),
    "opt_out": FlowWords(
        zh=FlowText(
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
        en=FlowText(
            intro=(
                "You can also choose to stop receiving invitations. In Weilidai → Settings → "
                "Notifications (设置 → 通知管理), tick “Stop receiving Weilidai invitations” "
                "(不再接收微粒贷邀请消息). Weilidai then disappears from WeChat, and with it the "
                "way to borrow."
            ),
            outcome=(
                "After saving, go back to Me → Services: the Weilidai entry under Financial "
                "Services is gone straight away."
            ),
            pitfalls=(
                "You can't do this while you owe money: the entry has to stay so that you can "
                "repay.",
                "This only stops the invitations. The account is not closed, and your "
                "information and records remain; to delete them, close the account.",
                "Some WeChat versions keep this option in a similar privacy setting under a "
                "slightly different name, so look around.",
            ),
        ),
    ),
    "entry_missing_kefu": FlowWords(
        zh=FlowText(
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
        en=FlowText(
            intro=(
                "You followed the path into Security Center (安全中心), or Account Management "
                "(账户管理), and there is no “Close Account” (注销账户) or “Deactivate Account” "
                "(关闭账户)? Something about the account is probably unusual: a recent loan not "
                "yet repaid, say, or closing is not available for now. Ask Weilidai → Customer "
                "Service (客服) for the exact reason and what to do about it."
            ),
            outcome=(
                "Customer Service explains why the closure option is missing (for example, a "
                "loan from the last 30 days not yet repaid) and what to do first."
            ),
            pitfalls=(
                "A loan taken in the last 30 days and not yet repaid, or a risk flag on the "
                "account, hides the closure option.",
                "Repay the loan first, then check back after a while to see whether the option "
                "has appeared.",
                "If the assistant can't answer, ask for a human agent.",
            ),
        ),
    ),
    "password_lockout": FlowWords(
        zh=FlowText(
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
        en=FlowText(
            intro=(
                "Closing asks you to prove it is you: payment password, SMS code and face check. "
                "This demo shows what happens when the payment password is wrong: each wrong "
                "try says how many tries are left, and three in a row lock it for 3 hours."
            ),
            outcome=(
                "After the third wrong try the payment password is locked for 3 hours. The "
                "closure can't go on until the lock ends; then try again."
            ),
            pitfalls=(
                "One correct entry resets the count. If you are not sure of the password, don't "
                "keep guessing.",
                "While it is locked the closure can't continue; after 3 hours, start again from "
                "“Close Account” (注销账户).",
                "Forgot the payment password? Reset it through WeChat's usual password recovery "
                "first, then come back to close the account.",
            ),
        ),
    ),
    "review_approved": FlowWords(
        zh=FlowText(
            intro=(
                "提交注销申请后，微粒贷平台会进行审核，一般1-3个工作日内出结果（周末和法定节假日"
                "不算）。这个演示从申请审核中开始：等两个工作日，到微信“服务通知”里看结果，"
                "保存注销记录，再看看注销之后都有哪些变化。"
            ),
            outcome=(
                "审核通过后账户就彻底注销了：“我 → 服务”里不再显示微粒贷入口，征信报告里微粒贷"
                "账户显示“已注销”，打开微粒贷的任何页面都只会提示账户已注销、无法恢复。"
            ),
            pitfalls=(
                "建议截图保存注销成功的通知，或点“保存注销记录”，把带申请编号和注销时间的记录"
                "留存下来，以备不时之需。",
                "注销后无法恢复，账户信息和借款记录都会被永久删除，就像从来没开通过一样。",
                "注销本身不会在征信报告上留下负面信息，但以前的逾期记录不会因为注销而消失。",
                "注销后记得查一下自己的征信报告，确认微粒贷账户状态已经更新为“已注销”。",
                "审核按工作日计算，遇到长假要多等几天。",
                "微信账户本身不受影响，微信支付和绑定的银行卡都照常使用。",
            ),
        ),
        en=FlowText(
            intro=(
                "After you apply to close the account, Weilidai reviews the application, usually "
                "within 1–3 working days (weekends and public holidays don't count). This demo "
                "starts with an application under review: two working days pass, the result "
                "arrives in WeChat's Service Notifications (服务通知), you keep the closure "
                "record, and then you see what has changed."
            ),
            outcome=(
                "Once approved, the account is closed for good: Weilidai no longer appears under "
                "Me → Services, your credit report shows the Weilidai account as “Closed” "
                "(已注销), and any Weilidai page you open only says that the account is closed "
                "and cannot be restored."
            ),
            pitfalls=(
                "Keep proof: screenshot the notification, or tap “Save Closure Record” "
                "(保存注销记录) to keep the record with its reference and dates.",
                "Closing can't be undone. Your account information and loan records are deleted "
                "for good, as if you had never had the account.",
                "Closing leaves nothing negative on your credit report by itself, but earlier "
                "late payments stay there.",
                "Check your credit report after closing to make sure the Weilidai account now "
                "shows as “Closed” (已注销).",
                "The review counts working days only, so a long public holiday adds days.",
                "Your WeChat account is not affected: WeChat Pay and your linked bank cards work "
                "as before.",
            ),
        ),
    ),
    "review_rejected": FlowWords(
        zh=FlowText(
            intro=(
                "注销申请提交后不一定都能通过。这个演示里，申请提交后等了两个工作日，微信"
                "“服务通知”里收到的是“微粒贷注销申请未通过”，通知里写明了原因：账户存在未结清的"
                "关联业务。"
            ),
            outcome=(
                "审核没通过时账户保持原样，微粒贷入口还在，照常可以借款和还款；按通知里的原因"
                "处理好之后，可以重新申请注销。"
            ),
            pitfalls=(
                "没通过的原因写在服务通知里，先按原因处理（比如联系客服结清关联业务），再重新申请。",
                "审核期间和审核没通过之后，账户都还在，入口照常显示；有借款记得按时还，别产生逾期。",
                "看不懂原因或不知道怎么处理，可以通过“微粒贷 → 客服”转人工咨询。",
                "重新申请要把流程再走一遍：阅读注销后果、验证支付密码、短信验证码和人脸识别。",
            ),
        ),
        en=FlowText(
            intro=(
                "Not every closure application is approved. In this demo the application is "
                "sent, two working days pass, and WeChat's Service Notifications (服务通知) bring "
                "“Weilidai closure request not approved” (微粒贷注销申请未通过), with the reason: "
                "the account has related business still open."
            ),
            outcome=(
                "When the review says no, the account stays exactly as it was: the Weilidai "
                "entry is still there, and you can borrow and repay as usual. Deal with the "
                "reason given in the notice, then apply again."
            ),
            pitfalls=(
                "The reason is in the service notification. Sort it out first (for example, "
                "settle the related business with Customer Service), then apply again.",
                "During the review, and after a rejection, the account still exists and the "
                "entry still shows. Keep repaying on time so that nothing becomes overdue.",
                "If the reason is unclear, ask Weilidai → Customer Service (客服) for a human "
                "agent.",
                "Applying again means going through it all once more: the consequences, the "
                "payment password, the SMS code and the face check.",
            ),
        ),
    ),
    "reinvited": FlowWords(
        zh=FlowText(
            intro=(
                "注销之后，微粒贷系统里就没有你的信息了，理论上不会再给你发邀请；但如果你重新"
                "满足邀请条件（比如腾讯系产品活跃度高、信用良好等），不排除将来会被重新邀请。"
                "这个演示展示重新受邀后会看到什么。"
            ),
            outcome=(
                "重新受邀开通的是一个全新账户：额度重新评估（这里是¥5,000.00），以前的额度和"
                "借款记录都没有了；征信报告里旧账户仍显示“已注销”，新账户显示“正常”。"
            ),
            pitfalls=(
                "新账户和以前注销的账户没有任何关系，不会继承以前的额度，也没有任何优先权。",
                "重新开通后额度可能不如以前，甚至可能一直等不到邀请——这也是注销前要想清楚的原因。",
                "以前的借款记录不会回来，需要的话请在注销前自己保存。",
                "想提高被邀请的概率，平时注意保持良好的信用记录和腾讯系产品的活跃度。",
            ),
        ),
        en=FlowText(
            intro=(
                "Once the account is closed, Weilidai holds nothing about you, so in principle no "
                "invitation comes. But if you meet the invitation criteria again (good credit "
                "and regular use of Tencent products, for example), you may be invited again one "
                "day. This demo shows what you find when that happens."
            ),
            outcome=(
                "What you open after a new invitation is a brand-new account: a newly assessed "
                "credit line (¥5,000.00 here) and none of the old line or loan records. On your "
                "credit report the old account still shows “Closed” (已注销) and the new one "
                "“Active” (正常)."
            ),
            pitfalls=(
                "The new account has nothing to do with the one you closed: it inherits neither "
                "the old credit line nor any priority.",
                "The new line may be lower than before, and the invitation may never come. That "
                "is why it is worth thinking twice before closing.",
                "Old loan records do not come back; if you need them, save them before closing.",
                "To improve your chances of an invitation, keep a good credit record and keep "
                "using Tencent products.",
            ),
        ),
    ),
    "pause_ends_eligible": FlowWords(
        zh=FlowText(
            intro=(
                "暂停借款期间，微粒贷入口隐藏，也不会重新评估额度。暂停到期后（这里是3个月）会"
                "重新评估：如果你仍然符合条件，会收到额度恢复的通知，入口也会重新出现。"
            ),
            outcome=(
                "重新评估通过后，微信“服务通知”里会收到“微粒贷额度已恢复”，“我 → 服务”的金融"
                "理财里又能看到微粒贷入口；账户和以前的记录一直都在。"
            ),
            pitfalls=(
                "暂停只是暂时冻结，账户一直都在；入口回来就又能借钱了，还不想用的话，可以再次"
                "暂停，或者选择不再接收邀请。",
                "暂停多久、什么时候重新评估，以平台规则为准，一般是3-6个月。",
                "重新评估后的额度可能和以前不一样，以微粒贷首页显示的为准。",
                "想彻底不用，就走“注销账户”流程；注销前一定要还清所有欠款，注销后无法恢复。",
            ),
        ),
        en=FlowText(
            intro=(
                "While borrowing is paused, the Weilidai entry is hidden and your credit line is "
                "not re-assessed. When the pause ends (after 3 months here) you are re-assessed: "
                "if you still qualify, a notification says your line is back and the entry "
                "reappears."
            ),
            outcome=(
                "Once you pass the re-assessment, WeChat's Service Notifications (服务通知) bring "
                "“Your Weilidai credit line is back” (微粒贷额度已恢复), and Weilidai shows under "
                "Me → Services → Financial Services again. The account and its old records were "
                "there all along."
            ),
            pitfalls=(
                "A pause only freezes the account for a while; the account never goes away. "
                "Once the entry is back you can borrow again; if you still don't want to, pause "
                "again or turn off the invitations.",
                "How long a pause lasts and when you are re-assessed follow the platform's rules; "
                "it is usually 3–6 months.",
                "Your credit line after the re-assessment may differ from before; go by what the "
                "Weilidai home screen shows.",
                "To stop for good, close the account. Repay everything first, and remember that "
                "a closed account cannot be restored.",
            ),
        ),
    ),
    "pause_ends_not_eligible": FlowWords(
        zh=FlowText(
            intro=(
                "暂停到期重新评估后，入口不一定会回来。这个演示里，暂停借款3个月到期，重新评估"
                "没有通过：“我 → 服务”里仍然看不到微粒贷，“服务通知”里也没有额度恢复的消息。"
            ),
            outcome=(
                "重新评估没通过时，微粒贷入口不会出现，也收不到邀请；账户信息还在，只是借款功能"
                "用不了。"
            ),
            pitfalls=(
                "入口能不能回来，要看重新评估时是否还满足邀请条件，比如信用良好、腾讯系产品"
                "活跃度高等。",
                "如果本来就不打算再借钱，入口不回来和关闭借钱功能的效果一样，不用特别处理。",
                "保持良好的信用记录，以后重新满足条件时，入口可能会再出现。",
                "想彻底清除账户信息，还是要走注销流程；找不到入口时，可以在微信聊天界面联系"
                "微粒贷客服问清楚。",
            ),
        ),
        en=FlowText(
            intro=(
                "When a pause ends, the entry doesn't always come back. In this demo the 3-month "
                "pause runs out and the re-assessment says no: Weilidai is still missing from "
                "Me → Services, and no message that your credit line is back arrives in Service "
                "Notifications (服务通知)."
            ),
            outcome=(
                "Without a successful re-assessment the Weilidai entry stays away and no "
                "invitation arrives. Your account information still exists; you just can't "
                "borrow."
            ),
            pitfalls=(
                "Whether the entry comes back depends on meeting the invitation criteria at the "
                "re-assessment, such as good credit and regular use of Tencent products.",
                "If you had no plans to borrow again anyway, this works just like turning "
                "borrowing off; there is nothing else to do.",
                "Keep your credit record clean: if you qualify again later, the entry may come "
                "back.",
                "To delete your account information for good you still need to close the "
                "account. If you can't find the way in, message Weilidai Customer Service "
                "(微粒贷客服) from your WeChat chats and ask.",
            ),
        ),
    ),
    "pause_ends_opted_out": FlowWords(
        zh=FlowText(
            intro=(
                "如果暂停借款期间你还勾选了“不再接收微粒贷邀请消息”，那么暂停到期后，即使重新"
                "评估也不会给你发邀请，微粒贷入口同样不会出现。这个演示展示到期后的样子。"
            ),
            outcome=(
                "暂停到期后，“我 → 服务”里依然没有微粒贷入口，“服务通知”里也没有邀请消息：只要"
                "“不再接收邀请”的设置还在，入口就不会回来。"
            ),
            pitfalls=(
                "暂停有期限，“不再接收邀请”没有：暂停到期了，这个设置照样有效。",
                "暂停和不再接收邀请都不是注销，账户和借款记录都还在；想彻底清除请走“注销账户”流程。",
                "有欠款时这两个设置都用不了：入口必须留着，才能按时还款。",
            ),
        ),
        en=FlowText(
            intro=(
                "If, while borrowing was paused, you also ticked “Stop receiving Weilidai "
                "invitations” (不再接收微粒贷邀请消息), no invitation comes when the pause ends, "
                "re-assessment or not, and the Weilidai entry stays hidden. This demo shows "
                "what that looks like."
            ),
            outcome=(
                "After the pause, Weilidai is still missing from Me → Services and there is no "
                "invitation in Service Notifications (服务通知). As long as invitations stay "
                "turned off, the entry does not come back."
            ),
            pitfalls=(
                "A pause runs out; turning off invitations doesn't. The setting still applies "
                "after the pause ends.",
                "Neither a pause nor turning off invitations closes the account: the account "
                "and its loan records remain. To delete them, close the account.",
                "You can do neither while you owe money: the entry has to stay so that you can "
                "repay on time.",
            ),
        ),
    ),
    "sms_expired": FlowWords(
        zh=FlowText(
            intro=(
                "注销时要验证短信验证码：验证码发到绑定的手机上（页面显示打码后的号码），5分钟内"
                "有效。这个演示里，获取验证码后过了5分多钟才去填写，页面提示验证码已过期；点"
                "“重新获取”收到新的验证码，填进去就能继续。"
            ),
            outcome="新的验证码填对后通过短信验证，进入人脸识别，注销可以继续往下走。",
            pitfalls=(
                "收到验证码后尽快填写，超过5分钟就失效了。",
                "过期的验证码不算输错，不会扣次数，点“重新获取”拿新的就行。",
                "“重新获取”要等60秒才能点，每小时最多获取5次；新验证码发出后，之前的验证码就"
                "不能用了。",
                "每个验证码只能用一次；收不到短信时，先确认页面上显示的手机号是不是你现在用的号码。",
            ),
        ),
        en=FlowText(
            intro=(
                "Closing asks for an SMS code, sent to your linked phone (the page shows the "
                "number partly hidden), and a code lasts 5 minutes. In this demo the code is "
                "typed in more than 5 minutes after it was sent, so the page says it has "
                "expired. Tap “Resend” (重新获取), type in the new code, and you can carry on."
            ),
            outcome=(
                "With the new code accepted, the SMS check passes and you move on to the face "
                "check: the closure carries on."
            ),
            pitfalls=(
                "Type the code in as soon as it arrives: after 5 minutes it no longer works.",
                "An expired code doesn't count as a wrong try; just tap “Resend” (重新获取) for "
                "a new one.",
                "“Resend” works only 60 seconds after the last code, at most 5 times an hour. "
                "Once a new code is sent, the old one stops working.",
                "Each code works once. If no text arrives, check that the number shown on the "
                "page is the phone you use now.",
            ),
        ),
    ),
    "sms_too_many_wrong": FlowWords(
        zh=FlowText(
            intro=(
                "短信验证码填错了，页面会提示还剩几次机会；连续填错5次，这个验证码就作废了。"
                "这个演示展示作废以后怎么办：等60秒，点“重新获取”收到新的验证码，再填一次。"
            ),
            outcome="新的验证码填对后通过短信验证，进入人脸识别，注销流程继续。",
            pitfalls=(
                "验证码作废后，哪怕再填对也不能用了，只能重新获取。",
                "验证码还没作废就重新获取，输错的次数不会清零：比如已经错了3次，换了新验证码再错"
                "2次，同样会作废。",
                "“重新获取”60秒内只能点一次，每小时最多5次，用完了要等一段时间。",
                "填之前对一下最新那条短信里的6位数字，别把以前短信里的验证码填进来。",
            ),
        ),
        en=FlowText(
            intro=(
                "Each wrong SMS code tells you how many tries are left, and after 5 wrong "
                "entries in a row the code is void. This demo shows what to do then: wait 60 "
                "seconds, tap “Resend” (重新获取) for a new code, and enter that one."
            ),
            outcome=(
                "With the new code accepted, the SMS check passes and you go on to the face "
                "check; the closure carries on."
            ),
            pitfalls=(
                "Once a code is void it won't work, even typed correctly; get a new one.",
                "Asking for a new code before the old one is void doesn't reset the count of "
                "wrong tries: after 3 wrong tries, 2 more with the new code void it too.",
                "“Resend” works once every 60 seconds and at most 5 times an hour; after that "
                "you have to wait.",
                "Check the 6 digits against the latest text message before typing them, not an "
                "older one.",
            ),
        ),
    ),
    "face_fails_until_wait": FlowWords(
        zh=FlowText(
            intro=(
                "人脸识别是注销前的最后一步身份验证。没通过时，页面会提醒你正对屏幕、保持光线"
                "充足，并显示还剩几次机会；连续失败5次后，要等30分钟才能再试。这个演示展示整个"
                "过程。"
            ),
            outcome=(
                "等满30分钟后可以重新做人脸识别，机会也重新计算（演示里再失败一次，显示还可以"
                "尝试4次）；人脸识别通过后，注销申请才会提交。"
            ),
            pitfalls=(
                "做人脸识别时找个光线充足的地方，正对屏幕，摘下帽子、口罩，按提示操作。",
                "等待期间再点“开始人脸识别”，只会提示还要等多久，不会多扣次数。",
                "等待结束后机会重新计算，但别急着连续尝试，先把光线和姿势调整好。",
                "一直过不了，可以联系微粒贷客服人工咨询。",
            ),
        ),
        en=FlowText(
            intro=(
                "The face check is the last identity check before closing. When it fails, the "
                "page reminds you to face the screen in good light and shows how many tries are "
                "left; after 5 failures in a row you have to wait 30 minutes before trying "
                "again. This demo shows the whole sequence."
            ),
            outcome=(
                "After the 30 minutes you can take the face check again, with the tries counted "
                "afresh (in the demo, one more failure shows 4 left). The closure application "
                "is only submitted once the check passes."
            ),
            pitfalls=(
                "Find good light, face the screen, take off any hat or mask, and follow the "
                "prompts.",
                "Tapping “Start Face Verification” (开始人脸识别) during the wait only tells you "
                "how long is left; it doesn't use up a try.",
                "Once the wait is over the tries start again, but don't rush: sort out the light "
                "and your position first.",
                "If it keeps failing, ask Weilidai Customer Service (客服) for a human agent.",
            ),
        ),
    ),
}

GENERIC_TEXT = FlowWords(
    zh=FlowText(
        intro="下面按实际页面一步一步演示这个操作，每一步都有截图和说明。",
        outcome="按上面的步骤操作即可完成。",
        pitfalls=(
            "还有欠款（哪怕0.01元）时无法注销，也不能暂停借款或关闭入口。",
            "找不到某个入口时，可能是微信版本不同导致名称略有差异，或者账户有异常，"
            "可以通过“微粒贷 → 客服”咨询。",
        ),
    ),
    en=FlowText(
        intro="Here it is screen by screen, with a screenshot and a note for every step.",
        outcome="Follow the steps above and you are done.",
        pitfalls=(
            "While you owe anything (even ¥0.01) you can't close the account, pause borrowing "
            "or turn off the entry.",
            "Can't find an option? Its name may differ slightly between WeChat versions, or the "
            "account may have an issue; ask Weilidai → Customer Service (客服).",
        ),
    ),
)


@dataclass(frozen=True)
class StepTip:
    """Extra advice for a step whose (Chinese) name contains one of ``phrases``."""

    phrases: tuple[str, ...]
    zh: str
    en: str


# The first tip whose phrase a step's name contains is that step's; order the specific first.
STEP_TIPS: tuple[StepTip, ...] = (
    StepTip(
        ("“…”",),
        "三个点在微粒贷页面右上角，点开后菜单从屏幕底部弹出。",
        "The three dots are at the top right of the Weilidai screen; the menu slides up from the "
        "bottom.",
    ),
    StepTip(
        ("阅读注销后果",),
        "注销后无法恢复、所有借款记录将被清除，一定要看完；不勾选就不能点“下一步”。",
        "Closing can't be undone and every loan record is deleted, so read it all; you can't tap "
        "“Next” (下一步) until the box is ticked.",
    ),
    StepTip(
        ("验证支付密码",),
        "输入6位微粒贷支付密码；连续输错3次会被锁定3小时。",
        "Enter your 6-digit Weilidai payment password; three wrong tries in a row lock it for 3 "
        "hours.",
    ),
    StepTip(
        ("输错支付密码",),
        "每次输错，页面都会显示还剩几次机会。",
        "After each wrong try, the page says how many tries are left.",
    ),
    StepTip(
        ("已过期",),
        "验证码5分钟内有效；过期的验证码不算输错，点“重新获取”拿新的就行。",
        "A code lasts 5 minutes. An expired one doesn't count as a wrong try: tap “Resend” "
        "(重新获取) for a new one.",
    ),
    StepTip(
        ("填错验证码",),
        "每次填错都会提示还剩几次；连续填错5次，这个验证码就作废了。",
        "Each wrong code shows how many tries are left; after 5 in a row the code is void.",
    ),
    StepTip(
        ("重新获取",),
        "“重新获取”要等60秒才能点，每小时最多5次；新验证码发出后，旧的就不能用了。",
        "“Resend” (重新获取) works 60 seconds after the last code, at most 5 times an hour; once "
        "a new code is sent, the old one stops working.",
    ),
    StepTip(
        ("填写新的验证码",),
        "新验证码同样5分钟内有效、只能用一次；填对后进入最后一步：人脸识别。",
        "The new code also lasts 5 minutes and works once; once it is accepted, the last step is "
        "the face check.",
    ),
    StepTip(
        ("短信验证码", "“获取验证码”"),
        "验证码发到绑定的手机（页面上显示打码后的号码），5分钟内有效，60秒后才能重发。",
        "The code goes to your linked phone (the page shows the number partly hidden). It lasts "
        "5 minutes, and you can ask for another after 60 seconds.",
    ),
    StepTip(
        ("人脸识别未通过",),
        "每次没通过都会提示还剩几次；连续失败5次要等30分钟，等待期间再点也不会多扣次数。",
        "Each failure shows how many tries are left. After 5 in a row you wait 30 minutes; "
        "trying during the wait doesn't use up a try.",
    ),
    StepTip(
        ("人脸识别",),
        "按提示完成人脸识别；没通过可以重试，连续失败5次后需要等待。",
        "Follow the prompts for the face check. If it fails you can try again; after 5 failures "
        "in a row you have to wait.",
    ),
    StepTip(
        ("申请编号",),
        "记下或截图保存申请编号；审核结果会通过微信“服务通知”发给你。",
        "Write down or screenshot the reference. The result comes as a WeChat service "
        "notification (服务通知).",
    ),
    StepTip(
        ("无法注销",),
        "待还金额下面有明细：本金、利息、罚息，哪一项不为0都会拦截。",
        "Under the amount owed is its breakdown: principal, interest and penalty interest. Any "
        "of them above zero blocks the closure.",
    ),
    StepTip(
        ("还清欠款",),
        "还款需要支付密码，还款后欠款清零即可重新申请注销。",
        "Repaying asks for your payment password. Once nothing is owed, you can apply to close "
        "again.",
    ),
    StepTip(
        ("帮助中心",),
        "也可以搜索“借款功能关闭”，找到的是同一篇指引。",
        "Searching for “借款功能关闭” (borrowing off) finds the same guide.",
    ),
    StepTip(
        ("客服",),
        "客服可以回答注销相关的问题，也可以转人工客服。",
        "Customer Service answers questions about closing and can hand you over to a human agent.",
    ),
    StepTip(
        ("等待审核",),
        "审核按工作日计算，周末和法定节假日不算，遇到长假要多等几天。",
        "The review counts working days only: weekends and public holidays don't count, so a "
        "long holiday adds days.",
    ),
    StepTip(
        ("服务通知",),
        "审核结果、额度恢复这类消息，都发在微信“服务通知”里。",
        "Review results and news about your credit line all arrive in WeChat's Service "
        "Notifications (服务通知).",
    ),
    StepTip(
        ("保存注销记录",),
        "注销记录里有申请编号、提交时间和注销时间，建议保存下来，以备不时之需。",
        "The closure record has the reference, when you applied and when the account was "
        "closed. Keep it in case you ever need it.",
    ),
    StepTip(
        ("征信报告",),
        "征信报告列出每个信贷账户和它的状态；注销本身不会留下负面信息，以前的逾期记录会一直保留。",
        "The credit report lists every credit account and its status. Closing leaves nothing "
        "negative by itself, but earlier late payments stay.",
    ),
    StepTip(
        ("三个月后",),
        "暂停期间不会重新评估额度；到期后才重新评估，入口回不回来要看评估结果。",
        "Nothing is re-assessed during a pause. At the end you are re-assessed, and that decides "
        "whether the entry comes back.",
    ),
)


def flow_text(base: str, locale: str = CHINESE) -> FlowText:
    """Return the words for a flow by its base name (``close_account``), or the generic ones."""
    return FLOW_TEXTS.get(base, GENERIC_TEXT).text(locale)


def step_tip(step_name: str, locale: str = CHINESE) -> str:
    """Return the extra advice for a step, if its (Chinese) name contains a known phrase."""
    for tip in STEP_TIPS:
        if any(phrase in step_name for phrase in tip.phrases):
            return tip.en if is_english(locale) else tip.zh
    return ""
