"""The gallery: ``index.html`` with every walkthrough playable, and ``manifest.json`` of them all.

See docs/videos.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader

from mock_portal import __version__ as PORTAL_VERSION

from ..harness.flows import in_section
from ..harness.journey import Section
from . import vtt
from .guides import clock
from .produce import Walkthrough

MANIFEST = "manifest.json"
INDEX = "index.html"

# The article's sections, in its order, and the flows that show each (by base name): the registry's.
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = tuple(
    (section.title, section.en, tuple(in_section(section))) for section in Section
)
OTHERS = ("其他", "Other")


def sections(walks: Iterable[Walkthrough]) -> list[tuple[str, str, list[Walkthrough]]]:
    """Group ``walks`` by the article's sections (in its order); sections with none are left out."""
    chosen = list(walks)
    grouped = [(name, en, [w for w in chosen if w.base in bases]) for name, en, bases in SECTIONS]
    known = {base for _, _, bases in SECTIONS for base in bases}
    grouped.append((*OTHERS, [w for w in chosen if w.base not in known]))
    return [(name, en, group) for name, en, group in grouped if group]


def load(out: Path, order: Iterable[str] = ()) -> list[Walkthrough]:
    """Return the walkthroughs recorded in ``out`` (one ``<flow>.json`` each, video present).

    Sorted by ``order`` (flow names), unknown flows last.
    """
    walks = []
    for path in sorted(out.glob("*.json")):
        if path.name == MANIFEST:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "steps" in data and "name" in data:
            walk = Walkthrough.from_dict(data)
            if (out / walk.file(".webm")).exists():
                walks.append(walk)
    rank = {name: i for i, name in enumerate(order)}
    return sorted(walks, key=lambda w: (rank.get(w.name, len(rank)), w.name))


# The page is a Jinja template in templates/, as the guides' are.
_index = Environment(
    loader=PackageLoader(__package__, "templates"), autoescape=True, keep_trailing_newline=True
).get_template("gallery.html")


def write(walks: list[Walkthrough], out: Path) -> Path:
    """Write the manifest and ``index.html`` for ``walks``; return the index's path."""
    (out / MANIFEST).write_text(
        json.dumps([w.to_dict() for w in walks], ensure_ascii=False, indent=2), encoding="utf-8"
    )
    first = next((w for w in walks if w.width), None)
    index = out / INDEX
    index.write_text(
        _index.render(
            walks=walks,
            sections=sections(walks),
            clock=clock,
            track=vtt.track_source,
            portal_version=PORTAL_VERSION,
            generated=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
            width=first.width if first else 390,
            height=first.height if first else 844,
        ),
        encoding="utf-8",
    )
    return index
