"""The steps a person takes and the named flows made of them.

Each step is typed by the screen it starts on, so ``Step("…", MePage, lambda j, me:
me.open_services())`` type-checks the method against ``MePage``. The same flows drive the e2e
tests, the walkthrough videos (their names become chapter cards and subtitles) and the regression
path maps, so the three can never disagree about the path. Writing a flow: docs/writing-tests.md.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from .api import Person
from .journey import Flow, Journey, Step, in_chapters
from .labels import LABEL_TABLE, Labels
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
    return Step(
        "打开微信，点右下角“我”",
        Screen,
        lambda j, _: MePage.open(j.page, j.labels),
        "Open WeChat and tap “Me” at the bottom right",
    )


def open_services() -> Step[MePage]:
    return Step("进入“服务”", MePage, lambda j, me: me.open_services(), "Open “Services”")


def open_weilidai() -> Step[ServicesPage]:
    return Step(
        "在“金融理财”里点“微粒贷”",
        ServicesPage,
        lambda j, s: s.open_weilidai(),
        "Tap “Weilidai” under “Financial Services”",
    )


def open_more() -> Step[WeilidaiHomePage]:
    return Step(
        "点右上角的“…”",
        WeilidaiHomePage,
        lambda j, home: home.open_more(),
        "Tap “…” (More) at the top right",
    )


def open_site(labels: Labels) -> Step[WeilidaiHomePage]:
    return Step(
        f"选择“{labels.site}”",
        WeilidaiHomePage,
        lambda j, home: home.open_site(),
        f"Choose “{labels.english.site}”",
    )


def open_security(labels: Labels) -> Step[SitePage]:
    return Step(
        f"进入“{labels.security}”",
        SitePage,
        lambda j, site: site.open_security(),
        f"Open “{labels.english.security}”",
    )


def tap_close(labels: Labels) -> Step[SecurityPage]:
    return Step(
        f"点击“{labels.close}”",
        SecurityPage,
        lambda j, sec: sec.start_closure(),
        f"Tap “{labels.english.close}”",
    )


def read_consequences() -> Step[ClosureEntry]:
    def act(j: Journey, entry: ClosureEntry) -> PasswordPage:
        return entry.consequences().acknowledge_and_continue()

    return Step(
        "阅读注销后果，勾选“我已知晓”",
        ClosureEntry,
        act,
        "Read what closing means and tick “I understand”",
    )


def verify_password() -> Step[PasswordPage]:
    return Step(
        "验证支付密码",
        PasswordPage,
        lambda j, password: password.enter(j.person.payment_password),
        "Enter the payment password",
    )


def verify_sms() -> Step[SmsPage]:
    def act(j: Journey, sms: SmsPage) -> FacePage:
        sms.request_code()
        return sms.enter(j.api.last_sms(j.person))

    return Step("获取并填写短信验证码", SmsPage, act, "Get the SMS code and type it in")


def verify_face() -> Step[FacePage]:
    return Step(
        "完成人脸识别，提交申请",
        FacePage,
        lambda j, face: face.verify(),
        "Pass the face check; the application is sent",
    )


def see_submitted() -> Step[SubmittedPage]:
    def act(j: Journey, submitted: SubmittedPage) -> SubmittedPage:
        expect(submitted.review_note).to_be_visible()
        expect(submitted.reference).to_have_text(REFERENCE)
        j.notes["reference"] = submitted.reference.inner_text()
        return submitted

    return Step(
        "看到申请编号，等待1-3个工作日审核",
        SubmittedPage,
        act,
        "Note the application number; the review takes 1–3 working days",
    )


def see_blocked() -> Step[ClosureEntry]:
    def act(j: Journey, entry: ClosureEntry) -> BlockedPage:
        blocked = entry.blocked()
        j.notes["blocked_amount"] = blocked.amount.inner_text()
        return blocked

    return Step(
        "欠款未还清（哪怕1分钱），无法注销",
        ClosureEntry,
        act,
        "Money still owed, even ¥0.01: the account cannot be closed",
    )


def go_repay() -> Step[BlockedPage]:
    return Step("点击“去还款”", BlockedPage, lambda j, blocked: blocked.go_repay(), "Tap “Repay”")


def repay_all() -> Step[RepayPage]:
    return Step(
        "输入支付密码，还清欠款",
        RepayPage,
        lambda j, repay: repay.repay(j.person.payment_password),
        "Enter the payment password and repay everything",
    )


def back_to_weilidai() -> Step[RepaidPage]:
    return Step(
        "返回微粒贷首页",
        RepaidPage,
        lambda j, repaid: repaid.back_to_weilidai(),
        "Go back to the Weilidai home",
    )


def open_help() -> Step[WeilidaiHomePage]:
    return Step(
        "选择“帮助中心”",
        WeilidaiHomePage,
        lambda j, home: home.open_help(),
        "Choose “Help Center”",
    )


def search_help(words: str) -> Step[HelpCenterPage]:
    return Step(
        f"搜索“{words}”",
        HelpCenterPage,
        lambda j, help_center: help_center.search(words),
        f"Search for “{words}” (turn off Weilidai)",
    )


def open_pause_guide() -> Step[HelpCenterPage]:
    return Step(
        "打开“暂停借款”指引",
        HelpCenterPage,
        lambda j, help_center: help_center.open_pause_guide(),
        "Open the “Pause Borrowing” guide",
    )


def confirm_pause() -> Step[PauseGuidePage]:
    def act(j: Journey, guide: PauseGuidePage) -> PauseGuidePage:
        guide = guide.confirm_pause()
        expect(guide.result).to_be_visible()
        return guide

    return Step(
        "勾选确认，点击“暂停借款”",
        PauseGuidePage,
        act,
        "Tick the confirmation and tap “Pause Borrowing”",
    )


def back_to_services_without_entry() -> Step[PauseGuidePage]:
    def act(j: Journey, guide: PauseGuidePage) -> ServicesPage:
        services = guide.back_to_services()
        expect(services.weilidai_tile).to_have_count(0)
        return services

    return Step(
        "回到“服务”：微粒贷入口已隐藏",
        PauseGuidePage,
        act,
        "Back in “Services”: the Weilidai entry is hidden",
    )


def open_settings() -> Step[WeilidaiHomePage]:
    return Step(
        "选择“设置”",
        WeilidaiHomePage,
        lambda j, home: home.open_settings(),
        "Choose “Settings”",
    )


def open_notification_settings() -> Step[SettingsPage]:
    return Step(
        "进入“通知管理”",
        SettingsPage,
        lambda j, settings: settings.open_notifications(),
        "Open “Notifications”",
    )


def tick_opt_out() -> Step[NotificationSettingsPage]:
    def act(j: Journey, settings: NotificationSettingsPage) -> NotificationSettingsPage:
        settings = settings.opt_out()
        expect(settings.saved).to_have_text(j.labels.say("已保存：不再接收微粒贷邀请消息"))
        expect(settings.opt_out_box).to_be_checked()
        return settings

    return Step(
        "勾选“不再接收微粒贷邀请消息”并保存",
        NotificationSettingsPage,
        act,
        "Tick “Stop receiving Weilidai invitations” and save",
    )


def services_without_entry(
    name: str = "回到“我-服务”：微粒贷入口已消失",
    en: str = "Back in “Me → Services”: the Weilidai entry is gone",
) -> Step[Screen]:
    def act(j: Journey, _: Screen) -> ServicesPage:
        services = MePage.open(j.page, j.labels).open_services()
        expect(services.weilidai_tile).to_have_count(0)
        return services

    return Step(name, Screen, act, en)


def see_close_option_missing(labels: Labels) -> Step[SecurityPage]:
    def act(j: Journey, security: SecurityPage) -> SecurityPage:
        expect(security.close_option).to_have_count(0)
        expect(security.missing_note).to_contain_text(j.labels.say("找不到“{}”", j.labels.close))
        return security

    return Step(
        f"找不到“{labels.close}”：页面说明账户异常",
        SecurityPage,
        act,
        f"No “{labels.english.close}”: the page says the account has an issue",
    )


def contact_kefu() -> Step[SecurityPage]:
    return Step(
        "点击“联系微粒贷客服”",
        SecurityPage,
        lambda j, security: security.ask_kefu(),
        "Tap “Contact Weilidai Customer Service”",
    )


def ask_why_missing(labels: Labels) -> Step[KefuPage]:
    def act(j: Journey, kefu: KefuPage) -> KefuPage:
        kefu = kefu.ask(j.labels.say("为什么找不到注销入口？"))
        expect(kefu.log).to_contain_text(j.labels.say("近30天内有借款尚未还清"))
        return kefu

    return Step(
        "询问客服：为什么找不到注销入口",
        KefuPage,
        act,
        "Ask Customer Service why there is no way to close",
    )


def wrong_password(attempt: int, expected: str, meaning: str) -> Step[PasswordPage]:
    def act(j: Journey, password: PasswordPage) -> PasswordPage:
        password.submit(wrong_password_for(j.person))
        expect(password.error).to_have_text(j.labels.say(expected))
        return password

    ordinal = "一二三"[attempt - 1]
    return Step(
        f"第{ordinal}次输错支付密码：{expected}",
        PasswordPage,
        act,
        f"Wrong payment password, attempt {attempt}: {meaning}",
    )


def wrong_password_for(someone: Person) -> str:
    """Return a six-digit password that is not ``someone``'s."""
    return f"{(int(someone.payment_password) + 1) % 1_000_000:06d}"


