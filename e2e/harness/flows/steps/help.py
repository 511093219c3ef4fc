"""帮助中心 and its pause guide, 设置 → 通知管理, and 客服."""

from __future__ import annotations

from playwright.sync_api import expect

from ...journey import Journey, Step
from ...labels import Labels
from ...pages import (
    HelpCenterPage,
    KefuPage,
    NotificationSettingsPage,
    PauseGuidePage,
    SecurityPage,
    ServicesPage,
    SettingsPage,
    WeilidaiHomePage,
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
