"""WeChat's side: 服务 with or without the entry, 服务通知 and the closure record, 征信报告."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from ...journey import Journey, Step
from ...pages import (
    ChatsPage,
    MePage,
    NotificationsPage,
    RecordPage,
    Screen,
    ServicesPage,
)
from .entry import open_me


def services_without_entry(
    name: str = "回到“我-服务”：微粒贷入口已消失",
    en: str = "Back in “Me → Services”: the Weilidai entry is gone",
) -> Step[Screen]:
    def act(j: Journey, _: Screen) -> ServicesPage:
        services = MePage.open(j.page, j.labels).open_services()
        expect(services.weilidai_tile).to_have_count(0)
        return services

    return Step(name, Screen, act, en)


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


READ_NOTIFICATIONS: list[Step[Any]] = [open_me(), open_chats(), open_service_notifications()]


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