# ------------------------------------------------------------------ time, and after the closure


def let_time_pass(name: str, en: str, **delta: float) -> Step[Screen]:
    """Let time pass on the portal's clock and the page's (``Journey.let_time_pass``)."""

    def act(j: Journey, screen: Screen) -> Screen:
        j.let_time_pass(**delta)
        return screen

    return Step(name, Screen, act, en)


def start_at_closure_step(step: Any, name: str, en: str) -> Step[Screen]:
    """Open the closure at ``step`` as the screens before it would have (the test API)."""
    return Step(name, Screen, lambda j, _: j.at_closure_step(step), en)


def open_chats() -> Step[MePage]:
    return Step(
        "切换到“微信”聊天列表",
        MePage,
        lambda j, me: me.open_chats(),
        "Switch to the “Chats” list",
    )


def open_service_notifications() -> Step[ChatsPage]:
    return Step(
        "打开“服务通知”",
        ChatsPage,
        lambda j, chats: chats.open_notifications(),
        "Open “Service Notifications”",
    )


def see_notification(title: str, en: str, saying: str = "") -> Step[NotificationsPage]:
    def act(j: Journey, notes: NotificationsPage) -> NotificationsPage:
        expect(notes.message(title)).to_be_visible()
        if saying:
            expect(notes.message(title)).to_contain_text(j.labels.say(saying))
        return notes

    name = f"收到通知：“{title}”" + (f"（{saying}）" if saying else "")
    return Step(name, NotificationsPage, act, en)


