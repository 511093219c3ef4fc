"""The main run: drive every flow on every variant, a screenshot per step, one line per flow.

See docs/architecture.md#the-main-run.
"""

from __future__ import annotations

import argparse
import json
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..harness.driver import Observer, Outcome, drive
from ..harness.flows import every_flow
from ..harness.journey import Journey, Step
from ..harness.labels import LABELS, VARIANTS
from ..harness.portal import portal_and_browser
from ..harness.trail import Tap


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
        title=outcome.flow.title,
        variant=outcome.flow.variant,
        passed=outcome.passed,
        seconds=round(outcome.seconds, 2),
        steps=len(outcome.flow.steps),
        artifacts=str(folder),
        error=outcome.error_line(),
    )


def main(argv: list[str] | None = None) -> int:
    """Parse options, run the flows, print and save the report."""
    parser = argparse.ArgumentParser(prog="python -m e2e.run", description=__doc__)
    parser.add_argument("--output", default="artifacts/run", help="where artifacts go")
    parser.add_argument("--variant", action="append", choices=VARIANTS, help="default: all")
    parser.add_argument("--base-url", help="drive an external portal (its test API must be on)")
    args = parser.parse_args(argv)
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    variants = args.variant or list(VARIANTS)

    results: list[FlowResult] = []
    with portal_and_browser(args.base_url) as (browser, base_url):
        for variant in variants:
            for flow in every_flow(LABELS[variant]):
                folder = out / flow.name
                outcome = drive(browser, base_url, flow, [StepScreenshots(folder)])
                results.append(result_of(outcome, folder))

    (out / "report.json").write_text(
        json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2), encoding="utf-8"
    )
    print(f"\nWeilidai flows against {base_url}")
    for r in results:
        mark = "PASS" if r.passed else "FAIL"
        print(f"  {mark}  {r.flow:<26} {r.steps:>2} steps {r.seconds:>6.2f}s  {r.artifacts}")
        if r.error:
            print(f"        {r.error}")
    failed = sum(not r.passed for r in results)
    print(f"\n{len(results) - failed} passed, {failed} failed · report: {out / 'report.json'}")
    return 1 if failed else 0
