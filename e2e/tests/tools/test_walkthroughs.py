"""Walkthrough videos and guides: recorded from the flows, checked with ffprobe, ffmpeg, Chromium.

The two shortest flows are recorded once per session at a brisk pace (the default pace is for
people; a fraction of it still exercises every card, caption and pause). Under pytest-xdist the
workers share that one recording through a lock file, as pytest-xdist's docs suggest for
session-scoped data. The words the guides use, which need no browser, are tested in
tests/tools/test_walkthrough_texts.py.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.harness import shared_portal
from e2e.harness.devices import PHONE
from e2e.harness.flows import every_flow
from e2e.harness.journey import Flow
from e2e.harness.labels import LABELS, VARIANTS
from e2e.harness.portal import LivePortal
from e2e.walkthrough import gallery, media, vtt
from e2e.walkthrough.cli import record_all, write_gallery
from e2e.walkthrough.produce import Walkthrough
from e2e.walkthrough.recorder import Pace
from e2e.walkthrough.texts import flow_text
from mock_portal import __version__ as PORTAL_VERSION

TEST_PACE = Pace(0.1)

# The flows it films let time pass (an SMS code expires, a review takes two days): that moves the
# portal's one clock, so on a portal shared with other runners they must have it to themselves.
pytestmark = pytest.mark.owns_portal


@dataclass
class Recording:
    """The session's walkthroughs: the folder, and each flow with what was recorded of it."""

    out: Path
    flows: dict[str, Flow]
    walks: list[Walkthrough]


def flows_to_record(variant: str) -> list[Flow]:
    """The two shortest flows of a variant (every flow shares the recorder's code path)."""
    return sorted(every_flow(LABELS[variant]), key=lambda f: len(f.steps))[:2]