def see_no_notification(title: str, name: str, en: str) -> Step[NotificationsPage]:
    def act(j: Journey, notes: NotificationsPage) -> NotificationsPage:
        expect(notes.heading).to_have_text(j.labels.say("服务通知"))
        expect(notes.message(title)).to_have_count(0)
        return notes

    return Step(name, NotificationsPage, act, en)


def open_record() -> Step[NotificationsPage]:
    def act(j: Journey, notes: NotificationsPage) -> RecordPage:
        record = notes.open_record()
        if "reference" in j.notes:
            expect(record.reference).to_have_text(j.notes["reference"])
        j.notes["reference"] = record.reference.inner_text()
        return record

    return Step("点击“查看注销记录”", NotificationsPage, act, "Tap “View closure record”")


def save_record() -> Step[RecordPage]:
    def act(j: Journey, record: RecordPage) -> RecordPage:
        folder = Path(tempfile.mkdtemp(prefix="closure-record-"))
        saved = record.save(folder)
        assert j.notes["reference"] in saved.name, saved.name
        assert j.notes["reference"] in saved.read_text(encoding="utf-8")
        j.notes["record_file"] = saved.name
        return record

    return Step(
        "点击“保存注销记录”，留存备查",
        RecordPage,
        act,
        "Tap “Save closure record” and keep it",
    )


