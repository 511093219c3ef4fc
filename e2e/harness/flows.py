"""The steps a person takes and the named flows made of them.

Each step is typed by the screen it starts on, so ``Step("…", MePage, lambda j, me:
me.open_services())`` type-checks the method against ``MePage``. The same flows drive the e2e
tests, the walkthrough videos (their names become chapter cards and subtitles) and the regression
path maps, so the three can never disagree about the path. Writing a flow: docs/writing-tests.md.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from .api import Person
from .journey import Flow, Journey, Step
from .labels import Labels
from .pages import (
    BlockedPage,
    ChatsPage,
    ClosedPage,
    ClosureEntry,
    FacePage,
    HelpCenterPage,
    KefuPage,
    MePage,
    NotificationSettingsPage,
    NotificationsPage,
    PasswordPage,
    PauseGuidePage,
    RecordPage,
    RepaidPage,
    RepayPage,
    Screen,
    SecurityPage,
    ServicesPage,
    SettingsPage,
    SitePage,
    SmsPage,
    SubmittedPage,
    WeilidaiHomePage,
)

REFERENCE = re.compile(r"^ZX\d{14}$")


# ------------------------------------------------------------------ the steps


def open_me() -> Step[Screen]:
    return Step("打开微信，点右下角“我”", Screen, lambda j, _: MePage.open(j.page, j.labels))


def open_services() -> Step[MePage]:
    return Step("进入“服务”", MePage, lambda j, me: me.open_services())


def open_weilidai() -> Step[ServicesPage]:
    return Step("在“金融理财”里点“微粒贷”", ServicesPage, lambda j, s: s.open_weilidai())


def open_more() -> Step[WeilidaiHomePage]:
    return Step("点右上角的“…”", WeilidaiHomePage, lambda j, home: home.open_more())


def open_site(labels: Labels) -> Step[WeilidaiHomePage]:
    return Step(f"选择“{labels.site}”", WeilidaiHomePage, lambda j, home: home.open_site())


def open_security(labels: Labels) -> Step[SitePage]:
    return Step(f"进入“{labels.security}”", SitePage, lambda j, site: site.open_security())


def tap_close(labels: Labels) -> Step[SecurityPage]:
    return Step(f"点击“{labels.close}”", SecurityPage, lambda j, sec: sec.start_closure())


def read_consequences() -> Step[ClosureEntry]:
    def act(j: Journey, entry: ClosureEntry) -> PasswordPage:
        return entry.consequences().acknowledge_and_continue()

    return Step("阅读注销后果，勾选“我已知晓”", ClosureEntry, act)


def verify_password() -> Step[PasswordPage]:
    return Step(
        "验证支付密码", PasswordPage, lambda j, password: password.enter(j.person.payment_password)
    )


def verify_sms() -> Step[SmsPage]:
    def act(j: Journey, sms: SmsPage) -> FacePage:
        sms.request_code()
        return sms.enter(j.api.last_sms(j.person))

    return Step("获取并填写短信验证码", SmsPage, act)


def verify_face() -> Step[FacePage]:
    return Step("完成人脸识别，提交申请", FacePage, lambda j, face: face.verify())


def see_submitted() -> Step[SubmittedPage]:
    def act(j: Journey, submitted: SubmittedPage) -> SubmittedPage:
        expect(submitted.review_note).to_be_visible()
        expect(submitted.reference).to_have_text(REFERENCE)
        j.notes["reference"] = submitted.reference.inner_text()
        return submitted

    return Step("看到申请编号，等待1-3个工作日审核", SubmittedPage, act)


def see_blocked() -> Step[ClosureEntry]:
    def act(j: Journey, entry: ClosureEntry) -> BlockedPage:
        blocked = entry.blocked()
        j.notes["blocked_amount"] = blocked.amount.inner_text()
        return blocked

    return Step("欠款未还清（哪怕1分钱），无法注销", ClosureEntry, act)


def go_repay() -> Step[BlockedPage]:
    return Step("点击“去还款”", BlockedPage, lambda j, blocked: blocked.go_repay())


def repay_all() -> Step[RepayPage]:
    return Step(
        "输入支付密码，还清欠款", RepayPage, lambda j, repay: repay.repay(j.person.payment_password)
    )


def back_to_weilidai() -> Step[RepaidPage]:
    return Step("返回微粒贷首页", RepaidPage, lambda j, repaid: repaid.back_to_weilidai())


def open_help() -> Step[WeilidaiHomePage]:
    return Step("选择“帮助中心”", WeilidaiHomePage, lambda j, home: home.open_help())


def search_help(words: str) -> Step[HelpCenterPage]:
    return Step(f"搜索“{words}”", HelpCenterPage, lambda j, help_center: help_center.search(words))


def open_pause_guide() -> Step[HelpCenterPage]:
    return Step(
        "打开“暂停借款”指引", HelpCenterPage, lambda j, help_center: help_center.open_pause_guide()
    )


def confirm_pause() -> Step[PauseGuidePage]:
    def act(j: Journey, guide: PauseGuidePage) -> PauseGuidePage:
        guide = guide.confirm_pause()
        expect(guide.result).to_be_visible()
        return guide

    return Step("勾选确认，点击“暂停借款”", PauseGuidePage, act)


def back_to_services_without_entry() -> Step[PauseGuidePage]:
    def act(j: Journey, guide: PauseGuidePage) -> ServicesPage:
        services = guide.back_to_services()
        expect(services.weilidai_tile).to_have_count(0)
        return services

    return Step("回到“服务”：微粒贷入口已隐藏", PauseGuidePage, act)


def open_settings() -> Step[WeilidaiHomePage]:
    return Step("选择“设置”", WeilidaiHomePage, lambda j, home: home.open_settings())


def open_notification_settings() -> Step[SettingsPage]:
    return Step("进入“通知管理”", SettingsPage, lambda j, settings: settings.open_notifications())


def tick_opt_out() -> Step[NotificationSettingsPage]:
    def act(j: Journey, settings: NotificationSettingsPage) -> NotificationSettingsPage:
        settings = settings.opt_out()
        expect(settings.saved).to_have_text("已保存：不再接收微粒贷邀请消息")
        expect(settings.opt_out_box).to_be_checked()
        return settings

    return Step("勾选“不再接收微粒贷邀请消息”并保存", NotificationSettingsPage, act)


def services_without_entry(name: str = "回到“我-服务”：微粒贷入口已消失") -> Step[Screen]:
    def act(j: Journey, _: Screen) -> ServicesPage:
        services = MePage.open(j.page, j.labels).open_services()
        expect(services.weilidai_tile).to_have_count(0)
        return services

    return Step(name, Screen, act)


def see_close_option_missing(labels: Labels) -> Step[SecurityPage]:
    def act(j: Journey, security: SecurityPage) -> SecurityPage:
        expect(security.close_option).to_have_count(0)
        expect(security.missing_note).to_contain_text(f"找不到“{labels.close}”")
        return security

    return Step(f"找不到“{labels.close}”：页面说明账户异常", SecurityPage, act)


def contact_kefu() -> Step[SecurityPage]:
    return Step("点击“联系微粒贷客服”", SecurityPage, lambda j, security: security.ask_kefu())


def ask_why_missing(labels: Labels) -> Step[KefuPage]:
    def act(j: Journey, kefu: KefuPage) -> KefuPage:
        kefu = kefu.ask("为什么找不到注销入口？")
        expect(kefu.log).to_contain_text("近30天内有借款尚未还清")
        return kefu

    return Step("询问客服：为什么找不到注销入口", KefuPage, act)


def wrong_password(attempt: int, expected: str) -> Step[PasswordPage]:
    def act(j: Journey, password: PasswordPage) -> PasswordPage:
        password.submit(wrong_password_for(j.person))
        expect(password.error).to_have_text(expected)
        return password

    ordinal = "一二三"[attempt - 1]
    return Step(f"第{ordinal}次输错支付密码：{expected}", PasswordPage, act)


def wrong_password_for(someone: Person) -> str:
    """Return a six-digit password that is not ``someone``'s."""
    return f"{(int(someone.payment_password) + 1) % 1_000_000:06d}"


