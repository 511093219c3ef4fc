"""How the UI copes with a failing portal: errors, dropped connections, slow answers, retries.

Each test opens the screen it is about directly; the menu path is the flow tests' subject.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from e2e.harness.journey import Journey
from e2e.harness.pages import FacePage, RepayPage, SubmittedPage

# A fault meets the next matching request whoever sends it, so on a portal shared by several
# runners another runner's request could take it: these tests need the portal to themselves.
pytestmark = pytest.mark.owns_portal


def at_face_step(page: Page, portal, someone, labels) -> FacePage:
    return Journey(page, portal, someone).at_closure_step("face")


def face_posts(portal, someone) -> list[dict[str, Any]]:
    journal = portal.requests(endpoint="closure.face", method="POST")
    return [r for r in journal if r["person_id"] == someone.id]


def test_an_error_before_submission_shows_a_retry_that_submits_once(
    page: Page, portal, person, labels
):
    someone = person("invited")
    face = at_face_step(page, portal, someone, labels)
    portal.add_fault(route="closure.face", method="POST", status=503)
    face.attempt()
    expect(face.page.get_by_role("alert")).to_contain_text("系统繁忙，提交没有完成")
    assert portal.state(someone)["application"] is None
    face.page.get_by_role("button", name="重试").click()
    SubmittedPage(page, labels).expect_shown()
    assert portal.state(someone)["applications"] == 1
    assert [r["status"] for r in face_posts(portal, someone)] == [503, 302]


def test_a_lost_answer_after_saving_is_retried_without_a_second_application(
    page: Page, portal, person, labels
):
    someone = person("invited")
    face = at_face_step(page, portal, someone, labels)
    portal.add_fault(route="closure.face", method="POST", drop=True, when="after")
    face.attempt()
    expect(face.page.get_by_role("alert")).to_contain_text("网络异常，提交没有完成")
    assert portal.state(someone)["applications"] == 1  # saved, but the phone never heard
    face.page.get_by_role("button", name="重试").click()
    submitted = SubmittedPage(page, labels).shown()
    expect(submitted.reference).to_have_text(portal.state(someone)["application"]["reference"])
    assert portal.state(someone)["applications"] == 1


def test_a_slow_submission_shows_progress(page: Page, portal, person, labels):
    someone = person("invited")
    face = at_face_step(page, portal, someone, labels)
    portal.add_fault(route="closure.face", method="POST", delay_ms=1500)
    face.attempt()
    expect(page.get_by_role("status").filter(has_text="正在提交")).to_be_visible()
    SubmittedPage(page, labels).expect_shown()
    expect(page.get_by_role("status").filter(has_text="正在提交")).to_have_count(0)


def test_a_failed_repayment_changes_nothing_and_can_be_retried(page: Page, portal, person, labels):
    someone = person("outstanding_0_01")
    repay = RepayPage.at(page, labels, "/weilidai/repay")
    portal.add_fault(route="weilidai.repay", method="POST", status=500)
    repay.fill("支付密码", someone.payment_password)
    page.get_by_role("button", name="确认还款").click()
    expect(page.get_by_role("alert")).to_contain_text("系统繁忙")
    assert portal.state(someone)["outstanding_fen"] == 1
    page.get_by_role("button", name="重试").click()
    expect(page.get_by_role("heading", name="还款成功")).to_be_visible()
    assert portal.state(someone)["outstanding_fen"] == 0


def test_an_error_page_never_shows_a_stack_trace(page: Page, portal, person, labels):
    person("invited")
    portal.add_fault(route="/me/services", status=500)
    response = page.goto("/me/services")
    assert response is not None and response.status == 500
    expect(page.get_by_role("heading", name="请求无法处理")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Traceback")
