"""The article's requirements as data: read from ``article.toml``, checked as they are read.

Each requirement has a short id, the article's words verbatim, a plain-English gloss and, where
the words leave room or the portal lacks the feature, a note or a gap. How to add one:
docs/writing-tests.md#requirements.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ARTICLE = Path(__file__).with_name("article.toml")
ID = re.compile(r"[A-Z]+(?:-[A-Z0-9]+)+")
SECTION_KEYS = {"heading", "where", "requirement"}
REQUIRED_KEYS = {"id", "text", "gloss"}
OPTIONAL_KEYS = {"note", "gap"}


class ArticleError(ValueError):
    """The data file is malformed: a missing key, a duplicate or badly formed id."""


@dataclass(frozen=True)
class Requirement:
    """One instruction, rule or warning of the article."""

    id: str
    text: str  # the article's words, verbatim
    gloss: str  # what the portal must do, in plain English
    note: str = ""  # how the portal reads the words, where they leave room
    gap: str = ""  # why the portal does not implement it; then no test is expected

    @property
    def anchor(self) -> str:
        """Return the id as a Markdown heading anchor (lower case)."""
        return self.id.lower()


@dataclass(frozen=True)
class Section:
    """A part of the article: under one of its headings, or before the first."""

    heading: str  # verbatim; empty where the article has none
    where: str  # said instead of a heading, e.g. "the opening paragraph"
    requirements: tuple[Requirement, ...]

    @property
    def title(self) -> str:
        """Return the heading, or where the section is."""
        return self.heading or f"({self.where})"


def load(path: Path = ARTICLE) -> tuple[Section, ...]:
    """Read the sections of the article and their requirements; fail on a malformed file."""
    with path.open("rb") as data:
        raw = tomllib.load(data)
    sections = tuple(_section(path, item) for item in raw.get("section", []))
    seen: set[str] = set()
    for requirement in (r for section in sections for r in section.requirements):
        if requirement.id in seen:
            raise ArticleError(f"{path}: requirement {requirement.id} appears twice")
        seen.add(requirement.id)
    return sections


@cache
def by_id(path: Path = ARTICLE) -> dict[str, Requirement]:
    """Return every requirement by its id, in the article's order."""
    return {r.id: r for section in load(path) for r in section.requirements}


def _section(path: Path, item: dict[str, object]) -> Section:
    unknown = set(item) - SECTION_KEYS
    heading, where = str(item.get("heading", "")), str(item.get("where", ""))
    if unknown or not (heading or where):
        raise ArticleError(f"{path}: a section needs a heading or a where, and only those keys")
    listed = item.get("requirement", [])
    if not isinstance(listed, list) or not listed:
        raise ArticleError(f"{path}: section {heading or where!r} lists no requirement")
    return Section(heading, where, tuple(_requirement(path, entry) for entry in listed))


def _requirement(path: Path, entry: dict[str, str]) -> Requirement:
    name = entry.get("id", "?")
    missing = REQUIRED_KEYS - {key for key, value in entry.items() if value}
    unknown = set(entry) - REQUIRED_KEYS - OPTIONAL_KEYS
    if missing or unknown:
        raise ArticleError(
            f"{path}: requirement {name}: missing {sorted(missing)}, unknown {sorted(unknown)}"
        )
    if not ID.fullmatch(name):
        raise ArticleError(f"{path}: requirement id {name!r} is not like PAUSE-HIDES-ENTRY")
    return Requirement(**entry)
