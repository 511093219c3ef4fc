"""Writing the results' pages: the Jinja templates in ``templates/``, and links that always work.

Every page is written into ``artifacts/`` or a folder of it and links only to files that exist
there, by relative paths, so the pages work opened from disk (file://) and moved as a whole.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

# Chinese, Japanese and Korean characters: a text with one is Chinese here (a title, a step).
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def lang_of(text: str) -> str:
    """Return the language a title or step name is in: ``zh-CN`` if it has a Chinese character."""
    return "zh-CN" if _CJK.search(text) else "en"


def when(moment: datetime | float) -> str:
    """Return a moment (a datetime or a file's mtime) as local ``YYYY-MM-DD HH:MM``."""
    if not isinstance(moment, datetime):
        moment = datetime.fromtimestamp(moment)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def href(target: Path, page_folder: Path) -> str:
    """Return the relative link from a page in ``page_folder`` to ``target``."""
    return Path(os.path.relpath(target, page_folder)).as_posix()


def locate(stored: str, folder: Path) -> Path | None:
    """Return the file a tool's report names as ``stored``, if it is in ``folder``.

    Tools write paths as they were given (relative to where the command ran, or absolute); the
    file is found there, or by its trailing parts under ``folder`` when the artifacts moved.
    """
    if not stored:
        return None
    named = Path(stored)
    candidates = [named] if named.is_absolute() else [Path.cwd() / named]
    candidates += [folder.joinpath(*named.parts[n:]) for n in range(len(named.parts))]
    root = folder.resolve()
    for candidate in candidates:
        found = candidate.resolve()
        if found.is_relative_to(root) and found.exists():
            return found
    return None


@cache
def templates() -> Environment:
    """Return the templates, compiled once a process (compiling them is most of a build)."""
    env = Environment(
        loader=PackageLoader("e2e.report", "templates"),
        autoescape=select_autoescape(["html", "svg"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["lang"] = lang_of
    env.filters["when"] = when
    return env


class Pages:
    """The templates, and where the pages go: ``write`` renders one into a file of ``artifacts``."""

    def __init__(self, artifacts: Path) -> None:
        self.artifacts = artifacts
        self.built = datetime.now().astimezone()
        self.env = templates()

    def write(self, template: str, relative: str, **context: Any) -> str:
        """Render ``template`` into ``artifacts/relative``; return ``relative``, its link."""
        path = self.artifacts / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        page = self.env.get_template(template).render(
            root=href(self.artifacts, path.parent) + "/", built=when(self.built), **context
        )
        path.write_text(page, encoding="utf-8")
        return relative