# ------------------------------------------------------------------ time, and after the closure


def let_time_pass(name: str, **delta: float) -> Step[Screen]:
    """Let time pass on the portal's clock and the page's (``Journey.let_time_pass``)."""

    def act(j: Journey, screen: Screen) -> Screen:
        j.let_time_pass(**delta)
        return screen

    return Step(name, Screen, act)


def start_at_closure_step(step: Any, name: str) -> Step[Screen]:
    """Open the closure at ``step`` as the screens before it would have (the test API)."""
    return Step(name, Screen, lambda j, _: j.at_closure_step(step))


def open_chats() -> Step[MePage]:
    return Step("切换到“微信”聊天列表", MePage, lambda j, me: me.open_chats())


def open_service_notifications() -> Step[ChatsPage]:
    return Step("打开“服务通知”", ChatsPage, lambda j, chats: chats.open_notifications())


def see_notification(title: str, saying: str = "") -> Step[NotificationsPage]:
    def act(j: Journey, notes: NotificationsPage) -> NotificationsPage:
        expect(notes.message(title)).to_be_visible()
        if saying:
            expect(notes.message(title)).to_contain_text(saying)
        return notes

    return Step(
        f"收到通知：“{title}”" + (f"（{saying}）" if saying else ""), NotificationsPage, act
    )


