"""Money over time: daily interest, penalties, 借款记录, 借钱 and 还款, to the fen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.harness.pages import WeilidaiHomePage

# A quick sample of the suite: the bench times it (docs/performance.md).
pytestmark = pytest.mark.smoke


def open_home(page: Page, labels) -> WeilidaiHomePage:
    """Open the 微粒贷 home directly: these tests are about money, not the way there."""
    return WeilidaiHomePage.at(page, labels, "/weilidai/")


@pytest.mark.requirement("CLOSE-CHECK-LOAN-RECORDS")
def test_loan_records_show_each_loans_breakdown(page: Page, person, labels):
    person("overdue_penalty")
    loans = open_home(page, labels).open_loans()
    card = loans.page.get_by_role("article").first
    expect(card).to_contain_text("已逾期")
    expect(card).to_contain_text("待还罚息¥2.37")
    expect(card).to_contain_text("待还本金¥0.00")
    expect(card).to_contain_text("合计待还¥2.37")


@pytest.mark.owns_portal
@pytest.mark.requirement("MONEY-DAILY-INTEREST")
def test_borrowing_creates_a_loan_that_accrues_daily_interest(
    page: Page, portal, person, labels, clock
):
    someone = person("invited")
    home = open_home(page, labels)
    expect(home.page.get_by_text("40,000.00", exact=True)).to_be_visible()
    home.open_borrow().borrow("1000")
    expect(page.get_by_role("heading", level=1)).to_have_text("借款记录")
    assert portal.state(someone)["outstanding_fen"] == 100_000
    clock.let_time_pass(days=10)  # 0.05 % a day on ¥1,000.00 is ¥0.50 a day
    assert portal.state(someone)["outstanding"] == {
        "principal_fen": 100_000,
        "interest_fen": 500,
        "penalty_fen": 0,
    }
    home = open_home(page, labels)
    expect(home.page.get_by_text("39,000.00", exact=True)).to_be_visible()
    repay = home.open_repay()
    expect(repay.breakdown).to_contain_text("利息¥5.00")
    repay.repay(someone.payment_password)
    assert portal.state(someone)["outstanding_fen"] == 0


def test_borrowing_more_than_the_credit_line_is_refused(page: Page, portal, person, labels):
    someone = person("invited")
    borrow = open_home(page, labels).open_borrow()
    borrow.borrow("40000.01")
    expect(borrow.error).to_have_text("借款金额超过可借额度（可借 ¥40,000.00）")
    borrow.borrow("12.345")
    expect(borrow.error).to_have_text("请输入正确的金额，例如 500 或 0.01")
    expect(page.get_by_label("借款金额")).to_have_value("12.345")
    assert portal.state(someone)["loans"] == 1


@pytest.mark.owns_portal
@pytest.mark.requirement("MONEY-DAILY-INTEREST", "CLOSE-CHECK-LOAN-RECORDS")
def test_an_overdue_loan_accrues_penalty_on_the_portal_clock(
    page: Page, portal, person, labels, clock
):
    someone = person("invited")
    open_home(page, labels).open_borrow().borrow("100")
    clock.let_time_pass(days=301)  # due after 300 days; one overdue day
    owed = portal.state(someone)["outstanding"]
    assert owed["interest_fen"] == 301 * 5  # ¥100.00 at 0.05 % a day
    assert owed["penalty_fen"] == 7  # 1.5 × the daily rate on ¥100.00, rounded down
    loans = open_home(page, labels).open_loans()
    expect(loans.page.get_by_role("article").first).to_contain_text("已逾期")


def test_repaying_with_a_wrong_password_changes_nothing(page: Page, portal, person, labels):
    someone = person("outstanding_0_01")
    repay = open_home(page, labels).open_repay()
    repay.fill("支付密码", "000000" if someone.payment_password != "000000" else "111111")
    repay.page.get_by_role("button", name="确认还款").click()
    expect(repay.error).to_have_text("支付密码错误，还可以尝试 2 次")
    assert portal.state(someone)["outstanding_fen"] == 1
