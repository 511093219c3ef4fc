"""The model's browser runner checks itself: covering paths pass, a broken rule fails readably.

``make model`` drives all the covering paths on both variants with a random walk; these are the
cheap proofs that belong in ``make test``: a few paths through different screens, a walk that
replays from its seed, and a mutant caught at the step it breaks.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from e2e.harness.labels import Labels
from e2e.harness.portal import LivePortal, start_portal
from e2e.model import covering_paths
from e2e.model.run import coverage, replay, run_paths, run_walk, write_report
from e2e.model.walk import Recording

PATHS = covering_paths()


def path_number(description: str) -> int:
    """Return the number of the covering path described so (``python -m e2e.model paths``)."""
    (number,) = [i for i, path in enumerate(PATHS) if path.describe() == description]
    return number


@pytest.fixture
def closed_account_usable(tmp_path: Path) -> Iterator[LivePortal]:
    """A portal where a closed account can borrow again."""
    portal = start_portal(tmp_path / "mutant.sqlite3", mutant="closed_account_usable")
    yield portal
    portal.stop()


def test_covering_paths_through_refusals_locks_and_the_closure_pass(
    browser: Browser, own_portal: LivePortal, labels: Labels, tmp_path: Path
) -> None:
    chosen = [
        path_number("outstanding_0_01 (owing) → start closure: blocked, 去还款"),
        path_number(
            "invited, closure at password (at_password) → right password while locked: refused"
        ),
        path_number("invited, closure at sms (at_sms) → right SMS code"),
        path_number("invited, closure at face (at_face) → face check passes: submitted"),
    ]
    runs = run_paths(browser, own_portal.url, [labels.variant], only=chosen, out=tmp_path)

    assert [run.error for run in runs] == [None] * len(chosen)
    taken = {path_number(run.description): run.taken for run in runs}
    assert taken[chosen[1]] == [
        "at_password.wrong_password",
        "at_password.wrong_password",
        "at_password.wrong_password",
        "at_password.right_password[password_locked]",
    ]
    assert taken[chosen[3]] == ["at_face.face_check[!face_check_fails]"]
    (covered,) = coverage(runs)
    assert {"owing", "at_password", "at_sms", "at_face", "closure_pending"} <= covered.states
    report = write_report(runs, tmp_path).read_text(encoding="utf-8")
    assert f"variant {labels.variant}: transitions 5/70" in report
    assert (tmp_path / "model.mmd").read_text(encoding="utf-8").startswith("stateDiagram-v2")


def test_a_random_walk_replays_from_its_seed(
    browser: Browser, own_portal: LivePortal, labels: Labels, tmp_path: Path
) -> None:
    first = run_walk(browser, own_portal.url, labels.variant, seed=11, steps=6, out=tmp_path)
    again = run_walk(browser, own_portal.url, labels.variant, seed=11, steps=6, out=tmp_path / "2")

    assert first.passed and again.passed, (first.error, again.error)
    assert len(first.taken) == 6
    assert again.taken == first.taken
    saved = json.loads(Path(first.recording or "").read_text(encoding="utf-8"))
    replayed = replay(browser, own_portal.url, labels.variant, Recording.from_json(saved))
    assert replayed.passed, replayed.error
    assert replayed.taken == first.taken


def test_a_closed_account_that_borrows_fails_at_that_step_with_its_evidence(
    browser: Browser, closed_account_usable: LivePortal, labels: Labels, tmp_path: Path
) -> None:
    only = [path_number("closed (closed) → borrow: closed")]
    (run,) = run_paths(
        browser, closed_account_usable.url, [labels.variant], only=only, out=tmp_path
    )

    assert not run.passed
    assert run.failed_at == "closed.borrow (refused → closed)"
    assert "the portal must refuse this step and keep the person on" in (run.error or "")
    assert "/weilidai/loans" in (run.error or "")
    assert Path(run.screenshot or "").stat().st_size > 0
    assert Path(run.trace or "").stat().st_size > 0
    kept = Recording.from_json(json.loads(Path(run.recording or "").read_text(encoding="utf-8")))
    assert [(str(action), argument) for action, argument in kept.steps] == [("borrow", 100)]
