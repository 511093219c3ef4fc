"""What a recording shows that a test never needs: typing, the SMS arriving, the face check.

Page objects tell the presenter of their page's browser context when such a moment comes: text
is about to be typed, an SMS code was sent, the face check is starting. The presenter of a
test is ``QUIET``: it does nothing and types at once, so tests are neither slowed nor changed.
The walkthrough tool installs one that shows these moments to the viewer (``present_with``);
days passing reach it through the one clock's listeners instead (``OneClock.listeners``).
Hand-written: these are the portal's own off-screen events. docs/videos.md.
"""

from __future__ import annotations

import weakref

from playwright.sync_api import BrowserContext, Page


class Presenter:
    """The moments a recording may show; this one shows nothing (every test's)."""

    typing_delay_ms: float = 0.0  # between keys; 0 types the whole text at once (fill)

    def sms_sent(self, page: Page) -> None:
        """An SMS code was just sent to the person's phone."""

    def face_check_starting(self, page: Page) -> None:
        """The person is about to start the (simulated) face check."""


QUIET = Presenter()
_PRESENTERS: weakref.WeakKeyDictionary[BrowserContext, Presenter] = weakref.WeakKeyDictionary()


def presenter(page: Page) -> Presenter:
    """Return the presenter of ``page``'s context (``QUIET`` unless a recording set one)."""
    return _PRESENTERS.get(page.context, QUIET)


def present_with(context: BrowserContext, chosen: Presenter) -> None:
    """Make ``chosen`` the presenter of every page of ``context``."""
    _PRESENTERS[context] = chosen
