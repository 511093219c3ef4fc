"""Stopping without closing: pause borrowing for 3 months, or opt out of invitations.

The two every_variant flow tests walk the menu path on each variant; the flows of a pause's end
start where the article's story does, so each runs on one variant (chosen by its name), both in
``make test-all``; the others open the screen they are about.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.harness.pages import HelpCenterPage, MePage, SettingsPage, SitePage


@pytest.mark.owns_portal
@pytest.mark.every_variant  # drives the pause_borrowing flow: the whole menu path
@pytest.mark.flow("pause_borrowing")
@pytest.mark.requirement("PAUSE-NO-REEVALUATION")
def test_pausing_hides_the_entry_for_three_months(portal, journey, flow):
    trip = journey.of(flow).run(flow.steps)
    state = portal.state(trip.person)
    assert state["status"] == "paused"
    assert state["entry_visible"] is False
    assert state["paused_until"] == "2027-02-21T10:00:00"  # 90 days after 2026-11-23 10:00


@pytest.mark.owns_portal
@pytest.mark.requirement("PAUSE-NO-REEVALUATION", "PAUSE-REEVALUATION", "PAUSE-KEEPS-ACCOUNT")
def test_pause_ends_after_three_months_and_the_entry_returns(
    page: Page, portal, person, labels, clock
):
    someone = person("paused")  # paused 10 days ago
    services = MePage.open(page, labels).open_services()
    expect(services.weilidai_tile).to_have_count(0)
    clock.let_time_pass(days=79)
    assert portal.state(someone)["status"] == "paused"
    clock.let_time_pass(days=1)
    assert portal.state(someone)["entry_visible"] is True
    services = MePage.open(page, labels).open_services()
    expect(services.weilidai_tile).to_be_visible()
    notes = MePage.open(page, labels).open_chats().open_notifications()
    expect(notes.message("微粒贷额度已恢复")).to_be_visible()


@pytest.mark.requirement("REPAY-BEFORE-ANY", "PAUSE-HELP-SEARCH")
def test_pausing_with_money_owed_is_refused_and_the_entry_stays(page: Page, portal, person, labels):
    someone = person("outstanding_0_01")
    help_center = HelpCenterPage.at(page, labels, "/weilidai/help")
    guide = help_center.search("借款功能关闭").open_pause_guide().confirm_pause()
    expect(guide.error).to_contain_text("您还有未还清的借款（¥0.01）")
    assert portal.state(someone)["status"] == "active"
    expect(MePage.open(page, labels).open_services().weilidai_tile).to_be_visible()


def test_pause_needs_the_confirmation_ticked(page: Page, portal, person, labels):
    someone = person("invited")
    help_center = HelpCenterPage.at(page, labels, "/weilidai/help")
    guide = help_center.search("关闭微粒贷").open_pause_guide()
    guide.pause_button.click()
    expect(guide.error).to_have_text("请确认已了解暂停借款的影响")
    assert portal.state(someone)["status"] == "active"


@pytest.mark.requirement("PAUSE-HELP-SEARCH")
def test_help_search_with_other_words_suggests_the_right_ones(page: Page, portal, person, labels):
    person("invited")
    results = HelpCenterPage.at(page, labels, "/weilidai/help").search("怎么提额")
    expect(results.nothing_found).to_contain_text("没有找到与“怎么提额”相关的内容")
    expect(results.nothing_found).to_contain_text("关闭微粒贷")
    expect(results.pause_result).to_have_count(0)


@pytest.mark.requirement("PAUSE-HELP-FROM-MENU")
def test_help_center_is_also_reachable_from_the_account_site(page: Page, portal, person, labels):
    person("invited")
    site = SitePage.at(page, labels, "/weilidai/site/")
    results = site.open_faq().search("关闭微粒贷")
    expect(results.pause_result).to_be_visible()


@pytest.mark.every_variant  # drives the opt_out flow: the whole menu path
@pytest.mark.flow("opt_out")
@pytest.mark.requirement("OPTOUT-HIDES-ENTRY")
def test_opting_out_hides_the_entry_at_once(portal, journey, flow):
    trip = journey.of(flow).run(flow.steps)
    state = portal.state(trip.person)
    assert (state["opted_out"], state["entry_visible"], state["status"]) == (True, False, "active")


@pytest.mark.requirement("REPAY-BEFORE-ANY")
def test_opting_out_with_money_owed_is_refused(page: Page, portal, person, labels):
    someone = person("overdue_penalty")
    settings = SettingsPage.at(page, labels, "/weilidai/settings").open_notifications()
    settings.opt_out_box.check()
    settings.page.get_by_role("button", name="保存").click()
    expect(settings.error).to_contain_text("您还有未还清的借款（¥2.37）")
    expect(settings.opt_out_box).not_to_be_checked()
    assert portal.state(someone)["opted_out"] is False


@pytest.mark.owns_portal
@pytest.mark.flow("pause_ends_eligible")
def test_pause_ends_eligible_brings_the_entry_back(journey, portal, flow):
    trip = journey.of(flow).run(flow.steps)
    state = portal.state(trip.person)
    assert (state["status"], state["entry_visible"], state["paused_until"]) == (
        "active",
        True,
        None,
    )


@pytest.mark.owns_portal
@pytest.mark.flow("pause_ends_not_eligible")
def test_pause_ends_not_eligible_keeps_the_entry_hidden(journey, portal, flow):
    trip = journey.of(flow).run(flow.steps)
    state = portal.state(trip.person)
    assert (state["status"], state["entry_visible"], state["paused_until"]) == (
        "paused",
        False,
        None,
    )


@pytest.mark.owns_portal
@pytest.mark.flow("pause_ends_opted_out")
def test_pause_ends_opted_out_sends_no_invitation(journey, portal, flow):
    trip = journey.of(flow).run(flow.steps)
    state = portal.state(trip.person)
    assert (state["entry_visible"], state["opted_out"], state["paused_until"]) == (
        False,
        True,
        None,
    )
