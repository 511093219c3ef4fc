"""Drive the chosen flows once against a portal (maybe a mutant) and compare or accept them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from playwright.sync_api import Browser

from ..harness.flows import select_flows
from ..harness.journey import Flow
from ..harness.labels import LOCALES, VARIANTS
from ..harness.workers import each_flow
from .baselines import CHECKS, Baselines, FlowResult
from .recording import FlowRun, drive_flow
from .screens import MAX_DIFF_PIXELS


@dataclass
class Options:
    """What to run and how: flows, variants, checks, portal, tolerance."""

    flows: list[str] = field(default_factory=list)  # --flow names or globs; none: every flow
    variants: list[str] = field(default_factory=lambda: list(VARIANTS))
    locales: list[str] = field(default_factory=lambda: list(LOCALES))
    checks: tuple[str, ...] = CHECKS
    mutant: str | None = None
    base_url: str | None = None
    fail_fast: bool = False
    max_diff_pixels: int = MAX_DIFF_PIXELS
    jobs: int = 1  # worker processes, each with its own portal and browser

    @property
    def everything(self) -> bool:
        """Say whether every flow of every variant and language is selected (so stale files may
        go)."""
        return (
            not self.flows
            and set(self.variants) == set(VARIANTS)
            and set(self.locales) == set(LOCALES)
        )


def chosen_flows(options: Options) -> list[Flow]:
    """Return every selected flow, in the article's order (``select_flows``)."""
    return select_flows(options.flows, variants=options.variants, locales=options.locales)


def run(
    options: Options,
    act: Callable[[Baselines, FlowResult], None],
) -> tuple[list[FlowResult], Baselines, str]:
    """Drive each chosen flow (``options.jobs`` at a time), compare it with its golden files and
    hand it to ``act`` as it ends; return the results in the chosen order.

    The workers (``each_flow``) only drive; comparing, reporting and writing golden files stay
    here, in one process.
    """
    chosen = chosen_flows(options)
    order = {flow.name: position for position, flow in enumerate(chosen)}
    recording = partial(record_flow, "screens" in options.checks)
    results: list[FlowResult] = []
    baselines: Baselines | None = None
    for _flow, (recorded, browser_name, version) in each_flow(
        recording, chosen, jobs=options.jobs, base_url=options.base_url, mutant=options.mutant
    ):
        baselines = baselines or _baselines(options, browser_name, version)
        result = baselines.compare(recorded)
        results.append(result)
        act(baselines, result)
        if options.fail_fast and result.drifted:
            break  # the workers' flows not yet started are cancelled
    assert baselines is not None, "select_flows chooses at least one flow"
    results.sort(key=lambda result: order[result.run.flow])
    portal = options.base_url or "an in-process portal per worker"
    return results, baselines, portal + (f" (mutant {options.mutant})" if options.mutant else "")


def record_flow(
    look: bool, browser: Browser, base_url: str, flow: Flow
) -> tuple[FlowRun, str, str]:
    """Drive and record one flow; return the run and the browser's name and version."""
    recorded = drive_flow(browser, base_url, flow, look=look)
    return recorded, browser.browser_type.name, browser.version


def _baselines(options: Options, browser_name: str, version: str) -> Baselines:
    return Baselines(
        browser_name, version, checks=options.checks, max_diff_pixels=options.max_diff_pixels
    )
