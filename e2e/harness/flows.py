"""The steps a person takes and the named flows made of them.

Each step is typed by the screen it starts on, so ``Step("…", MePage, lambda j, me:
me.open_services())`` type-checks the method against ``MePage``. The same flows drive the e2e
tests, the walkthrough videos (their names become chapter cards and subtitles) and the regression
path maps, so the three can never disagree about the path. Writing a flow: docs/writing-tests.md.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from .api import Person
from .journey import Flow, Journey, Step
from .labels import Labels
from .pages import (
    BlockedPage,
    ClosureEntry,
    FacePage,
    HelpCenterPage,
    KefuPage,
    MePage,
    NotificationSettingsPage,
    PasswordPage,
    PauseGuidePage,
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


def services_without_entry() -> Step[Screen]:
    def act(j: Journey, _: Screen) -> ServicesPage:
        services = MePage.open(j.page, j.labels).open_services()
        expect(services.weilidai_tile).to_have_count(0)
        return services

    return Step("回到“我-服务”：微粒贷入口已消失", Screen, act)


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


def all_flows(labels: Labels) -> list[Flow]:
    """Return every flow for one variant."""
    return [
        close_account_flow(labels),
        blocked_then_repay_flow(labels),
        pause_borrowing_flow(labels),
        opt_out_flow(labels),
        entry_missing_kefu_flow(labels),
        password_lockout_flow(labels),
    ]
