"""``weilidai videos`` (``python -m e2e.walkthrough``): film the flows, their guides, the gallery.

``film_flows`` films the chosen flows (in ``--jobs`` workers, each with its own portal) and
``write_gallery`` rebuilds ``index.html``; ``weilidai run`` calls both for the flows that passed.
See docs/videos.md and docs/toolbelt.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import click
from playwright.sync_api import Browser

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
from ..harness.flows import every_flow
from ..harness.journey import Flow
from ..harness.labels import LABEL_TABLE, LOCALES, VARIANTS
from ..harness.progress import Progress, seconds_text
from ..harness.workers import each_flow
from . import gallery
from .produce import Walkthrough, record_walkthrough
from .recorder import Pace

DEFAULT_OUTPUT = Path("artifacts/walkthroughs")
Filmed = tuple[Walkthrough, float]  # what was recorded of a flow, and the seconds it took


def flows_for(variants: list[str], locale: str = "zh-CN") -> list[Flow]:
    """Return every flow of ``variants`` in ``locale``, grouped by flow (close_account_A,
    close_account_B, …)."""
    per_variant = [every_flow(LABEL_TABLE[v, locale]) for v in variants]
    order: list[str] = []
    for flows in per_variant:
        order += [f.base for f in flows if f.base not in order]
    every = [f for flows in per_variant for f in flows]
    return sorted(every, key=lambda f: (order.index(f.base), f.name))


def record_all(
    browser: Browser, base_url: str, flows: list[Flow], out: Path, pace: Pace, *, reset: bool = True
) -> list[Walkthrough]:
    """Record ``flows`` one after another into ``out`` and return what was recorded."""
    return [record_walkthrough(browser, base_url, f, out, pace, reset=reset) for f in flows]


def film_flow(out: Path, pace: Pace, browser: Browser, base_url: str, flow: Flow) -> Filmed:
    """Film one flow into ``out``; return what was recorded and how long it took."""
    started = time.perf_counter()
    walk = record_walkthrough(browser, base_url, flow, out, pace)
    return walk, time.perf_counter() - started


def film_flows(
    flows: Sequence[Flow],
    *,
    output: Path = DEFAULT_OUTPUT,
    pace: Pace | None = None,
    jobs: int = 1,
    base_url: str | None = None,
    mutant: str | None = None,
    on_walk: Callable[[Walkthrough, float], None] | None = None,
) -> list[Walkthrough]:
    """Film ``flows`` into ``output`` (``jobs`` at a time); return them in the order given.

    ``on_walk`` hears of each as it is written, with the seconds it took. The gallery is not
    rebuilt: ``write_gallery`` does that.
    """
    output.mkdir(parents=True, exist_ok=True)
    filming = partial(film_flow, output, pace or Pace())
    walks: dict[str, Walkthrough] = {}
    for flow, (walk, seconds) in each_flow(
        filming, flows, jobs=jobs, base_url=base_url, mutant=mutant
    ):
        walks[flow.name] = walk
        if on_walk is not None:
            on_walk(walk, seconds)
    return [walks[flow.name] for flow in flows]


def film_watched(
    flows: Sequence[Flow],
    *,
    output: Path,
    pace: Pace,
    jobs: int,
    base_url: str | None,
    mutant: str | None,
) -> list[Walkthrough]:
    """``film_flows`` with a progress bar and a line per video as it is written (stderr)."""
    with Progress("Videos", len(flows)) as progress:

        def show(walk: Walkthrough, seconds: float) -> None:
            mark = "filmed" if walk.passed else "FAIL"
            notes = [walk.error] if walk.error else []
            if walk.passed:
                notes.append(f"video {seconds_text(walk.duration)}, {walk.step_count} steps")
            where = output / walk.file(".mp4" if walk.passed else ".error.txt")
            progress.done(walk.name, mark, seconds, where, notes=notes)

        return film_flows(
            flows,
            output=output,
            pace=pace,
            jobs=jobs,
            base_url=base_url,
            mutant=mutant,
            on_walk=show,
        )


def write_gallery(out: Path) -> Path:
    """Rebuild ``index.html`` and ``manifest.json`` from every walkthrough in ``out``."""
    order = [f.name for locale in LOCALES for f in flows_for(list(VARIANTS), locale)]
    return gallery.write(gallery.load(out, order), out)


pace_option = click.option(
    "--pace",
    type=click.FloatRange(min=0),
    default=Pace().seconds,
    show_default=True,
    metavar="SECONDS",
    help="how long each step's result stays on screen; cards and taps scale with it; "
    "0 films at full speed",
)


@click.command(name="videos", short_help="film a walkthrough video and guide per flow; the gallery")
@flow_option
@variant_option
@locale_option
@pace_option
@base_url_option
@mutant_option
@jobs_option
@output_option(str(DEFAULT_OUTPUT))
@list_option
def command(
    flows: tuple[str, ...],
    variants: tuple[str, ...],
    locales: tuple[str, ...],
    pace: float,
    base_url: str | None,
    mutant: str | None,
    jobs: int,
    output: Path,
    list_only: bool,
) -> None:
    """Film a walkthrough video and guide per flow, then rebuild the gallery (index.html).

    Filming a flow again replaces its files and keeps the rest of the gallery. Exit status 1
    if a flow failed (its partial video and guide are kept). docs/videos.md.
    """
    chosen = chosen_flows(flows, variants, locales)
    if list_only:
        echo_flows(chosen)
        return
    walks = film_watched(
        chosen, output=output, pace=Pace(pace), jobs=jobs, base_url=base_url, mutant=mutant
    )
    index = write_gallery(output)
    failed = [walk.name for walk in walks if not walk.passed]
    status = f"{len(walks)} filmed" if not failed else f"{len(failed)} of {len(walks)} failed"
    click.echo(status + (f" ({', '.join(failed)})" if failed else "") + f" · gallery: {index}")
    if failed:
        raise SystemExit(1)
