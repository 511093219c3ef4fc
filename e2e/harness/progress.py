"""Progress you can watch: a bar over the items of a long command and a line per finished item.

Every ``weilidai`` command that runs longer than a few seconds (run, videos, the regression
checks, the mutants, a11y, model, bench, soak) reports through one ``Progress``: on a terminal, a
rich bar with ``i/N``, the time elapsed and an estimate of the time left, and above it a line
per finished item (its name, outcome, time and where its files are); on anything else (a CI log,
``CI`` set, a pipe) the same lines as plain text with ``[i/N]`` in front, and no bar. Progress
goes to stderr, so stdout keeps only results and paths. It lives in the harness because the
tools are siblings that may not import each other (docs/toolbelt.md#progress).

rich rather than tqdm: rich prints finished-item lines above a live bar without tearing it
(tqdm needs ``tqdm.write`` and redraws), colours outcomes, and says whether its console is a
terminal; tqdm draws only the bar.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as Bar
from rich.text import Text

# Outcomes shown in green; any other outcome (FAIL, DRIFT, MISSED, …) is shown in red.
GOOD = frozenset({"PASS", "ok", "passed", "filmed", "caught", "accepted", "unchanged", "covered"})


def on_terminal(stream: IO[str] | None = None) -> bool:
    """Say whether a person is watching ``stream`` (stderr): a terminal, and not CI."""
    stream = sys.stderr if stream is None else stream
    return not os.environ.get("CI") and stream.isatty()


def seconds_text(seconds: float) -> str:
    """Return a duration as a person reads it: ``4.2s``, ``3m07s``."""
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}m{rest:02d}s"


class Progress:
    """A bar over ``total`` items titled ``title``, and a line per finished item, on stderr.

    Use it as a context manager; call ``done`` as each item ends (in any order) and ``say`` for
    a line that is not an item. ``live`` forces the bar on or off (default: ``on_terminal``).
    """

    def __init__(
        self,
        title: str,
        total: int,
        *,
        stream: IO[str] | None = None,
        live: bool | None = None,
    ) -> None:
        self.title, self.total, self.finished = title, total, 0
        self.stream = sys.stderr if stream is None else stream
        self.live = on_terminal(self.stream) if live is None else live
        self.started = time.perf_counter()
        self._bar: Bar | None = None
        self._task: TaskID | None = None
        if self.live:
            console = Console(file=self.stream, force_terminal=True, highlight=False)
            self._bar = Bar(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("elapsed"),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                console=console,
            )
            self._task = self._bar.add_task(title, total=total)

    def __enter__(self) -> Self:
        if self._bar is not None:
            self._bar.start()
        else:
            self._plain(f"{self.title}: {self.total} to go")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    @property
    def elapsed(self) -> float:
        """Seconds since the bar was made."""
        return time.perf_counter() - self.started

    def done(
        self,
        name: str,
        outcome: str,
        seconds: float,
        where: Path | str | None = None,
        *,
        notes: Sequence[str] = (),
    ) -> None:
        """Count one item as finished and print its line (and ``notes`` under it)."""
        self.finished += 1
        counter = f"[{self.finished:>{len(str(self.total))}}/{self.total}]"
        fields = [f"{outcome:<6}", name, seconds_text(seconds)]
        if where is not None:
            fields.append(str(where))
        if self._bar is None:
            self._plain(" ".join([counter, *fields]))
            for note in notes:
                self._plain(f"{' ' * len(counter)}   {note}")
            return
        line = Text(f"{counter} ")
        line.append(fields[0], style="green" if outcome in GOOD else "bold red")
        line.append(" " + " ".join(fields[1:]))
        self._bar.console.print(line, soft_wrap=True)
        for note in notes:
            self._bar.console.print(Text(f"{' ' * len(counter)}   {note}"), soft_wrap=True)
        if self._task is not None:
            self._bar.advance(self._task)

    def say(self, text: str) -> None:
        """Print a line that is not an item (a phase starting, a warning), above the bar."""
        if self._bar is None:
            self._plain(text)
        else:
            self._bar.console.print(Text(text), soft_wrap=True)

    def _plain(self, text: str) -> None:
        print(text, file=self.stream, flush=True)