def services_with_entry(name: str, en: str) -> Step[Screen]:
    def act(j: Journey, _: Screen) -> ServicesPage:
        services = MePage.open(j.page, j.labels).open_services()
        expect(services.weilidai_tile).to_be_visible()
        return services

    return Step(name, Screen, act, en)


def credit_report_shows(name: str, en: str, *statuses: str) -> Step[ServicesPage]:
    def act(j: Journey, services: ServicesPage) -> Screen:
        report = services.open_credit_report()
        expect(report.statuses).to_have_text([j.labels.say(status) for status in statuses])
        return report

    return Step(name, ServicesPage, act, en)


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

    return Step(
        "直接打开微粒贷的任何页面：都显示“账户已注销”，无法恢复",
        Screen,
        act,
        "Any Weilidai page now says the account is closed and cannot be restored",
    )


def receive_new_invitation() -> Step[Screen]:
    def act(j: Journey, screen: Screen) -> Screen:
        j.api.reinvite(j.person)
        return screen

    return Step(
        "又收到了微粒贷的邀请（要重新开通）",
        Screen,
        act,
        "A new Weilidai invitation arrives (it must be opened again)",
    )


def see_new_account_line() -> Step[WeilidaiHomePage]:
    def act(j: Journey, home: WeilidaiHomePage) -> WeilidaiHomePage:
        expect(home.page.get_by_text("5,000.00", exact=True)).to_be_visible()
        return home

    return Step(
        "新账户：额度¥5,000.00，以前的额度和记录都没有了",
        WeilidaiHomePage,
        act,
        "A new account: a ¥5,000.00 line; the old line and records are gone",
    )


def loan_records_empty() -> Step[WeilidaiHomePage]:
    def act(j: Journey, home: WeilidaiHomePage) -> Screen:
        loans = home.open_loans()
        expect(loans.page.get_by_text(j.labels.say("暂无借款记录"))).to_be_visible()
        return loans

    return Step(
        "点“借款记录”：一条以前的记录都没有",
        WeilidaiHomePage,
        act,
        "Open “Loan Records”: none of the old loans are there",
    )


def request_sms_code() -> Step[SmsPage]:
    return Step("点击“获取验证码”", SmsPage, lambda j, sms: sms.request_code(), "Tap “Get code”")


def enter_expired_code() -> Step[SmsPage]:
    def act(j: Journey, sms: SmsPage) -> SmsPage:
        sms.submit(j.api.last_sms(j.person))
        expect(sms.error).to_have_text(j.labels.say("验证码已过期，请重新获取"))
        return sms

    return Step(
        "填写收到的验证码：已过期（5分钟内有效）",
        SmsPage,
        act,
        "Type the code received: expired (it lasts 5 minutes)",
    )


def wrong_sms_code(attempt: int, expected: str, meaning: str) -> Step[SmsPage]:
    def act(j: Journey, sms: SmsPage) -> SmsPage:
        sms.submit(f"{(int(j.api.last_sms(j.person)) + 1) % 1_000_000:06d}")
        expect(sms.error).to_have_text(j.labels.say(expected))
        return sms

    return Step(
        f"第{attempt}次填错验证码：{expected}",
        SmsPage,
        act,
        f"Wrong SMS code, attempt {attempt}: {meaning}",
    )


def resend_sms_code() -> Step[SmsPage]:
    def act(j: Journey, sms: SmsPage) -> SmsPage:
        expect(sms.resend_button).to_have_text(j.labels.say("重新获取"))
        sms.resend()
        expect(sms.sent_notice).to_contain_text(j.labels.say("验证码已发送至"))
        return sms

    return Step(
        "点击“重新获取”，收到新的验证码",
        SmsPage,
        act,
        "Tap “Resend” and receive a new code",
    )


