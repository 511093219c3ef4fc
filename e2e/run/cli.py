"""The main run: drive every flow on every variant, a screenshot per step, a line per flow.

``run_flows`` is the run as a function (the landing page's test calls it); ``command`` is
``python -m e2e.run``, the run without videos. ``weilidai run`` (e2e/cli/) runs it and then films
the flows that passed. See docs/toolbelt.md#the-main-run.
"""

from __future__ import annotations

import json
import shutil
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

import click
from playwright.sync_api import Browser

from ..harness.driver import Observer, Outcome, drive
from ..harness.flags import (
    base_url_option,
    chosen_flows,
    echo_flows,
    flow_option,
    jobs_option,
    list_option,
    locale_option,
    mutant_option,
    output_option,
    variant_option,
)
from ..harness.journey import Flow, Journey, Step
from ..harness.progress import Progress
from ..harness.trail import Tap
from ..harness.workers import each_flow

DEFAULT_OUTPUT = Path("artifacts/run")
REPORT = "report.json"


@dataclass
class FlowResult:
    """How one flow went."""

    flow: str
    title: str
    variant: str
    passed: bool
    seconds: float
    steps: int
    artifacts: str
    error: str = ""


class StepScreenshots(Observer):
    """Save a screenshot after every step (``NN.png``) and the traceback of a failure."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def after_step(self, index: int, step: Step[Any], journey: Journey, taps: list[Tap]) -> None:
        journey.page.screenshot(path=self.folder / f"{index:02d}.png")

    def flow_finished(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            trace = "".join(traceback.format_exception(outcome.error))
            (self.folder / "error.txt").write_text(trace, encoding="utf-8")


def result_of(outcome: Outcome, folder: Path) -> FlowResult:
    """Return the report line of one driven flow."""
    return FlowResult(
        flow=outcome.flow.name,
        title=outcome.flow.own_title,
        variant=outcome.flow.variant,
        passed=outcome.passed,
        seconds=round(outcome.seconds, 2),
        steps=len(outcome.flow.steps),
        artifacts=str(folder),
        error=outcome.error_line(),
    )


def run_flows(
    flows: Sequence[Flow],
    *,
    output: Path = DEFAULT_OUTPUT,
    base_url: str | None = None,
    mutant: str | None = None,
    jobs: int = 1,
    on_result: Callable[[FlowResult], None] | None = None,
) -> list[FlowResult]:
    """Drive ``flows``, a screenshot per step into ``output/<flow>/``; return how each went.

    A failing flow does not stop the others. ``on_result`` hears of each flow as it ends;
    ``output/report.json`` lists them all, in the order given. ``base_url`` drives an external
    portal, else each of ``jobs`` workers starts one (as ``mutant``, if named). Choose the flows
    with ``select_flows``.
    """
    output.mkdir(parents=True, exist_ok=True)
    for flow in flows:  # no screenshots left from an earlier, longer run
        shutil.rmtree(output / flow.name, ignore_errors=True)
    finished: dict[str, FlowResult] = {}
    screenshots = partial(screenshot_flow, output)
    for flow, result in each_flow(screenshots, flows, jobs=jobs, base_url=base_url, mutant=mutant):
        finished[flow.name] = result
        if on_result is not None:
            on_result(result)
    results = [finished[flow.name] for flow in flows]
    (output / REPORT).write_text(
        json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return results


def screenshot_flow(output: Path, browser: Browser, base_url: str, flow: Flow) -> FlowResult:
    """Drive one flow with a screenshot after each step into ``output/<flow>/``."""
    folder = output / flow.name
    return result_of(drive(browser, base_url, flow, [StepScreenshots(folder)]), folder)


def run_watched(
    flows: Sequence[Flow],
    *,
    output: Path,
    base_url: str | None,
    mutant: str | None,
    jobs: int,
) -> list[FlowResult]:
    """``run_flows`` with a progress bar and a line per flow as it ends (stderr)."""
    with Progress("Flows", len(flows)) as progress:

        def show(result: FlowResult) -> None:
            notes = [result.error] if result.error else []
            mark = "PASS" if result.passed else "FAIL"
            progress.done(result.flow, mark, result.seconds, result.artifacts, notes=notes)

        return run_flows(
            flows, output=output, base_url=base_url, mutant=mutant, jobs=jobs, on_result=show
        )


def outcome_line(results: Sequence[FlowResult]) -> str:
    """Return the run in one line: passed and failed counts, and the failed flows by name."""
    failed = [r.flow for r in results if not r.passed]
    line = f"{len(results) - len(failed)} passed, {len(failed)} failed"
    return line + (f" ({', '.join(failed)})" if failed else "")


@click.command(name="run", short_help="the flows with a screenshot per step (no videos)")
@flow_option
@variant_option
@locale_option
@base_url_option
@mutant_option
@jobs_option
@output_option(str(DEFAULT_OUTPUT))
@list_option
def command(
    flows: tuple[str, ...],
    variants: tuple[str, ...],
    locales: tuple[str, ...],
    base_url: str | None,
    mutant: str | None,
    jobs: int,
    output: Path,
    list_only: bool,
) -> None:
    """Drive every flow (or those chosen), a screenshot per step; report.json lists them.

    This is the main run without its videos (weilidai run films the flows that pass too).
    Exit status 1 if a flow failed. docs/toolbelt.md.
    """
    chosen = chosen_flows(flows, variants, locales)
    if list_only:
        echo_flows(chosen)
        return
    results = run_watched(chosen, output=output, base_url=base_url, mutant=mutant, jobs=jobs)
    click.echo(f"{outcome_line(results)} · report: {output / REPORT}")
    if not all(r.passed for r in results):
        raise SystemExit(1)
