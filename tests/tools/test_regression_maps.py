"""The regression tool's files, without a browser: path maps, their drift, baselines, screens."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

from e2e.harness.trail import Tap
from e2e.regression import paths, screens
from e2e.regression.baselines import Baselines
from e2e.regression.recording import FlowRun, StepRecord


def recorded(*screens_and_taps: tuple[str, Tap | None]) -> FlowRun:
    run = FlowRun("demo_A", "演示", "A", "invited", planned=[])
    for index, (screen, tap) in enumerate(screens_and_taps, start=1):
        name = f"第{index}步"
        run.planned.append(name)
        run.steps.append(StepRecord(index, name, [tap] if tap else [], screen, aria=""))
    return run


def test_a_path_map_reads_back_as_it_was_written():
    run = recorded(("我", None), ("微粒贷官网", Tap("我", "link", "微粒贷官网")))
    parsed = paths.parse(paths.render(run))
    assert [(s.name, s.taps, s.screen) for s in parsed] == [
        ("第1步", [], "我"),
        ("第2步", [Tap("我", "link", "微粒贷官网")], "微粒贷官网"),
    ]


def test_a_renamed_control_is_named_in_the_drift():
    golden = recorded(("微粒贷官网", None), ("安全中心", Tap("微粒贷官网", "link", "安全中心")))
    drifted = recorded(("微粒贷官网", None), ("账户安全", Tap("微粒贷官网", "link", "账户安全")))
    assert paths.compare(paths.parse(paths.render(golden)), drifted) == [
        "step 2 第2步: expected link 安全中心, found 账户安全 (on 微粒贷官网)",
        "step 2 第2步: expected screen 安全中心, found 账户安全",
    ]


def test_a_flow_without_golden_files_asks_for_an_update(tmp_path: Path):
    result = Baselines("chromium", "156.0.1", root=tmp_path).compare(recorded(("我", None)))
    assert result.drifted
    assert result.lines() == [
        "no baseline for demo_A (paths, aria, screens chromium-156); run make regression-update"
    ]


def png(colour_box: tuple[int, int, int, int] | None = None) -> bytes:
    image = Image.new("RGB", (60, 40), "white")
    if colour_box:
        ImageDraw.Draw(image).rectangle(colour_box, fill="red")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_identical_screens_do_not_drift_and_a_changed_block_does():
    assert screens.compare(png(), png()).diff_pixels == 0
    changed = screens.compare(png(), png((10, 10, 19, 19)))
    assert changed.diff_pixels == 100
    assert changed.drifted(max_diff_pixels=20)
    assert Image.open(io.BytesIO(changed.diff_png)).size == (60, 40)


def test_a_baseline_keeps_every_pixel():
    original = png((5, 5, 30, 30))
    assert screens.compare(screens.encode_baseline(original), original).diff_pixels == 0
