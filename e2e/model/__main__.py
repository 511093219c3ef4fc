"""``python -m e2e.model``: regenerate docs/model.md, list the paths, drive them, replay one.

python -m e2e.model                      # rewrite docs/model.md's generated part
python -m e2e.model paths                # the covering paths, one a line
python -m e2e.model run                  # every covering path in Chromium, both variants
python -m e2e.model run --walk 40 --seed 7   # ... and a random walk, replayable from its seed
python -m e2e.model replay artifacts/model/shrunk.json --variant B
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..harness.labels import VARIANTS
from ..harness.portal import portal_and_browser
from .coverage import covering_paths
from .docs import DOCS_PAGE, write
from .run import OUT, JourneyRun, coverage, replay, run_paths, run_walk, write_report
from .walk import Recording


def main(argv: list[str] | None = None) -> int:
    """Run the subcommand; return 0 when it went as the model says."""
    parser = argparse.ArgumentParser(
        prog="python -m e2e.model",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("docs", help="rewrite docs/model.md's generated part (the default)")
    commands.add_parser("paths", help="print the covering paths, one a line")
    run = commands.add_parser("run", help="drive the covering paths (and a walk) in Chromium")
    replayed = commands.add_parser("replay", help="take a recorded journey again in Chromium")
    replayed.add_argument("recording", type=Path, help="a recording's JSON file")
    for command in (run, replayed):
        command.add_argument(
            "--variant", action="append", choices=VARIANTS, help="client variant(s); default: both"
        )
        command.add_argument("--base-url", help="a running portal with its test API on")
        command.add_argument("--out", type=Path, default=OUT, help=f"default: {OUT}")
        command.add_argument(
            "--mutant",
            help="start the portal as this mutant "
            "(python -m e2e.regression mutants --list lists them)",
        )
    run.add_argument("--walk", type=int, default=0, metavar="STEPS", help="random walk length")
    run.add_argument("--seed", type=int, default=1, help="the random walk's seed (default 1)")
    run.add_argument(
        "--path", type=int, action="append", metavar="N", help="only covering path N (see paths)"
    )
    args = parser.parse_args(argv)
    if args.command in (None, "docs"):
        changed = write()
        print(f"{DOCS_PAGE}: {'rewritten' if changed else 'already up to date'}")
        return 0
    if args.command == "paths":
        for index, path in enumerate(covering_paths()):
            print(f"{index:02d} {path.describe()}")
        return 0
    variants = args.variant or list(VARIANTS)
    if args.command == "replay":
        try:
            recording = Recording.from_json(json.loads(args.recording.read_text("utf-8")))
        except (OSError, ValueError, KeyError) as problem:
            print(f"cannot replay {args.recording}: {problem}", file=sys.stderr)
            return 2
        with portal_and_browser(args.base_url, mutant=args.mutant) as (browser, url):
            runs = [replay(browser, url, variant, recording, out=args.out) for variant in variants]
        for one in runs:
            _print(one)
        print(f"Report: {write_report(runs, args.out, mutant=args.mutant)}")
        return 0 if all(one.passed for one in runs) else 1
    with portal_and_browser(args.base_url, mutant=args.mutant) as (browser, url):
        runs = run_paths(browser, url, variants, only=args.path, out=args.out, progress=_print)
        if args.walk:
            for variant in variants:
                walk = run_walk(browser, url, variant, args.seed, args.walk, out=args.out)
                _print(walk)
                runs.append(walk)
    report = write_report(runs, args.out, mutant=args.mutant)
    covered = coverage(runs)
    for cover in covered:
        print(cover.line())
    print(f"Report: {report}")
    complete = args.path is not None or all(cover.complete for cover in covered)
    return 0 if complete and all(one.passed for one in runs) else 1


def _print(run: JourneyRun) -> None:
    result = "passed" if run.passed else f"FAILED at {run.failed_at}: {run.error}"
    print(f"{run.name:16} {run.seconds:5.1f} s  {len(run.taken):2} steps  {result}", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
