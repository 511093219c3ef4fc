"""``python -m e2e.regression {check,update,mutants}``: the flow regression checks.

See docs/regression.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..harness.labels import LOCALES, VARIANTS
from .baselines import CHECKS, Baselines, FlowResult
from .report import write_report
from .runner import Options, run
from .screens import MAX_DIFF_PIXELS

SHOWN_LINES = 6  # drift lines printed per flow; the report has them all


def _selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--flow", action="append", default=[], help="only this flow (repeatable)")
    parser.add_argument("--variant", action="append", choices=VARIANTS, help="default: all")
    parser.add_argument(
        "--locale", action="append", choices=LOCALES, help="the phone's language; default: all"
    )
    parser.add_argument(
        "--checks",
        default=",".join(CHECKS),
        help=f"comma-separated subset of {','.join(CHECKS)} (default: all)",
    )
    parser.add_argument("--mutant", help="run against this portal mutant (see `mutants --list`)")
    parser.add_argument("--base-url", help="drive an external portal (its test API must be on)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=2,
        help="flows driven at once, each worker with its own portal and browser (default 2)",
    )
    parser.add_argument(
        "--max-diff-pixels",
        type=int,
        default=MAX_DIFF_PIXELS,
        help=f"differing pixels a screenshot may have (default {MAX_DIFF_PIXELS})",
    )


def _options(args: argparse.Namespace) -> Options:
    checks = tuple(c.strip() for c in args.checks.split(",") if c.strip())
    unknown = set(checks) - set(CHECKS)
    if unknown:
        raise SystemExit(f"unknown check(s): {', '.join(sorted(unknown))}")
    return Options(
        flows=args.flow,
        variants=args.variant or list(VARIANTS),
        locales=args.locale or list(LOCALES),
        checks=checks,
        mutant=args.mutant,
        base_url=args.base_url,
        fail_fast=getattr(args, "fail_fast", False),
        max_diff_pixels=args.max_diff_pixels,
        jobs=max(1, args.jobs),
    )


def check(args: argparse.Namespace) -> int:
    """Compare every chosen flow with its golden files; write the report."""
    options = _options(args)

    def show(_baselines: Baselines, result: FlowResult) -> None:
        run_ = result.run
        mark = "DRIFT" if result.drifted else "ok"
        print(
            f"  {mark:<6} {run_.flow:<28} {len(run_.steps)}/{len(run_.planned)} steps", flush=True
        )
        lines = result.lines()
        for line in lines[:SHOWN_LINES]:
            print(f"         {line}")
        if len(lines) > SHOWN_LINES:
            print(f"         … and {len(lines) - SHOWN_LINES} more in the report")

    print(f"Flow regression checks ({', '.join(options.checks)})", end="")
    print(f" against mutant {options.mutant}" if options.mutant else "", flush=True)
    results, baselines, url = run(options, show)
    meta = {
        "portal": url,
        "mutant": options.mutant or "none",
        "checks": ", ".join(options.checks),
        "screen baselines": str(baselines.screens_dir.relative_to(baselines.root)),
    }
    index = write_report(results, Path(args.report), meta)
    drifted = sum(r.drifted for r in results)
    print(
        f"{len(results)} flows: {len(results) - drifted} unchanged, {drifted} drifted"
        f" · baselines {baselines.screens_dir.name} · report: {index}"
    )
    return 1 if drifted else 0


def update(args: argparse.Namespace) -> int:
    """Accept what every chosen flow does now as its golden state; print what changed."""
    options = _options(args)
    changes: list[str] = []
    refused: list[str] = []

    def accept(baselines: Baselines, result: FlowResult) -> None:
        try:
            found = baselines.accept(result.run)
        except ValueError as problem:
            refused.append(str(problem))
            print(f"  NOT ACCEPTED {problem}", flush=True)
            return
        changes.extend(found)
        for line in found:
            print(f"  {line}", flush=True)

    print("Accepting the current flows as golden:", flush=True)
    results, baselines, _url = run(options, accept)
    if options.everything and not refused:
        for line in baselines.prune({r.run.flow for r in results}):
            changes.append(line)
            print(f"  {line}")
    if not changes and not refused:
        print("  nothing changed")
    print(f"{len(results)} flows · {len(changes)} changes · golden files in {baselines.root}")
    return 1 if refused else 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command."""
    parser = argparse.ArgumentParser(prog="python -m e2e.regression", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    check_parser = commands.add_parser("check", help="compare flows with their golden files")
    _selection(check_parser)
    check_parser.add_argument("--fail-fast", action="store_true", help="stop at the first drift")
    check_parser.add_argument("--report", default="artifacts/regression", help="report folder")
    check_parser.set_defaults(handler=check)

    update_parser = commands.add_parser("update", help="accept the current state as golden")
    _selection(update_parser)
    update_parser.set_defaults(handler=update)

    from .mutation import add_parser as add_mutants_parser

    add_mutants_parser(commands)
    args = parser.parse_args(argv)
    status: int = args.handler(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
