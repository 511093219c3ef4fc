"""After submission: the review on Chinese working days, approval, rejection, life after closure.

Each test starts from a submitted application (``journey.at_closure_step("submitted")``) or from
the screen it is about; the path to the closure is the flow tests' subject. The flows of the
review's outcome and of a re-invitation run their own steps, on one variant each (chosen by the
test's name), both in ``make test-all``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.harness.journey import Journey
from e2e.harness.pages import BlockedPage, MePage


def submit_closure(page: Page, portal, someone) -> str:
    submitted = Journey(page, portal, someone).at_closure_step("submitted")
    return submitted.reference.inner_text()


@pytest.mark.owns_portal
@pytest.mark.requirement(
    "REVIEW-WORKING-DAYS", "REVIEW-APPROVED-CLOSES", "CLOSE-DELETES-ALL", "AFTER-SAVE-RECORD"
)
def test_approval_after_two_working_days_closes_the_account(
    page: Page, portal, person, labels, clock
):
    someone = person("invited")  # submits Monday 2026-11-23 10:00
    reference = submit_closure(page, portal, someone)
    clock.pass_until("2026-11-25T09:59:59")  # one second before the second working day ends
    page.goto("/weilidai/closure/status")
    expect(page.get_by_role("heading", name="注销申请审核中")).to_be_visible()
    clock.let_time_pass(seconds=1)
    page.goto("/weilidai/closure/status")  # the next screen shows the decision
    expect(page.get_by_role("heading", name="注销已完成")).to_be_visible()
    state = portal.state(someone)
    assert (state["status"], state["entry_visible"]) == ("closed", False)
    assert state["loans"] == 0  # records purged
    assert state["application"]["decided_at"] == "2026-11-25T10:00:00"
    notes = MePage.open(page, labels).open_chats().open_notifications()
    approved = notes.message("微粒贷账户注销成功")
    expect(approved).to_contain_text(reference)
    approved.get_by_role("link", name="查看注销记录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("注销记录")
    expect(page.get_by_test_id("reference")).to_have_text(reference)
    expect(page.get_by_role("link", name="保存注销记录")).to_be_visible()


@pytest.mark.owns_portal
@pytest.mark.requirement("REVIEW-WORKING-DAYS")
def test_a_friday_submission_is_decided_after_the_weekend(
    page: Page, portal, person, labels, clock
):
    clock.pass_until("2026-11-27T16:00:00")  # a Friday
    someone = person("invited", review_working_days=1)
    submit_closure(page, portal, someone)
    assert portal.state(someone)["application"]["decide_at"] == "2026-11-30T16:00:00"
    clock.pass_until("2026-11-29T23:59:00")
    assert portal.state(someone)["status"] == "closure_pending"


@pytest.mark.requirement("REVIEW-SUBMITTED")
def test_while_under_review_the_closure_option_shows_the_status(page: Page, portal, person, labels):
    someone = person("closure_pending")
    reference = portal.state(someone)["application"]["reference"]
    page.goto("/weilidai/closure/")  # where the closure option leads
    expect(page.get_by_role("heading", name="注销申请审核中")).to_be_visible()
    expect(page.get_by_test_id("reference")).to_have_text(reference)
    assert portal.state(someone)["applications"] == 1


@pytest.mark.owns_portal
@pytest.mark.requirement("CLOSE-PENALTY-TOO", "CREDIT-OVERDUE-STAYS", "CREDIT-REPORT-UPDATED")
def test_the_credit_report_shows_closed_and_keeps_overdue_history(
    page: Page, portal, person, labels, clock
):
    someone = person("overdue_penalty")
    blocked = BlockedPage.at(page, labels, "/weilidai/closure/")
    expect(blocked.amount).to_have_text("¥2.37")
    expect(blocked.breakdown).to_contain_text("罚息¥2.37")
    blocked.go_repay().repay(someone.payment_password)
    submit_closure(page, portal, someone)
    clock.let_time_pass(days=7)
    assert portal.state(someone)["status"] == "closed"
    report = MePage.open(page, labels).open_services().open_credit_report()
    expect(report.statuses).to_have_text(["已注销"])
    expect(report.overdue_history).to_have_text(["2026-07"])


@pytest.mark.owns_portal
@pytest.mark.flow("review_approved")
def test_review_approved_closes_for_good_with_a_record_to_keep(journey, portal, flow):
    trip = journey.of(flow).run(flow.steps)
    state = portal.state(trip.person)
    assert (state["status"], state["entry_visible"], state["loans"]) == ("closed", False, 0)
    assert state["application"]["status"] == "approved"
    assert trip.notes["record_file"] == f"weilidai-closure-record-{trip.notes['reference']}.html"


@pytest.mark.owns_portal
@pytest.mark.flow("review_rejected")
def test_review_rejected_says_why_and_keeps_the_account(journey, portal, flow):
    trip = journey.of(flow).run(flow.steps)
    state = portal.state(trip.person)
    assert (state["status"], state["entry_visible"]) == ("active", True)
    assert state["application"]["status"] == "rejected"
    assert state["application"]["reason"] == "账户存在未结清的关联业务，请联系客服处理"


@pytest.mark.flow("reinvited")
def test_reinvited_after_closure_gets_a_new_account_without_history(journey, portal, flow):
    trip = journey.of(flow).run(flow.steps)
    state = portal.state(trip.person)
    assert (state["status"], state["accounts"], state["loans"]) == ("active", 2, 0)
    assert state["application"] is None
