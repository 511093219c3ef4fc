"""The ``weilidai`` command: a subcommand per tool, the same flags everywhere (docs/toolbelt.md).

Each tool declares its own Click command with the shared flags of ``e2e/harness/flags.py``, and
``python -m e2e.<tool>`` runs that same command object; this package gathers them under one
group, adds what no single tool can do (``run``: the flows, then the films of those that passed;
``report``; ``serve``), and after every subcommand records what ran and rebuilds the landing page,
``artifacts/index.html`` (``e2e.report``, docs/results.md). The tools may not import each other,
so the main run that joins two of them lives up here, a layer above them
(docs/architecture.md#layers).

Click, not Typer: Click is already installed (Flask's own CLI is built on it), so the command
costs no dependency; Typer is Click underneath, adding type-hint declarations, its own runtime
dependencies, and a second way to spell the same option. What this command needs is Click's
plain parts: a flag declared once as a decorator and put on ten commands, a command object a
tool's ``__main__`` can run by itself, callbacks that validate lazily (the mutants' names), and
``CliRunner`` for the browserless test of every ``--help``.
"""

from __future__ import annotations

import copy
import functools
import shlex
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from mock_portal.__main__ import command as serve_command

from ..a11y.cli import command as a11y_command
from ..bench.cli import command as bench_command
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
from ..harness.progress import seconds_text
from ..model.cli import group as model_group
from ..regression.cli import group as regression_group
from ..report import build, record
from ..run.cli import DEFAULT_OUTPUT as RUN_OUTPUT
from ..run.cli import REPORT, outcome_line, run_watched
from ..soak.cli import command as soak_command
from ..trace.cli import command as trace_command
from ..walkthrough.cli import DEFAULT_OUTPUT as VIDEOS_OUTPUT
from ..walkthrough.cli import command as videos_command
from ..walkthrough.cli import film_watched, pace_option, write_gallery
from ..walkthrough.produce import clear
from ..walkthrough.recorder import Pace

ARTIFACTS = Path("artifacts")
# Subcommands that only print what there is: no run to put on the landing page.
UNRECORDED = frozenset({"model paths"})


def landing_page(
    artifacts: Path, *, command: str, ok: bool, started: datetime, seconds: float, output: Path
) -> Path:
    """Record what ran and rebuild the landing page (docs/results.md); return its path."""
    record(artifacts, command=command, ok=ok, started=started, seconds=seconds, output=output)
    return build(artifacts)


def recorded(command: click.Command, name: str) -> click.Command:
    """Return a copy of ``command`` (and of each subcommand) that, once it has run, records the
    run and rebuilds the landing page, then prints the page's path (stdout)."""
    if name in UNRECORDED:
        return command
    copied = copy.copy(command)
    if isinstance(copied, click.Group):
        copied.commands = {
            sub: recorded(each, f"{name} {sub}") for sub, each in copied.commands.items()
        }
    elif copied.callback is not None:
        copied.callback = _recording(copied.callback)
    return copied


def command_line(ctx: click.Context) -> str:
    """Return the command line that ran, as typed: the subcommands and each option given on it
    (``weilidai run --flow close_account --locale en``), not the defaults."""
    chain = [ctx]
    while chain[0].parent is not None:
        chain.insert(0, chain[0].parent)
    words: list[str] = []
    for each in chain:
        words.append(each.info_name or each.command.name or "")
        for param in each.command.params:
            if (
                not param.name
                or each.get_parameter_source(param.name) != ParameterSource.COMMANDLINE
            ):
                continue
            value = each.params[param.name]
            values = list(value) if isinstance(value, tuple | list) else [value]
            if isinstance(param, click.Argument):
                words += [str(v) for v in values]
            elif isinstance(param, click.Option) and param.is_flag:
                words.append(param.opts[0] if value else (param.secondary_opts or param.opts)[0])
            else:
                words += [part for v in values for part in (param.opts[0], str(v))]
    return shlex.join(words)


def _recording(callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args: Any, **params: Any) -> Any:
        if params.get("list_only"):
            return callback(*args, **params)
        ctx = click.get_current_context()
        artifacts: Path = ctx.find_root().params["artifacts"]
        said = command_line(ctx)
        started, clock = datetime.now().astimezone(), time.perf_counter()

        def finish(ok: bool) -> None:
            page = landing_page(
                artifacts,
                command=said,
                ok=ok,
                started=started,
                seconds=time.perf_counter() - clock,
                output=Path(params.get("output") or artifacts),
            )
            click.echo(f"Landing page: {page}")

        try:
            result = callback(*args, **params)
        except click.UsageError:
            raise  # a command line to fix, not a run to record
        except SystemExit as exit_:
            finish(exit_.code in (0, None))
            raise
        except BaseException:
            finish(False)
            raise
        finish(True)
        return result

    return run


