"""Drive the chosen flows once against a portal (maybe a mutant) and compare or accept them."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import dataclass, field
from multiprocessing.util import Finalize
from typing import Any

from playwright.sync_api import Browser

from ..harness.flows import every_flow, select_flows
from ..harness.journey import Flow
from ..harness.labels import LABEL_TABLE, LOCALES, VARIANTS
from ..harness.portal import portal_and_browser
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
    """Drive each chosen flow, compare it with its golden files and hand it to ``act``."""
    if options.jobs > 1 and not options.base_url:
        return _run_in_workers(options, act)
    results: list[FlowResult] = []
    with portal_and_browser(options.base_url, mutant=options.mutant) as (browser, url):
        baselines = _baselines(options, browser.browser_type.name, browser.version)
        for flow in chosen_flows(options):
            recorded = drive_flow(browser, url, flow, look="screens" in options.checks)
            result = baselines.compare(recorded)
            results.append(result)
            act(baselines, result)
            if options.fail_fast and result.drifted:
                break
    return results, baselines, url


def _baselines(options: Options, browser_name: str, version: str) -> Baselines:
    return Baselines(
        browser_name, version, checks=options.checks, max_diff_pixels=options.max_diff_pixels
    )


# ------------------------------------------------------------------ in worker processes
# Each worker process has its own portal and browser (like an xdist worker) and drives whole
# flows; the parent compares, reports and writes files, so output and golden files stay in one
# place. Spawned, not forked: Playwright's driver does not survive a fork.

_worker: dict[str, Any] = {}


def _start_worker(options: Options) -> None:
    stack = ExitStack()
    browser, url = stack.enter_context(portal_and_browser(options.base_url, mutant=options.mutant))
    _worker.update(browser=browser, url=url)
    Finalize(None, stack.close, exitpriority=10)  # closes the browser when the worker ends


def _drive_in_worker(variant: str, locale: str, name: str, look: bool) -> tuple[FlowRun, str, str]:
    browser: Browser = _worker["browser"]
    labels = LABEL_TABLE[variant, locale]
    flow = next(flow for flow in every_flow(labels) if flow.name == name)
    recorded = drive_flow(browser, _worker["url"], flow, look=look)
    return recorded, browser.browser_type.name, browser.version


def _run_in_workers(
    options: Options, act: Callable[[Baselines, FlowResult], None]
) -> tuple[list[FlowResult], Baselines, str]:
    chosen = chosen_flows(options)
    order = {flow.name: position for position, flow in enumerate(chosen)}
    look = "screens" in options.checks
    results: list[FlowResult] = []
    baselines: Baselines | None = None
    with ProcessPoolExecutor(
        max_workers=min(options.jobs, len(chosen)) or 1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(options,),
    ) as pool:
        pending = [
            pool.submit(_drive_in_worker, flow.variant, flow.locale, flow.name, look)
            for flow in chosen
        ]
        for future in as_completed(pending):
            recorded, browser_name, version = future.result()
            baselines = baselines or _baselines(options, browser_name, version)
            result = baselines.compare(recorded)
            results.append(result)
            act(baselines, result)
            if options.fail_fast and result.drifted:
                for other in pending:
                    other.cancel()
                break
    assert baselines is not None
    results.sort(key=lambda result: order[result.run.flow])
    return results, baselines, f"{min(options.jobs, len(chosen))} in-process portals"
