"""The landing page, ``artifacts/index.html``: what ran, on which commit, and every result.

See docs/results.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import history
from .history import Ran
from .kinds import KINDS
from .pages import Pages
from .results import FAILED, PASSED, UNREADABLE, Result

INDEX = "index.html"
SHOWN_RUNS = 30  # the newest commands listed; history.json keeps more


@dataclass(frozen=True)
class Command:
    """A command that ran, as the page lists it: where its output is, if that is a result."""

    ran: Ran
    output_href: str  # the page of the result it wrote, if any


def _output_page(output: str, artifacts: Path, results: list[Result]) -> str:
    folder = Path(output)
    if not folder.is_absolute():
        folder = Path.cwd() / folder
    try:
        inside = folder.resolve().relative_to(artifacts.resolve()).as_posix()
    except ValueError:
        return ""
    for result in results:
        if result.page and (result.page == inside or result.page.startswith(f"{inside}/")):
            return result.page
    return ""


def build(artifacts: Path) -> Path:
    """Rewrite ``artifacts/index.html`` (and each result's page) from what is there; return it."""
    artifacts.mkdir(parents=True, exist_ok=True)
    pages = Pages(artifacts)
    results = [kind.gather(artifacts, pages) for kind in KINDS]
    problem = ""
    try:
        ran = history.load(artifacts)
    except (OSError, ValueError) as wrong:
        ran, problem = [], f"{history.HISTORY} could not be read: {wrong}"
    commands = [Command(r, _output_page(r.output, artifacts, results)) for r in reversed(ran)]
    present = [result for result in results if result.ran]
    pages.write(
        "landing.html",
        INDEX,
        results=results,
        present=present,
        failed=[r for r in present if r.status == FAILED],
        unreadable=[r for r in present if r.status == UNREADABLE],
        passed=[r for r in present if r.status == PASSED],
        commands=commands[:SHOWN_RUNS],
        more_commands=max(len(commands) - SHOWN_RUNS, 0),
        history_problem=problem,
        last=commands[0].ran if commands else None,
    )
    return artifacts / INDEX
