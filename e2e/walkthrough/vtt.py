"""WebVTT subtitles for a walkthrough: one cue per named flow step, with its real timing."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .produce import Walkthrough

_TIMESTAMP = re.compile(r"(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})")


@dataclass(frozen=True)
class Cue:
    """One subtitle: shown from ``start`` to ``end`` seconds into the video."""

    identifier: str
    start: float
    end: float
    text: str


def timestamp(seconds: float) -> str:
    """Format seconds as a WebVTT timestamp, ``HH:MM:SS.mmm``."""
    millis = max(0, round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def parse_timestamp(text: str) -> float:
    """Return the seconds a WebVTT timestamp stands for."""
    match = _TIMESTAMP.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a WebVTT timestamp: {text!r}")
    hours, minutes, secs, millis = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + secs + millis / 1000


def render(cues: Iterable[Cue], *, title: str = "") -> str:
    """Return a WebVTT document; cue text is one line (newlines would end the cue early)."""
    lines = ["WEBVTT" + (f" - {title}" if title else ""), ""]
    for cue in cues:
        text = " ".join(cue.text.split()).replace("-->", "→")
        lines += [cue.identifier, f"{timestamp(cue.start)} --> {timestamp(cue.end)}", text, ""]
    return "\n".join(lines)


def parse(document: str) -> list[Cue]:
    """Read the cues back from a WebVTT document (identifiers, timings, one-line text)."""
    blocks = [b for b in re.split(r"\n\s*\n", document.strip()) if b.strip()]
    if not blocks or not blocks[0].startswith("WEBVTT"):
        raise ValueError("not a WebVTT document")
    cues = []
    for block in blocks[1:]:
        lines = block.splitlines()
        if lines[0].startswith("NOTE"):
            continue
        identifier = "" if "-->" in lines[0] else lines.pop(0)
        start, _, end = lines[0].partition("-->")
        end = end.split()[0]  # drop cue settings such as "line:90%"
        text = " ".join(lines[1:])
        cues.append(Cue(identifier, parse_timestamp(start), parse_timestamp(end), text))
    return cues


def subtitles(walk: Walkthrough) -> dict[str, str]:
    """Return the WebVTT documents of ``walk``: a cue per step, in Chinese and in English."""
    timed = [step for step in walk.steps if step.end >= step.start]
    chinese = [Cue(str(s.index), s.start, s.end, s.name) for s in timed]
    english = [Cue(str(s.index), s.start, s.end, s.name_en or s.name) for s in timed]
    return {
        "zh": render(chinese, title=walk.title),
        "en": render(english, title=walk.title_en or walk.title),
    }


def track_source(walk: Walkthrough, language: str) -> str:
    """Return a ``<track src>`` for ``walk``'s subtitles in ``language``: the document itself.

    A page opened from disk may not load a track from a file beside it (Chromium treats every
    ``file:`` URL as an origin of its own and refuses), so the pages carry their tracks as
    ``data:`` URLs; the ``.vtt`` files stay beside them for players and downloads.
    """
    document = subtitles(walk)[language].encode("utf-8")
    return "data:text/vtt;charset=utf-8;base64," + base64.b64encode(document).decode("ascii")
