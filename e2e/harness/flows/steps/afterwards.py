"""What comes later: time passing on the one clock, a closed account's screens, a new
invitation and the new account it opens."""

from __future__ import annotations

from playwright.sync_api import expect

from ...journey import Journey, Step
from ...pages import (
    ClosedPage,
    Screen,
    WeilidaiHomePage,
)


def let_time_pass(name: str, en: str, **delta: float) -> Step[Screen]:
    """Let time pass on the portal's clock and the page's (``Journey.let_time_pass``)."""

    def act(j: Journey, screen: Screen) -> Screen:
        j.let_time_pass(**delta)
        return screen

    return Step(name, Screen, act, en)


WAIT_FOR_REVIEW = let_time_pass(
    "等待审核：两个工作日后出结果",
    "Wait for the review: the answer comes 2 working days later",
    days=2,
)


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
