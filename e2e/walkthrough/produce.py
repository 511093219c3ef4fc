"""Produce one flow's walkthrough: film it, then write its subtitles, MP4, poster and guides.

Each flow gets a fresh phone-sized context and a person seeded through the test API right after
a reset, so the person (Faker, seeded) and the portal clock (frozen at reset) are the same on
every run, and so are the guide's screenshots.
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

from weilidai_fixtures.scenarios import SCENARIOS
from mock_portal import __version__ as PORTAL_VERSION

from ..harness.api import PortalApi
from ..harness.devices import LOCALE, PHONE
from ..harness.flows import FLOW_SCENARIOS, Flow, Journey, run_flow
from . import guides, media, vtt
from .recorder import Pace, StepRecord, WalkthroughRecorder
from .texts import flow_base, flow_text

# The files of a walkthrough, beside the gallery: <flow><suffix>, plus the folder <flow>/.
SUFFIXES = (".webm", ".mp4", ".vtt", ".md", ".html", ".poster.png", ".json", ".error.txt")


@dataclass
class Walkthrough:
    """One recorded flow: what it shows, where its files are, how the recording went."""

    name: str
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

    @property
    def base(self) -> str:
        """The flow's name without its variant."""
        return flow_base(self.name)

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


def scenario_of(flow: Flow) -> str:
    """Return the scenario a flow starts from (by its base name; ``invited`` if unlisted)."""
    return FLOW_SCENARIOS.get(flow_base(flow.name), "invited")


def variant_of(flow: Flow) -> str:
    """Return the client variant a flow was built for (its name's suffix)."""
    return flow.name.rpartition("_")[2]


def clear(out: Path, name: str) -> None:
    """Remove a flow's files from an earlier run, so nothing stale is left beside new ones."""
    shutil.rmtree(out / name, ignore_errors=True)
    for suffix in SUFFIXES:
        (out / f"{name}{suffix}").unlink(missing_ok=True)


def record_walkthrough(
    browser: Browser, base_url: str, flow: Flow, out: Path, pace: Pace, *, reset: bool = True
) -> Walkthrough:
    """Film ``flow`` into ``out`` and write all its files; never raise for a failing flow."""
    out.mkdir(parents=True, exist_ok=True)
    clear(out, flow.name)
    scenario, variant = scenario_of(flow), variant_of(flow)
    webm = out / f"{flow.name}.webm"
    text = flow_text(flow.name)
    context = browser.new_context(base_url=base_url, **PHONE, **LOCALE)
    walk = Walkthrough(
        name=flow.name,
        title=flow.title,
        variant=variant,
        scenario=scenario,
        scenario_description=SCENARIOS[scenario].description if scenario in SCENARIOS else "",
        person="",
        steps=[],
        step_count=len(flow.steps),
        recorded_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        portal_version=PORTAL_VERSION,
        portal_clock="",
        pace=pace.seconds,
    )
    try:
        page = context.new_page()
        api = PortalApi(context.request, base_url)
        if reset:
            api.reset()
        someone = api.create_person(scenario, variant)
        api.login(someone)
        walk.person = someone.name
        walk.portal_clock = api.now()
        # The opening card needs a screen behind it; WeChat's 我 tab is where every flow starts.
        page.goto("/me")
        recorder = WalkthroughRecorder(page, flow, out / flow.name, pace)
        recorder.start(webm)
        try:
            recorder.card(
                flow.title,
                f"{walk.scenario_description} · 共{len(flow.steps)}步",
                pace.intro_ms,
            )
            journey = run_flow(Journey(page, api, someone), flow.steps, [recorder])
            walk.notes = {k: str(v) for k, v in journey.notes.items()}
            recorder.card("演示结束", text.outcome, pace.intro_ms)
        except Exception as problem:  # keep the film and guide of a failing flow: they show where
            walk.error = f"{type(problem).__name__}: {str(problem).splitlines()[0]}"
            (out / walk.file(".error.txt")).write_text(traceback.format_exc(), encoding="utf-8")
        finally:
            walk.steps = recorder.steps
            recorder.stop()
    except Exception as problem:  # set-up failed before filming (portal, test API)
        walk.error = walk.error or f"{type(problem).__name__}: {str(problem).splitlines()[0]}"
    finally:
        context.close()
    if webm.exists():
        publish(walk, out, pace)
    # The gallery is built from these, so parallel recorders never share a file.
    (out / walk.file(".json")).write_text(
        json.dumps(walk.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return walk


def publish(walk: Walkthrough, out: Path, pace: Pace) -> None:
    """Write the VTT, the MP4 (with the VTT as a soft track), the poster and both guides."""
    webm = out / walk.file(".webm")
    subtitles = out / walk.file(".vtt")
    cues = [
        vtt.Cue(str(step.index), step.start, step.end, step.name)
        for step in walk.steps
        if step.end >= step.start
    ]
    subtitles.write_text(vtt.render(cues, title=walk.title), encoding="utf-8")
    mp4 = out / walk.file(".mp4")
    media.to_mp4(webm, mp4, subtitles)
    info = media.probe(mp4)
    walk.duration, walk.width, walk.height = round(info.duration, 2), info.width, info.height
    walk.mp4_bytes, walk.webm_bytes = mp4.stat().st_size, webm.stat().st_size
    # The poster is the opening card (the flow's title over the 我 tab); at full speed, the
    # last step's screen.
    poster_at = pace.intro_ms / 2000 if pace.intro_ms else info.duration - 0.5
    poster_at = max(0.0, min(poster_at, info.duration - 0.2))
    media.frame_png(webm, poster_at, out / walk.file(".poster.png"))
    guides.write(walk, out)