def see_no_notification(title: str, name: str) -> Step[NotificationsPage]:
    def act(j: Journey, notes: NotificationsPage) -> NotificationsPage:
        expect(notes.heading).to_have_text("服务通知")
        expect(notes.message(title)).to_have_count(0)
        return notes

    return Step(name, NotificationsPage, act)


def open_record() -> Step[NotificationsPage]:
    def act(j: Journey, notes: NotificationsPage) -> RecordPage:
        record = notes.open_record()
        if "reference" in j.notes:
            expect(record.reference).to_have_text(j.notes["reference"])
        j.notes["reference"] = record.reference.inner_text()
        return record

    return Step("点击“查看注销记录”", NotificationsPage, act)


def save_record() -> Step[RecordPage]:
    def act(j: Journey, record: RecordPage) -> RecordPage:
        folder = Path(tempfile.mkdtemp(prefix="closure-record-"))
        saved = record.save(folder)
        assert j.notes["reference"] in saved.name, saved.name
        assert j.notes["reference"] in saved.read_text(encoding="utf-8")
        j.notes["record_file"] = saved.name
        return record

    return Step("点击“保存注销记录”，留存备查", RecordPage, act)


def services_with_entry(name: str) -> Step[Screen]:
    def act(j: Journey, _: Screen) -> ServicesPage:
        services = MePage.open(j.page, j.labels).open_services()
        expect(services.weilidai_tile).to_be_visible()
        return services

    return Step(name, Screen, act)


def credit_report_shows(name: str, *statuses: str) -> Step[ServicesPage]:
    def act(j: Journey, services: ServicesPage) -> Screen:
        report = services.open_credit_report()
        expect(report.statuses).to_have_text(list(statuses))
        return report

    return Step(name, ServicesPage, act)


# Every 微粒贷 screen a closed account might reach for: each says it is closed for good.
WEILIDAI_URLS = (
    "/weilidai/",
    "/weilidai/loans",
    "/weilidai/repay",
    "/weilidai/borrow",
    "/weilidai/closure/",
    "/weilidai/site/security",
    "/weilidai/help/pause",
    "/weilidai/settings",
)


def every_weilidai_url_closed() -> Step[Screen]:
    def act(j: Journey, _: Screen) -> ClosedPage:
        closed: ClosedPage | None = None
        for url in WEILIDAI_URLS:
            closed = ClosedPage.at(j.page, j.labels, url)
            expect(closed.no_restore).to_be_visible()
        assert closed is not None
        return closed

    return Step("直接打开微粒贷的任何页面：都显示“账户已注销”，无法恢复", Screen, act)


def receive_new_invitation() -> Step[Screen]:
    def act(j: Journey, screen: Screen) -> Screen:
        j.api.reinvite(j.person)
        return screen

    return Step("又收到了微粒贷的邀请（要重新开通）", Screen, act)


