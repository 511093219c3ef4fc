"""The portal under simultaneous requests (issue 6): closure submissions, and money racing them.

Each test starts a portal of its own on --database's store (``racing_portal``) and releases
many requests together (``tests/portal/racing.py``); the end state must be one some sequential
order of them would give, on SQLite and on PostgreSQL (docs/rules.md#simultaneous-requests).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.portal.racing import (
    Answer,
    Browser,
    all_at_once,
    errors_of,
    face_submission,
    no_server_errors,
    signed_in,
    store_rows,
    walk_to_face,
)

# ---------------------------------------------------------------- one closure, many submissions


@pytest.mark.requirement("REVIEW-SUBMITTED")
def test_twenty_simultaneous_face_submissions_make_one_application(racing_portal: str) -> None:
    person, browser = signed_in(racing_portal)
    token = walk_to_face(browser, person)

    answers = all_at_once([face_submission(browser, token) for _ in range(20)])

    assert no_server_errors(answers) == []
    submitted = f"/weilidai/closure/{token}/submitted"
    assert [(a.status, a.location) for a in answers] == [(302, submitted)] * 20
    state = browser.api("GET", f"/users/{person['id']}")
    assert state["applications"] == 1
    assert state["status"] == "closure_pending"
    journal = browser.api(
        "GET", f"/requests?endpoint=closure.face&method=POST&person_id={person['id']}"
    )["requests"]
    assert [entry["status"] for entry in journal] == [302] * 20


def test_two_closure_flows_of_one_account_submitted_at_once_make_one_application(
    racing_portal: str,
) -> None:
    person, browser = signed_in(racing_portal)
    first = walk_to_face(browser, person)
    browser.api("POST", "/clock", {"advance_seconds": 61})  # the SMS resend gap
    second = walk_to_face(browser, person)
    assert second != first

    # Five phones on each flow, interleaved, so the two flows really meet.
    answers = all_at_once([face_submission(browser, token) for token in (first, second) * 5])

    assert no_server_errors(answers) == []
    assert {answer.status for answer in answers} == {302}
    state = browser.api("GET", f"/users/{person['id']}")
    assert state["applications"] == 1
    assert state["status"] == "closure_pending"


# ---------------------------------------------------------------- money and closure racing

PEOPLE_RACING = 6


@pytest.mark.requirement("CLOSE-BLOCK-OWED")
def test_repaying_and_closing_at_the_same_time_never_closes_an_account_that_still_owes(
    racing_portal: str,
) -> None:
    racers = []
    for _ in range(PEOPLE_RACING):
        person, browser = signed_in(racing_portal)
        token = walk_to_face(browser, person)
        racers.append((person, browser, token))

    calls: list[Callable[[], Answer]] = []
    for person, browser, token in racers:
        # Nothing is owed yet, so 还款 shows no form: its token is the session's, as on 借钱.
        token_field = {"csrf_token": browser.csrf_token("/weilidai/borrow")}
        borrow_form = {"amount": "1000", **token_field}
        repay_form = {"payment_password": person["payment_password"], **token_field}
        borrower, payer = browser.clone(), browser.clone()
        calls += [
            lambda b=borrower, f=borrow_form: b.open("POST", "/weilidai/borrow", form=f),
            lambda p=payer, f=repay_form: p.open("POST", "/weilidai/repay", form=f),
            face_submission(browser, token),
        ]
    answers = all_at_once(calls)
    assert no_server_errors(answers) == []

    observer = Browser(racing_portal)
    before = [observer.api("GET", f"/users/{person['id']}") for person, _, _ in racers]
    observer.api("POST", "/clock", {"advance_days": 7})  # past every review's working days
    after = [observer.api("GET", f"/users/{person['id']}") for person, _, _ in racers]

    for index, (was, now) in enumerate(zip(before, after, strict=True)):
        borrowed, repaid, _ = answers[3 * index : 3 * index + 3]
        lent = borrowed.location == "/weilidai/loans"
        paid_back = repaid.location == "/weilidai/repay/done"
        outcome = (index, was["status"], was["outstanding_fen"], now["status"], lent, paid_back)
        if was["status"] == "closure_pending":
            assert was["outstanding_fen"] == 0, outcome  # never under review while owing
        if now["status"] == "closed":
            assert was["outstanding_fen"] == 0, outcome
            assert paid_back or not lent, outcome
        if now["outstanding_fen"] > 0:
            assert now["status"] != "closed", outcome


# ---------------------------------------------------------------- money at once


def borrowing(browser: Browser, amount_yuan: str) -> Callable[[], Answer]:
    """Return a call that borrows ``amount_yuan`` from a copy of ``browser``."""
    form = {"amount": amount_yuan, "csrf_token": browser.csrf_token("/weilidai/borrow")}
    copy_of = browser.clone()  # after the token: the session now holds its secret
    return lambda: copy_of.open("POST", "/weilidai/borrow", form=form)


def repaying(browser: Browser, person: dict[str, object]) -> Callable[[], Answer]:
    """Return a call that pays off everything owed, from a copy of ``browser``."""
    form = {
        "payment_password": str(person["payment_password"]),
        "csrf_token": browser.csrf_token("/weilidai/borrow"),
    }
    copy_of = browser.clone()
    return lambda: copy_of.open("POST", "/weilidai/repay", form=form)


@pytest.mark.requirement("MONEY-REVOLVING-LINE")
def test_borrowing_at_once_never_lends_past_the_credit_line(racing_portal: str) -> None:
    # ¥1,000 of credit, ten phones asking for ¥300 each: one after the other, three are lent.
    person, browser = signed_in(racing_portal, credit_limit_fen=100_000)
    loans_before = browser.api("GET", f"/users/{person['id']}")["loans"]

    answers = all_at_once([borrowing(browser, "300") for _ in range(10)])

    assert no_server_errors(answers) == []
    lent = [answer for answer in answers if answer.location == "/weilidai/loans"]
    refused = [answer for answer in answers if errors_of(answer)]
    assert (len(lent), len(refused)) == (3, 7)
    assert {error for answer in refused for error in errors_of(answer)} == {
        "借款金额超过可借额度（可借 ¥100.00）"
    }
    state = browser.api("GET", f"/users/{person['id']}")
    assert (state["loans"] - loans_before, state["outstanding_fen"]) == (3, 90_000)


@pytest.mark.requirement("MONEY-REVOLVING-LINE")
def test_repaying_at_once_pays_off_once(racing_portal: str) -> None:
    person, browser = signed_in(racing_portal, scenario="outstanding_0_01")
    owed = browser.api("GET", f"/users/{person['id']}")["outstanding_fen"]

    answers = all_at_once([repaying(browser, person) for _ in range(8)])

    assert no_server_errors(answers) == []
    paid = [answer for answer in answers if answer.location == "/weilidai/repay/done"]
    assert len(paid) == 1
    # The others see what a second tap would show: nothing left to repay, nothing charged.
    assert all("暂无待还款项" in answer.body for answer in answers if answer not in paid)
    assert browser.api("GET", f"/users/{person['id']}")["outstanding_fen"] == 0
    notes = [row for row in store_rows(browser, "notification") if row["kind"] == "repayment"]
    assert len(notes) == 1 and f"¥{owed / 100:.2f}" in notes[0]["body"]
    loans = store_rows(browser, "loan")
    assert [loan["principal_repaid_fen"] for loan in loans] == [
        loan["principal_fen"] for loan in loans
    ]


@pytest.mark.parametrize(
    ("screen", "form"),
    [
        ("/weilidai/help/pause", {"confirm": "yes"}),
        ("/weilidai/settings/notifications", {"opt_out": "yes"}),
    ],
    ids=["pause", "opt_out"],
)
@pytest.mark.requirement("STOP-BY-HIDING")
def test_hiding_the_entry_and_borrowing_at_once_never_hide_it_from_someone_who_owes(
    racing_portal: str, screen: str, form: dict[str, str]
) -> None:
    # Pausing (or opting out) hides the entry, so it is refused while money is owed; borrowing
    # is refused once paused (or opted out). Together, one of them must lose, every time.
    racers = [signed_in(racing_portal) for _ in range(4)]
    calls: list[Callable[[], Answer]] = []
    for _, browser in racers:
        hide_form = {**form, "csrf_token": browser.csrf_token(screen)}
        hider = browser.clone()
        calls += [
            lambda b=hider, f=hide_form: b.open("POST", screen, form=f),
            borrowing(browser, "500"),
        ]

    answers = all_at_once(calls)

    assert no_server_errors(answers) == []
    for index, (person, browser) in enumerate(racers):
        state = browser.api("GET", f"/users/{person['id']}")
        hidden, lent = not state["entry_visible"], state["outstanding_fen"] > 0
        assert hidden != lent, (index, state, [a.location for a in answers[2 * index :][:2]])
