"""Run a flow once and record what it went through: path, ARIA snapshots, screenshots.

A ``FlowRecorder`` is a ``StepObserver``: after each step it notes the screen title, the taps the
step made, an ARIA snapshot of the page and (optionally) a screenshot. When a step fails it keeps
what that step tried and what the screen offered instead, so a drift report can say "expected
link 安全中心, found link 账户安全" rather than only "timeout".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Browser, Error, Page

from ..harness.api import PortalApi
from ..harness.devices import LOCALE, PHONE
from ..harness.flows import FLOW_SCENARIOS, Flow, Journey, Step, run_flow
from ..harness.trail import Tap, Trail, note, recording

# The regression context: the e2e phone, but at device scale 1 so baselines stay small, and
# with motion reduced so nothing is caught half-way through a transition.
REGRESSION_DEVICE: dict[str, Any] = {
    **PHONE,
    "device_scale_factor": 1,
    "reduced_motion": "reduce",
    **LOCALE,
}
# A control that is not there fails in 10 s, not Playwright's 30 (a mutant breaks a flow once per
# run); still roomy enough for a loaded 2-core machine.
ACTION_TIMEOUT_MS = 10_000

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

    @property
    def completed(self) -> bool:
        """Say whether every planned step ran."""
        return self.failure is None and len(self.steps) == len(self.planned)


def scenario_of(flow: Flow) -> str:
    """Return the scenario a flow starts from (``flow.scenario`` or by its name)."""
    explicit = getattr(flow, "scenario", None)
    if explicit:
        return str(explicit)
    return FLOW_SCENARIOS[flow.name.rsplit("_", 1)[0]]


def short_error(problem: BaseException) -> str:
    """Return an error's first line and, for Playwright, what it was waiting for."""
    lines = [line.strip() for line in str(problem).splitlines() if line.strip()]
    if not lines:
        return type(problem).__name__
    waiting = next((line for line in lines if line.startswith("- waiting for")), "")
    head = lines[0] if len(lines[0]) < 200 else lines[0][:200] + "…"
    return f"{head} {waiting}".strip()


def screen_title(page: Page) -> str:
    """Return the title bar's text (the h1), or a marker when the screen has none."""
    heading = page.get_by_role("heading", level=1)
    try:
        if heading.count() == 0:
            return "(no title)"
        return heading.first.inner_text(timeout=2_000).strip()
    except Error:
        return "(no title)"


class FlowRecorder:
    """Observe a flow run: the path, an ARIA snapshot and maybe a screenshot per step."""

    def __init__(self, page: Page, look: bool = True) -> None:
        self.page = page
        self.look = look
        self.steps: list[StepRecord] = []
        self.attempted: list[Tap] = []
        self.current: tuple[int, Step] | None = None

    # ---- the StepObserver protocol

    def before_step(self, index: int, step: Step, journey: Journey) -> None:
        self.current = (index, step)
        self.attempted = []

    def after_step(self, index: int, step: Step, journey: Journey, taps: list[Tap]) -> None:
        screen, aria, png = self.capture()
        self.steps.append(StepRecord(index, step.name, list(taps), screen, aria, png))

    # ---- the rest

    def watch(self, steps: Iterable[Step]) -> list[Step]:
        """Wrap steps so the taps of a step that fails are kept too."""
        return [Step(step.name, self._keeping_taps(step)) for step in steps]

    def _keeping_taps(self, step: Step):  # type: ignore[no-untyped-def]
        def act(journey: Journey) -> Any:
            mine = Trail()
            try:
                with recording() as mine:
                    return step.act(journey)
            finally:
                self.attempted = list(mine.taps)
                for tap in self.attempted:
                    note(tap)  # hand them on to run_flow's own trail

        return act

    def capture(self) -> tuple[str, str, bytes | None]:
        """Return the current screen's title, normalised ARIA snapshot and screenshot."""
        page = self.page
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

    def failure(self, problem: BaseException) -> Failure:
        """Describe the step that raised ``problem`` and the screen it left."""
        index, name = (self.current[0], self.current[1].name) if self.current else (0, "(setup)")
        try:
            screen, aria, png = self.capture()
        except Error:
            screen, aria, png = "(page unavailable)", "", None
        return Failure(index, name, short_error(problem), self.attempted, screen, aria, png)


def drive_flow(
    browser: Browser,
    base_url: str,
    flow: Flow,
    variant: str,
    *,
    look: bool = True,
    timeout_ms: int = ACTION_TIMEOUT_MS,
) -> FlowRun:
    """Reset the portal, seed the flow's person and run the flow; never raise for a step."""
    run = FlowRun(
        flow=flow.name,
        title=flow.title,
        variant=variant,
        scenario=scenario_of(flow),
        planned=[step.name for step in flow.steps],
    )
    context = browser.new_context(base_url=base_url, **REGRESSION_DEVICE)
    try:
        page = context.new_page()
        run_person(page, PortalApi(context.request, base_url), flow, run, look, timeout_ms)
    finally:
        context.close()
    return run


def run_person(
    page: Page, api: PortalApi, flow: Flow, run: FlowRun, look: bool, timeout_ms: int
) -> FlowRun:
    """Seed the flow's person on a reset portal and run the flow in ``page``, recording it."""
    recorder = FlowRecorder(page, look)
    try:
        api.reset()  # same people, same clock, same reference numbers every run
        someone = api.create_person(run.scenario, run.variant)
        api.login(someone)
        # Only the flow itself fails fast: seeding keeps Playwright's generous default.
        page.context.set_default_timeout(timeout_ms)
        run_flow(Journey(page, api, someone), recorder.watch(flow.steps), [recorder])
    except Exception as problem:  # a drift to report, not a crash of the checker
        run.failure = recorder.failure(problem)
    run.steps = recorder.steps
    return run
