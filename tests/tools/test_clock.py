"""The one clock installed without a browser: pausing the page clock never lands in its past."""

from __future__ import annotations

from datetime import datetime, timedelta

from e2e.harness.clock import OneClock


class RunningClock:
    """Playwright's page clock, as far as installing goes: it runs once installed."""

    def __init__(self) -> None:
        self.time: datetime | None = None
        self.paused: datetime | None = None

    def install(self, *, time: datetime) -> None:
        self.time = time

    def pause_at(self, time: datetime) -> None:
        assert self.time is not None, "installed first"
        self.time += timedelta(milliseconds=30)  # the page's clock ran while the test called us
        if time < self.time:
            raise RuntimeError("Clock.pause_at: Error: Cannot fast-forward to the past")
        self.time = self.paused = time


class Page:
    def __init__(self) -> None:
        self.clock = RunningClock()
        self.context = object()


class Portal:
    def now(self) -> str:
        return "2026-11-23T10:00:00"


def test_the_page_clock_is_paused_at_the_portals_time_even_when_the_calls_take_a_while():
    page = Page()
    clock = OneClock(page, Portal())  # type: ignore[arg-type]  # fakes of Page and PortalApi: only what install() uses
    clock.install()
    assert page.clock.paused == clock.now()
    assert clock.installed
