"""The test-control API and the portal clock under simultaneous requests.

Runners that share one portal (docs/scale.md) create people, move the clock and inject faults
at the same moments: each call must count, as it would one after the other.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from e2e.harness.api import PREFIX
from tests.portal.racing import (
    Answer,
    Browser,
    all_at_once,
    no_server_errors,
    signed_in,
    store_rows,
)
from tests.support.portal import CLOCK_START

CALLS = 8


def calling(browser: Browser, method: str, path: str, body: Any = None) -> Callable[[], Answer]:
    """Return a call of the test API from a copy of ``browser``."""
    copy_of = browser.clone()
    return lambda: copy_of.open(method, f"{PREFIX}{path}", body=body)


def test_moving_the_clock_at_once_adds_every_move_and_charges_each_day_once(
    racing_portal: str,
) -> None:
    Browser(racing_portal).api("POST", "/reset")  # the clock frozen at its start
    person, browser = signed_in(racing_portal)
    borrowed = browser.submit("/weilidai/borrow", {"amount": "1000"})
    assert borrowed.location == "/weilidai/loans", borrowed.status
    day = {"advance_days": 1}

    answers = all_at_once([calling(browser, "POST", "/clock", day) for _ in range(CALLS)])

    assert no_server_errors(answers) == [] and {a.status for a in answers} == {200}
    now = datetime.fromisoformat(browser.api("GET", "/clock")["now"])
    assert now == datetime.fromisoformat(CLOCK_START) + timedelta(days=CALLS)
    # ¥1,000 at 0.05 % a day: 50 fen of interest a day, charged once per day.
    owed = browser.api("GET", f"/users/{person['id']}")["outstanding"]
    assert owed == {"principal_fen": 100_000, "interest_fen": 50 * CALLS, "penalty_fen": 0}


@pytest.mark.requirement("REPAY-BEFORE-ANY")
def test_repaying_while_the_clock_moves_leaves_nothing_owed(racing_portal: str) -> None:
    # Either order leaves nothing owed: interest charged then everything repaid, or everything
    # repaid and then nothing left to charge interest on.
    racers = [signed_in(racing_portal) for _ in range(4)]
    calls: list[Callable[[], Answer]] = []
    for person, browser in racers:
        assert browser.submit("/weilidai/borrow", {"amount": "1000"}).status == 302
        form = {
            "payment_password": person["payment_password"],
            "csrf_token": browser.csrf_token("/weilidai/repay"),
        }
        payer = browser.clone()
        calls += [
            lambda p=payer, f=form: p.open("POST", "/weilidai/repay", form=f),
            calling(browser, "POST", "/clock", {"advance_days": 30}),
        ]

    answers = all_at_once(calls)

    assert no_server_errors(answers) == []
    for person, browser in racers:
        state = browser.api("GET", f"/users/{person['id']}")
        assert state["outstanding_fen"] == 0, state["outstanding"]


def test_people_created_at_once_are_different_people(racing_portal: str) -> None:
    browser = Browser(racing_portal)
    body = {"scenario": "invited"}

    answers = all_at_once([calling(browser, "POST", "/users", body) for _ in range(CALLS)])

    assert {answer.status for answer in answers} == {201}
    people = store_rows(browser, "person")
    assert len({person["phone"] for person in people}) == CALLS
    assert len({person["id_number"] for person in people}) == CALLS


def test_a_fault_for_one_request_fails_one_of_many(racing_portal: str) -> None:
    _, browser = signed_in(racing_portal)
    browser.api("POST", "/faults", {"route": "weilidai.home", "status": 503, "count": 1})

    phones = [browser.clone() for _ in range(CALLS)]
    answers = all_at_once([lambda b=phone: b.open("GET", "/weilidai/") for phone in phones])

    assert sorted(answer.status for answer in answers) == [200] * (CALLS - 1) + [503]
    assert browser.api("GET", "/faults")["faults"] == []


@pytest.mark.requirement("AFTER-REINVITE-NEW-ACCOUNT")
def test_reinviting_at_once_opens_one_new_account(racing_portal: str) -> None:
    person, browser = signed_in(racing_portal, scenario="closed")
    path = f"/users/{person['id']}/invite"

    answers = all_at_once([calling(browser, "POST", path) for _ in range(CALLS)])

    assert sorted(answer.status for answer in answers) == [200] + [409] * (CALLS - 1)
    state = browser.api("GET", f"/users/{person['id']}")
    assert (state["accounts"], state["status"]) == (2, "active")


def test_submitting_closures_through_the_test_api_at_once_makes_one_application(
    racing_portal: str,
) -> None:
    person, browser = signed_in(racing_portal)
    path = f"/users/{person['id']}/closure"

    answers = all_at_once(
        [calling(browser, "POST", path, {"step": "submitted"}) for _ in range(CALLS)]
    )

    assert sorted(answer.status for answer in answers) == [200] + [409] * (CALLS - 1)
    state = browser.api("GET", f"/users/{person['id']}")
    assert (state["applications"], state["status"]) == (1, "closure_pending")
