"""The one flow driver: reset the portal, seed the flow's person, open a phone, run the steps.

Every tool drives flows through ``drive`` and sees them through an ``Observer`` of its own:
the main run takes screenshots, the bench times steps, the regression recorder keeps path maps,
ARIA snapshots and screenshots, the walkthrough recorder films. See docs/architecture.md.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from playwright.sync_api import Browser

from .api import Person, PortalApi
from .devices import phone_context_args
from .journey import Flow, Journey, Step, run_flow
from .trail import Tap

# A control that is not there fails in 10 s, not Playwright's 30 (a mutant breaks a flow once
# per run); still roomy enough for a loaded 2-core machine.
ACTION_TIMEOUT_MS = 10_000


class Observer:
    """What watches a drive; every hook does nothing here, so a tool overrides only its own."""

    def flow_started(self, journey: Journey) -> None:
        """The person is seeded and signed in; no step has run."""

    def before_step(self, index: int, step: Step[Any], journey: Journey) -> None:
        """Step ``index`` is about to run."""

    def after_step(self, index: int, step: Step[Any], journey: Journey, taps: list[Tap]) -> None:
        """Step ``index`` ran; ``taps`` are the controls it used."""

    def step_failed(
        self, index: int, step: Step[Any], journey: Journey, taps: list[Tap], error: Exception
    ) -> None:
        """Step ``index`` raised ``error`` after using ``taps``."""

    def flow_finished(self, outcome: Outcome) -> None:
        """The drive ended (``outcome.error`` says how); the context is still open."""


@dataclass
class Outcome:
    """How one drive went: the journey (if the person was seeded), the error, the time taken."""

    flow: Flow
    journey: Journey | None
    error: Exception | None
    seconds: float

    @property
    def passed(self) -> bool:
        """Say whether every step ran."""
        return self.error is None

    @property
    def person(self) -> Person | None:
        """The person the flow was driven as, if seeding got that far."""
        return self.journey.person if self.journey else None

    def error_line(self) -> str:
        """Return the error as one line, ``Type: first line``, or ``""``."""
        if self.error is None:
            return ""
        lines = str(self.error).splitlines()
        return f"{type(self.error).__name__}: {lines[0] if lines else ''}".rstrip(": ")


def drive(
    browser: Browser,
    base_url: str,
    flow: Flow,
    observers: Iterable[Observer] = (),
    *,
    reset: bool = True,
    context_args: dict[str, Any] | None = None,
    timeout_ms: float | None = None,
) -> Outcome:
    """Drive ``flow`` in a fresh phone context and return how it went; never raise for a step.

    ``reset`` empties the portal first, so the person (Faker, seeded) and the clock are the same
    on every run. ``context_args`` go on top of the phone's (a video folder, a device scale).
    ``timeout_ms`` bounds each step's waits; seeding keeps Playwright's default.
    """
    watchers: Sequence[Observer] = list(observers)
    started = time.perf_counter()
    journey: Journey | None = None
    error: Exception | None = None
    context = browser.new_context(
        **phone_context_args(flow.locale, base_url=base_url, **(context_args or {}))
    )
    try:
        page = context.new_page()
        api = PortalApi(context.request, base_url)
        if reset:
            api.reset()
        someone = replace(api.create_person(flow.scenario, flow.variant), locale=flow.locale)
        api.login(someone)
        if timeout_ms is not None:
            context.set_default_timeout(timeout_ms)
        journey = Journey(page, api, someone)
        for watcher in watchers:
            watcher.flow_started(journey)
        run_flow(journey, flow.steps, watchers)
    except Exception as problem:  # a tool reports a broken flow; it does not stop
        error = problem
    outcome = Outcome(flow, journey, error, 0.0)
    try:
        for watcher in watchers:
            watcher.flow_finished(outcome)
    finally:
        context.close()
        outcome.seconds = time.perf_counter() - started
    return outcome


def short_error(problem: BaseException) -> str:
    """Return an error's first line and, for Playwright, what it was waiting for."""
    lines = [line.strip() for line in str(problem).splitlines() if line.strip()]
    if not lines:
        return type(problem).__name__
    waiting = next((line for line in lines if line.startswith("- waiting for")), "")
    head = lines[0] if len(lines[0]) < 200 else lines[0][:200] + "…"
    return f"{head} {waiting}".strip()
