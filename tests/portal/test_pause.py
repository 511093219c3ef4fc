"""Pausing 微粒贷 for 90 days and opting out: refused while money is owed; no borrowing after."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from mock_portal import services
from mock_portal.domain.rules import (
    OWED_REFUSAL,
    AccountStatus,
)
from mock_portal.services import Refused
from tests.support.actions import AuthActions, ControlActions
from tests.support.services import NOW, POLICY, notes, person_in, refusal
from tests.support.snapshot import Snapshot


@pytest.mark.requirement(
    "PAUSE-NO-REEVALUATION", "PAUSE-REEVALUATION", "PAUSE-KEEPS-ACCOUNT", "STOP-VS-CLOSE"
)
def test_pause_ends_after_90_days(auth: AuthActions, control: ControlActions) -> None:
    person = auth.create("paused")  # paused 10 days ago
    control.advance(days=79)
    assert control.state(person)["status"] == "paused"
    assert control.state(person)["entry_visible"] is False
    control.advance(days=11)

    after = control.state(person)
    assert after["status"] == "active"
    assert after["entry_visible"] is True
    assert after["paused_until"] is None


@pytest.mark.requirement("PAUSE-REEVALUATION")
def test_pause_ends_hidden_for_someone_no_longer_eligible(
    auth: AuthActions, control: ControlActions
) -> None:
    person = auth.create("paused", eligible_after_pause=False)
    control.advance(days=90)
    after = control.state(person)
    assert after["status"] == "paused"
    assert after["entry_visible"] is False


@pytest.mark.requirement("PAUSE-NO-REEVALUATION", "PAUSE-HIDES-ENTRY")
def test_a_fresh_pause_is_90_days_on_the_portal_clock(
    client: FlaskClient, auth: AuthActions, control: ControlActions
) -> None:
    person = auth.person("invited")
    response = client.post("/weilidai/help/pause", data={"confirm": "yes"})
    assert response.status_code == 200
    assert control.state(person)["paused_until"] == "2027-02-21T10:00:00"
    assert control.state(person)["entry_visible"] is False


@pytest.mark.requirement("REPAY-BEFORE-ANY")
def test_pause_refused_while_money_is_owed(
    client: FlaskClient, auth: AuthActions, control: ControlActions
) -> None:
    person = auth.person("outstanding_0_01")
    response = client.post("/weilidai/help/pause", data={"confirm": "yes"})
    assert "¥0.01" in response.get_data(as_text=True)
    after = control.state(person)
    assert after["status"] == "active"
    assert after["entry_visible"] is True


@pytest.mark.requirement("OPTOUT-NO-BORROWING", "STOP-BY-HIDING")
def test_an_opted_out_person_cannot_borrow(
    client: FlaskClient, auth: AuthActions, control: ControlActions
) -> None:
    # Found by tests/model: the entry was hidden, yet POST /weilidai/borrow still lent money.
    person = auth.person("opted_out")
    before = Snapshot.of(client)

    response = client.post("/weilidai/borrow", data={"amount": "100"})

    assert response.status_code == 200
    assert "借款功能已关闭" in response.get_data(as_text=True)
    assert Snapshot.of(client) == before
    assert control.state(person)["outstanding_fen"] == 0


@pytest.mark.requirement("OPTOUT-SETTING", "OPTOUT-NO-BORROWING", "PAUSE-KEEPS-ACCOUNT")
def test_opting_back_in_borrows_again(
    client: FlaskClient, auth: AuthActions, control: ControlActions
) -> None:
    person = auth.person("opted_out")
    client.post("/weilidai/settings/notifications", data={})
    response = client.post("/weilidai/borrow", data={"amount": "100"})
    assert response.status_code == 302
    assert control.state(person)["outstanding"]["principal_fen"] == 10_000


@pytest.mark.requirement("STOP-NO-BUTTON")
def test_no_button_turns_borrowing_off(client: FlaskClient, auth: AuthActions) -> None:
    auth.person("invited")
    home = client.get("/weilidai/").get_data(as_text=True)  # the … menu is part of the home
    controls = re.findall(r"<(?:a|button)\b[^>]*>(.*?)</(?:a|button)>", home, re.S)
    assert controls, "the 微粒贷 home has no links or buttons"
    assert not [text for text in controls if re.search("关闭|停用|暂停", text)]
    guide = client.get("/weilidai/help/pause").get_data(as_text=True)
    assert "微粒贷本身没有“关闭借钱功能”的独立按钮" in guide


# ---------------------------------------------------------------- pause expiry and invitations


def test_the_end_of_a_pause_sends_the_invitation_back(db: Session) -> None:
    person = person_in(db, "paused")
    services.catch_up(db, NOW + timedelta(days=80))
    assert person.account is not None and person.account.status is AccountStatus.ACTIVE
    assert notes(db, person) == [
        (
            "invitation",
            "微粒贷额度已恢复",
            "暂停借款已到期，经重新评估，您的微粒贷入口已恢复，可在“我-服务-微粒贷”查看额度。",
        )
    ]


def test_no_invitation_reaches_someone_who_opted_out_but_other_news_does(db: Session) -> None:
    person = person_in(db, "paused", opted_out=True)
    services.catch_up(db, NOW + timedelta(days=80))
    assert notes(db, person) == []  # the pause ended without an invitation
    note = services.notify(db, person, "repayment", "t", "b", NOW)
    assert note is not None
    assert services.notify(db, person, "invitation", "t", "b", NOW) is None


# ---------------------------------------------------------------- pause and opt-out


@pytest.mark.parametrize(
    ("name", "said"),
    [("paused", "借款功能已处于暂停状态"), ("closure_pending", "注销申请审核中，暂不能暂停借款")],
)
def test_a_pause_is_only_for_an_active_account(db: Session, name: str, said: str) -> None:
    person = person_in(db, name)
    with pytest.raises(Refused) as error:
        services.pause(db, person, NOW)
    assert refusal(error) == said


def test_opting_out_is_refused_with_the_amount_while_money_is_owed(db: Session) -> None:
    person = person_in(db, "outstanding_0_01")
    with pytest.raises(Refused) as error:
        services.set_opt_out(db, person, True)
    assert refusal(error) == OWED_REFUSAL.format(amount="0.01")
    assert person.opted_out is False
    services.set_opt_out(db, person, False)  # choosing invitations is never refused


def test_a_pause_ending_during_a_closure_review_leaves_the_review_alone(db: Session) -> None:
    person = person_in(db, "paused", review_working_days=100)  # paused 10 days ago
    services.put_closure_at(db, person, "submitted", NOW, POLICY)
    services.catch_up(db, NOW + timedelta(days=81))  # past the pause's end, before the decision
    assert person.account is not None
    assert person.account.status is AccountStatus.CLOSURE_PENDING
    assert notes(db, person) == []
