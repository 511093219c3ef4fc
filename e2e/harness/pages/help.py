"""帮助中心 and its pause guide, 设置 → 通知管理, and the 客服 chat."""

from __future__ import annotations

from playwright.sync_api import Page

from ..labels import Labels
from . import wechat
from .base import Screen


class HelpCenterPage(Screen):
    """帮助中心: a search box and common questions."""

    TITLE = "帮助中心"

    def __init__(self, page: Page, labels: Labels) -> None:
        super().__init__(page, labels)
        self.search_box = page.get_by_role("searchbox", name=self.say("搜索问题"))
        self.pause_result = page.get_by_role("link", name=self.say("如何关闭借款功能（暂停借款）"))
        self.nothing_found = page.get_by_role("status")

    def search(self, words: str) -> HelpCenterPage:
        """Search the help center."""
        self.fill("搜索问题", words)
        self.tap("button", "搜索")
        return HelpCenterPage(self.page, self.labels).shown()

    def open_pause_guide(self) -> PauseGuidePage:
        """Open the 暂停借款 guide from the results."""
        self.tap("link", "如何关闭借款功能（暂停借款）")
        return PauseGuidePage(self.page, self.labels).shown()


class PauseGuidePage(Screen):
    """The guide to 暂停借款, with its confirmation."""

    TITLE = "暂停借款"
    CONFIRM = "我已了解：暂停3个月，期间入口隐藏、不重新评估额度"

    def __init__(self, page: Page, labels: Labels) -> None:
        super().__init__(page, labels)
        self.pause_button = page.get_by_role("button", name=self.say("暂停借款"))
        self.result = page.get_by_role("heading", name=self.say("已暂停借款"))

    def confirm_pause(self) -> PauseGuidePage:
        """Tick the confirmation and tap 暂停借款."""
        self.tap("checkbox", self.CONFIRM)
        self.tap("button", "暂停借款")
        return self

    def back_to_services(self) -> wechat.ServicesPage:
        """Tap 返回服务 on the result page."""
        self.tap("link", "返回服务")
        return wechat.ServicesPage(self.page, self.labels).shown()


class SettingsPage(Screen):
    """微粒贷 设置."""

    TITLE = "设置"

    def open_notifications(self) -> NotificationSettingsPage:
        """Tap 通知管理."""
        self.tap("link", "通知管理")
        return NotificationSettingsPage(self.page, self.labels).shown()


class NotificationSettingsPage(Screen):
    """通知管理 with 不再接收微粒贷邀请消息."""

    TITLE = "通知管理"
    OPT_OUT = "不再接收微粒贷邀请消息"

    def __init__(self, page: Page, labels: Labels) -> None:
        super().__init__(page, labels)
        self.opt_out_box = page.get_by_role("checkbox", name=self.say(self.OPT_OUT))
        self.saved = page.get_by_role("status")

    def opt_out(self) -> NotificationSettingsPage:
        """Tick 不再接收微粒贷邀请消息 and save."""
        return self._save(opted_out=True)

    def opt_back_in(self) -> NotificationSettingsPage:
        """Untick 不再接收微粒贷邀请消息 and save: invitations and the entry may come back."""
        return self._save(opted_out=False)

    def _save(self, *, opted_out: bool) -> NotificationSettingsPage:
        if self.opt_out_box.is_checked() != opted_out:
            self.tap("checkbox", self.OPT_OUT)
        self.tap("button", "保存")
        return NotificationSettingsPage(self.page, self.labels).shown()


class KefuPage(Screen):
    """微粒贷客服: a chat."""

    TITLE = "微粒贷客服"

    def __init__(self, page: Page, labels: Labels) -> None:
        super().__init__(page, labels)
        self.log = page.get_by_role("log", name=self.say("聊天记录"))

    def ask(self, question: str) -> KefuPage:
        """Send a question and wait for it to show in the chat."""
        self.fill("输入问题", question)
        self.tap("button", "发送")
        self.log.get_by_text(question, exact=False).last.wait_for()
        return self