def _record_once(
    browser: Browser, portal_url: str, reset: bool, flows: list[Flow], out: Path
) -> list[Walkthrough]:
    done = out / gallery.MANIFEST
    with open(out.parent / f"{out.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another xdist worker may be recording right now
        if not done.exists():
            record_all(browser, portal_url, flows, out, TEST_PACE, reset=reset)
            write_gallery(out)
    return [Walkthrough.from_dict(entry) for entry in json.loads(done.read_text("utf-8"))]


@pytest.fixture(scope="session")
def recording(
    browser: Browser,
    live_portal: LivePortal,
    pytestconfig: pytest.Config,
    tmp_path_factory: pytest.TempPathFactory,
) -> Recording:
    """Record two flows once for the whole session (and all xdist workers)."""
    variant = (pytestconfig.getoption("--variant") or list(VARIANTS))[0]
    flows = flows_to_record(variant)
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # (xdist's worker_id fixture needs xdist loaded)
        shared = shared.parent  # the folder all workers' temp dirs live in
    out = shared / f"walkthroughs-{variant}"
    out.mkdir(exist_ok=True)
    # Seeded people and a frozen clock make the guides repeatable; a shared portal gets neither.
    reset = not shared_portal.is_shared(pytestconfig)
    recorded = _record_once(browser, live_portal.url, reset, flows, out)
    by_name = {walk.name: walk for walk in recorded}
    walks = [by_name[f.name] for f in flows if f.name in by_name]
    return Recording(out=out, flows={f.name: f for f in flows}, walks=walks)


def test_every_flow_was_recorded_without_error(recording: Recording):
    assert [w.name for w in recording.walks] == list(recording.flows)
    assert [w.error for w in recording.walks] == ["" for _ in recording.walks]
    for walk in recording.walks:
        for suffix in (".webm", ".mp4", ".vtt", ".en.vtt", ".md", ".html", ".poster.png"):
            assert (recording.out / walk.file(suffix)).stat().st_size > 0, walk.file(suffix)


def test_each_mp4_is_h264_longer_than_five_seconds(recording: Recording):
    for walk in recording.walks:
        info = media.probe(recording.out / walk.file(".mp4"))
        assert info.codec == "h264"
        assert info.duration > 5, f"{walk.name}: {info.duration:.1f}s"


def test_videos_are_the_size_of_the_phone_viewport(recording: Recording):
    viewport = (PHONE["viewport"]["width"], PHONE["viewport"]["height"])
    for walk in recording.walks:
        for suffix in (".webm", ".mp4"):
            info = media.probe(recording.out / walk.file(suffix))
            assert (info.width, info.height) == viewport, walk.file(suffix)


def test_subtitles_in_both_languages_have_one_cue_per_step_with_real_timings(
    recording: Recording,
):
    for walk in recording.walks:
        flow = recording.flows[walk.name]
        cues = vtt.parse((recording.out / walk.file(".vtt")).read_text("utf-8"))
        english = vtt.parse((recording.out / walk.file(".en.vtt")).read_text("utf-8"))
        assert [c.text for c in cues] == [step.name for step in flow.steps]
        assert [c.text for c in english] == [step.en for step in flow.steps]
        assert [(c.start, c.end) for c in english] == [(c.start, c.end) for c in cues]
        # The MP4 carries both as soft tracks, Chinese first.
        assert media.subtitle_languages(recording.out / walk.file(".mp4")) == ["chi", "eng"]
        duration = media.probe(recording.out / walk.file(".webm")).duration
        for cue, following in zip(cues, cues[1:], strict=False):
            assert cue.start < cue.end <= following.start
        assert 0 < cues[0].start and cues[-1].end < duration


def test_frames_during_steps_are_not_blank(recording: Recording):
    # Five frames across each cue, judged by their median: a navigation may flash one white
    # frame under load (the page between two screens), which is no blank video.
    for walk in recording.walks:
        cues = vtt.parse((recording.out / walk.file(".vtt")).read_text("utf-8"))
        for cue in (cues[0], cues[-1]):
            moments = [cue.start + (cue.end - cue.start) * (k + 0.5) / 5 for k in range(5)]
            video = recording.out / walk.file(".mp4")
            variances = sorted(media.frame_variance(video, at) for at in moments)
            assert variances[2] > 100, f"{walk.name} {cue.start:.2f}–{cue.end:.2f}s: {variances}"
        poster = recording.out / walk.file(".poster.png")
        assert media.frame_variance(poster, 0) > 100


def test_guides_show_every_step_with_its_screenshot_and_caption(recording: Recording):
    for walk in recording.walks:
        flow = recording.flows[walk.name]
        markdown = (recording.out / walk.file(".md")).read_text("utf-8")
        html = (recording.out / walk.file(".html")).read_text("utf-8")
        assert markdown.startswith(f"# {flow.title}\n")
        for index, step in enumerate(flow.steps, start=1):
            shot = f"{walk.name}/step-{index:02d}.png"
            assert (recording.out / shot).stat().st_size > 0
            assert f"### 第{index}步：{step.name}\n" in markdown
            assert f"![第{index}步：{step.name}]({shot})" in markdown
            assert f'src="{shot}"' in html
        for pitfall in flow_text(walk.base).pitfalls:
            assert f"- {pitfall}" in markdown


def test_gallery_renders_and_every_video_loads(recording: Recording, page: Page):
    page.goto(f"file://{recording.out / gallery.INDEX}")
    expect(page.get_by_role("heading", level=1)).to_have_text("微粒贷操作演示视频")
    videos = page.locator("video")
    expect(videos).to_have_count(len(recording.walks))
    page.wait_for_function(
        "[...document.querySelectorAll('video')]"
        ".every((v) => v.readyState >= 1 && v.duration > 0 && !v.error)"
    )
    for walk in recording.walks:
        card = page.locator(f"article#{walk.name}")
        expect(card).to_contain_text(walk.title)
        expect(card).to_contain_text(f"v{PORTAL_VERSION}")
        expect(card).to_contain_text(walk.recorded_at[:10])
        expect(card.get_by_role("link", name="图文指南")).to_have_attribute(
            "href", walk.file(".html")
        )
        expect(card.locator("track")).to_have_count(2)
    # The language switch shows the English track and step names.
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")
    first = recording.walks[0]
    showing = page.locator(f"article#{first.name} video").evaluate(
        "(video) => [...video.textTracks].map((track) => track.language + ':' + track.mode)"
    )
    assert showing == ["zh:hidden", "en:showing"]
    expect(page.locator(f"article#{first.name} [data-en]").first).to_be_attached()
    screenshot = page.screenshot(path=recording.out / "gallery.png", full_page=True)
    assert len(screenshot) > 10_000


@pytest.mark.owns_portal  # resets the portal: in-process, or external with --reset-external
def test_guide_screenshots_are_the_same_from_run_to_run(
    recording: Recording, browser: Browser, live_portal: LivePortal, tmp_path: Path
):
    short = min(recording.walks, key=lambda walk: walk.step_count)
    again = record_all(browser, live_portal.url, [recording.flows[short.name]], tmp_path, Pace(0))
    assert again[0].error == ""

    def digests(folder: Path) -> list[str]:
        return [hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.png"))]

    first = digests(recording.out / short.name)
    assert len(first) == short.step_count
    assert digests(tmp_path / short.name) == first
