"""One clock for the portal and the page: letting time pass moves both, across navigations.

The portal keeps its own clock (``/__test__/clock``, Beijing time) and decides by it: when a
code expires, when a resend is allowed, when a review is due. The page keeps another (``Date``
and its timers: the SMS resend countdown ticks on it). ``OneClock`` sets the page's clock to the
portal's time and pauses it, before the first screen loads, and from then on moves both together,
so a countdown reaches zero exactly when the portal allows what it counts down to.

Playwright's ``page.clock`` moves only the page and the test API only the portal; pairing them
is this project's own, so it is written here. How to use it: docs/writing-tests.md.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from playwright.sync_api import BrowserContext, Page

from .api import PortalApi

BEIJING = timezone(timedelta(hours=8))
# Up to this much, every timer of the page fires on the way (a countdown ticks down); beyond
# it, the page's clock jumps and each due timer fires once (days would be millions of ticks).
TICK_THROUGH = timedelta(hours=1)
# How far before the portal's time the page's clock starts, so that pausing it at the portal's
# time is never in its past however long the two calls take apart (pausing it in its past fails).
INSTALL_LEAD = timedelta(minutes=1)

Listener = Callable[[datetime, datetime], None]
# Playwright installs one clock per browser context: so does this module.
_CLOCKS: weakref.WeakKeyDictionary[BrowserContext, OneClock] = weakref.WeakKeyDictionary()


class OneClock:
    """The portal's clock and ``page``'s, moved as one."""

    def __init__(self, page: Page, api: PortalApi) -> None:
        self.page = page
        self.api = api
        self.installed = False
        self.listeners: list[Listener] = []

    @classmethod
    def of(cls, page: Page, api: PortalApi) -> OneClock:
        """Return the clock of ``page``'s browser context, installed (made on first use)."""
        clock = _CLOCKS.get(page.context)
        if clock is None:
            clock = _CLOCKS[page.context] = cls(page, api)
            clock.install()
        return clock

    def now(self) -> datetime:
        """Return the portal's time (Beijing time, with its offset)."""
        return datetime.fromisoformat(self.api.now()).replace(tzinfo=BEIJING)

    def install(self) -> None:
        """Set the page's clock to the portal's time and pause it (before the first screen)."""
        if self.installed:
            return
        now = self.now()
        # An installed clock runs until paused, and pausing in its past is an error: so install
        # it a little before the portal's time and pause it on the way forward.
        self.page.clock.install(time=now - INSTALL_LEAD)
        self.page.clock.pause_at(now)
        self.installed = True

    def let_time_pass(
        self, *, days: float = 0, hours: float = 0, minutes: float = 0, seconds: float = 0
    ) -> tuple[datetime, datetime]:
        """Move both clocks forward by the sum given; return the portal's time before and after.

        The portal applies what fell due (interest, a pause's end, a review's decision); the
        page's timers run as if the time had passed on the phone. Listeners (a walkthrough's
        card showing the days pass) hear of it afterwards.
        """
        delta = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
        if delta <= timedelta(0):
            raise ValueError(f"time only moves forward; got {delta}")
        before = self.now()
        after = datetime.fromisoformat(self.api.advance(seconds=delta.total_seconds())).replace(
            tzinfo=BEIJING
        )
        if self.installed:
            ms = round(delta.total_seconds() * 1000)
            if delta <= TICK_THROUGH:
                self.page.clock.run_for(ms)
            else:
                self.page.clock.fast_forward(ms)
        for listener in self.listeners:
            listener(before, after)
        return before, after

    def pass_until(self, moment: str) -> tuple[datetime, datetime]:
        """Let time pass until ``moment`` (ISO, Beijing time) on both clocks."""
        target = datetime.fromisoformat(moment).replace(tzinfo=BEIJING)
        return self.let_time_pass(seconds=(target - self.now()).total_seconds())
