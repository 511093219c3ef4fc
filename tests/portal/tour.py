"""A tour of every screen a person can reach, in each main state, with what they would type.

``tour(client, scenario, words)`` creates a person in ``scenario``, signs in and opens every
screen, posts each form the way that leads to its messages (a wrong password, a refused pause,
a question to 客服, the whole closure with its mistakes), moves the clock so that reviews and
pauses end, and returns each page it saw. The client's own headers choose the language: the
i18n tests tour in English and in Chinese and read every page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from flask.testing import FlaskClient

from e2e.harness.api import PortalApi
from tests.support.actions import AuthActions, ControlActions


@dataclass(frozen=True)
class Page:
    """One screen as the tour saw it: how it got there, the status and the HTML."""

    name: str
    status: int
    html: str


@dataclass(frozen=True)
class Words:
    """What a person types, in their language: questions to 客服 and help-centre searches."""

    kefu: tuple[str, ...]
    search_found: str
    search_missing: str


CHINESE = Words(
    kefu=("怎么注销微粒贷", "为什么找不到注销入口", "我想暂停借款", "转人工", "你好"),
    search_found="关闭微粒贷",
    search_missing="信用卡",
)
ENGLISH = Words(
    kefu=(
        "How do I close my account?",
        "Why can't I find the close option?",
        "I want to pause borrowing",
        "Talk to an agent",
        "hello",
    ),
    search_found="pause borrowing",
    search_missing="credit card",
)

# The screens that only read, in the order a person finds them.
SCREENS = (
    "/me",
    "/me/services",
    "/chats",
    "/chats/service-notifications",
    "/contacts",
    "/discover",
    "/credit-report",
    "/weilidai/",
    "/weilidai/loans",
    "/weilidai/repay",
    "/weilidai/borrow",
    "/weilidai/site/",
    "/weilidai/site/security",
    "/weilidai/closure/",
    "/weilidai/closure/status",
    "/weilidai/closure/record",
    "/weilidai/help",
    "/weilidai/help/pause",
    "/weilidai/settings",
    "/weilidai/settings/notifications",
    "/weilidai/settings/language",
    "/weilidai/kefu",
)
# The main states of a person: what the tour signs in as.
STATES = (
    "invited",
    "outstanding_0_01",
    "overdue_penalty",
    "recent_loan",
    "paused",
    "opted_out",
    "closure_pending",
    "closed",
    "review_rejected",
    "face_check_fails",
    "uninvited",
)
FAKE_TOKEN = "0" * 32
FLOW = re.compile(r"(/weilidai/closure/[0-9a-f]{32})/password")


class Tourist:
    """A person on the tour: opens pages and posts forms, keeping each page it saw."""

    def __init__(self, client: FlaskClient, label: str) -> None:
        self.client = client
        self.label = label
        self.pages: list[Page] = []

    def get(self, url: str) -> str:
        """Open ``url`` (following redirects); return its HTML."""
        return self._keep(f"GET {url}", self.client.get(url, follow_redirects=True))

    def post(self, url: str, data: dict[str, str] | None = None) -> str:
        """Post a form to ``url`` (following redirects); return the page shown after."""
        response = self.client.post(url, data=data or {}, follow_redirects=True)
        return self._keep(f"POST {url} {sorted((data or {}).items())}", response)

    def start_closure(self) -> str | None:
        """Acknowledge the consequences; return the new flow's URL, None if none started."""
        response = self.client.post("/weilidai/closure/", data={"acknowledged": "yes"})
        match = FLOW.fullmatch(response.location or "")
        if match is None:  # refused: the page says why, or sends the person where it does
            if response.location:
                self.get(response.location)
            else:
                self._keep("POST /weilidai/closure/ acknowledged", response)
            return None
        self.get(response.location)
        return match.group(1)

    def _keep(self, what: str, response: Any) -> str:
        html: str = response.get_data(as_text=True)
        self.pages.append(Page(f"{self.label}: {what}", response.status_code, html))
        return html


def tour(
    client: FlaskClient,
    scenario: str,
    words: Words,
    variant: str = "A",
    **fields: Any,
) -> list[Page]:
    """Take a new person in ``scenario`` through every screen and message; return the pages."""
    auth, control = AuthActions(client), ControlActions(client)
    person = auth.person(scenario, variant=variant, **fields)
    me = Tourist(client, f"{scenario}/{variant}")
    for url in SCREENS:
        me.get(url)
    me.get(f"/weilidai/help?q={words.search_found}")
    me.get(f"/weilidai/help?q={words.search_missing}")
    me.get("/no-such-page")
    me.get(f"/weilidai/closure/{FAKE_TOKEN}/password")
    me.get(f"/weilidai/closure/{FAKE_TOKEN}/submitted")
    _refused_forms(me)
    _kefu(me, words)
    _closure(me, control, person)
    if scenario == "outstanding_0_01":
        me.post("/weilidai/repay", {"payment_password": "000000"})
        me.post("/weilidai/repay", {"payment_password": person["payment_password"]})
        me.get("/chats/service-notifications")
    if scenario == "invited":
        me.post("/weilidai/borrow", {"amount": "500"})
        me.get("/weilidai/")
        me.post("/weilidai/repay", {"payment_password": person["payment_password"]})
        me.post("/weilidai/help/pause", {"confirm": "yes"})
        me.get("/me/services")
    if scenario == "opted_out":
        me.post("/weilidai/settings/notifications", {})
    if scenario in ("paused", "closure_pending", "review_rejected"):
        control.advance(days=100)
        for url in ("/chats", "/chats/service-notifications", "/weilidai/", "/credit-report"):
            me.get(url)
        me.get("/weilidai/closure/status")
    if scenario == "closed":
        PortalApi.over_flask(client).reinvite(person["id"])
        for url in ("/chats", "/chats/service-notifications", "/weilidai/", "/credit-report"):
            me.get(url)
    return me.pages