def see_new_account_line() -> Step[WeilidaiHomePage]:
    def act(j: Journey, home: WeilidaiHomePage) -> WeilidaiHomePage:
        expect(home.page.get_by_text("5,000.00", exact=True)).to_be_visible()
        return home

    return Step("新账户：额度¥5,000.00，以前的额度和记录都没有了", WeilidaiHomePage, act)


def loan_records_empty() -> Step[WeilidaiHomePage]:
    def act(j: Journey, home: WeilidaiHomePage) -> Screen:
        loans = home.open_loans()
        expect(loans.page.get_by_text("暂无借款记录")).to_be_visible()
        return loans

    return Step("点“借款记录”：一条以前的记录都没有", WeilidaiHomePage, act)


def request_sms_code() -> Step[SmsPage]:
    return Step("点击“获取验证码”", SmsPage, lambda j, sms: sms.request_code())


def enter_expired_code() -> Step[SmsPage]:
    def act(j: Journey, sms: SmsPage) -> SmsPage:
        sms.submit(j.api.last_sms(j.person))
        expect(sms.error).to_have_text("验证码已过期，请重新获取")
        return sms

    return Step("填写收到的验证码：已过期（5分钟内有效）", SmsPage, act)


def wrong_sms_code(attempt: int, expected: str) -> Step[SmsPage]:
    def act(j: Journey, sms: SmsPage) -> SmsPage:
        sms.submit(f"{(int(j.api.last_sms(j.person)) + 1) % 1_000_000:06d}")
        expect(sms.error).to_have_text(expected)
        return sms

    return Step(f"第{attempt}次填错验证码：{expected}", SmsPage, act)


def resend_sms_code() -> Step[SmsPage]:
    def act(j: Journey, sms: SmsPage) -> SmsPage:
        expect(sms.resend_button).to_have_text("重新获取")
        sms.resend_button.click()
        expect(sms.sent_notice).to_contain_text("验证码已发送至")
        return sms

    return Step("点击“重新获取”，收到新的验证码", SmsPage, act)


def enter_sms_code(name: str) -> Step[SmsPage]:
    return Step(name, SmsPage, lambda j, sms: sms.enter(j.api.last_sms(j.person)))


def face_fails(attempt: int, expected: str) -> Step[FacePage]:
    def act(j: Journey, face: FacePage) -> FacePage:
        face.attempt()
        expect(face.error).to_contain_text(expected)
        return face

    return Step(f"第{attempt}次人脸识别未通过：{expected}", FacePage, act)


# ------------------------------------------------------------------ the journeys

# The article's requirements (e2e/trace/article.toml) the menu path and the closure's checks meet.
PATH_TO_CLOSURE = (
    "ENTRY-PATH-ME-SERVICES",
    "CLOSE-PATH-WEILIDAI",
    "CLOSE-PATH-MORE",
    "CLOSE-PATH-SITE",
    "CLOSE-VARIANT-NAMES",
    "CLOSE-PATH-SECURITY",
    "CLOSE-PATH-OPTION",
)
CLOSURE_CHECKS = ("CLOSE-CONSEQUENCES", "VERIFY-IN-ORDER", "VERIFY-IDENTITY", "REVIEW-SUBMITTED")


def path_to_closure(labels: Labels) -> list[Step[Any]]:
    """我 → 服务 → 微粒贷 → … → 官网/账户中心 → 安全中心/账户管理 → 注销/关闭账户."""
    return [
        open_me(),
        open_services(),
        open_weilidai(),
        open_more(),
        open_site(labels),
        open_security(labels),
        tap_close(labels),
    ]


def closure_checks() -> list[Step[Any]]:
    """Consequences, the three identity checks and the submitted screen."""
    return [read_consequences(), verify_password(), verify_sms(), verify_face(), see_submitted()]


def close_account_flow(labels: Labels) -> Flow:
    """Close an account with nothing owed, through the seed's full menu path."""
    return Flow(
        "close_account",
        labels.variant,
        "invited",
        f"永久注销微粒贷账户（版本{labels.variant}：{labels.site} → {labels.security}"
        f" → {labels.close}）",
        tuple(path_to_closure(labels) + closure_checks()),
        (*PATH_TO_CLOSURE, *CLOSURE_CHECKS),
    )


