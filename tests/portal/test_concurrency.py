"""The portal under simultaneous requests (issue 6), on a real threaded server over loopback.

Each test starts its own portal (``e2e.harness.portal.start_portal``: 127.0.0.1, port 0, test
API on, anti-forgery tokens checked) and drives it with ``urllib`` the way phones would: each
browser keeps its own cookies, posts forms with their token and never follows a redirect on its
own.
Simultaneous requests are released together by a ``threading.Barrier``.
"""

from __future__ import annotations

import copy
import json
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.cookiejar import CookieJar
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit
from urllib.request import (
    HTTPCookieProcessor,
    HTTPRedirectHandler,
    ProxyHandler,
    Request,
    build_opener,
)

import pytest

from e2e.harness.portal import start_portal
from tests.conftest import FLOW_URL, TOKEN_INPUT

TIMEOUT = 30  # seconds for one request; a loaded CI machine is slow, a hung portal is a failure


@pytest.fixture
def portal(database_url: Callable[[], str]) -> Iterator[str]:
    """Start a portal of this test's own, on --database's store; return its base URL."""
    # start_portal quietens these loggers for the whole process; give them back afterwards.
    levels = {name: logging.getLogger(name).level for name in ("mock_portal", "werkzeug")}
    live = start_portal(database_url())
    assert urlsplit(live.url).hostname == "127.0.0.1"
    yield live.url
    live.stop()
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


# ---------------------------------------------------------------- a phone's browser, in urllib


@dataclass(frozen=True)
class Answer:
    """What the portal answered: status, where it redirects to (a path) and the page."""

    status: int
    location: str
    body: str


class _KeepRedirects(HTTPRedirectHandler):
    """Hand a redirect back to the caller instead of following it."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Browser:
    """One phone: its own cookie jar, talking to the portal on 127.0.0.1 only (no proxy)."""

    def __init__(self, base_url: str, jar: CookieJar | None = None) -> None:
        self.base_url = base_url
        self.jar = jar if jar is not None else CookieJar()
        self._opener = build_opener(
            ProxyHandler({}), HTTPCookieProcessor(self.jar), _KeepRedirects()
        )

    def clone(self) -> Browser:
        """Return another browser holding a copy of this one's cookies (the same session)."""
        jar = CookieJar()
        for cookie in self.jar:
            jar.set_cookie(copy.copy(cookie))
        return Browser(self.base_url, jar)

    def open(
        self, method: str, path: str, form: dict[str, str] | None = None, body: Any = None
    ) -> Answer:
        """Send one request; never follow a redirect."""
        headers = {}
        data = None
        if form is not None:
            data = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = Request(self.base_url + path, data=data, headers=headers, method=method)
        try:
            with self._opener.open(request, timeout=TIMEOUT) as response:
                status, location, page = response.status, response.headers, response.read()
        except HTTPError as error:  # 3xx (not followed), 4xx and 5xx
            status, location, page = error.code, error.headers, error.read()
        return Answer(
            status, urlsplit(location.get("Location", "")).path, page.decode("utf-8", "replace")
        )

    def api(self, method: str, path: str, body: Any = None) -> Any:
        """Call the test-control API; return its JSON answer."""
        answer = self.open(method, f"/__test__{path}", body=body)
        assert answer.status < 300, (method, path, answer.status, answer.body)
        return json.loads(answer.body)

    def csrf_token(self, page: str) -> str:
        """Open ``page`` and return the anti-forgery token of its form."""
        answer = self.open("GET", page)
        assert answer.status == 200, (page, answer.status)
        match = TOKEN_INPUT.search(answer.body)
        assert match, f"no anti-forgery token on {page}"
        return match.group(1)

    def submit(self, page: str, fields: dict[str, str], action: str | None = None) -> Answer:
        """Open ``page`` and post its form with ``fields`` (to ``action``, else to the page)."""
        token = self.csrf_token(page)
        return self.open("POST", action or page, form={**fields, "csrf_token": token})


def signed_in(base_url: str, scenario: str = "invited") -> tuple[dict[str, Any], Browser]:
    """Create a person in ``scenario`` and a browser signed in as them."""
    browser = Browser(base_url)
    person = browser.api("POST", "/users", {"scenario": scenario})
    browser.api("POST", "/login", {"user_id": person["id"]})
    return person, browser


def walk_to_face(browser: Browser, person: dict[str, Any]) -> str:
    """Take the signed-in person through a new closure to the face check; return its token."""
    answer = browser.submit("/weilidai/closure/", {"acknowledged": "yes"})
    match = FLOW_URL.fullmatch(answer.location)
    assert answer.status == 302 and match, (answer.status, answer.location)
    token = match.group(1)
    flow = f"/weilidai/closure/{token}"
    answer = browser.submit(f"{flow}/password", {"payment_password": person["payment_password"]})
    assert answer.location == f"{flow}/sms", (answer.status, answer.location)
    answer = browser.submit(f"{flow}/sms", {}, action=f"{flow}/sms/send")
    assert answer.location == f"{flow}/sms", (answer.status, answer.location)
    code = browser.api("GET", f"/sms/{person['id']}")["code"]
    answer = browser.submit(f"{flow}/sms", {"sms_code": code})
    assert answer.location == f"{flow}/face", (answer.status, answer.location)
    return token


def all_at_once(calls: list[Callable[[], Answer]]) -> list[Answer]:
    """Run every call on its own thread, all released together; return their answers in order."""
    barrier = threading.Barrier(len(calls), timeout=TIMEOUT)
    answers: list[Answer | BaseException | None] = [None] * len(calls)

    def run(index: int, call: Callable[[], Answer]) -> None:
        try:
            barrier.wait()
            answers[index] = call()
        except BaseException as problem:  # handed to the test's thread below
            answers[index] = problem

    threads = [
        threading.Thread(target=run, args=(index, call), daemon=True)
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=3 * TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a request never came back"
    for answer in answers:
        if isinstance(answer, BaseException):
            raise answer
    return answers  # type: ignore[return-value]  # every slot now holds an Answer


def face_submission(browser: Browser, token: str) -> Callable[[], Answer]:
    """Return a call that posts the face check of flow ``token`` from a copy of ``browser``."""
    copy_of = browser.clone()
    form = {"csrf_token": browser.csrf_token(f"/weilidai/closure/{token}/face")}
    return lambda: copy_of.open("POST", f"/weilidai/closure/{token}/face", form=form)


def no_server_errors(answers: list[Answer]) -> list[int]:
    """Return the 5xx statuses among ``answers`` (none is the only good answer)."""
    return [answer.status for answer in answers if answer.status >= 500]


# ---------------------------------------------------------------- one closure, many submissions


@pytest.mark.requirement("REVIEW-SUBMITTED")
def test_twenty_simultaneous_face_submissions_make_one_application(portal: str) -> None:
    person, browser = signed_in(portal)
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
    portal: str,
) -> None:
    person, browser = signed_in(portal)
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
    portal: str,
) -> None:
    racers = []
    for _ in range(PEOPLE_RACING):
        person, browser = signed_in(portal)
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

    observer = Browser(portal)
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
