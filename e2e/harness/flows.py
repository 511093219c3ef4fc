"""User journeys composed from page objects, each step named.

A flow is a list of ``Step``s over a ``Journey`` (the page, the person, the current screen).
The same steps drive the e2e tests, the walkthrough videos (their names become chapter cards and
subtitles) and the regression path maps, so the three can never disagree about the path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from playwright.sync_api import Page, expect

from .api import Person, PortalApi
from .labels import LABELS, Labels
from .pages import (
    BlockedPage,
    ConsequencesPage,
    FacePage,
    MePage,
    PasswordPage,
    RepayPage,
    Screen,
    SecurityPage,
    ServicesPage,
    SmsPage,
    SubmittedPage,
)
from .pages.help import KefuPage, NotificationSettingsPage, PauseGuidePage
from .trail import Tap, recording

REFERENCE = re.compile(r"^ZX\d{14}$")


@dataclass
class Journey:
    """One person's way through the portal: where they are and what they carry."""

    page: Page
    api: PortalApi
    person: Person
    screen: Any = None
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def labels(self) -> Labels:
        """Return the labels of the person's client variant."""
        return LABELS[self.person.variant]


@dataclass(frozen=True)
class Step:
    """One named thing a person does; ``act`` moves the journey to its next screen."""

    name: str
    act: Callable[[Journey], Any]


class StepObserver(Protocol):
    """Something that watches a flow run: a video recorder, a path mapper."""

    def before_step(self, index: int, step: Step, journey: Journey) -> None: ...

    def after_step(self, index: int, step: Step, journey: Journey, taps: list[Tap]) -> None: ...


@dataclass(frozen=True)
class Flow:
    """A named journey: its steps and what it shows a person."""

    name: str
    title: str
    steps: tuple[Step, ...]


def run_flow(
    journey: Journey, steps: Iterable[Step], observers: Iterable[StepObserver] = ()
) -> Journey:
    """Run ``steps`` in order, telling each observer before and after every step."""
    watchers = list(observers)
    for index, step in enumerate(steps, start=1):
        for watcher in watchers:
            watcher.before_step(index, step, journey)
        with recording() as trail:
            result = step.act(journey)
        if isinstance(result, Screen):
            journey.screen = result
        for watcher in watchers:
            watcher.after_step(index, step, journey, trail.taps)
    return journey


# ------------------------------------------------------------------ the steps


def open_me() -> Step:
    return Step("打开微信，点右下角“我”", lambda j: MePage.open(j.page, j.labels))


def open_services() -> Step:
    return Step("进入“服务”", lambda j: j.screen.open_services())


def open_weilidai() -> Step:
    return Step("在“金融理财”里点“微粒贷”", lambda j: j.screen.open_weilidai())


def open_more() -> Step:
    return Step("点右上角的“…”", lambda j: j.screen.open_more())


def open_site(labels: Labels) -> Step:
    return Step(f"选择“{labels.site}”", lambda j: j.screen.open_site())


def open_security(labels: Labels) -> Step:
    return Step(f"进入“{labels.security}”", lambda j: j.screen.open_security())


def tap_close(labels: Labels) -> Step:
    return Step(f"点击“{labels.close}”", lambda j: j.screen.start_closure())


def read_consequences() -> Step:
    def act(j: Journey) -> PasswordPage:
        consequences: ConsequencesPage = j.screen.consequences()
        return consequences.acknowledge_and_continue()

    return Step("阅读注销后果，勾选“我已知晓”", act)


def verify_password() -> Step:
    return Step("验证支付密码", lambda j: j.screen.enter(j.person.payment_password))


def verify_sms() -> Step:
    def act(j: Journey) -> FacePage:
        sms: SmsPage = j.screen
        sms.request_code()
        return sms.enter(j.api.last_sms(j.person))

    return Step("获取并填写短信验证码", act)


def verify_face() -> Step:
    return Step("完成人脸识别，提交申请", lambda j: j.screen.verify())


def see_submitted() -> Step:
    def act(j: Journey) -> SubmittedPage:
        submitted: SubmittedPage = j.screen
        expect(submitted.review_note).to_be_visible()
        expect(submitted.reference).to_have_text(REFERENCE)
        j.notes["reference"] = submitted.reference.inner_text()
        return submitted

    return Step("看到申请编号，等待1-3个工作日审核", act)


def see_blocked() -> Step:
    def act(j: Journey) -> BlockedPage:
        blocked: BlockedPage = j.screen.blocked()
        j.notes["blocked_amount"] = blocked.amount.inner_text()
        return blocked

    return Step("欠款未还清（哪怕1分钱），无法注销", act)


def go_repay() -> Step:
    return Step("点击“去还款”", lambda j: j.screen.go_repay())


def repay_all() -> Step:
    def act(j: Journey) -> Screen:
        repay: RepayPage = j.screen
        return repay.repay(j.person.payment_password)

    return Step("输入支付密码，还清欠款", act)


def back_to_weilidai() -> Step:
    return Step("返回微粒贷首页", lambda j: j.screen.back_to_weilidai())


def open_help() -> Step:
    return Step("选择“帮助中心”", lambda j: j.screen.open_help())


def search_help(words: str) -> Step:
    return Step(f"搜索“{words}”", lambda j: j.screen.search(words))


def open_pause_guide() -> Step:
    return Step("打开“暂停借款”指引", lambda j: j.screen.open_pause_guide())


def confirm_pause() -> Step:
    def act(j: Journey) -> PauseGuidePage:
        guide: PauseGuidePage = j.screen.confirm_pause()
        expect(guide.result).to_be_visible()
        return guide

    return Step("勾选确认，点击“暂停借款”", act)


