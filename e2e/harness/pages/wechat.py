"""WeChat screens: 我, 服务, 微信 (chats), 服务通知, 征信报告."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from ..labels import Labels
from ..trail import Tap, note
from . import closure, weilidai
from .base import Screen


class MePage(Screen):
    """The 我 tab."""

    TITLE = "我"

    @classmethod
    def open(cls, page: Page, labels: Labels) -> MePage:
        """Open WeChat on the 我 tab."""
        page.goto("/me")
        screen = cls(page, labels)
        screen.expect_shown()
        return screen

    def open_services(self) -> ServicesPage:
        """Tap 服务."""
        self.tap("link", "服务")
        return ServicesPage(self.page, self.labels).shown()

    def open_chats(self) -> ChatsPage:
        """Switch to the 微信 tab."""
        tab_bar = self.page.get_by_role("navigation", name=self.say("微信"))
        self.tap("link", "微信|tab", within=tab_bar)
        return ChatsPage(self.page, self.labels).shown()


class ServicesPage(Screen):
    """服务, with the 金融理财 section."""

    TITLE = "服务"

    def __init__(self, page: Page, labels: Labels) -> None:
        super().__init__(page, labels)
        self.finance = page.get_by_role("region", name=self.say("金融理财"))
        self.weilidai_tile = self.finance.get_by_role("link", name=self.say("微粒贷"))
        self.credit_report_tile = self.finance.get_by_role("link", name=self.say("征信报告"))

    def open_weilidai(self) -> weilidai.WeilidaiHomePage:
        """Tap the 微粒贷 tile in 金融理财."""
        self.tap("link", "微粒贷", within=self.finance)
        return weilidai.WeilidaiHomePage(self.page, self.labels).shown()

    def open_credit_report(self) -> CreditReportPage:
        """Tap the 征信报告 tile."""
        self.tap("link", "征信报告", within=self.finance)
        return CreditReportPage(self.page, self.labels).shown()


class ChatsPage(Screen):
    """The 微信 tab: the chat list."""

    TITLE = "微信"

    def open_notifications(self) -> NotificationsPage:
        """Open the 服务通知 conversation."""
        note(Tap(self.title_text, "link", self.say("服务通知")))
        self.page.get_by_role("link", name=self.say("服务通知")).click()
        return NotificationsPage(self.page, self.labels).shown()


class NotificationsPage(Screen):
    """服务通知: messages such as the closure result."""

    TITLE = "服务通知"

    def message(self, title: str) -> Locator:
        """Return the notification titled ``title``."""
        return self.page.get_by_role("article", name=self.say(title))

    def open_record(self) -> closure.RecordPage:
        """Tap 查看注销记录 in the closure's approval notice."""
        self.tap("link", "查看注销记录", within=self.message("微粒贷账户注销成功"))
        return closure.RecordPage(self.page, self.labels).shown()


class CreditReportPage(Screen):
    """征信报告: each credit account and its status."""

    TITLE = "征信报告"

    def __init__(self, page: Page, labels: Labels) -> None:
        super().__init__(page, labels)
        self.statuses = page.get_by_test_id("credit-status")
        self.overdue_history = page.get_by_test_id("overdue-history")
