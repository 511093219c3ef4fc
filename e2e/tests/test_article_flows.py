"""The flows of the rest of the article: after the review, after a pause, the checks that go wrong.

Each flow's steps check what the person sees; each test then checks what the portal recorded.
They start where the article's story does, so the client variant changes nothing they see: each
runs on one variant (chosen by its name), both in ``make test-all``. Time passes through the one
clock (``journey.let_time_pass``), so the page and the portal agree on it. Each test's ``flow`` is
the one its marker names, and ``journey.of(flow)`` seeds the person the flow starts as.
"""

from __future__ import annotations

import pytest

from e2e.harness.pages import FacePage


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
