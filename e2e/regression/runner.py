"""Drive the chosen flows once against a portal (maybe a mutant) and compare or accept them."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from ..browser_env import LAUNCH_ARGS, chromium_executable
from ..flows import Flow, all_flows
from ..labels import LABELS, VARIANTS
from ..portal import start_portal
from .baselines import CHECKS, Baselines, FlowResult
from .recording import drive_flow
from .screens import MAX_DIFF_PIXELS


@dataclass
class Options:
    """What to run and how: flows, variants, checks, portal, tolerance."""

    flows: list[str] = field(default_factory=list)  # flow names; empty means every flow
    variants: list[str] = field(default_factory=lambda: list(VARIANTS))
    checks: tuple[str, ...] = CHECKS
    mutant: str | None = None
    base_url: str | None = None
    fail_fast: bool = False
    max_diff_pixels: int = MAX_DIFF_PIXELS

    @property
    def everything(self) -> bool:
        """Say whether every flow of every variant is selected (so stale files may go)."""
        return not self.flows and set(self.variants) == set(VARIANTS)


def chosen_flows(options: Options) -> list[tuple[str, Flow]]:
    """Return (variant, flow) for every selected flow, in all_flows order."""
    chosen = [
        (variant, flow)
        for variant in options.variants
        for flow in all_flows(LABELS[variant])
        if not options.flows or flow.name in options.flows
    ]
    if options.flows:
        unknown = set(options.flows) - {flow.name for _, flow in chosen}
        if unknown:
            raise SystemExit(f"no such flow: {', '.join(sorted(unknown))}")
    return chosen


@contextmanager
def portal_and_browser(options: Options) -> Iterator[tuple[Browser, str]]:
    """Start a portal (the mutant, if one is named) and a browser; yield both."""
    portal = None
    if options.base_url:
        url = options.base_url.rstrip("/")
    else:
        folder = Path(tempfile.mkdtemp(prefix="regression-portal-"))
        portal = start_portal(folder / "portal.sqlite3", mutant=options.mutant)
        url = portal.url
    try:
        with sync_playwright() as playwright:
            launch: dict = {"args": LAUNCH_ARGS}
            executable = chromium_executable()
            if executable:
                launch["executable_path"] = executable
            browser = playwright.chromium.launch(**launch)
            try:
                yield browser, url
            finally:
                browser.close()
    finally:
        if portal is not None:
            portal.stop()


def run(
    options: Options,
    act: Callable[[Baselines, FlowResult], None],
) -> tuple[list[FlowResult], Baselines, str]:
    """Drive each chosen flow, compare it with its golden files and hand it to ``act``."""
    results: list[FlowResult] = []
    with portal_and_browser(options) as (browser, url):
        baselines = Baselines(
            browser.browser_type.name,
            browser.version,
            checks=options.checks,
            max_diff_pixels=options.max_diff_pixels,
        )
        for variant, flow in chosen_flows(options):
            recorded = drive_flow(browser, url, flow, variant, look="screens" in options.checks)
            result = baselines.compare(recorded)
            results.append(result)
            act(baselines, result)
            if options.fail_fast and result.drifted:
                break
    return results, baselines, url