def back_to_services_without_entry() -> Step:
    def act(j: Journey) -> ServicesPage:
        services: ServicesPage = j.screen.back_to_services()
        expect(services.weilidai_tile).to_have_count(0)
        return services

    return Step("回到“服务”：微粒贷入口已隐藏", act)


def open_settings() -> Step:
    return Step("选择“设置”", lambda j: j.screen.open_settings())


def open_notification_settings() -> Step:
    return Step("进入“通知管理”", lambda j: j.screen.open_notifications())


def tick_opt_out() -> Step:
    def act(j: Journey) -> NotificationSettingsPage:
        settings: NotificationSettingsPage = j.screen.opt_out()
        expect(settings.saved).to_have_text("已保存：不再接收微粒贷邀请消息")
        expect(settings.opt_out_box).to_be_checked()
        return settings

    return Step("勾选“不再接收微粒贷邀请消息”并保存", act)


def services_without_entry() -> Step:
    def act(j: Journey) -> ServicesPage:
        services = MePage.open(j.page, j.labels).open_services()
        expect(services.weilidai_tile).to_have_count(0)
        return services

    return Step("回到“我-服务”：微粒贷入口已消失", act)


def see_close_option_missing(labels: Labels) -> Step:
    def act(j: Journey) -> SecurityPage:
        security: SecurityPage = j.screen
        expect(security.close_option).to_have_count(0)
        expect(security.missing_note).to_contain_text(f"找不到“{labels.close}”")
        return security

    return Step(f"找不到“{labels.close}”：页面说明账户异常", act)


def contact_kefu() -> Step:
    return Step("点击“联系微粒贷客服”", lambda j: j.screen.ask_kefu())


def ask_why_missing(labels: Labels) -> Step:
    def act(j: Journey) -> KefuPage:
        kefu: KefuPage = j.screen.ask("为什么找不到注销入口？")
        expect(kefu.log).to_contain_text("近30天内有借款尚未还清")
        return kefu

    return Step("询问客服：为什么找不到注销入口", act)


def wrong_password(attempt: int, expected: str) -> Step:
    def act(j: Journey) -> PasswordPage:
        password: PasswordPage = j.screen
        password.submit(wrong_password_for(j.person))
        expect(password.error).to_have_text(expected)
        return password

    ordinal = "一二三"[attempt - 1]
    return Step(f"第{ordinal}次输错支付密码：{expected}", act)


def wrong_password_for(someone: Person) -> str:
    """Return a six-digit password that is not ``someone``'s."""
    return f"{(int(someone.payment_password) + 1) % 1_000_000:06d}"


# ------------------------------------------------------------------ the journeys


def path_to_closure(labels: Labels) -> list[Step]:
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


def closure_checks() -> list[Step]:
    """Consequences, the three identity checks and the submitted screen."""
    return [read_consequences(), verify_password(), verify_sms(), verify_face(), see_submitted()]


def close_account_flow(labels: Labels) -> Flow:
    """Close an account with nothing owed, through the seed's full menu path."""
    return Flow(
        f"close_account_{labels.variant}",
        f"永久注销微粒贷账户（版本{labels.variant}：{labels.site} → {labels.security}"
        f" → {labels.close}）",
        tuple(path_to_closure(labels) + closure_checks()),
    )


def blocked_then_repay_flow(labels: Labels) -> Flow:
    """Be blocked by 0.01 owed, repay it, then close the account."""
    return Flow(
        f"blocked_then_repay_{labels.variant}",
        "注销被0.01元欠款拦截：还款后再注销",
        tuple(
            path_to_closure(labels)
            + [see_blocked(), go_repay(), repay_all(), back_to_weilidai(), open_more()]
            + [open_site(labels), open_security(labels), tap_close(labels)]
            + closure_checks()
        ),
    )


def path_to_menu() -> list[Step]:
    """我 → 服务 → 微粒贷 → …."""
    return [open_me(), open_services(), open_weilidai(), open_more()]


def pause_borrowing_flow(labels: Labels) -> Flow:
    """Pause borrowing for three months from the help center's guide."""
    return Flow(
        f"pause_borrowing_{labels.variant}",
        "暂停借款：帮助中心搜索“关闭微粒贷”",
        tuple(
            path_to_menu()
            + [open_help(), search_help("关闭微粒贷"), open_pause_guide(), confirm_pause()]
            + [back_to_services_without_entry()]
        ),
    )


def opt_out_flow(labels: Labels) -> Flow:
    """Opt out of invitations in 设置 → 通知管理."""
    return Flow(
        f"opt_out_{labels.variant}",
        "不再接收邀请：设置 → 通知管理",
        tuple(
            path_to_menu()
            + [open_settings(), open_notification_settings(), tick_opt_out()]
            + [services_without_entry()]
        ),
    )


def entry_missing_kefu_flow(labels: Labels) -> Flow:
    """Find no closure option (abnormal account) and ask 客服 why."""
    return Flow(
        f"entry_missing_kefu_{labels.variant}",
        f"找不到“{labels.close}”入口：联系客服问清原因",
        tuple(
            path_to_closure(labels)[:-1]
            + [see_close_option_missing(labels), contact_kefu(), ask_why_missing(labels)]
        ),
    )


def password_lockout_flow(labels: Labels) -> Flow:
    """Enter a wrong payment password three times and see it locked."""
    return Flow(
        f"password_lockout_{labels.variant}",
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
    )


# Which scenario each flow starts from, by the flow's name without its variant.
FLOW_SCENARIOS: dict[str, str] = {
    "close_account": "invited",
    "blocked_then_repay": "outstanding_0_01",
    "pause_borrowing": "invited",
    "opt_out": "invited",
    "entry_missing_kefu": "recent_loan",
    "password_lockout": "invited",
}


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