def enter_sms_code(name: str, en: str) -> Step[SmsPage]:
    return Step(name, SmsPage, lambda j, sms: sms.enter(j.api.last_sms(j.person)), en)


def face_fails(attempt: int, expected: str, meaning: str) -> Step[FacePage]:
    def act(j: Journey, face: FacePage) -> FacePage:
        face.attempt_answered()
        expect(face.error).to_contain_text(j.labels.say(expected))
        return face

    return Step(
        f"第{attempt}次人脸识别未通过：{expected}",
        FacePage,
        act,
        f"Face check failed, attempt {attempt}: {meaning}",
    )


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


FIND_CLOSURE = ("找到注销入口", "Find the closure option")
PROVE_IDENTITY = ("验证身份", "Prove it is you")
SUBMITTED = ("提交申请", "The application is sent")
THE_RESULT = ("结果", "The result")


def close_account_flow(labels: Labels) -> Flow:
    """Close an account with nothing owed, through the seed's full menu path."""
    steps, chapters = in_chapters(
        (*FIND_CLOSURE, path_to_closure(labels)),
        (*PROVE_IDENTITY, closure_checks()[:-1]),
        (*SUBMITTED, closure_checks()[-1:]),
    )
    return Flow(
        "close_account",
        labels.variant,
        "invited",
        f"永久注销微粒贷账户（版本{labels.variant}：{labels.site} → {labels.security}"
        f" → {labels.close}）",
        steps,
        (*PATH_TO_CLOSURE, *CLOSURE_CHECKS),
        f"Close the Weilidai account for good (variant {labels.variant}: "
        f"{labels.english.site} → {labels.english.security} → {labels.english.close})",
        chapters,
        locale=labels.locale,
    )


def blocked_then_repay_flow(labels: Labels) -> Flow:
    """Be blocked by 0.01 owed, repay it, then close the account."""
    steps, chapters = in_chapters(
        (*FIND_CLOSURE, path_to_closure(labels)),
        ("被0.01元拦下，去还款", "Stopped by ¥0.01: repay it", [see_blocked(), go_repay()]),
        ("还清欠款", "Repay everything", [repay_all(), back_to_weilidai()]),
        (
            "再次找到注销入口",
            "Back to the closure option",
            [open_more(), open_site(labels), open_security(labels), tap_close(labels)],
        ),
        (*PROVE_IDENTITY, closure_checks()[:-1]),
        (*SUBMITTED, closure_checks()[-1:]),
    )
    return Flow(
        "blocked_then_repay",
        labels.variant,
        "outstanding_0_01",
        "注销被0.01元欠款拦截：还款后再注销",
        steps,
        ("CLOSE-BLOCK-OWED", "REPAY-BEFORE-ANY", *PATH_TO_CLOSURE, *CLOSURE_CHECKS),
        "Closure blocked by ¥0.01 owed: repay, then close",
        chapters,
        locale=labels.locale,
    )


def path_to_menu() -> list[Step[Any]]:
    """我 → 服务 → 微粒贷 → …."""
    return [open_me(), open_services(), open_weilidai(), open_more()]


def pause_borrowing_flow(labels: Labels) -> Flow:
    """Pause borrowing for three months from the help center's guide."""
    steps, chapters = in_chapters(
        ("打开帮助中心", "Open the Help Center", [*path_to_menu(), open_help()]),
        (
            "找到并确认暂停借款",
            "Find and confirm Pause Borrowing",
            [search_help("关闭微粒贷"), open_pause_guide(), confirm_pause()],
        ),
        (*THE_RESULT, [back_to_services_without_entry()]),
    )
    return Flow(
        "pause_borrowing",
        labels.variant,
        "invited",
        "暂停借款：帮助中心搜索“关闭微粒贷”",
        steps,
        (
            "ENTRY-PATH-ME-SERVICES",
            "ENTRY-SEEN-MEANS-INVITED",
            "PAUSE-HELP-FROM-MENU",
            "PAUSE-HELP-SEARCH",
            "PAUSE-HIDES-ENTRY",
        ),
        "Pause borrowing: search the Help Center for “turn off Weilidai”",
        chapters,
        locale=labels.locale,
    )


