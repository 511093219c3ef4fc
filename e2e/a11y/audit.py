"""Run axe-core after every step of a flow, once per distinct screen, as an observer of the driver.

A screen is distinct by its URL path and title, and by the messages it shows (``role=alert`` or
``status``): a flow that comes back to a screen does not audit it again, while a screen showing an
error, or saying a code was sent, is audited as it looks then. See docs/a11y.md.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from axe_playwright_python.base import AXE_SCRIPT
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Error, Page

from ..harness.driver import ACTION_TIMEOUT_MS, Observer, Outcome, drive, short_error
from ..harness.journey import Flow, Journey, Step
from ..harness.trail import Tap
from .findings import FlowAudit, ScreenAudit, findings_of

# WCAG 2.1 at levels A and AA, and nothing else (no best practices, no AAA).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
    "resultTypes": ["violations"],  # axe skips collecting the passes' details
}
# axe-core waits on setTimeout(…, 0) before it answers, and a flow's page keeps its timers on
# Playwright's paused clock (e2e/harness/clock.py), so axe.run never answered there
# (dequelabs/axe-core#3055). Inside axe only, a zero-delay timer is a MessageChannel message,
# which the clock does not fake; its longer timers (time-outs it sets as guards) stay the page's.
AXE_WITH_ZERO_DELAY_TIMERS = (
    "void function (setTimeout) {\n"
    + AXE_SCRIPT
    + """
}(function (callback, delay) {
  if (delay) { return window.setTimeout.apply(window, arguments); }
  var args = Array.prototype.slice.call(arguments, 2);
  var channel = new MessageChannel();
  channel.port1.onmessage = function () { callback.apply(null, args); };
  channel.port2.postMessage(null);
  return 0;
})"""
)
# What a screen says of what just happened: the same screen with an error is another state of it.
MESSAGES = "[role=alert], [role=status]"
# The flow's phone, with motion reduced so that no colour is measured half-way through a
# transition; the driver sets the browser's locale from the flow's language.
AUDIT_CONTEXT: dict[str, Any] = {"reduced_motion": "reduce"}


class ScreenAuditor(Observer):
    """Observe a drive: run axe on each distinct screen after a step, and where a step failed."""

    def __init__(self, audit: FlowAudit) -> None:
        self.audit = audit
        self.axe = Axe(axe_script=AXE_WITH_ZERO_DELAY_TIMERS)
        self.seen: set[tuple[str, str, tuple[str, ...]]] = set()
        self.current: tuple[int, str] = (0, "(setup)")

    def before_step(self, index: int, step: Step[Any], journey: Journey) -> None:
        self.current = (index, step.name)

    def after_step(self, index: int, step: Step[Any], journey: Journey, taps: list[Tap]) -> None:
        self.audit.steps_run = index
        self.inspect(journey.page)

    def step_failed(
        self, index: int, step: Step[Any], journey: Journey, taps: list[Tap], error: Exception
    ) -> None:
        try:  # the screen the flow stopped on is a screen a person reaches too
            self.inspect(journey.page)
        except Error:
            pass

    def flow_finished(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            index, name = self.current
            self.audit.error = f"step {index} {name}: {short_error(outcome.error)}"

    def inspect(self, page: Page) -> None:
        """Audit the current screen unless this flow has audited it already, or it is blank."""
        page.wait_for_load_state("load")
        url = urlsplit(page.url)
        if url.scheme not in ("http", "https"):
            return  # about:blank before a first screen is no screen of the portal's
        path, title = url.path, page.title()
        said = tuple(page.locator(MESSAGES).all_inner_texts())
        if (path, title, said) in self.seen:
            return
        self.seen.add((path, title, said))
        screen = page.evaluate("document.body ? document.body.dataset.screen || '' : ''") or path
        result: dict[str, Any] = self.axe.run(page, options=AXE_OPTIONS).response
        self.audit.engine = result.get("testEngine", {}).get("version", "")
        index, name = self.current
        self.audit.screens.append(
            ScreenAudit(
                index, name, screen, path, title, result["violations"], findings_of(screen, result)
            )
        )


def audit_flow(
    browser: Browser,
    base_url: str,
    flow: Flow,
    *,
    timeout_ms: int = ACTION_TIMEOUT_MS,
) -> FlowAudit:
    """Reset the portal, seed the flow's person and run the flow in its language, auditing it."""
    audit = FlowAudit(flow.name, flow.own_title, flow.variant, flow.locale, len(flow.steps))
    drive(
        browser,
        base_url,
        flow,
        [ScreenAuditor(audit)],
        context_args=AUDIT_CONTEXT,
        timeout_ms=timeout_ms,
    )
    return audit
