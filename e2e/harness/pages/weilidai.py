"""微粒贷 screens: home with the "…" menu, 借款记录, 还款, 借钱."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from ..labels import Labels
from ..trail import Tap, note
from . import account
from . import help as help_screens
from .base import Screen


class WeilidaiHomePage(Screen):
    """The 微粒贷 home: 可借额度, 借钱, 还款, 借款记录, and 更多 (…) at the top right."""

    TITLE = "微粒贷"

    def __init__(self, page: Page, labels: Labels) -> None:
        super().__init__(page, labels)
        self.credit_line = page.get_by_text(self.say("可借额度"))
        self.more_button = page.get_by_role("button", name=self.say("更多"))
        self.menu = page.get_by_role("dialog", name=self.say("更多"))

    def open_more(self) -> WeilidaiHomePage:
        """Tap the "…" button at the top right; the menu slides up."""
        self.tap("button", "更多")
        self.menu.wait_for()
        return self

    def _menu_item(self, name: str) -> None:
        self.tap("link", name, within=self.menu)

    def open_site(self) -> account.SitePage:
        """Choose 微粒贷官网 (or 账户中心, by variant) in the menu."""
        self._menu_item(self.labels.site)
        return account.SitePage(self.page, self.labels).shown()

    def open_settings(self) -> help_screens.SettingsPage:
        """Choose 设置 in the menu."""
        self._menu_item("设置")
        return help_screens.SettingsPage(self.page, self.labels).shown()

    def open_help(self) -> help_screens.HelpCenterPage:
        """Choose 帮助中心 in the menu."""
        self._menu_item("帮助中心")
        return help_screens.HelpCenterPage(self.page, self.labels).shown()

    def open_kefu(self) -> help_screens.KefuPage:
        """Choose 客服 in the menu."""
        self._menu_item("客服")
        return help_screens.KefuPage(self.page, self.labels).shown()

    def open_borrow(self) -> BorrowPage:
        """Tap 借钱."""
        self.tap("link", "借钱")
        return BorrowPage(self.page, self.labels).shown()

    def open_loans(self) -> LoansPage:
        """Tap 借款记录."""
        self.tap("link", "借款记录")
        return LoansPage(self.page, self.labels).shown()

    def open_repay(self) -> RepayPage:
        """Tap 还款."""
        self.tap("link", "还款")
        return RepayPage(self.page, self.labels).shown()


class LoansPage(Screen):
    """借款记录: each loan with its breakdown."""

    TITLE = "借款记录"

    def loan(self, borrowed_on: str) -> Locator:
        """Return the loan card borrowed on ``borrowed_on`` (YYYY-MM-DD)."""
        return self.page.get_by_role("article", name=self.say("借款 {}", borrowed_on))


class RepayPage(Screen):
    """还款: the amount owed, its breakdown, and the payment password."""

    TITLE = "还款"

    def __init__(self, page: Page, labels: Labels) -> None:
        super().__init__(page, labels)
        self.breakdown = page.get_by_role("list", name=self.say("欠款明细"))

    def repay(self, payment_password: str) -> RepaidPage:
        """Pay everything owed with the payment password."""
        self.submit(payment_password)
        return RepaidPage(self.page, self.labels).shown()

    def submit(self, payment_password: str) -> None:
        """Enter a payment password and tap 确认还款 (stays here if it is refused)."""
        self.fill("支付密码", payment_password)
        pay = self.say("确认还款")  # the button says the amount after it
        note(Tap(screen=self.title_text, role="button", name=pay))
        self.page.get_by_role("button", name=re.compile("^" + re.escape(pay))).click()


class RepaidPage(Screen):
    """The repayment result."""

    TITLE = "还款结果"

    def back_to_weilidai(self) -> WeilidaiHomePage:
        """Tap 返回微粒贷."""
        self.tap("link", "返回微粒贷")
        return WeilidaiHomePage(self.page, self.labels).shown()


class BorrowPage(Screen):
    """借钱: an amount within the credit line."""

    TITLE = "借钱"

    def borrow(self, amount_yuan: str) -> None:
        """Type an amount and tap 确认借款."""
        self.fill("借款金额", amount_yuan)
        self.tap("button", "确认借款")


class ClosedPage(Screen):
    """What every 微粒贷 screen shows once the account is closed: 账户已注销, no restoring it."""

    TITLE = "微粒贷"

    def __init__(self, page: Page, labels: Labels) -> None:
        super().__init__(page, labels)
        self.closed = page.get_by_role("heading", name=self.say("账户已注销"), level=2)
        self.no_restore = page.get_by_text(self.say("注销后无法恢复"))

    def expect_shown(self) -> None:
        """Wait for the closed notice, not only the 微粒贷 title."""
        super().expect_shown()
        expect(self.closed).to_be_visible()
