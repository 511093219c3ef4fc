"""The regression checks check themselves: the golden path holds, and a broken portal is caught.

The full checks (every flow, structure and look) run with ``make regression``; every mutant runs
with ``make mutants``. These are the cheap proofs that belong in ``make test``; the ones that
need no browser (path maps, baselines, screen diffs, mutants) are in tests/tools/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from e2e.harness.flows import blocked_then_repay_flow
from e2e.harness.labels import LABELS, Labels
from e2e.harness.portal import LivePortal, start_portal
from e2e.regression import GOLDEN, paths
from e2e.regression.recording import drive_flow


def golden_path(flow: str) -> list[paths.PathStep]:
    """Return a flow's golden path map, or skip when it has none yet."""
    golden = GOLDEN / "paths" / f"{flow}.txt"
    if not golden.exists():
        pytest.skip(f"no baseline for {flow}; run make regression-update")
    return paths.parse(golden.read_text(encoding="utf-8"))


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
