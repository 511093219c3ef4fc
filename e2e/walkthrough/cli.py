"""``python -m e2e.walkthrough``: record walkthroughs of the flows, write guides and the gallery.

See docs/videos.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import Browser

from ..harness.flows import every_flow
from ..harness.journey import Flow
from ..harness.labels import LABEL_TABLE, LOCALES, VARIANTS
from ..harness.portal import portal_and_browser
from . import gallery
from .produce import Walkthrough, record_walkthrough
from .recorder import Pace

DEFAULT_OUTPUT = Path("artifacts/walkthroughs")
DEFAULT_JOBS = min(3, os.cpu_count() or 1)


def flows_for(variants: list[str], locale: str = "zh-CN") -> list[Flow]:
    """Return every flow of ``variants`` in ``locale``, grouped by flow (close_account_A,
    close_account_B, …)."""
    per_variant = [every_flow(LABEL_TABLE[v, locale]) for v in variants]
    order: list[str] = []
    for flows in per_variant:
        order += [f.base for f in flows if f.base not in order]
    every = [f for flows in per_variant for f in flows]
    return sorted(every, key=lambda f: (order.index(f.base), f.name))


def choose(flows: list[Flow], wanted: list[str] | None) -> list[Flow]:
    """Keep the flows named in ``wanted`` (full names or base names); all if None."""
    if not wanted:
        return flows
    known = {f.name for f in flows} | {f.base for f in flows}
    unknown = [w for w in wanted if w not in known]
    if unknown:
        raise SystemExit(
            f"unknown flow(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    return [f for f in flows if f.name in wanted or f.base in wanted]


def record_all(
    browser: Browser, base_url: str, flows: list[Flow], out: Path, pace: Pace, *, reset: bool = True
) -> list[Walkthrough]:
    """Record ``flows`` one after another into ``out`` and return what was recorded."""
    out.mkdir(parents=True, exist_ok=True)
    walks = []
    for flow in flows:
        started = time.perf_counter()
        walk = record_walkthrough(browser, base_url, flow, out, pace, reset=reset)
        walks.append(walk)
        mark = "ok  " if walk.passed else "FAIL"
        print(
            f"  {mark} {walk.name:<24} {walk.step_count:>2} steps  video {walk.duration:5.1f}s"
            f"  mp4 {walk.mp4_bytes / 1e6:5.2f} MB  (took {time.perf_counter() - started:5.1f}s)",
            flush=True,
        )
        if walk.error:
            print(f"        {walk.error}", flush=True)
    return walks


def write_gallery(out: Path) -> Path:
    """Rebuild ``index.html`` and ``manifest.json`` from every walkthrough in ``out``."""
    order = [f.name for locale in LOCALES for f in flows_for(list(VARIANTS), locale)]
    return gallery.write(gallery.load(out, order), out)


def split(flows: list[Flow], jobs: int) -> list[list[Flow]]:
    """Share flows among ``jobs`` workers, longest first, so they finish at about the same time."""
    shares: list[list[Flow]] = [[] for _ in range(min(jobs, len(flows)))]
    for flow in sorted(flows, key=lambda f: -len(f.steps)):
        min(shares, key=lambda share: sum(len(f.steps) for f in share)).append(flow)
    return shares


def run_workers(flows: list[Flow], args: argparse.Namespace) -> int:
    """Record in ``args.jobs`` child processes; return how many flows failed."""
    workers = []
    for share in split(flows, args.jobs):
        command = [sys.executable, "-m", "e2e.walkthrough", "--jobs", "1", "--no-gallery"]
        command += ["--pace", str(args.pace), "--output", str(args.output)]
        command += ["--locale", args.locale]
        for flow in share:
            command += ["--flow", flow.name]
        workers.append(subprocess.Popen(command))
    for worker in workers:
        worker.wait()
    recorded = {walk.name: walk for walk in gallery.load(args.output)}
    return sum(f.name not in recorded or not recorded[f.name].passed for f in flows)


def record_here(flows: list[Flow], args: argparse.Namespace) -> int:
    """Record in this process; return how many flows failed."""
    with portal_and_browser(args.base_url) as (browser, base_url):
        walks = record_all(browser, base_url, flows, args.output, Pace(args.pace))
    return sum(not w.passed for w in walks)


def main(argv: list[str] | None = None) -> int:
    """Parse options, record the chosen flows, print a summary."""
    parser = argparse.ArgumentParser(prog="python -m e2e.walkthrough", description=__doc__)
    parser.add_argument(
        "--flow",
        action="append",
        metavar="NAME",
        help="a flow to record, by full name (close_account_A) or base name (close_account); "
        "repeatable; default: all",
    )
    parser.add_argument("--variant", action="append", choices=VARIANTS, help="default: all")
    parser.add_argument(
        "--locale",
        choices=LOCALES,
        default="zh-CN",
        help="the phone's language: the portal, captions and cards in it (default: %(default)s)",
    )
    parser.add_argument(
        "--pace",
        type=float,
        default=Pace().seconds,
        help="seconds each step's result stays on screen; cards and taps scale with it; "
        "0 records at full speed (default: %(default)s)",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="default: %(default)s")
    parser.add_argument(
        "--jobs",
        type=int,
        default=DEFAULT_JOBS,
        help="flows recorded at once, one process each (default: %(default)s)",
    )
    parser.add_argument(
        "--base-url", help="drive an external portal (its test API must be on; implies --jobs 1)"
    )
    parser.add_argument("--list", action="store_true", help="list the flows and exit")
    parser.add_argument("--no-gallery", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.pace < 0:
        parser.error("--pace must be 0 or more")
    if args.jobs < 1:
        parser.error("--jobs must be 1 or more")

    flows = choose(flows_for(args.variant or list(VARIANTS), args.locale), args.flow)
    if args.list:
        for flow in flows:
            print(f"{flow.name:<24} {len(flow.steps):>2} steps  {flow.own_title}")
        return 0

    started = time.perf_counter()
    args.output.mkdir(parents=True, exist_ok=True)
    if args.jobs > 1 and len(flows) > 1 and not args.base_url:
        print(
            f"Recording {len(flows)} walkthrough(s) at pace {args.pace}s, {args.jobs} at a time,"
            f" into {args.output}/",
            flush=True,
        )
        failed = run_workers(flows, args)
    else:
        if not args.no_gallery:
            print(f"Recording {len(flows)} walkthrough(s) at pace {args.pace}s into {args.output}/")
        failed = record_here(flows, args)
    if args.no_gallery:
        return 1 if failed else 0
    index = write_gallery(args.output)
    status = f"{len(flows)} recorded" if not failed else f"{failed} of {len(flows)} failed"
    print(f"\n{status} in {time.perf_counter() - started:.0f}s · gallery: {index.resolve()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
