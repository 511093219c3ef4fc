"""The account site (微粒贷官网 / 账户中心) and its 安全中心 / 账户管理."""

from __future__ import annotations

from playwright.sync_api import Page

from ..labels import Labels
from . import closure
from . import help as help_screens
from .base import Screen


class SitePage(Screen):
    """微粒贷官网 (variant A) or 账户中心 (variant B)."""

    @property
    def title_text(self) -> str:
        """Return the site's name in this variant."""
        return self.labels.site

    def open_faq(self) -> help_screens.HelpCenterPage:
        """Tap 帮助中心 (常见问题)."""
        self.tap("link", "帮助中心 常见问题")
        return help_screens.HelpCenterPage(self.page, self.labels).shown()

    def open_security(self) -> SecurityPage:
        """Tap 安全中心 (or 账户管理)."""
        self.tap("link", self.labels.security)
        return SecurityPage(self.page, self.labels).shown()


class SecurityPage(Screen):
    """安全中心 / 账户管理: the closure option, or a note on why it is missing."""

    def __init__(self, page: Page, labels: Labels) -> None:
        super().__init__(page, labels)
        self.close_option = page.get_by_role("link", name=labels.close, exact=True)
        self.missing_note = page.get_by_role("note")
        self.kefu_link = self.missing_note.get_by_role("link", name=self.say("联系微粒贷客服"))

    @property
    def title_text(self) -> str:
        """Return the section's name in this variant."""
        return self.labels.security

    def ask_kefu(self) -> help_screens.KefuPage:
        """Follow the note's link to 客服."""
        self.tap("link", "联系微粒贷客服", within=self.missing_note)
        return help_screens.KefuPage(self.page, self.labels).shown()

    def start_closure(self) -> closure.ClosureEntry:
        """Tap 注销账户 (or 关闭账户); the pre-checks decide the next screen."""
        self.tap("link", self.labels.close)
        return closure.ClosureEntry(self.page, self.labels)
