"""Closing an account with the keyboard alone: Tab, Shift+Tab, Space and Enter, no mouse.

Every control the walk lands on must show where the focus is (WeUI removes all outlines; the
portal draws one on ``:focus-visible``). The walk starts at 我 and goes the whole menu path, so
it is also the check that every screen of it can be reached without a pointer.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from e2e.harness.pages import (
    ConsequencesPage,
    FacePage,
    MePage,
    PasswordPage,
    SecurityPage,
    ServicesPage,
    SitePage,
    SmsPage,
    SubmittedPage,
    WeilidaiHomePage,
)

# Enough Tab presses for the longest screen (the tab bar and every 服务 tile come first).
MAX_TABS = 40

FOCUS_SHOWN = """element => {
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    return element === document.activeElement && element.matches(":focus-visible") && outlined;
}"""


def focus_is_shown(page: Page) -> Locator:
    """Return the focused element, asserting there is one and that it shows the focus."""
    focused = page.locator(":focus")
    expect(focused).to_have_count(1)
    shown = focused.evaluate(FOCUS_SHOWN)
    assert shown, f"no visible focus on {focused.evaluate('e => e.outerHTML')[:120]}"
    return focused


def tab_to(page: Page, target: Locator, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until ``target`` has the focus; each stop must show it.

    A control that already has it (a menu opened from the keyboard focuses its first item)
    needs no press.
    """
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        if target.evaluate("element => element === document.activeElement"):
            focus_is_shown(page)
            return
        page.keyboard.press(key)
        focus_is_shown(page)
    raise AssertionError(f"{MAX_TABS} presses of {key} never reached {target}")


@pytest.mark.any_language
@pytest.mark.requirement("CLOSE-PATH-WEILIDAI")
def test_the_closure_can_be_done_with_the_keyboard_alone(page: Page, portal, person, labels):
    someone = person("invited")
    MePage.open(page, labels)
    say = labels.say

    tab_to(page, page.get_by_role("link", name=say("服务"), exact=True))
    page.keyboard.press("Enter")
    ServicesPage(page, labels).expect_shown()  # each Enter that leads on: wait for the screen
    tab_to(page, page.get_by_role("link", name=say("微粒贷"), exact=True))
    page.keyboard.press("Enter")
    home = WeilidaiHomePage(page, labels).shown()
    tab_to(page, home.more_button)
    page.keyboard.press("Enter")
    expect(home.menu).to_be_visible()
    tab_to(page, home.menu.get_by_role("link", name=labels.site))
    page.keyboard.press("Enter")
    SitePage(page, labels).expect_shown()
    tab_to(page, page.get_by_role("link", name=labels.security, exact=True))
    page.keyboard.press("Enter")
    security = SecurityPage(page, labels).shown()
    tab_to(page, security.close_option)
    page.keyboard.press("Enter")

    consequences = ConsequencesPage(page, labels).shown()
    tab_to(page, consequences.next_button)
    tab_to(page, consequences.acknowledgement, backwards=True)  # back to the box it needs
    page.keyboard.press("Space")
    expect(consequences.acknowledgement).to_be_checked()
    tab_to(page, consequences.next_button)
    page.keyboard.press("Enter")

    PasswordPage(page, labels).expect_shown()
    tab_to(page, page.get_by_label(say("支付密码"), exact=True))
    page.keyboard.type(someone.payment_password)
    page.keyboard.press("Enter")

    sms = SmsPage(page, labels).shown()
    tab_to(page, sms.send_button)
    page.keyboard.press("Enter")
    expect(sms.sent_notice.filter(has_text=say("验证码已发送"))).to_be_visible()
    tab_to(page, page.get_by_label(say("验证码"), exact=True))
    page.keyboard.type(portal.last_sms(someone))
    page.keyboard.press("Enter")

    FacePage(page, labels).expect_shown()
    tab_to(page, page.get_by_role("button", name=say("开始人脸识别")))
    page.keyboard.press("Enter")
    SubmittedPage(page, labels).expect_shown()
    assert portal.state(someone)["application"]["status"] == "pending"