def _refused_forms(me: Tourist) -> None:
    """Post each form so that it refuses: each refusal's message appears on its screen."""
    for amount in ("abc", "0.5", "99999999"):
        me.post("/weilidai/borrow", {"amount": amount})
    me.post("/weilidai/help/pause", {})
    me.post("/weilidai/help/pause", {"confirm": "yes"})
    me.post("/weilidai/settings/notifications", {"opt_out": "yes"})
    me.post("/weilidai/closure/", {})


def _kefu(me: Tourist, words: Words) -> None:
    for question in words.kefu:
        me.post("/weilidai/kefu", {"message": question})
    me.post("/weilidai/kefu", {"message": ""})
    me.post("/weilidai/kefu", {"message": "x" * 501})


def _closure(me: Tourist, control: ControlActions, person: dict[str, Any]) -> None:
    """Go through the closure with every mistake a person can make, then let the review end."""
    base = me.start_closure()
    if base is None:
        return  # the pre-checks stopped this person
    me.post(f"{base}/password", {"payment_password": "000000"})
    me.post(f"{base}/password", {"payment_password": person["payment_password"]})
    me.get(f"{base}/password")  # out of order: sent on to the SMS step with a note
    me.post(f"{base}/sms", {"sms_code": "123456"})  # no code sent yet
    me.post(f"{base}/sms/send")
    me.post(f"{base}/sms/send")  # too soon
    me.post(f"{base}/sms", {"sms_code": "12345"})
    me.post(f"{base}/sms", {"sms_code": _wrong(control.last_sms(person))})
    me.post(f"{base}/sms", {"sms_code": control.last_sms(person)})
    for _ in range(6):  # a face that never passes: five failures, then a wait
        if 'data-testid="reference"' in me.post(f"{base}/face"):
            break
    me.get(f"{base}/submitted")
    me.get("/weilidai/closure/status")
    me.get("/weilidai/")
    control.advance(days=7)
    for url in (
        "/chats",
        "/chats/service-notifications",
        "/weilidai/closure/status",
        "/weilidai/closure/record",
        "/weilidai/",
        "/weilidai/site/security",
        "/credit-report",
    ):
        me.get(url)


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def verification_tour(client: FlaskClient, words: Words) -> list[Page]:
    """Reach the identity checks' lock-outs: password, SMS (expiry, voiding, hourly limit)."""
    auth, control = AuthActions(client), ControlActions(client)
    person = auth.person("invited")
    me = Tourist(client, "verification")
    base = me.start_closure()
    assert base is not None
    for _ in range(4):
        me.post(f"{base}/password", {"payment_password": "000000"})
    control.advance(hours=4)
    me.post(f"{base}/password", {"payment_password": person["payment_password"]})
    me.post(f"{base}/sms/send")
    control.advance(minutes=6)
    me.post(f"{base}/sms", {"sms_code": control.last_sms(person)})  # expired
    me.post(f"{base}/sms/send")
    wrong = _wrong(control.last_sms(person))
    for _ in range(6):
        me.post(f"{base}/sms", {"sms_code": wrong})  # the fifth voids the code
    for _ in range(4):
        control.advance(seconds=61)
        me.post(f"{base}/sms/send")  # the sixth in an hour is refused
    me.get(f"{base}/sms")
    return me.pages


def signed_out_tour(client: FlaskClient) -> list[Page]:
    """Open what a visitor sees: the demo people, and a screen that sends them there."""
    me = Tourist(client, "visitor")
    me.get("/demo/")
    me.get("/me")
    me.get("/no-such-page")
    return me.pages


def every_page(
    client_for: Callable[[], FlaskClient], words: Words, variants: Sequence[str] = ("A", "B")
) -> list[Page]:
    """Tour every state on ``variants``, the identity checks and the visitor's pages."""
    pages: list[Page] = []
    for variant in variants:
        for scenario in STATES:
            pages += tour(client_for(), scenario, words, variant=variant)
    pages += verification_tour(client_for(), words)
    pages += signed_out_tour(client_for())
    return pages
