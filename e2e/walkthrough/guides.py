"""Illustrated guides: one per flow and language, Markdown and HTML, a screenshot and a caption per
step.

Everything on a step comes from the recording itself (its name, the controls it tapped, the screen
it ended on), so a change in the portal shows up here. The Chinese guide is ``<flow>.md`` and
``<flow>.html``, the English one ``<flow>.en.md`` and ``<flow>.en.html`` (``guide_file``); each
links to the other. See docs/videos.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, select_autoescape

from ..harness.words import CHINESE, is_english
from . import vtt
from .sentences import ENGLISH, describe_screen, describe_taps, portal_english
from .texts import LANGUAGES, FlowText, flow_text, step_tip

if TYPE_CHECKING:
    from .produce import Walkthrough

# A guide's file, beside the video: <flow><suffix>, per language (Markdown, HTML).
GUIDE_SUFFIXES: dict[str, tuple[str, str]] = {
    CHINESE: (".md", ".html"),
    ENGLISH: (".en.md", ".en.html"),
}


def guide_file(walk: Walkthrough, locale: str = CHINESE, markdown: bool = False) -> str:
    """Return the file name of ``walk``'s guide in ``locale``: ``close_account_A.en.html``."""
    suffixes = GUIDE_SUFFIXES[ENGLISH if is_english(locale) else CHINESE]
    return walk.file(suffixes[0] if markdown else suffixes[1])


@dataclass(frozen=True)
class GuideStep:
    """A step as the guide tells it."""

    index: int
    name: str
    todo: str
    seen: str
    tip: str
    screenshot: str
    start: float
    passed: bool


def clock(seconds: float) -> str:
    """Format seconds as m:ss."""
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def guide_steps(walk: Walkthrough, locale: str = CHINESE) -> list[GuideStep]:
    """Turn the recorded steps into what the guide in ``locale`` says about each.

    A tip is given once, at the first step it fits: three wrong passwords need it only once.
    """
    english = is_english(locale)
    steps = []
    previous, sheet = "", ""
    tips_given: set[str] = set()
    for step in walk.steps:
        tip = step_tip(walk.base, step.step_id, locale)
        steps.append(
            GuideStep(
                index=step.index,
                name=(step.name_en or step.name) if english else step.name,
                todo=describe_taps(step.taps, open_sheet=sheet, locale=locale),
                seen=describe_screen(
                    step.heading, previous, step.headline, step.dialogs, step.notices, locale
                ),
                tip="" if tip in tips_given else tip,
                screenshot=step.screenshot,
                start=step.start,
                passed=step.passed and bool(step.screenshot),
            )
        )
        tips_given.add(tip)
        previous, sheet = step.heading, (step.dialogs[0] if step.dialogs else "")
    return steps


# The guides' pages are Jinja templates in templates/: guide.<language>.md and .html, the HTML
# escaped (Markdown is written as it is).
_templates = Environment(
    loader=PackageLoader(__package__, "templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)


def _language(locale: str) -> str:
    return ENGLISH if is_english(locale) else CHINESE


def _context(
    walk: Walkthrough, text: FlowText | None, locale: str, markdown: bool
) -> dict[str, object]:
    other = CHINESE if is_english(locale) else ENGLISH
    return {
        "walk": walk,
        "text": text or flow_text(walk.base, locale),
        "steps": guide_steps(walk, locale),
        "clock": clock,
        "track": vtt.track_source,
        "other_guide": guide_file(walk, other, markdown=markdown),
        # The scenario's description, as the English portal says it (its catalogue holds them).
        "situation": portal_english(walk.scenario_description) or walk.scenario,
    }


def render_markdown(walk: Walkthrough, text: FlowText | None = None, locale: str = CHINESE) -> str:
    """Return the guide in ``locale`` as Markdown."""
    template = _templates.get_template(f"guide.{_language(locale)}.md")
    return template.render(_context(walk, text, locale, markdown=True))


def render_html(walk: Walkthrough, text: FlowText | None = None, locale: str = CHINESE) -> str:
    """Return the guide in ``locale`` as a standalone HTML page."""
    template = _templates.get_template(f"guide.{_language(locale)}.html")
    return template.render(_context(walk, text, locale, markdown=False))


def write(walk: Walkthrough, out: Path) -> None:
    """Write the guide in every language: ``<flow>.md``, ``<flow>.html``, ``<flow>.en.md``, …."""
    for locale in LANGUAGES:
        (out / guide_file(walk, locale, markdown=True)).write_text(
            render_markdown(walk, locale=locale), encoding="utf-8"
        )
        (out / guide_file(walk, locale)).write_text(
            render_html(walk, locale=locale), encoding="utf-8"
        )
