"""What a recording shows off-screen (typing, the SMS, the face check, time) never reaches a test.

Page objects call the presenter of their context; a test's is ``QUIET``. Driving the same flow
with a spy presenter shows the moments are told at the right places, and that only then is
text typed key by key.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from e2e.harness.driver import Observer, drive
from e2e.harness.flows import face_fails_until_wait_flow, sms_expired_flow
from e2e.harness.journey import Journey
from e2e.harness.labels import Labels
from e2e.harness.portal import LivePortal
from e2e.harness.presenter import QUIET, Presenter, present_with, presenter

# Counts the keys pressed in a tab, across its navigations.
COUNT_KEYS = (
    "addEventListener('keydown', () => {"
    " sessionStorage.keys = String(Number(sessionStorage.keys || 0) + 1) }, true)"
)


class Spy(Presenter):
    """A presenter that notes each moment instead of showing it, and types key by key."""

    typing_delay_ms = 1

    def __init__(self) -> None:
        self.moments: list[str] = []

    def sms_sent(self, page: Page) -> None:
        self.moments.append("sms")

    def face_check_starting(self, page: Page) -> None:
        self.moments.append("face")


class Watching(Observer):
    """Installs ``presenting`` (if any) and counts the keys the flow pressed."""

    def __init__(self, presenting: Spy | None) -> None:
        self.presenting = presenting
        self.keys = -1
        self.presenter: Presenter | None = None

    def flow_started(self, journey: Journey) -> None:
        journey.page.add_init_script(COUNT_KEYS)
        spy = self.presenting
        if spy is not None:
            present_with(journey.page.context, spy)
            journey.clock.listeners.append(lambda before, after: spy.moments.append("time"))
        self.presenter = presenter(journey.page)

    def after_step(self, index: int, step: Any, journey: Journey, taps: list[Any]) -> None:
        self.keys = int(journey.page.evaluate("Number(sessionStorage.keys || 0)"))


@pytest.mark.owns_portal
def test_a_test_presents_nothing_and_types_at_once(
    browser: Browser, live_portal: LivePortal, labels: Labels
) -> None:
    watching = Watching(None)
    outcome = drive(browser, live_portal.url, sms_expired_flow(labels), [watching])
    assert outcome.passed, outcome.error_line()
    assert watching.presenter is QUIET
    assert watching.keys == 0  # fill(): the codes appear at once, no key is pressed


@pytest.mark.owns_portal
def test_a_recording_is_told_each_moment_where_it_happens(
    browser: Browser, live_portal: LivePortal, labels: Labels
) -> None:
    spy = Spy()
    watching = Watching(spy)
    outcome = drive(browser, live_portal.url, sms_expired_flow(labels), [watching])
    assert outcome.passed, outcome.error_line()
    # The code arrives, five minutes pass, a new code arrives; both codes typed key by key.
    assert spy.moments == ["sms", "time", "sms"]
    assert watching.keys == 2 * (6 + 1)  # six digits a code, after a Delete that clears the field

    face = Spy()
    outcome = drive(browser, live_portal.url, face_fails_until_wait_flow(labels), [Watching(face)])
    assert outcome.passed, outcome.error_line()
    assert face.moments == ["face"] * 6 + ["time", "face"]
