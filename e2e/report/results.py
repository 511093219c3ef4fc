"""A result on the landing page: whether its tool ran, how it went, its page and its JSON.

Each kind of result (``kinds.py``) names the file whose presence says its tool ran and fills in
the rest from its data. A result whose file is absent is *not run*; one whose data cannot be read
is *unreadable*, with the reason, and its stale page is removed: the landing page never links to
a page that is not there.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from .pages import Pages, when

PASSED = "passed"
FAILED = "failed"
MEASURED = "measured"  # figures without a verdict: the bench
UNKNOWN = "unknown"  # written by a tool before it wrote the JSON this page reads
NOT_RUN = "not run"
UNREADABLE = "unreadable"
STATUSES = (PASSED, FAILED, MEASURED, UNKNOWN, NOT_RUN, UNREADABLE)


@dataclass(frozen=True)
class Link:
    """A link to a file under ``artifacts/`` that exists."""

    text: str
    href: str
    lang: str = ""


@dataclass(frozen=True)
class Row:
    """One item of a result listed on the landing page: a flow of the run, a walkthrough."""

    status: str
    name: str
    title: str
    links: tuple[Link, ...] = ()
    said: str = ""  # the status in the result's own words ("missed"), if not the status's


@dataclass
class Result:
    """One kind of result as it stands under ``artifacts/``."""

    key: str
    title: str
    about: str  # what it is, one sentence
    make: str  # the command that makes it
    status: str = NOT_RUN
    summary: str = ""
    page: str = ""  # its HTML page, relative to artifacts/
    data: str = ""  # its JSON, relative to artifacts/
    written: str = ""  # when its file was written
    problem: str = ""  # why it is unreadable
    rows: list[Row] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)  # more of its files: Markdown, logs

    @property
    def ran(self) -> bool:
        """Say whether its tool left anything to show."""
        return self.status != NOT_RUN


Fill = Callable[[Result, Path, Pages], None]
# What bad data raises while it is read and rendered (json's errors are ValueErrors).
BAD_DATA = (OSError, ValueError, LookupError, TypeError, AttributeError, TemplateError)


@dataclass(frozen=True)
class Kind:
    """A kind of result: its name, the file that says it ran, and how to read it."""

    key: str
    title: str
    about: str
    make: str
    source: str  # relative to artifacts/: present once its tool has run
    fill: Fill  # sets data (the JSON it reads, first), status, summary, rows; writes its page
    own_page: str = ""  # the page this package writes for it, relative to artifacts/

    def gather(self, artifacts: Path, pages: Pages) -> Result:
        """Return the result as it stands, its page rewritten (or removed if it has no data)."""
        result = Result(self.key, self.title, self.about, self.make)
        source = artifacts / self.source
        if not source.is_file():
            self._remove_page(artifacts)
            return result
        result.written = when(source.stat().st_mtime)
        try:
            self.fill(result, artifacts, pages)
        except BAD_DATA as wrong:
            self._remove_page(artifacts)
            culprit = result.data or self.source  # the JSON it was reading, else its one file
            result.status, result.summary = UNREADABLE, ""
            result.page, result.data, result.rows = "", "", []
            result.problem = f"{culprit} could not be read: {type(wrong).__name__}: {wrong}"
            result.links = [Link(f"the file ({Path(culprit).name})", culprit)]
        return result

    def _remove_page(self, artifacts: Path) -> None:
        if self.own_page:
            (artifacts / self.own_page).unlink(missing_ok=True)


def read_json(path: Path, shape: type[list[Any]] | type[dict[str, Any]]) -> Any:
    """Return the JSON in ``path``; raise ValueError if it is not a ``shape`` (list or dict)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, shape):
        raise ValueError(f"expected a JSON {'array' if shape is list else 'object'}")
    return data


def verdict(failed: int, total: int) -> str:
    """Return passed when nothing of ``total`` (some) failed, else failed."""
    return FAILED if failed or not total else PASSED
