"""Closing an account: the happy path, the 0.01 block, repay-then-close, no entry when uninvited.

The two flow tests walk the whole menu path on each variant; the others open their screen.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.harness.labels import Labels
from e2e.harness.pages import BlockedPage, MePage

# A quick sample of the suite: the bench times it (docs/performance.md).
pytestmark = pytest.mark.smoke


@pytest.mark.requirement("ENTRY-INVITE-ONLY", "ENTRY-SEEN-MEANS-INVITED")
def test_uninvited_person_sees_finance_section_without_weilidai(page: Page, person, labels: Labels):
    person("uninvited")
    services = MePage.open(page, labels).open_services()
    expect(services.finance).to_be_visible()
    expect(services.credit_report_tile).to_be_visible()
    expect(services.weilidai_tile).to_have_count(0)


@pytest.mark.every_variant  # drives the close_account flow: the whole menu path
@pytest.mark.flow("close_account")
def test_invited_person_closes_account_and_application_is_pending(portal, journey, flow):
    trip = journey.of(flow).run(flow.steps)
    state = portal.state(trip.person)
    assert state["status"] == "closure_pending"
    assert state["application"]["status"] == "pending"
    assert state["application"]["reference"] == trip.notes["reference"]


@pytest.mark.requirement("CLOSE-BLOCK-OWED")
def test_one_fen_owed_blocks_closure_and_changes_nothing(page: Page, portal, person, labels):
    someone = person("outstanding_0_01")
    before = portal.state(someone)
    blocked = BlockedPage.at(page, labels, "/weilidai/closure/")  # where the closure option leads
    expect(blocked.amount).to_have_text("¥0.01")
    expect(blocked.breakdown).to_contain_text(re.compile(r"本金\s*¥0\.01"))
    expect(page.get_by_role("link", name="去还款")).to_be_visible()
    after = portal.state(someone)
    assert after["application"] is None
    assert after["outstanding_fen"] == before["outstanding_fen"] == 1
    assert after["status"] == "active"


@pytest.mark.every_variant  # drives the blocked_then_repay flow: the whole menu path
@pytest.mark.flow("blocked_then_repay")
def test_repaying_the_last_fen_then_closing_works(portal, journey, flow):
    trip = journey.of(flow).run(flow.steps)
    assert trip.notes["blocked_amount"] == "¥0.01"
    state = portal.state(trip.person)
    assert state["outstanding_fen"] == 0
    assert state["application"]["status"] == "pending"


@pytest.mark.requirement("CLOSE-VARIANT-NAMES")
def test_the_variant_can_be_chosen_per_request(page: Page, person):
    person("invited", variant="A")
    page.goto("/weilidai/site/?variant=B")
    expect(page.get_by_role("heading", level=1)).to_have_text("账户中心")
    page.get_by_role("link", name="账户管理").click()
    expect(page.get_by_role("link", name="关闭账户")).to_be_visible()
    expect(page.get_by_role("link", name="注销账户")).to_have_count(0)


@pytest.mark.requirement("CLOSE-VARIANT-NAMES")
def test_a_client_variant_header_names_the_options(page: Page, person):
    person("invited", variant="B")
    page.set_extra_http_headers({"X-Client-Variant": "A"})
    page.goto("/weilidai/site/security")
    expect(page.get_by_role("heading", level=1)).to_have_text("安全中心")
    expect(page.get_by_role("link", name="注销账户")).to_be_visible()
