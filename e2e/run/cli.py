"""The main job: start the portal, drive every flow on every variant, write a report.

``python -m e2e.run`` (what ``make run`` calls) runs each flow headless in Chromium on the phone
profile, saves a screenshot per step under ``artifacts/run/<flow>/`` and prints one line per flow:
passed or failed, how long it took, where its artifacts are. Exit status 1 if any flow failed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from ..harness.api import PortalApi
from ..harness.browser_env import launch_options
from ..harness.devices import LOCALE, PHONE
from ..harness.flows import FLOW_SCENARIOS, Flow, Journey, Step, all_flows, run_flow
from ..harness.labels import LABELS, VARIANTS
from ..harness.portal import start_portal
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


class StepScreenshots:
    """Save a screenshot after every step: ``NN-<step>.png``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def before_step(self, index: int, step: Step, journey: Journey) -> None:
        pass

    def after_step(self, index: int, step: Step, journey: Journey, taps: list[Tap]) -> None:
        journey.page.screenshot(path=self.folder / f"{index:02d}.png")


def scenario_of(flow: Flow) -> str:
    """Return the scenario a flow starts from (its name without the variant suffix)."""
    return FLOW_SCENARIOS[flow.name.rsplit("_", 1)[0]]


def drive(browser: Browser, base_url: str, flow: Flow, variant: str, out: Path) -> FlowResult:
    """Run one flow in a fresh phone-sized context; never raise."""
    folder = out / flow.name
    context = browser.new_context(base_url=base_url, **PHONE, **LOCALE)
    started = time.perf_counter()
    error = ""
    try:
        page = context.new_page()
        api = PortalApi(context.request, base_url)
        someone = api.create_person(scenario_of(flow), variant)
        api.login(someone)
        run_flow(Journey(page, api, someone), flow.steps, [StepScreenshots(folder)])
    except Exception as problem:  # a report line per flow, whatever went wrong
        error = f"{type(problem).__name__}: {str(problem).splitlines()[0]}"
        (folder / "error.txt").write_text(traceback.format_exc(), encoding="utf-8")
    finally:
        context.close()
    return FlowResult(
        flow=flow.name,
        title=flow.title,
        variant=variant,
        passed=not error,
        seconds=round(time.perf_counter() - started, 2),
        steps=len(flow.steps),
        artifacts=str(folder),
        error=error,
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

    portal = None
    if args.base_url:
        base_url = args.base_url.rstrip("/")
    else:
        portal = start_portal(Path(tempfile.mkdtemp(prefix="portal-")) / "portal.sqlite3")
        base_url = portal.url
    results: list[FlowResult] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        with browser.new_context(base_url=base_url) as setup:
            PortalApi(setup.request, base_url).reset()
        for variant in variants:
            for flow in all_flows(LABELS[variant]):
                results.append(drive(browser, base_url, flow, variant, out))
        browser.close()
    if portal is not None:
        portal.stop()

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


if __name__ == "__main__":
    sys.exit(main())
