"""The main run: drive every flow on every variant, a screenshot per step, one line per flow.

See docs/architecture.md#the-main-run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..harness.driver import Observer, Outcome, drive
from ..harness.flows import UnknownFlow, select_flows
from ..harness.journey import Flow, Journey, Step
from ..harness.labels import LOCALES, VARIANTS
from ..harness.portal import portal_and_browser
from ..harness.trail import Tap

DEFAULT_OUTPUT = Path("artifacts/run")


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


def run_flows(
    flows: Sequence[Flow],
    *,
    output: Path = DEFAULT_OUTPUT,
    base_url: str | None = None,
    mutant: str | None = None,
    on_result: Callable[[FlowResult], None] | None = None,
) -> list[FlowResult]:
    """Drive ``flows`` one after another, a screenshot per step into ``output/<flow>/``.

    A failing flow does not stop the others. ``on_result`` hears of each flow as it ends;
    ``output/report.json`` lists them all. ``base_url`` drives an external portal, else one is
    started here (as ``mutant``, if named). Choose the flows with ``select_flows``.
    """
    output.mkdir(parents=True, exist_ok=True)
    results: list[FlowResult] = []
    with portal_and_browser(base_url, mutant=mutant) as (browser, url):
        for flow in flows:
            folder = output / flow.name
            shutil.rmtree(folder, ignore_errors=True)  # no screenshots left from a longer run
            outcome = drive(browser, url, flow, [StepScreenshots(folder)])
            results.append(result_of(outcome, folder))
            if on_result is not None:
                on_result(results[-1])
    (output / "report.json").write_text(
        json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return results


def print_result(result: FlowResult) -> None:
    """Print one finished flow's line (and its error's)."""
    mark = "PASS" if result.passed else "FAIL"
    print(
        f"  {mark}  {result.flow:<26} {result.steps:>2} steps {result.seconds:>6.2f}s"
        f"  {result.artifacts}",
        flush=True,
    )
    if result.error:
        print(f"        {result.error}", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Parse options, run the flows, print each as it ends and save the report."""
    parser = argparse.ArgumentParser(prog="python -m e2e.run", description=__doc__)
    parser.add_argument("--flow", action="append", default=[], help="full name, base or glob")
    parser.add_argument("--variant", action="append", choices=VARIANTS, help="default: all")
    parser.add_argument("--locale", action="append", choices=LOCALES, help="default: zh-CN")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="default: %(default)s")
    parser.add_argument("--base-url", help="drive an external portal (its test API must be on)")
    args = parser.parse_args(argv)
    try:
        flows = select_flows(
            args.flow, variants=args.variant or VARIANTS, locales=args.locale or ["zh-CN"]
        )
    except UnknownFlow as unknown:
        parser.error(str(unknown))
    print(f"Weilidai: {len(flows)} flows into {args.output}/", flush=True)
    results = run_flows(flows, output=args.output, base_url=args.base_url, on_result=print_result)
    failed = sum(not r.passed for r in results)
    print(
        f"\n{len(results) - failed} passed, {failed} failed · report: {args.output / 'report.json'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
