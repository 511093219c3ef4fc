"""Produce one flow's walkthrough: film it, then write its subtitles, MP4, poster and guides.

See docs/videos.md.
"""

from __future__ import annotations

import json
import shutil
import traceback
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser

from mock_portal import __version__ as PORTAL_VERSION
from weilidai_fixtures.scenarios import SCENARIOS

from ..harness.driver import Observer, Outcome, drive
from ..harness.journey import Flow, Journey, Step
from ..harness.presenter import present_with
from ..harness.trail import Tap
from ..harness.words import is_english
from . import guides, media, vtt
from .presenting import FilmPresenter
from .recorder import Pace, StepRecord, WalkthroughRecorder
from .texts import flow_text

# The files of a walkthrough, beside the gallery: <flow><suffix>, plus the folder <flow>/.
SUFFIXES = (
    ".webm",
    ".mp4",
    ".vtt",
    ".en.vtt",
    ".md",
    ".html",
    ".en.md",
    ".en.html",
    ".poster.png",
    ".json",
    ".error.txt",
)


@dataclass
class Walkthrough:
    """One recorded flow: what it shows, where its files are, how the recording went."""

    name: str
    base: str
    title: str
    variant: str
    scenario: str
    scenario_description: str
    person: str
    steps: list[StepRecord]
    step_count: int
    recorded_at: str
    portal_version: str
    portal_clock: str
    pace: float
    duration: float = 0.0
    width: int = 0
    height: int = 0
    mp4_bytes: int = 0
    webm_bytes: int = 0
    notes: dict[str, str] = field(default_factory=dict)
    error: str = ""
    title_en: str = ""
    locale: str = "zh-CN"  # the phone's language it was filmed in (Flow.locale)

    @property
    def passed(self) -> bool:
        """Say whether every step ran."""
        return not self.error

    def file(self, suffix: str) -> str:
        """Return a file's name relative to the output folder: ``file(".mp4")``."""
        return f"{self.name}{suffix}"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (the gallery's manifest keeps one per flow)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Walkthrough:
        """Rebuild a walkthrough from its JSON form."""
        steps = [StepRecord.from_dict(step) for step in data.get("steps", [])]
        return cls(**{**data, "steps": steps})


def clear(out: Path, name: str) -> None:
    """Remove a flow's files from an earlier run, so nothing stale is left beside new ones."""
    shutil.rmtree(out / name, ignore_errors=True)
    for suffix in SUFFIXES:
        (out / f"{name}{suffix}").unlink(missing_ok=True)


class Filming(Observer):
    """Film a drive: the opening card, each step (``WalkthroughRecorder``), the closing card."""

    def __init__(self, walk: Walkthrough, flow: Flow, out: Path, pace: Pace) -> None:
        self.walk, self.flow, self.out, self.pace = walk, flow, out, pace
        self.recorder: WalkthroughRecorder | None = None

    def flow_started(self, journey: Journey) -> None:
        self.walk.person = journey.person.name
        self.walk.portal_clock = journey.api.now()
        # What happens off-screen, shown in this film only: typing, the SMS, the face check,
        # and (through the one clock) time passing.
        showing = FilmPresenter(journey, self.pace)
        present_with(journey.page.context, showing)
        journey.clock.listeners.append(showing.days_passed)
        # The opening card needs a screen behind it; WeChat's 我 tab is where every flow starts.
        journey.page.goto("/me")
        self.recorder = WalkthroughRecorder(
            journey.page, self.flow, self.out / self.flow.name, self.pace
        )
        self.recorder.start(self.out / self.walk.file(".webm"))
        steps = len(self.flow.steps)
        if is_english(self.flow.locale):
            self.recorder.card(self.flow.own_title, f"{steps} steps", self.pace.intro_ms)
        else:
            self.recorder.card(
                self.flow.title,
                f"{self.flow.title_en} · {self.walk.scenario_description} · 共{steps}步",
                self.pace.intro_ms,
            )

    def before_step(self, index: int, step: Step[Any], journey: Journey) -> None:
        if self.recorder is not None:
            self.recorder.before_step(index, step, journey)

    def after_step(self, index: int, step: Step[Any], journey: Journey, taps: list[Tap]) -> None:
        if self.recorder is not None:
            self.recorder.after_step(index, step, journey, taps)

    def flow_finished(self, outcome: Outcome) -> None:
        if outcome.error is not None:  # keep the film and guide of a failing flow: they show where
            self.walk.error = outcome.error_line()
            trace = "".join(traceback.format_exception(outcome.error))
            (self.out / self.walk.file(".error.txt")).write_text(trace, encoding="utf-8")
        if self.recorder is None:
            return
        try:
            if outcome.error is None:
                english = is_english(self.flow.locale)
                self.recorder.card(
                    "The end" if english else "演示结束",
                    flow_text(self.flow.base, "en" if english else "zh-CN").outcome,
                    self.pace.intro_ms,
                )
                if outcome.journey is not None:
                    self.walk.notes = {k: str(v) for k, v in outcome.journey.notes.items()}
        finally:
            self.walk.steps = self.recorder.steps
            self.recorder.stop()


def record_walkthrough(
    browser: Browser, base_url: str, flow: Flow, out: Path, pace: Pace, *, reset: bool = True
) -> Walkthrough:
    """Film ``flow`` into ``out`` and write all its files; never raise for a failing flow."""
    out.mkdir(parents=True, exist_ok=True)
    clear(out, flow.name)
    scenario = SCENARIOS.get(flow.scenario)
    walk = Walkthrough(
        name=flow.name,
        base=flow.base,
        title=flow.title,
        title_en=flow.title_en,
        locale=flow.locale,
        variant=flow.variant,
        scenario=flow.scenario,
        scenario_description=scenario.description if scenario else "",
        person="",
        steps=[],
        step_count=len(flow.steps),
        recorded_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        portal_version=PORTAL_VERSION,
        portal_clock="",
        pace=pace.seconds,
    )
    drive(browser, base_url, flow, [Filming(walk, flow, out, pace)], reset=reset)
    if (out / walk.file(".webm")).exists():
        publish(walk, out, pace)
    # The gallery is built from these, so parallel recorders never share a file.
    (out / walk.file(".json")).write_text(
        json.dumps(walk.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return walk


def publish(walk: Walkthrough, out: Path, pace: Pace) -> None:
    """Write both VTTs, the MP4 (both as soft tracks), the poster and the guides."""
    webm = out / walk.file(".webm")
    tracks = {"zh": out / walk.file(".vtt"), "en": out / walk.file(".en.vtt")}
    for language, document in vtt.subtitles(walk).items():
        tracks[language].write_text(document, encoding="utf-8")
    mp4 = out / walk.file(".mp4")
    media.to_mp4(webm, mp4, tracks)
    info = media.probe(mp4)
    walk.duration, walk.width, walk.height = round(info.duration, 2), info.width, info.height
    walk.mp4_bytes, walk.webm_bytes = mp4.stat().st_size, webm.stat().st_size
    # The poster is the opening card (the flow's title over the 我 tab); at full speed, the
    # last step's screen.
    poster_at = pace.intro_ms / 2000 if pace.intro_ms else info.duration - 0.5
    poster_at = max(0.0, min(poster_at, info.duration - 0.2))
    media.frame_png(webm, poster_at, out / walk.file(".poster.png"))
    guides.write(walk, out)
