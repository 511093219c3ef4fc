"""Run a flow once and record what it went through: path, ARIA snapshots, screenshots.

A ``FlowRecorder`` observes the flow driver. When a step fails it keeps what the step tried and
what the screen offered instead, so a drift report can say "expected link 安全中心, found link
账户安全" rather than only "timeout". See docs/regression.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Browser, Error, Page

from ..harness.driver import ACTION_TIMEOUT_MS, Observer, Outcome, drive, short_error
from ..harness.journey import Flow, Journey, Step
from ..harness.trail import Tap

# The regression context: the e2e phone, but at device scale 1 so baselines stay small, and
# with motion reduced so nothing is caught half-way through a transition.
REGRESSION_DEVICE: dict[str, Any] = {"device_scale_factor": 1, "reduced_motion": "reduce"}

# What changes from run to run however deterministic the portal is: the SMS resend countdown
# ticks in real time and an SMS code is random. Portal screens can mark more with data-volatile.
VOLATILE = "[data-countdown-seconds], [data-volatile], input[autocomplete='one-time-code']"
MASK_COLOUR = "#ff00ff"

_NORMALISE = [
    (re.compile(r"\d+秒后重新获取"), "N秒后重新获取"),
    (re.compile(r'(textbox "验证码"[^\n]*?: )"?\d{6}"?'), r"\1<sms code>"),
]
CONTROL = re.compile(r'^\s*- (link|button|checkbox|textbox|searchbox|radio|tab) "([^"]*)"', re.M)


def normalise_aria(snapshot: str) -> str:
    """Replace what differs from run to run (countdowns, SMS codes) with placeholders."""
    for pattern, replacement in _NORMALISE:
        snapshot = pattern.sub(replacement, snapshot)
    return snapshot.rstrip() + "\n"


def controls(snapshot: str) -> list[tuple[str, str]]:
    """Return the (role, name) of every named control in an ARIA snapshot, in order."""
    return [(role, name) for role, name in CONTROL.findall(snapshot) if name]


@dataclass
class StepRecord:
    """What one step did and the screen it ended on."""

    index: int
    name: str
    taps: list[Tap]
    screen: str
    aria: str
    png: bytes | None = None


@dataclass
class Failure:
    """The step a flow stopped at, what it tried and what the screen showed then."""

    index: int
    name: str
    error: str
    taps: list[Tap]
    screen: str
    aria: str
    png: bytes | None = None


@dataclass
class FlowRun:
    """One flow's run: its steps as recorded, and the failure that stopped it, if any."""

    flow: str
    title: str
    variant: str
    scenario: str
    planned: list[str]
    steps: list[StepRecord] = field(default_factory=list)
    failure: Failure | None = None
    seconds: float = 0.0  # how long the drive took, for the progress line

    @property
    def completed(self) -> bool:
        """Say whether every planned step ran."""
        return self.failure is None and len(self.steps) == len(self.planned)


def screen_title(page: Page) -> str:
    """Return the title bar's text (the h1), or a marker when the screen has none."""
    heading = page.get_by_role("heading", level=1)
    try:
        if heading.count() == 0:
            return "(no title)"
        return heading.first.inner_text(timeout=2_000).strip()
    except Error:
        return "(no title)"


class FlowRecorder(Observer):
    """Observe a drive: the path, an ARIA snapshot and maybe a screenshot per step."""

    def __init__(self, run: FlowRun, look: bool = True) -> None:
        self.run = run
        self.look = look
        self.page: Page | None = None
        self.current: tuple[int, str] = (0, "(setup)")

    def flow_started(self, journey: Journey) -> None:
        self.page = journey.page

    def before_step(self, index: int, step: Step[Any], journey: Journey) -> None:
        self.current = (index, step.name_in(journey.person.locale))

    def after_step(self, index: int, step: Step[Any], journey: Journey, taps: list[Tap]) -> None:
        screen, aria, png = self.capture(journey.page)
        name = step.name_in(journey.person.locale)
        self.run.steps.append(StepRecord(index, name, list(taps), screen, aria, png))

    def step_failed(
        self, index: int, step: Step[Any], journey: Journey, taps: list[Tap], error: Exception
    ) -> None:
        self.run.failure = self.failure(error, taps)

    def flow_finished(self, outcome: Outcome) -> None:
        if outcome.error is not None and self.run.failure is None:  # seeding failed
            self.run.failure = self.failure(outcome.error, [])

    def capture(self, page: Page) -> tuple[str, str, bytes | None]:
        """Return the current screen's title, normalised ARIA snapshot and screenshot."""
        page.wait_for_load_state("load")
        screen = screen_title(page)
        aria = normalise_aria(page.locator("body").aria_snapshot())
        png = None
        if self.look:
            png = page.screenshot(
                full_page=True,
                animations="disabled",
                caret="hide",
                scale="css",
                mask=[page.locator(VOLATILE)],
                mask_color=MASK_COLOUR,
            )
        return screen, aria, png

    def failure(self, problem: BaseException, taps: list[Tap]) -> Failure:
        """Describe the step that raised ``problem``, what it tried and the screen it left."""
        index, name = self.current
        screen, aria, png = "(page unavailable)", "", None
        if self.page is not None:
            try:
                screen, aria, png = self.capture(self.page)
            except Error:
                pass
        return Failure(index, name, short_error(problem), list(taps), screen, aria, png)


def drive_flow(
    browser: Browser,
    base_url: str,
    flow: Flow,
    *,
    look: bool = True,
    timeout_ms: int = ACTION_TIMEOUT_MS,
) -> FlowRun:
    """Reset the portal, seed the flow's person and run the flow, recording it; never raise."""
    run = FlowRun(
        flow=flow.name,
        title=flow.own_title,
        variant=flow.variant,
        scenario=flow.scenario,
        planned=[step.name_in(flow.locale) for step in flow.steps],
    )
    # Only the flow itself fails fast: seeding keeps Playwright's generous default.
    outcome = drive(
        browser,
        base_url,
        flow,
        [FlowRecorder(run, look)],
        context_args=REGRESSION_DEVICE,
        timeout_ms=timeout_ms,
    )
    run.seconds = outcome.seconds
    return run