def opt_out_flow(labels: Labels) -> Flow:
    """Opt out of invitations in 设置 → 通知管理."""
    steps, chapters = in_chapters(
        ("打开设置", "Open Settings", [*path_to_menu(), open_settings()]),
        (
            "不再接收邀请",
            "Stop the invitations",
            [open_notification_settings(), tick_opt_out()],
        ),
        (*THE_RESULT, [services_without_entry()]),
    )
    return Flow(
        "opt_out",
        labels.variant,
        "invited",
        "不再接收邀请：设置 → 通知管理",
        steps,
        ("ENTRY-PATH-ME-SERVICES", "ENTRY-SEEN-MEANS-INVITED", "OPTOUT-SETTING"),
        "Stop receiving invitations: Settings → Notifications",
        chapters,
        locale=labels.locale,
    )


def entry_missing_kefu_flow(labels: Labels) -> Flow:
    """Find no closure option (abnormal account) and ask 客服 why."""
    steps, chapters = in_chapters(
        (*FIND_CLOSURE, path_to_closure(labels)[:-1]),
        (
            "找不到注销选项，问客服",
            "No closure option: ask Customer Service",
            [see_close_option_missing(labels), contact_kefu(), ask_why_missing(labels)],
        ),
    )
    return Flow(
        "entry_missing_kefu",
        labels.variant,
        "recent_loan",
        f"找不到“{labels.close}”入口：联系客服问清原因",
        steps,
        ("CLOSE-OPTION-MISSING-ABNORMAL", "CLOSE-OPTION-MISSING-KEFU", *PATH_TO_CLOSURE[:-1]),
        f"No “{labels.english.close}” option: ask Customer Service why",
        chapters,
        locale=labels.locale,
    )


