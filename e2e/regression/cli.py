"""``weilidai regression check|update|mutants`` (``python -m e2e.regression``): the flow regression
checks, accepting a new golden state, and the mutants that check the checks.

See docs/regression.md.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

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
from ..harness.progress import Progress
from .baselines import CHECKS, Baselines, FlowResult
from .mutants import MUTANTS
from .mutation import DEFAULT_OUTPUT as MUTANTS_OUTPUT
from .mutation import run_mutants
from .report import write_report
from .runner import Options, run
from .screens import MAX_DIFF_PIXELS

DEFAULT_OUTPUT = "artifacts/regression"
SHOWN_LINES = 6  # drift lines printed per flow; the report has them all

F = TypeVar("F", bound=Callable[..., Any])


def _checks(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    checks = tuple(c.strip() for c in value.split(",") if c.strip())
    unknown = set(checks) - set(CHECKS)
    if unknown:
        raise click.BadParameter(f"unknown check(s) {', '.join(sorted(unknown))}")
    return checks


def selection(command: F) -> F:
    """Add the options ``check`` and ``update`` share: which flows, which checks, which portal."""
    for option in reversed(
        [
            flow_option,
            variant_option,
            locale_option,
            click.option(
                "--checks",
                metavar="LIST",
                default=",".join(CHECKS),
                show_default=True,
                callback=_checks,
                help="the checks to make, comma-separated",
            ),
            click.option(
                "--max-diff-pixels",
                metavar="N",
                type=click.IntRange(min=0),
                default=MAX_DIFF_PIXELS,
                show_default=True,
                help="differing pixels a screenshot may have",
            ),
            base_url_option,
            mutant_option,
            jobs_option,
        ]
    ):
        command = option(command)
    return command


def options_of(params: dict[str, Any], *, fail_fast: bool = False) -> Options:
    """Return the runner's options from the command's parameters."""
    return Options(
        flows=list(params["flows"]),
        variants=list(params["variants"]),
        locales=list(params["locales"]),
        checks=params["checks"],
        mutant=params["mutant"],
        base_url=params["base_url"],
        fail_fast=fail_fast,
        max_diff_pixels=params["max_diff_pixels"],
        jobs=params["jobs"],
    )


@click.group(name="regression", short_help="compare the flows with their golden files; mutants")
def group() -> None:
    """The flow regression checks: each flow's path, ARIA structure and look against its golden
    files (docs/regression.md)."""


@group.command()
@selection
@click.option("--fail-fast", is_flag=True, help="stop at the first drift")
@output_option(DEFAULT_OUTPUT)
@list_option
def check(output: Path, fail_fast: bool, list_only: bool, **params: Any) -> None:
    """Compare every chosen flow with its golden files; write the drift report (index.html).

    Exit status 1 on any drift or missing baseline.
    """
    chosen = chosen_flows(params["flows"], params["variants"], params["locales"])
    if list_only:
        echo_flows(chosen)
        return
    options = options_of(params, fail_fast=fail_fast)
    title = "Regression checks" + (f" against mutant {options.mutant}" if options.mutant else "")
    with Progress(title, len(chosen)) as progress:
        progress.say(f"checks: {', '.join(options.checks)}")

        def show(_baselines: Baselines, result: FlowResult) -> None:
            lines = result.lines()
            notes = lines[:SHOWN_LINES]
            if len(lines) > SHOWN_LINES:
                notes.append(f"… and {len(lines) - SHOWN_LINES} more in the report")
            mark, where = ("DRIFT", output / result.run.flow) if result.drifted else ("ok", None)
            progress.done(result.run.flow, mark, result.run.seconds, where, notes=notes)

        results, baselines, url = run(options, show)
    meta = {
        "portal": url,
        "mutant": options.mutant or "none",
        "checks": ", ".join(options.checks),
        "screen baselines": str(baselines.screens_dir.relative_to(baselines.root)),
    }
    index = write_report(results, output, meta)
    drifted = sum(r.drifted for r in results)
    click.echo(
        f"{len(results)} flows: {len(results) - drifted} unchanged, {drifted} drifted"
        f" · baselines {baselines.screens_dir.name} · report: {index}"
    )
    if drifted:
        raise SystemExit(1)


@group.command()
@selection
@list_option
def update(list_only: bool, **params: Any) -> None:
    """Accept what every chosen flow does now as its golden state; print what changed.

    Golden files of flows that no longer exist go only when every flow of both variants and
    languages was chosen. Exit status 1 if a flow did not complete (it is not accepted).
    """
    chosen = chosen_flows(params["flows"], params["variants"], params["locales"])
    if list_only:
        echo_flows(chosen)
        return
    options = options_of(params)
    changes: list[str] = []
    refused: list[str] = []
    with Progress("Accepting the flows as golden", len(chosen)) as progress:

        def accept(baselines: Baselines, result: FlowResult) -> None:
            try:
                found = baselines.accept(result.run)
            except ValueError as problem:
                refused.append(str(problem))
                progress.done(result.run.flow, "REFUSED", result.run.seconds, notes=[str(problem)])
                return
            changes.extend(found)
            mark = "accepted" if found else "unchanged"
            progress.done(result.run.flow, mark, result.run.seconds, notes=found)

        results, baselines, _url = run(options, accept)
    if options.everything and not refused:
        for line in baselines.prune({r.run.flow for r in results}):
            changes.append(line)
            click.echo(f"  {line}")
    click.echo(f"{len(results)} flows · {len(changes)} changes · golden files in {baselines.root}")
    if refused:
        raise SystemExit(1)


@group.command()
@click.argument("mutants", nargs=-1, metavar="[MUTANT]...")
@click.option("--skip-control", is_flag=True, help="skip the unmutated portal's run")
@jobs_option
@output_option(MUTANTS_OUTPUT)
@list_option
def mutants(
    mutants: tuple[str, ...], skip_control: bool, jobs: int, output: Path, list_only: bool
) -> None:
    """Check that the e2e suite (-x) and the regression checks (--fail-fast) catch every portal
    mutant (or those named); print the score.

    The unmutated portal (the control) runs first and must pass. Exit status 1 if a mutant was
    missed, 2 if the control failed. (--mutant, elsewhere, starts one portal as a mutant; here
    the mutants to try are named as arguments.)
    """
    unknown = sorted(set(mutants) - set(MUTANTS))
    if unknown:
        raise click.BadParameter(
            f"no mutant is called {', '.join(unknown)}; --list names them",
            param_hint="'[MUTANT]...'",
        )
    status = run_mutants(
        list(mutants), jobs=jobs, output=output, skip_control=skip_control, list_only=list_only
    )
    if status:
        raise SystemExit(status)
