"""Identity checks before closure: each failure explained on the same screen, nothing changed.

Each test starts at the step it is about (``journey.at_closure_step``); the lockout test drives
its whole flow, menu path included, and the flows of an expired SMS code, too many wrong codes
and the face check's wait run theirs on one variant each (both in ``make test-all``).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.harness.flows import wrong_password_for
from e2e.harness.journey import Journey
from e2e.harness.pages import FacePage, PasswordPage, SmsPage


@pytest.mark.owns_portal
@pytest.mark.every_variant  # drives the password_lockout flow: the whole menu path
@pytest.mark.flow("password_lockout")
@pytest.mark.requirement("VERIFY-IDENTITY")
def test_three_wrong_passwords_lock_it_for_three_hours(portal, journey, flow, labels):
    trip = journey.of(flow).run(flow.steps)
    someone = trip.person
    password = trip.on(PasswordPage)
    password.submit(someone.payment_password)  # even the right one is refused while locked
    locked = "支付密码错误次数过多，已被锁定，请 {} 分钟后再试"
    expect(password.error).to_have_text(labels.say(locked, 180))
    trip.let_time_pass(hours=2)
    password.submit(someone.payment_password)
    expect(password.error).to_have_text(labels.say(locked, 60))
    trip.let_time_pass(hours=1)
    sms = password.enter(someone.payment_password)
    expect(sms.heading).to_have_text(sms.title_text)
    assert portal.state(someone)["application"] is None


@pytest.mark.requirement("VERIFY-IDENTITY")
def test_a_right_password_resets_the_count(page: Page, portal, person, labels):
    someone = person("invited")
    password = Journey(page, portal, someone).at_closure_step("password")
    password.submit(wrong_password_for(someone))
    password.submit(wrong_password_for(someone))
    expect(password.error).to_have_text("支付密码错误，还可以尝试 1 次")
    password.enter(someone.payment_password)
    # A new closure starts from the consequences again; the count starts afresh.
    again = Journey(page, portal, someone).at_closure_step("password")
    again.submit(wrong_password_for(someone))
    expect(again.error).to_have_text("支付密码错误，还可以尝试 2 次")


@pytest.mark.owns_portal
@pytest.mark.requirement("VERIFY-IDENTITY")
def test_the_resend_countdown_reaches_zero_exactly_when_the_portal_allows_it(
    page: Page, portal, person, labels
):
    someone = person("invited")
    journey = Journey(page, portal, someone)
    sms: SmsPage = journey.at_closure_step("sms")
    sms.request_code()
    expect(sms.resend_button).to_have_text("60秒后重新获取")
    expect(sms.resend_button).to_be_disabled()
    journey.let_time_pass(seconds=30)
    expect(sms.resend_button).to_have_text("30秒后重新获取")
    page.reload()  # a new page learns the wait from the portal: the two clocks agree
    expect(sms.resend_button).to_have_text("30秒后重新获取")
    journey.let_time_pass(seconds=29)
    expect(sms.resend_button).to_have_text("1秒后重新获取")
    expect(sms.resend_button).to_be_disabled()
    journey.let_time_pass(seconds=1)
    expect(sms.resend_button).to_have_text("重新获取")
    sms.resend_button.click()  # the portal agrees: a second code is sent
    expect(sms.sent_notice).to_contain_text("验证码已发送至")
    assert len(portal.requests(endpoint="closure.send_sms", method="POST")) == 2


@pytest.mark.owns_portal
@pytest.mark.requirement("VERIFY-IDENTITY")
def test_the_portal_refuses_a_resend_the_page_lets_through_too_early(
    page: Page, portal, person, labels
):
    someone = person("invited")
    sms: SmsPage = Journey(page, portal, someone).at_closure_step("sms")
    sms.request_code()
    page.clock.run_for(60_000)  # only the page's clock: its countdown ends, the portal's has not
    expect(sms.resend_button).to_have_text("重新获取")
    sms.resend_button.click()
    expect(sms.error).to_have_text(re.compile(r"验证码已发送，请 60 秒后再重新获取"))


@pytest.mark.owns_portal
@pytest.mark.requirement("VERIFY-IDENTITY")
def test_at_most_five_codes_an_hour(page: Page, portal, person, labels):
    someone = person("invited")
    journey = Journey(page, portal, someone)
    sms: SmsPage = journey.at_closure_step("sms")
    sms.request_code()
    for _ in range(4):
        journey.let_time_pass(seconds=61)
        sms.resend_button.click()
        expect(sms.sent_notice).to_contain_text("验证码已发送至")
    journey.let_time_pass(seconds=61)
    sms.resend_button.click()
    expect(sms.error).to_have_text(re.compile(r"验证码获取过于频繁，请 \d+ 分钟后再试"))


@pytest.mark.owns_portal
@pytest.mark.requirement("VERIFY-IDENTITY")
def test_five_wrong_codes_void_it_and_a_resend_does_not_reset_the_count(
    page: Page, portal, person, labels
):
    someone = person("invited")
    journey = Journey(page, portal, someone)
    sms: SmsPage = journey.at_closure_step("sms")
    sms.request_code()
    wrong = f"{(int(portal.last_sms(someone)) + 1) % 1_000_000:06d}"
    for left in (4, 3):
        sms.submit(wrong)
        expect(sms.error).to_have_text(f"验证码错误，还可以尝试 {left} 次")
    journey.let_time_pass(seconds=60)
    sms.resend_button.click()
    wrong = f"{(int(portal.last_sms(someone)) + 1) % 1_000_000:06d}"
    sms.submit(wrong)
    expect(sms.error).to_have_text("验证码错误，还可以尝试 2 次")
    sms.submit(wrong)
    sms.submit(wrong)
    expect(sms.error).to_have_text("验证码错误次数过多已失效，请重新获取")
    sms.submit(portal.last_sms(someone))  # even the right code is void now
    expect(sms.error).to_have_text("验证码错误次数过多已失效，请重新获取")
    journey.let_time_pass(seconds=60)
    sms.resend_button.click()
    sms.enter(portal.last_sms(someone))


@pytest.mark.requirement("VERIFY-IN-ORDER")
def test_steps_cannot_be_skipped_by_going_to_a_later_one(page: Page, portal, person, labels):
    someone = person("invited")
    Journey(page, portal, someone).at_closure_step("password")
    face_url = page.url.replace("/password", "/face")
    page.goto(face_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("验证支付密码")
    expect(page.get_by_role("alert")).to_have_text("请按顺序完成身份验证")
    token = page.locator("input[name=csrf_token]").first.get_attribute("value") or ""
    response = page.request.post(face_url, form={"csrf_token": token}, max_redirects=0)
    assert response.status == 302
    assert response.headers["location"].endswith("/password")
    assert portal.state(someone)["application"] is None


@pytest.mark.requirement("REVIEW-SUBMITTED")
def test_a_double_tap_on_submit_creates_one_application(page: Page, portal, person, labels):
    someone = person("invited")
    face: FacePage = Journey(page, portal, someone).at_closure_step("face")
    face_url = page.url
    token = page.locator("input[name=csrf_token]").first.get_attribute("value") or ""
    face.page.get_by_role("button", name="开始人脸识别").dblclick()
    expect(page.get_by_role("heading", level=1)).to_have_text("申请已提交")
    replay = page.request.post(face_url, form={"csrf_token": token})  # a late replay
    assert replay.ok
    assert "申请已提交" in replay.text()
    state = portal.state(someone)
    assert state["applications"] == 1
    assert state["application"]["status"] == "pending"


@pytest.mark.requirement("CLOSE-READ-CAREFULLY")
def test_the_acknowledgement_must_be_ticked(page: Page, portal, person, labels):
    someone = person("invited")
    consequences = Journey(page, portal, someone).at_closure_step("consequences")
    consequences.next_button.click()
    expect(consequences.error).to_have_text("请先阅读并勾选“我已知晓注销后果”")
    assert portal.state(someone)["application"] is None


@pytest.mark.owns_portal
@pytest.mark.flow("sms_expired")
def test_sms_expired_then_a_new_code_goes_through(journey, portal, flow):
    trip = journey.of(flow).run(flow.steps)
    trip.on(FacePage)
    assert len(portal.requests(endpoint="closure.send_sms", method="POST")) == 2
    assert portal.state(trip.person)["application"] is None


@pytest.mark.owns_portal
@pytest.mark.flow("sms_too_many_wrong")
def test_sms_too_many_wrong_codes_void_it_until_a_new_one(journey, portal, flow):
    trip = journey.of(flow).run(flow.steps)
    trip.on(FacePage)
    assert len(portal.requests(endpoint="closure.send_sms", method="POST")) == 2


@pytest.mark.owns_portal
@pytest.mark.flow("face_fails_until_wait")
def test_face_fails_until_the_wait_then_may_be_tried_again(journey, portal, flow):
    trip = journey.of(flow).run(flow.steps)
    trip.on(FacePage)
    faces = portal.requests(endpoint="closure.face", method="POST")
    assert len(faces) == 7
    assert portal.state(trip.person)["application"] is None
