"""The walkthrough recorder: a flow observer that films a flow at a pace people can follow.

It waits for time on purpose (the pace), never for the page to be ready: the page objects
already do that with web-first waits. See docs/videos.md (Pace).
"""

from __future__ import annotations

import html
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from playwright.sync_api import Page

from ..harness.journey import Flow, Journey, Step
from ..harness.trail import Tap
from .texts import step_ids

ACCENT = "#07c160"  # WeChat green, so decorations look native to the screens
FONT = "-apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"

# What a step left on screen, for the guide's "你会看到": the title bar, the first headline of
# the content, open dialogs (the "…" sheet) and any alert or status message.
_SCREEN_STATE_JS = """
() => {
  const shown = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const text = (el) => (el.innerText || el.textContent || "").replace(/\\s+/g, " ").trim();
  const first = (selector) => [...document.querySelectorAll(selector)].find(shown);
  const all = (selector) => [...document.querySelectorAll(selector)].filter(shown);
  const heading = first("h1");
  // Section titles (钱包, 金融理财) are not news; result titles and notes are.
  const headline = first(
    ".weui-msg__title, [role=note] h2, article h2, main h2:not(.section__title)"
  );
  return {
    heading: heading ? text(heading) : document.title,
    headline: headline ? text(headline) : "",
    dialogs: all("dialog[open], [role=dialog]")
      .map((d) => d.getAttribute("aria-label") || "")
      .filter(Boolean),
    notices: all("[role=alert], [role=status]").map(text).filter(Boolean),
  };
}
"""


class Disposable(Protocol):
    """What ``show_overlay``/``show_actions`` return (playwright.sync_api doesn't export it)."""

    def close(self) -> None: ...


@dataclass(frozen=True)
class Pace:
    """How long a viewer gets, derived from one number: seconds a step's result stays on show.

    ``seconds=0`` films at full speed (no chapter cards, no pauses).
    """

    seconds: float = 1.0

    @property
    def intro_ms(self) -> int:
        """The opening and closing cards."""
        return round(2500 * self.seconds)

    @property
    def card_ms(self) -> int:
        """A card's unit of time: time passing shows for two of them."""
        return round(1000 * self.seconds)

    @property
    def chapter_ms(self) -> int:
        """The card at the start of each section of a flow."""
        return round(1600 * self.seconds)

    @property
    def action_ms(self) -> int:
        """How long each tap's decoration shows (and how much each action is slowed)."""
        return round(500 * self.seconds)

    @property
    def dwell_ms(self) -> int:
        """How long a step's result stays on screen before the next card."""
        return round(1000 * self.seconds)


@dataclass
class StepRecord:
    """One filmed step: its timing in the video, its screenshot and what it touched and showed."""

    index: int
    name: str
    start: float
    end: float
    screenshot: str = ""
    name_en: str = ""  # the step's English name (Step.en): the English subtitles and guide
    chapter: str = ""  # the flow's section this step opens, if it opens one (Flow.chapters)
    chapter_en: str = ""
    taps: list[Tap] = field(default_factory=list)
    heading: str = ""
    headline: str = ""
    dialogs: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    passed: bool = True
    step_id: str = ""  # the step's id in its flow (texts.step_ids): its tip in the guide

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StepRecord:
        """Rebuild a record from its JSON form."""
        return cls(**{**data, "taps": [Tap(**tap) for tap in data.get("taps", [])]})

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return asdict(self)


CAPTION_HEIGHT = 64  # px the caption may take: two lines of 15px text and its padding

# Where the caption covers nothing: the lowest band of CAPTION_HEIGHT px that no control, text or
# notice of the screen reaches into (above a tab bar, below the last form), else the bottom.
_FREE_BAND_JS = """
(height) => {
  const view = window.innerHeight;
  const shown = (el) => el.offsetWidth || el.offsetHeight || el.getClientRects().length;
  const selector = "a, button, input, select, textarea, label, h1, h2, h3, p, li, dt, dd, img,"
    + " svg, nav, [role=alert], [role=status], [role=note], [role=dialog], span,"
    + " div:not(:has(*))";
  const boxes = [...document.querySelectorAll(selector)].filter(shown)
    .map((el) => el.getBoundingClientRect())
    .filter((r) => r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < view);
  const free = (top) => boxes.every((r) => r.bottom <= top || r.top >= top + height);
  for (let top = view - height - 6; top >= 0; top -= 4) {
    if (free(top)) return top;
  }
  return view - height - 6;
}
"""


def caption_html(index: int, total: int, name: str, top: float | None = None) -> str:
    """Return the caption overlay for step ``index`` of ``total``: a pill at ``top`` px.

    Without ``top`` it sits near the bottom.
    """
    where = "bottom:12px" if top is None else f"top:{round(top)}px"
    return (
        f'<div style="position:absolute;left:10px;right:10px;{where};display:flex;'
        "justify-content:center;align-items:center;min-height:"
        f'{CAPTION_HEIGHT}px;pointer-events:none">'
        f'<div style="background:rgba(0,0,0,.74);color:#fff;font:500 15px/1.45 {FONT};'
        "padding:7px 12px;border-radius:12px;box-shadow:0 2px 10px rgba(0,0,0,.25);"
        'max-width:100%">'
        f'<span style="display:inline-block;background:{ACCENT};border-radius:7px;'
        f'padding:0 7px;margin-right:7px;font-size:13px;font-weight:600">{index}/{total}</span>'
        f"{html.escape(name)}</div></div>"
    )