@click.command(name="run", short_help="the main job: every flow, then films of those that passed")
@flow_option
@variant_option
@locale_option
@pace_option
@click.option(
    "--videos/--no-videos",
    default=True,
    show_default=True,
    help="film the flows that passed, once every flow has run",
)
@click.option(
    "--videos-output",
    type=click.Path(file_okay=False, path_type=Path),
    default=VIDEOS_OUTPUT,
    show_default=True,
    help="the folder the videos, guides and gallery go to",
)
@base_url_option
@mutant_option
@jobs_option
@output_option(str(RUN_OUTPUT))
@list_option
def run_command(
    flows: tuple[str, ...],
    variants: tuple[str, ...],
    locales: tuple[str, ...],
    pace: float,
    videos: bool,
    videos_output: Path,
    base_url: str | None,
    mutant: str | None,
    jobs: int,
    output: Path,
    list_only: bool,
) -> None:
    """The main job: drive every flow (a screenshot per step), then film each flow that passed.

    A failing flow stops nothing: every flow runs, the others are filmed, and the command exits
    1 at the end naming what failed. docs/toolbelt.md#the-main-run.
    """
    chosen = chosen_flows(flows, variants, locales)
    if list_only:
        echo_flows(chosen)
        return
    clock = time.perf_counter()
    results = run_watched(chosen, output=output, base_url=base_url, mutant=mutant, jobs=jobs)
    passed = [flow for flow, result in zip(chosen, results, strict=True) if result.passed]
    lines = [f"Flows:  {outcome_line(results)} · {output / REPORT}"]
    failed = [result.flow for result in results if not result.passed]
    if videos:
        for flow in chosen:
            if flow not in passed:
                clear(videos_output, flow.name)  # no film of an earlier run in the gallery
        walks = []
        if passed:
            walks = film_watched(
                passed,
                output=videos_output,
                pace=Pace(pace),
                jobs=jobs,
                base_url=base_url,
                mutant=mutant,
            )
        gallery = write_gallery(videos_output)
        unfilmed = [walk.name for walk in walks if not walk.passed]
        said = f"{len(walks) - len(unfilmed)} filmed, {len(unfilmed)} failed"
        said += f" ({', '.join(unfilmed)})" if unfilmed else ""
        lines.append(f"Videos: {said} · {gallery}")
        failed += [f"{name} (filming)" for name in unfilmed]
    lines.append(f"Time:   {seconds_text(time.perf_counter() - clock)}")
    click.echo("\n" + "\n".join(lines))
    if failed:
        click.echo(f"Failed: {', '.join(failed)}")
        raise SystemExit(1)


@click.command(name="report", short_help="rebuild the landing page from what is under artifacts/")
def report_command() -> None:
    """Rebuild the landing page (index.html) from what is under the artifacts folder."""
    artifacts: Path = click.get_current_context().find_root().params["artifacts"]
    click.echo(build(artifacts))


class Toolbelt(click.Group):
    """A group that lists its subcommands in the order they were added (the main job first)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(
    name="weilidai",
    cls=Toolbelt,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--artifacts",
    type=click.Path(file_okay=False, path_type=Path),
    default=ARTIFACTS,
    show_default=True,
    help="where the landing page (index.html) and its history of runs are kept",
)
def weilidai(artifacts: Path) -> None:
    """The Weilidai closure harness's tools, one command with the same flags everywhere.

    Every subcommand's --help lists its flags; docs/toolbelt.md has them all. After each one,
    the landing page lists what ran and links every result.
    """


TOOLS: Sequence[tuple[str, click.Command]] = (
    ("run", run_command),
    ("videos", videos_command),
    ("regression", regression_group),
    ("model", model_group),
    ("a11y", a11y_command),
    ("trace", trace_command),
    ("bench", bench_command),
    ("soak", soak_command),
)
for _name, _command in TOOLS:
    weilidai.add_command(recorded(_command, _name), _name)
weilidai.add_command(serve_command, "serve")
weilidai.add_command(report_command, "report")


def main() -> None:
    """Run the command (the console script ``weilidai``)."""
    weilidai(prog_name="weilidai")