def blocked_then_repay_flow(labels: Labels) -> Flow:
    """Be blocked by 0.01 owed, repay it, then close the account."""
    return Flow(
        "blocked_then_repay",
        labels.variant,
        "outstanding_0_01",
        "注销被0.01元欠款拦截：还款后再注销",
        tuple(
            path_to_closure(labels)
            + [see_blocked(), go_repay(), repay_all(), back_to_weilidai(), open_more()]
            + [open_site(labels), open_security(labels), tap_close(labels)]
            + closure_checks()
        ),
        ("CLOSE-BLOCK-OWED", "REPAY-BEFORE-ANY", *PATH_TO_CLOSURE, *CLOSURE_CHECKS),
    )


def path_to_menu() -> list[Step[Any]]:
    """我 → 服务 → 微粒贷 → …."""
    return [open_me(), open_services(), open_weilidai(), open_more()]


def pause_borrowing_flow(labels: Labels) -> Flow:
    """Pause borrowing for three months from the help center's guide."""
    return Flow(
        "pause_borrowing",
        labels.variant,
        "invited",
        "暂停借款：帮助中心搜索“关闭微粒贷”",
        tuple(
            path_to_menu()
            + [open_help(), search_help("关闭微粒贷"), open_pause_guide(), confirm_pause()]
            + [back_to_services_without_entry()]
        ),
        (
            "ENTRY-PATH-ME-SERVICES",
            "ENTRY-SEEN-MEANS-INVITED",
            "PAUSE-HELP-FROM-MENU",
            "PAUSE-HELP-SEARCH",
            "PAUSE-HIDES-ENTRY",
        ),
    )


def opt_out_flow(labels: Labels) -> Flow:
    """Opt out of invitations in 设置 → 通知管理."""
    return Flow(
        "opt_out",
        labels.variant,
        "invited",
        "不再接收邀请：设置 → 通知管理",
        tuple(
            path_to_menu()
            + [open_settings(), open_notification_settings(), tick_opt_out()]
            + [services_without_entry()]
        ),
        ("ENTRY-PATH-ME-SERVICES", "ENTRY-SEEN-MEANS-INVITED", "OPTOUT-SETTING"),
    )


def entry_missing_kefu_flow(labels: Labels) -> Flow:
    """Find no closure option (abnormal account) and ask 客服 why."""
    return Flow(
        "entry_missing_kefu",
        labels.variant,
        "recent_loan",
        f"找不到“{labels.close}”入口：联系客服问清原因",
        tuple(
            path_to_closure(labels)[:-1]
            + [see_close_option_missing(labels), contact_kefu(), ask_why_missing(labels)]
        ),
        ("CLOSE-OPTION-MISSING-ABNORMAL", "CLOSE-OPTION-MISSING-KEFU", *PATH_TO_CLOSURE[:-1]),
    )


def password_lockout_flow(labels: Labels) -> Flow:
    """Enter a wrong payment password three times and see it locked."""
    return Flow(
        "password_lockout",
        labels.variant,
        "invited",
        "身份验证失败：支付密码连续输错3次被锁定",
        tuple(
            path_to_closure(labels)
            + [read_consequences()]
            + [
                wrong_password(1, "支付密码错误，还可以尝试 2 次"),
                wrong_password(2, "支付密码错误，还可以尝试 1 次"),
                wrong_password(3, "支付密码错误次数过多，已被锁定 3 小时"),
            ]
        ),
        (*PATH_TO_CLOSURE, "CLOSE-CONSEQUENCES", "VERIFY-IDENTITY"),
    )


# ------------------------------------------------------------------ the rest of the article
# After submission, after closure, after a pause, and the identity checks that go wrong. These
# start where the article's story does, not at 我: the menu path is the flows above' subject.