class WalkthroughRecorder:
    """Film one flow: ``start`` → (flow runs with this as an observer) → ``stop``.

    Step timings are seconds since ``start``; Playwright's recorder stamps frames relative to the
    moment it was created (inside ``screencast.start``), so they line up with the video's clock.
    """

    def __init__(self, page: Page, flow: Flow, shots: Path, pace: Pace) -> None:
        self.page = page
        self.flow = flow
        self.shots = shots
        self.pace = pace
        self.steps: list[StepRecord] = []
        self._t0 = 0.0
        self._caption: Disposable | None = None
        self._actions: Disposable | None = None
        self._recording = False

    # ------------------------------------------------------------------ the film

    def now(self) -> float:
        """Seconds since the recording started."""
        return time.monotonic() - self._t0

    def start(self, video: Path) -> None:
        """Start filming at the viewport's size (not Playwright's 800x800-bounded default)."""
        viewport = self.page.viewport_size or {"width": 390, "height": 844}
        self.shots.mkdir(parents=True, exist_ok=True)
        # The video's clock starts somewhere inside screencast.start(); on a loaded machine that
        # call takes a while, so the middle of it is the best guess at the video's zero.
        before = time.monotonic()
        self.page.screencast.start(path=video, size=viewport)
        self._t0 = (before + time.monotonic()) / 2
        self._recording = True
        if self.pace.seconds > 0:
            self._actions = self.page.screencast.show_actions(
                duration=self.pace.action_ms,
                cursor="none",  # a phone has no mouse pointer; a touch point shows the tap
                style={
                    "point": (
                        "width:34px;height:34px;border-radius:50%;"
                        f"background:rgba(7,193,96,.35);border:3px solid {ACCENT};"
                        "box-shadow:0 0 0 6px rgba(7,193,96,.18)"
                    ),
                    "highlight": f"outline:3px solid {ACCENT};background:rgba(7,193,96,.10)",
                    "title": "display:none",  # the Chinese caption says it better
                },
            )

    def card(self, title: str, description: str, duration_ms: int) -> None:
        """Show a chapter card (blocks for ``duration_ms``: that is the pacing)."""
        if duration_ms > 0:
            self.page.screencast.show_chapter(title, description=description, duration=duration_ms)

    def stop(self) -> None:
        """Close an unfinished step (a failure), drop decorations and save the video."""
        if self.steps and self.steps[-1].end < self.steps[-1].start:
            self.steps[-1].end = self.now()
            self.steps[-1].passed = False
        self._drop_caption()
        if self._actions is not None:
            actions, self._actions = self._actions, None
            actions.close()
        if self._recording:
            self._recording = False
            self.page.screencast.stop()

    # ------------------------------------------------------------------ the observer

    def before_step(self, index: int, step: Step[Any], journey: Journey) -> None:
        """Put up a card if a section of the flow starts here, then the step's caption.

        Cards only at the sections (the path, the checks, the outcome): a card before every
        step says the same as the caption and slows the film down.
        """
        total = len(self.flow.steps)
        record = StepRecord(
            index=index,
            name=step.name,
            start=self.now(),
            end=-1.0,
            name_en=step.en,
            step_id=step_ids(self.flow)[index - 1],
        )
        self.steps.append(record)
        chapter = self.flow.chapter_at(index)
        english = self.flow.locale != "zh-CN"
        if chapter is not None:
            record.chapter, record.chapter_en = chapter.name, chapter.en
            if english:
                self.card(chapter.en, f"Step {index} of {total}", self.pace.chapter_ms)
            else:
                self.card(
                    chapter.name, f"{chapter.en} · 第 {index} / {total} 步", self.pace.chapter_ms
                )
        if self.pace.seconds > 0:
            top = float(self.page.evaluate(_FREE_BAND_JS, CAPTION_HEIGHT))
            self._caption = self.page.screencast.show_overlay(
                caption_html(index, total, step.name_in(self.flow.locale), top)
            )

    def after_step(self, index: int, step: Step[Any], journey: Journey, taps: list[Tap]) -> None:
        """Let the result sink in, note what is on screen and save a clean screenshot."""
        record = self.steps[-1]
        if self.pace.dwell_ms > 0:
            # Pacing, not synchronisation: the step is done (its page object waited for the
            # next screen); this keeps that screen in the film long enough to take in.
            self.page.wait_for_timeout(self.pace.dwell_ms)
        record.end = self.now()
        record.taps = list(taps)
        state = self.page.evaluate(_SCREEN_STATE_JS)
        record.heading = state["heading"]
        record.headline = state["headline"]
        record.dialogs = state["dialogs"]
        record.notices = state["notices"]
        # The caption ends with the step; the next step's card replaces it anyway. Overlays
        # are hidden for the screenshot so the guide shows the screen as the user sees it.
        self._drop_caption()
        shot = self.shots / f"step-{index:02d}.png"
        self.page.screencast.hide_overlays()
        try:
            # scale="css": a device-scale (2x) screenshot makes Chromium emit one screencast
            # frame at twice the size, which the recorder crops: a zoomed flash in the video.
            self.page.screenshot(path=shot, animations="disabled", caret="hide", scale="css")
        finally:
            self.page.screencast.show_overlays()
        record.screenshot = f"{self.shots.name}/{shot.name}"

    def _drop_caption(self) -> None:
        if self._caption is not None:
            caption, self._caption = self._caption, None
            caption.close()