def password_lockout_flow(labels: Labels) -> Flow:
    """Enter a wrong payment password three times and see it locked."""
    steps, chapters = in_chapters(
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
    return Flow(
        "password_lockout",
        labels.variant,
        "invited",
        "身份验证失败：支付密码连续输错3次被锁定",
        steps,
        (*PATH_TO_CLOSURE, "CLOSE-CONSEQUENCES", "VERIFY-IDENTITY"),
        "Identity check failed: three wrong payment passwords lock it",
        chapters,
        locale=labels.locale,
    )


# ------------------------------------------------------------------ the rest of the article
# After submission, after closure, after a pause, and the identity checks that go wrong. These
# start where the article's story does, not at 我: the menu path is the subject of those above.

WAIT_FOR_REVIEW = let_time_pass(
    "等待审核：两个工作日后出结果",
    "Wait for the review: the answer comes 2 working days later",
    days=2,
)
READ_NOTIFICATIONS: list[Step[Any]] = [open_me(), open_chats(), open_service_notifications()]
FROM_THE_SMS_STEP = start_at_closure_step(
    "sms",
    "进入注销的“短信验证”（前面的步骤见“永久注销”演示）",
    "Start at the closure's SMS check (the steps before it: see “Close the account”)",
)


def review_approved_flow(labels: Labels) -> Flow:
    """Wait for the review, read the notice, keep the record, see the account gone for good."""
    steps, chapters = in_chapters(
        ("等待审核", "Waiting for the review", [WAIT_FOR_REVIEW]),
        (
            "审核通过的通知",
            "The approval notice",
            [
                *READ_NOTIFICATIONS,
                see_notification("微粒贷账户注销成功", "Notice: the Weilidai account is closed"),
            ],
        ),
        ("保存注销记录", "Keep the closure record", [open_record(), save_record()]),
        (
            "注销之后",
            "After the closure",
            [
                services_without_entry(),
                credit_report_shows(
                    "打开“征信报告”：微粒贷账户显示“已注销”",
                    "Open the “Credit Report”: the Weilidai account shows “Closed”",
                    "已注销",
                ),
                every_weilidai_url_closed(),
            ],
        ),
    )
    return Flow(
        "review_approved",
        labels.variant,
        "closure_pending",
        "审核通过之后：服务通知、注销记录、征信报告，入口消失且无法恢复",
        steps,
        (
            "REVIEW-WORKING-DAYS",
            "REVIEW-APPROVED-CLOSES",
            "AFTER-SAVE-RECORD",
            "CREDIT-REPORT-UPDATED",
            "AFTER-NO-RESTORE",
            "CLOSE-DELETES-ALL",
        ),
        "After approval: the notice, the record, the credit report; gone for good",
        chapters,
        locale=labels.locale,
    )


def review_rejected_flow(labels: Labels) -> Flow:
    """Submit, wait for the review, read why it was rejected; the account stays."""
    steps, chapters = in_chapters(
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
    return Flow(
        "review_rejected",
        labels.variant,
        "review_rejected",
        "审核未通过：服务通知说明原因，账户保留",
        steps,
        ("REVIEW-SUBMITTED", "REVIEW-WORKING-DAYS"),
        "The review says no: the notice gives the reason; the account stays",
        chapters,
        locale=labels.locale,
    )


def reinvited_flow(labels: Labels) -> Flow:
    """Closed, invited again: a new account with no history and no priority."""
    steps, chapters = in_chapters(
        ("已注销", "Closed", [services_without_entry()]),
        (
            "再次受邀",
            "Invited again",
            [
                receive_new_invitation(),
                open_me(),
                open_services(),
                open_weilidai(),
                see_new_account_line(),
                loan_records_empty(),
            ],
        ),
        (
            "征信报告",
            "The credit report",
            [
                open_me(),
                open_services(),
                credit_report_shows(
                    "打开“征信报告”：旧账户“已注销”，新账户“正常”",
                    "Open the “Credit Report”: the old account “Closed”, the new one “Normal”",
                    "已注销",
                    "正常",
                ),
            ],
        ),
    )
    return Flow(
        "reinvited",
        labels.variant,
        "closed",
        "注销后再次受邀：全新账户，没有以前的记录和优先权",
        steps,
        (
            "AFTER-REINVITE-NEW-ACCOUNT",
            "AFTER-REINVITE-NO-PRIORITY",
            "AFTER-LINE-MAY-DROP",
            "CLOSE-REAPPLY-NOT-GUARANTEED",
        ),
        "Invited again after closing: a new account, no history, no priority",
        chapters,
        locale=labels.locale,
    )


def _pause_ends(
    labels: Labels,
    base: str,
    scenario: str,
    titles: tuple[str, str],
    tail: list[Step[Any]],
    requirements: tuple[str, ...] = (),
) -> Flow:
    steps, chapters = in_chapters(
        (
            "暂停中",
            "Paused",
            [
                services_without_entry(
                    "“我-服务”里没有微粒贷：借款已暂停",
                    "No Weilidai in “Me → Services”: borrowing is paused",
                )
            ],
        ),
        (
            "三个月后",
            "Three months later",
            [
                let_time_pass(
                    "三个月后：暂停到期，重新评估额度",
                    "Three months later: the pause ends and the account is re-evaluated",
                    days=80,
                )
            ],
        ),
        (*THE_RESULT, tail),
    )
    return Flow(
        base,
        labels.variant,
        scenario,
        titles[0],
        steps,
        ("PAUSE-NO-REEVALUATION", "PAUSE-REEVALUATION", "PAUSE-KEEPS-ACCOUNT", *requirements),
        titles[1],
        chapters,
        locale=labels.locale,
    )


def pause_ends_eligible_flow(labels: Labels) -> Flow:
    """The pause ends, the re-evaluation finds them eligible: an invitation, the entry back."""
    return _pause_ends(
        labels,
        "pause_ends_eligible",
        "paused",
        (
            "暂停到期：重新评估通过，收到邀请，入口恢复",
            "The pause ends: re-evaluated, invited, the entry is back",
        ),
        [
            *READ_NOTIFICATIONS,
            see_notification("微粒贷额度已恢复", "Notice: the Weilidai credit line is back"),
            services_with_entry(
                "回到“我-服务”：微粒贷入口又出现了", "Back in “Me → Services”: Weilidai is back"
            ),
        ],
    )


def pause_ends_not_eligible_flow(labels: Labels) -> Flow:
    """The pause ends, the re-evaluation finds them not eligible: the entry stays hidden."""
    return _pause_ends(
        labels,
        "pause_ends_not_eligible",
        "paused_not_eligible",
        (
            "暂停到期：重新评估未通过，入口不再出现",
            "The pause ends: not eligible on re-evaluation, no entry",
        ),
        [
            services_without_entry(
                "回到“我-服务”：重新评估没通过，入口仍然没有",
                "In “Me → Services”: not eligible, still no entry",
            ),
            *READ_NOTIFICATIONS,
            see_no_notification(
                "微粒贷额度已恢复",
                "“服务通知”里没有额度恢复的邀请",
                "No invitation in “Service Notifications”",
            ),
        ],
    )


def pause_ends_opted_out_flow(labels: Labels) -> Flow:
    """The pause ends for someone who opted out: no invitation, no entry."""
    return _pause_ends(
        labels,
        "pause_ends_opted_out",
        "paused_opted_out",
        (
            "暂停到期：已勾选不再接收邀请，不会收到邀请",
            "The pause ends: invitations were turned off, so none comes",
        ),
        [
            services_without_entry(
                "回到“我-服务”：不再接收邀请，入口不出现",
                "In “Me → Services”: no invitations, no entry",
            ),
            *READ_NOTIFICATIONS,
            see_no_notification(
                "微粒贷额度已恢复",
                "“服务通知”里没有邀请消息",
                "No invitation in “Service Notifications”",
            ),
        ],
        ("OPTOUT-HIDES-ENTRY",),
    )


def sms_expired_flow(labels: Labels) -> Flow:
    """The SMS code expires before it is typed; a new one is sent and works."""
    steps, chapters = in_chapters(
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
    return Flow(
        "sms_expired",
        labels.variant,
        "invited",
        "短信验证码过期：重新获取后再验证",
        steps,
        ("VERIFY-IDENTITY",),
        "The SMS code expired: get a new one",
        chapters,
        locale=labels.locale,
    )


def sms_too_many_wrong_flow(labels: Labels) -> Flow:
    """Five wrong SMS codes void it; after the minute's wait a new one works."""
    steps, chapters = in_chapters(
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
    return Flow(
        "sms_too_many_wrong",
        labels.variant,
        "invited",
        "验证码输错5次作废：等待后重新获取",
        steps,
        ("VERIFY-IDENTITY",),
        "Five wrong SMS codes void it: wait, then get a new one",
        chapters,
        locale=labels.locale,
    )


def face_fails_until_wait_flow(labels: Labels) -> Flow:
    """The face check fails five times; it asks for a 30-minute wait, then can be tried again."""
    steps, chapters = in_chapters(
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
    return Flow(
        "face_fails_until_wait",
        labels.variant,
        "face_check_fails",
        "人脸识别连续失败：等待30分钟后再试",
        steps,
        ("VERIFY-IDENTITY",),
        "The face check keeps failing: wait 30 minutes, then try again",
        chapters,
        locale=labels.locale,
    )


def all_flows(labels: Labels) -> list[Flow]:
    """Return every flow for one variant, in the labels' language."""
    return [
        close_account_flow(labels),
        blocked_then_repay_flow(labels),
        pause_borrowing_flow(labels),
        opt_out_flow(labels),
        entry_missing_kefu_flow(labels),
        password_lockout_flow(labels),
        *article_rest_flows(labels),
    ]


def flows_of(variants: Iterable[str], locales: Iterable[str] = ("zh-CN",)) -> list[Flow]:
    """Return every flow of each variant in each language: a language's flows together, each
    variant's in ``all_flows`` order."""
    return [
        flow
        for locale in locales
        for variant in variants
        for flow in all_flows(LABEL_TABLE[variant, locale])
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
