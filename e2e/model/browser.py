"""The model's steps taken in Chromium: the person taps through the harness's page objects.

``BrowserHands`` is the browser's ``Hands`` for ``e2e.model.walk.ModelJourney``: each step
opens the screen a person would use for it (``Screen.at``: the menu path itself is the flows'
subject, e2e/tests/test_closure.py) and works its controls. A step that is done must land where
the portal sends a person next; a refused one must show why and land nowhere new (the walker
then checks the store did not change). ``RequestApi`` is the one test-control client,
``PortalApi``, over HTTP on the browser context's request client. docs/model.md.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from playwright.sync_api import APIRequestContext, Page, Response, expect

from ..harness.api import HttpTransport, PortalApi
from ..harness.clock import OneClock
from ..harness.labels import Labels
from ..harness.pages import account, closure, help, weilidai
from .graph import Action, Outcome, State, Transition
from .walk import ModelJourney

# Where each pre-check turns a closure away (rules.md, pre-checks 1-3, and after closure).
NO_OPTION = (State.RECENT_LOAN, State.RISK_FLAGGED)


def RequestApi(request: APIRequestContext, base_url: str) -> PortalApi:
    """Return the walker's test-control client over HTTP, on ``request`` (a context's)."""
    return PortalApi(HttpTransport(request, base_url), base_url)


class BrowserHands:
    """The person's steps, tapped in ``page`` on the client variant of ``labels``."""

    def __init__(self, page: Page, base_url: str, labels: Labels) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.labels = labels

    def sign_in(self, person_id: int) -> None:
        """Sign the browser context in, and set its clock to the portal's (before any screen)."""
        api = RequestApi(self.page.context.request, self.base_url)
        api.login(person_id)
        self.clock = OneClock.of(self.page, api)

    def let_time_pass(self, delta: timedelta) -> None:
        """Move the portal's clock and the page's together (``OneClock``)."""
        self.clock.let_time_pass(seconds=delta.total_seconds())

    def url(self, path: str) -> str:
        """Return the portal's URL of ``path``."""
        return f"{self.base_url}{path}"

    def perform(self, journey: ModelJourney, transition: Transition, argument: Any) -> str | None:
        """Take the step on its screen and check where the person lands."""
        action, done = transition.action, transition.outcome is Outcome.DONE
        page, labels = self.page, self.labels
        if action is Action.BORROW:
            self._borrow(argument, done)
        elif action is Action.REPAY:
            self._repay(journey.password, done)
        elif action is Action.WRONG_PASSWORD:
            if journey.state is State.AT_PASSWORD:
                screen = closure.PasswordPage.at(
                    page, labels, self.url(f"{journey.flow_url()}/password")
                )
                self._refused(lambda: screen.submit(journey.wrong_password()))
            else:
                self._repay(journey.wrong_password(), done=False)
        elif action is Action.PAUSE:
            guide = help.PauseGuidePage.at(page, labels, self.url("/weilidai/help/pause"))
            self._posting(guide.confirm_pause)
            expect(guide.result if done else guide.error).to_be_visible()
        elif action in (Action.OPT_OUT, Action.OPT_IN):
            url = self.url("/weilidai/settings/notifications")
            settings = help.NotificationSettingsPage.at(page, labels, url)
            change = settings.opt_out if action is Action.OPT_OUT else settings.opt_back_in
            self._posting(change)
            expect(settings.saved if done else settings.error).to_be_visible()
        elif action is Action.START_CLOSURE:
            return self._start_closure(transition)
        elif action is Action.RIGHT_PASSWORD:
            screen = closure.PasswordPage.at(
                page, labels, self.url(f"{journey.flow_url()}/password")
            )
            if done:
                screen.enter(journey.password)
            else:
                self._refused(lambda: screen.submit(journey.password))
        elif action is Action.WRONG_SMS_CODE:
            sms = closure.SmsPage.at(page, labels, self.url(f"{journey.flow_url()}/sms"))
            self._refused(lambda: sms.submit(journey.wrong_sms_code()))
        elif action is Action.RIGHT_SMS_CODE:
            sms = closure.SmsPage.at(page, labels, self.url(f"{journey.flow_url()}/sms"))
            if not journey.memory.code_live:
                sms.request_code()
            sms.enter(journey.sms_code())
        elif action is Action.FACE_CHECK:
            face = closure.FacePage.at(page, labels, self.url(f"{journey.flow_url()}/face"))
            if done:
                face.verify()
            else:
                self._refused(face.attempt)
        elif action is Action.LEAVE_CLOSURE:  # walk away: back to 微粒贷's home, nothing sent
            weilidai.WeilidaiHomePage.at(page, labels, self.url("/weilidai/"))
        else:
            raise AssertionError(f"no way to take {action} in a browser")
        return None

    # ------------------------------------------------------------ the steps with several screens

    def _borrow(self, amount_fen: int, done: bool) -> None:
        amount = f"{amount_fen // 100}.{amount_fen % 100:02d}"
        if done:
            home = weilidai.WeilidaiHomePage.at(self.page, self.labels, self.url("/weilidai/"))
            home.open_borrow().borrow(amount)
            expect(self.page).to_have_url(self.url("/weilidai/loans"))
            return
        self.page.goto(self.url("/weilidai/borrow"))
        form = self.page.get_by_label("借款金额", exact=True)
        if form.count():  # the form is there: the amount is refused
            screen = weilidai.BorrowPage(self.page, self.labels).shown()
            self._refused(lambda: screen.borrow(amount))
        else:  # no form at all: the screen says why
            expect(self.page.get_by_role("button", name="确认借款")).to_have_count(0)

    def _repay(self, password: str, done: bool) -> None:
        self.page.goto(self.url("/weilidai/repay"))
        screen = weilidai.RepayPage(self.page, self.labels)
        if done:
            screen.shown().repay(password)
            return
        if self.page.get_by_label("支付密码", exact=True).count():
            self._refused(lambda: screen.submit(password))
        else:  # nothing to pay, or no account: no form
            expect(self.page.get_by_role("button", name=re.compile(r"^确认还款"))).to_have_count(0)

    def _start_closure(self, transition: Transition) -> str | None:
        page, labels, source = self.page, self.labels, transition.source
        if source is State.CLOSED:  # every 微粒贷 URL says so
            page.goto(self.url("/weilidai/closure/"))
            expect(page.get_by_text("账户已注销").first).to_be_visible()
            return None
        security = account.SecurityPage.at(page, labels, self.url("/weilidai/site/security"))
        if source in NO_OPTION:
            expect(security.close_option).to_have_count(0)
            expect(security.missing_note).to_be_visible()
            return None
        entry = security.start_closure()
        if source is State.OWING:
            entry.blocked()
            return None
        if source is State.CLOSURE_PENDING:
            expect(page).to_have_url(re.compile(r"/weilidai/closure/status$"))
            return None
        password = entry.consequences().acknowledge_and_continue()
        expect(page).to_have_url(re.compile(r"/weilidai/closure/[0-9a-f]{32}/password$"))
        token = password.page.url.rstrip("/").split("/")[-2]
        return token

    # ------------------------------------------------------------ waiting on the portal

    def _posting(self, submit: Any) -> Response:
        """Run ``submit`` and return the portal's answer to its form (a redirect, if it sent one).

        Some forms post in the background (``data-enhanced``) and swap the page in place; so
        the wait is for the answer, and what the person then sees is left to web-first checks.
        """
        with self.page.expect_response(lambda answer: answer.request.method == "POST") as posted:
            submit()
        return posted.value

    def _refused(self, submit: Any) -> None:
        """Submit a form the portal must refuse: the same screen answers, with an alert."""
        before = self.page.url
        answer = self._posting(submit)
        refused = f"the portal must refuse this step and keep the person on {before}"
        assert not 300 <= answer.status < 400, (
            f"{refused}, yet it sent them to {answer.header_value('location')}"
        )
        expect(self.page.get_by_role("alert").first, f"{refused}, told why").to_be_visible()
        assert self.page.url == before, f"{refused}, yet they are on {self.page.url}"
