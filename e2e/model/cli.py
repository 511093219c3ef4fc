"""``weilidai model`` (``python -m e2e.model``): the account's life as a state graph, driven in
Chromium, and the one command that writes into the source tree when asked (``model docs``).

weilidai model docs                        # rewrite docs/model.md's generated part
weilidai model paths                       # the covering paths, one a line
weilidai model run                         # every covering path in Chromium, both variants
weilidai model run --walk 40 --seed 7      # ... and a random walk, replayable from its seed
weilidai model replay artifacts/model/walk-7-A.json --variant B

See docs/model.md.
"""

from __future__ import annotations

import difflib
import fnmatch
import json
from collections.abc import Sequence
from pathlib import Path

import click

from ..harness.flags import base_url_option, list_option, mutant_option, output_option
from ..harness.labels import VARIANTS
from ..harness.portal import portal_and_browser
from ..harness.progress import Progress
from .coverage import covering_paths
from .docs import DOCS_PAGE, write
from .run import OUT, JourneyRun, coverage, replay, run_paths, run_walk, write_report
from .walk import Recording

# The model's journeys are its own, not the registry's flows, so it takes --journey, not --flow;
# it drives the Chinese screens only (its hands use the variant's Chinese labels), so no --locale.
variant_option = click.option(
    "--variant",
    "variants",
    multiple=True,
    type=click.Choice(VARIANTS),
    default=VARIANTS,
    show_default=True,
    help="client variant; repeatable",
)


def path_name(index: int) -> str:
    """Return the name ``--journey`` knows covering path ``index`` by: ``path-03``."""
    return f"path-{index:02d}"


def chosen_paths(wanted: Sequence[str]) -> list[int]:
    """Return the numbers of the covering paths ``wanted`` names (names or globs); all if none."""
    every = [path_name(index) for index in range(len(covering_paths()))]
    if not wanted:
        return list(range(len(every)))
    chosen: set[int] = set()
    for pattern in wanted:
        hits = [index for index, name in enumerate(every) if fnmatch.fnmatchcase(name, pattern)]
        if not hits:
            close = difflib.get_close_matches(pattern, every, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else "; --list shows them"
            raise click.BadParameter(
                f"no journey is called {pattern!r}{hint}", param_hint="'--journey'"
            )
        chosen.update(hits)
    return sorted(chosen)


@click.group(name="model", short_help="the account's life as a state graph, driven in Chromium")
def group() -> None:
    """The account's life as a state graph: its docs, its covering paths, the paths driven in
    Chromium (docs/model.md)."""


@group.command()
def docs() -> None:
    """Rewrite docs/model.md's generated part (the diagram and the tables) from the model."""
    changed = write()
    click.echo(f"{DOCS_PAGE}: {'rewritten' if changed else 'already up to date'}")


@group.command()
def paths() -> None:
    """Print the covering paths, one a line, with the names --journey takes."""
    for index, path in enumerate(covering_paths()):
        click.echo(f"{path_name(index)} {path.describe()}")


def _done(progress: Progress, run: JourneyRun) -> None:
    notes = [] if run.passed else [f"at {run.failed_at}: {run.error}"]
    where = Path(run.screenshot).parent if run.screenshot else None
    progress.done(run.name, "passed" if run.passed else "FAIL", run.seconds, where, notes=notes)


@group.command(name="run")
@click.option(
    "--journey",
    "journeys",
    multiple=True,
    metavar="NAME",
    help="a covering path by name (path-03) or glob (path-0*); repeatable  "
    "[default: every covering path]",
)
@variant_option
@click.option(
    "--walk", type=click.IntRange(min=0), default=0, metavar="STEPS", help="random walk length"
)
@click.option("--seed", type=int, default=1, show_default=True, help="the random walk's seed")
@base_url_option
@mutant_option
@output_option(str(OUT))
@list_option
def run_command(
    journeys: tuple[str, ...],
    variants: tuple[str, ...],
    walk: int,
    seed: int,
    base_url: str | None,
    mutant: str | None,
    output: Path,
    list_only: bool,
) -> None:
    """Drive the covering paths (and a random walk) in Chromium on each variant; write the
    coverage report.

    Exit status 1 if a journey failed, or (every path chosen) a transition went uncovered.
    """
    only = chosen_paths(journeys)
    if list_only:
        described = list(enumerate(covering_paths()))
        for index in only:
            click.echo(f"{path_name(index)} {described[index][1].describe()}")
        if walk:
            click.echo(f"walk-{seed} a random walk of {walk} steps from seed {seed}")
        return
    total = len(only) * len(variants) + (len(variants) if walk else 0)
    with (
        Progress("Model journeys", total) as progress,
        portal_and_browser(base_url, mutant=mutant) as (browser, url),
    ):
        runs = run_paths(
            browser,
            url,
            variants,
            only=only,
            out=output,
            progress=lambda one: _done(progress, one),
        )
        if walk:
            for variant in variants:
                walked = run_walk(browser, url, variant, seed, walk, out=output)
                _done(progress, walked)
                runs.append(walked)
    report = write_report(runs, output, mutant=mutant)
    covered = coverage(runs)
    for cover in covered:
        click.echo(cover.line())
    click.echo(f"Report: {report}")
    complete = bool(journeys) or all(cover.complete for cover in covered)
    if not (complete and all(one.passed for one in runs)):
        raise SystemExit(1)


@group.command(name="replay")
@click.argument("recording", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@variant_option
@base_url_option
@mutant_option
@output_option(str(OUT))
def replay_command(
    recording: Path,
    variants: tuple[str, ...],
    base_url: str | None,
    mutant: str | None,
    output: Path,
) -> None:
    """Take a recorded journey (a walk's or a failure's JSON file) again in Chromium."""
    try:
        recorded = Recording.from_json(json.loads(recording.read_text("utf-8")))
    except (OSError, ValueError, KeyError) as problem:
        raise click.BadParameter(f"cannot replay {recording}: {problem}") from problem
    with (
        Progress("Replays", len(variants)) as progress,
        portal_and_browser(base_url, mutant=mutant) as (browser, url),
    ):
        runs = []
        for variant in variants:
            runs.append(replay(browser, url, variant, recorded, out=output))
            _done(progress, runs[-1])
    click.echo(f"Report: {write_report(runs, output, mutant=mutant)}")
    if not all(one.passed for one in runs):
        raise SystemExit(1)
