"""The regression checks check themselves: the golden path holds, and a broken portal is caught.

The full checks (every flow, structure and look) run with ``make regression``; every mutant runs
with ``make mutants``. These are the cheap proofs that belong in ``make test``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Browser

from e2e.harness.flows import blocked_then_repay_flow
from e2e.harness.labels import LABELS, Labels
from e2e.harness.portal import LivePortal, start_portal
from e2e.harness.trail import Tap
from e2e.regression import GOLDEN, paths, screens
from e2e.regression.baselines import Baselines
from e2e.regression.mutants import MUTANTS, apply_mutant
from e2e.regression.recording import FlowRun, StepRecord, drive_flow
from mock_portal import create_app


def golden_path(flow: str) -> list[paths.PathStep]:
    """Return a flow's golden path map, or skip when it has none yet."""
    golden = GOLDEN / "paths" / f"{flow}.txt"
    if not golden.exists():
        pytest.skip(f"no baseline for {flow}; run make regression-update")
    return paths.parse(golden.read_text(encoding="utf-8"))


@pytest.fixture
def own_portal(tmp_path: Path) -> Iterator[LivePortal]:
    """An unmutated portal of this test's own (the checks reset it; never a shared one)."""
    portal = start_portal(tmp_path / "portal.sqlite3")
    yield portal
    portal.stop()


@pytest.fixture
def one_fen_mutant(tmp_path: Path) -> Iterator[LivePortal]:
    """A portal where owing ¥0.01 no longer blocks the closure."""
    portal = start_portal(tmp_path / "mutant.sqlite3", mutant="no_one_fen_block")
    yield portal
    portal.stop()


def test_blocked_then_repay_follows_its_golden_path(
    browser: Browser, own_portal: LivePortal, labels: Labels
):
    flow = blocked_then_repay_flow(labels)
    run = drive_flow(browser, own_portal.url, flow, look=False)
    assert paths.compare(golden_path(flow.name), run) == []


def test_removing_the_one_fen_block_is_caught_at_the_block_step(
    browser: Browser, one_fen_mutant: LivePortal
):
    flow = blocked_then_repay_flow(LABELS["A"])
    run = drive_flow(browser, one_fen_mutant.url, flow, look=False, timeout_ms=5_000)
    drift = paths.compare(golden_path(flow.name), run)
    assert drift[0].startswith("step 8 欠款未还清（哪怕1分钱），无法注销: ")
    assert drift[-1] == f"steps 9–{len(flow.steps)} did not run"


def test_a_mutant_breaks_only_its_own_app(tmp_path: Path):
    seen = {}
    for name in ("plain", "entry_while_paused"):
        app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / name}.sqlite3"})
        if name != "plain":
            apply_mutant(app, name)
        client = app.test_client()
        client.post("/__test__/reset")
        seen[name] = client.post("/__test__/users", json={"scenario": "paused"}).json
    assert seen["plain"]["entry_visible"] is False
    assert seen["entry_while_paused"]["entry_visible"] is True


@pytest.mark.parametrize("name", MUTANTS)
def test_every_mutant_still_applies_to_the_portal(tmp_path: Path, name: str):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / name}.sqlite3"})
    apply_mutant(app, name)  # raises MutantOutdated when a template changed under it
    assert app.config["MUTANT"] == name


# ------------------------------------------------------------------ the file handling


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