def review_approved_flow(labels: Labels) -> Flow:
    """Wait for the review, read the notice, keep the record, see the account gone for good."""
    return Flow(
        "review_approved",
        labels.variant,
        "closure_pending",
        "审核通过之后：服务通知、注销记录、征信报告，入口消失且无法恢复",
        (
            let_time_pass("等待审核：两个工作日后出结果", days=2),
            open_me(),
            open_chats(),
            open_service_notifications(),
            see_notification("微粒贷账户注销成功"),
            open_record(),
            save_record(),
            services_without_entry(),
            credit_report_shows("打开“征信报告”：微粒贷账户显示“已注销”", "已注销"),
            every_weilidai_url_closed(),
        ),
        (
            "REVIEW-WORKING-DAYS",
            "REVIEW-APPROVED-CLOSES",
            "AFTER-SAVE-RECORD",
            "CREDIT-REPORT-UPDATED",
            "AFTER-NO-RESTORE",
            "CLOSE-DELETES-ALL",
        ),
    )


def review_rejected_flow(labels: Labels) -> Flow:
    """Submit, wait for the review, read why it was rejected; the account stays."""
    return Flow(
        "review_rejected",
        labels.variant,
        "review_rejected",
        "审核未通过：服务通知说明原因，账户保留",
        (
            start_at_closure_step("submitted", "提交注销申请（前面的步骤见“永久注销”演示）"),
            let_time_pass("等待审核：两个工作日后出结果", days=2),
            open_me(),
            open_chats(),
            open_service_notifications(),
            see_notification("微粒贷注销申请未通过", "账户存在未结清的关联业务"),
            services_with_entry("回到“我-服务”：微粒贷入口还在，账户没有注销"),
        ),
        ("REVIEW-SUBMITTED", "REVIEW-WORKING-DAYS"),
    )


def reinvited_flow(labels: Labels) -> Flow:
    """Closed, invited again: a new account with no history and no priority."""
    return Flow(
        "reinvited",
        labels.variant,
        "closed",
        "注销后再次受邀：全新账户，没有以前的记录和优先权",
        (
            services_without_entry(),
            receive_new_invitation(),
            open_me(),
            open_services(),
            open_weilidai(),
            see_new_account_line(),
            loan_records_empty(),
            open_me(),
            open_services(),
            credit_report_shows("打开“征信报告”：旧账户“已注销”，新账户“正常”", "已注销", "正常"),
        ),
        (
            "AFTER-REINVITE-NEW-ACCOUNT",
            "AFTER-REINVITE-NO-PRIORITY",
            "AFTER-LINE-MAY-DROP",
            "CLOSE-REAPPLY-NOT-GUARANTEED",
        ),
    )


def _pause_ends(
    labels: Labels,
    base: str,
    scenario: str,
    title: str,
    tail: list[Step[Any]],
    requirements: tuple[str, ...] = (),
) -> Flow:
    return Flow(
        base,
        labels.variant,
        scenario,
        title,
        (
            services_without_entry("“我-服务”里没有微粒贷：借款已暂停"),
            let_time_pass("三个月后：暂停到期，重新评估额度", days=80),
            *tail,
        ),
        ("PAUSE-NO-REEVALUATION", "PAUSE-REEVALUATION", "PAUSE-KEEPS-ACCOUNT", *requirements),
    )


def pause_ends_eligible_flow(labels: Labels) -> Flow:
    """The pause ends, the re-evaluation finds them eligible: an invitation, the entry back."""
    return _pause_ends(
        labels,
        "pause_ends_eligible",
        "paused",
        "暂停到期：重新评估通过，收到邀请，入口恢复",
        [
            open_me(),
            open_chats(),
            open_service_notifications(),
            see_notification("微粒贷额度已恢复"),
            services_with_entry("回到“我-服务”：微粒贷入口又出现了"),
        ],
    )


def pause_ends_not_eligible_flow(labels: Labels) -> Flow:
    """The pause ends, the re-evaluation finds them not eligible: the entry stays hidden."""
    return _pause_ends(
        labels,
        "pause_ends_not_eligible",
        "paused_not_eligible",
        "暂停到期：重新评估未通过，入口不再出现",
        [
            services_without_entry("回到“我-服务”：重新评估没通过，入口仍然没有"),
            open_me(),
            open_chats(),
            open_service_notifications(),
            see_no_notification("微粒贷额度已恢复", "“服务通知”里没有额度恢复的邀请"),
        ],
    )


def pause_ends_opted_out_flow(labels: Labels) -> Flow:
    """The pause ends for someone who opted out: no invitation, no entry."""
    return _pause_ends(
        labels,
        "pause_ends_opted_out",
        "paused_opted_out",
        "暂停到期：已勾选不再接收邀请，不会收到邀请",
        [
            services_without_entry("回到“我-服务”：不再接收邀请，入口不出现"),
            open_me(),
            open_chats(),
            open_service_notifications(),
            see_no_notification("微粒贷额度已恢复", "“服务通知”里没有邀请消息"),
        ],
        ("OPTOUT-HIDES-ENTRY",),
    )


def sms_expired_flow(labels: Labels) -> Flow:
    """The SMS code expires before it is typed; a new one is sent and works."""
    return Flow(
        "sms_expired",
        labels.variant,
        "invited",
        "短信验证码过期：重新获取后再验证",
        (
            start_at_closure_step("sms", "进入注销的“短信验证”（前面的步骤见“永久注销”演示）"),
            request_sms_code(),
            let_time_pass("过了5分钟才去填写", minutes=5, seconds=30),
            enter_expired_code(),
            resend_sms_code(),
            enter_sms_code("填写新的验证码，进入人脸识别"),
        ),
        ("VERIFY-IDENTITY",),
    )


def sms_too_many_wrong_flow(labels: Labels) -> Flow:
    """Five wrong SMS codes void it; after the minute's wait a new one works."""
    return Flow(
        "sms_too_many_wrong",
        labels.variant,
        "invited",
        "验证码输错5次作废：等待后重新获取",
        (
            start_at_closure_step("sms", "进入注销的“短信验证”（前面的步骤见“永久注销”演示）"),
            request_sms_code(),
            wrong_sms_code(1, "验证码错误，还可以尝试 4 次"),
            wrong_sms_code(2, "验证码错误，还可以尝试 3 次"),
            wrong_sms_code(3, "验证码错误，还可以尝试 2 次"),
            wrong_sms_code(4, "验证码错误，还可以尝试 1 次"),
            wrong_sms_code(5, "验证码错误次数过多已失效，请重新获取"),
            let_time_pass("等60秒，“重新获取”才能再点", seconds=60),
            resend_sms_code(),
            enter_sms_code("填写新的验证码，进入人脸识别"),
        ),
        ("VERIFY-IDENTITY",),
    )


def face_fails_until_wait_flow(labels: Labels) -> Flow:
    """The face check fails five times; it asks for a 30-minute wait, then can be tried again."""
    return Flow(
        "face_fails_until_wait",
        labels.variant,
        "face_check_fails",
        "人脸识别连续失败：等待30分钟后再试",
        (
            start_at_closure_step("face", "进入注销的“人脸识别”（前面的步骤见“永久注销”演示）"),
            face_fails(1, "还可以尝试 4 次"),
            face_fails(2, "还可以尝试 3 次"),
            face_fails(3, "还可以尝试 2 次"),
            face_fails(4, "还可以尝试 1 次"),
            face_fails(5, "人脸识别失败次数过多，请 30 分钟后再试"),
            face_fails(6, "请 30 分钟后再试"),
            let_time_pass("等待30分钟", minutes=30),
            face_fails(7, "还可以尝试 4 次"),
        ),
        ("VERIFY-IDENTITY",),
    )


def all_flows(labels: Labels) -> list[Flow]:
    """Return every flow for one variant."""
    return [
        close_account_flow(labels),
        blocked_then_repay_flow(labels),
        pause_borrowing_flow(labels),
        opt_out_flow(labels),
        entry_missing_kefu_flow(labels),
        password_lockout_flow(labels),
        *article_rest_flows(labels),
    ]


def article_rest_flows(labels: Labels) -> list[Flow]:
    """Return the flows of the rest of the article (after submission, after a pause, failures)."""
    return [
        review_approved_flow(labels),
        review_rejected_flow(labels),
        reinvited_flow(labels),
        pause_ends_eligible_flow(labels),
        pause_ends_not_eligible_flow(labels),
        pause_ends_opted_out_flow(labels),
        sms_expired_flow(labels),
        sms_too_many_wrong_flow(labels),
        face_fails_until_wait_flow(labels),
    ]
