"""make mutants-rules scores mutmut's verdicts against the list of equivalent mutants."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "mutants_rules", ROOT / "scripts/mutants_rules.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


runner = _runner()

DIFF = """# mock_portal.domain.money.x_parse_yuan__mutmut_4: survived
--- mock_portal/domain/money.py
+++ mock_portal/domain/money.py
@@ -1,4 +1,4 @@
-    match = _AMOUNT.match(text or "")
+    match = _AMOUNT.match(text or "XXXX")
"""
SURVIVOR = "mock_portal.domain.money.x_parse_yuan__mutmut_4"


def listed(mutated: str = 'match = _AMOUNT.match(text or "XXXX")') -> dict[str, object]:
    """Return a list of equivalents holding the survivor, recorded as making ``mutated``."""
    return {SURVIVOR: runner.Equivalent(SURVIVOR, mutated, "no text matches either way")}


def test_results_are_read_per_mutant() -> None:
    text = f"    {SURVIVOR}: survived\n    mock_portal.services.x_pause__mutmut_1: killed\n"
    assert runner.parse_results(text) == {
        SURVIVOR: "survived",
        "mock_portal.services.x_pause__mutmut_1": "killed",
    }


def test_the_mutated_line_is_what_the_diff_adds() -> None:
    assert runner.mutated_lines(DIFF) == 'match = _AMOUNT.match(text or "XXXX")'


def test_a_listed_survivor_is_equivalent_and_left_out_of_the_score() -> None:
    verdicts = {SURVIVOR: "survived", "a": "killed", "b": "timeout", "c": "survived"}
    score, problems = runner.judge(verdicts, listed(), {SURVIVOR: DIFF, "c": ""})
    assert problems == []
    assert score.unexplained == ["c"]
    assert score.count("survived") == 1
    assert round(score.percent, 1) == 66.7  # killed + timeout of the three that can be noticed


def test_a_listed_mutant_that_now_changes_something_else_is_a_problem() -> None:
    score, problems = runner.judge({SURVIVOR: "survived"}, listed("x = 1"), {SURVIVOR: DIFF})
    assert score.unexplained == [SURVIVOR]
    assert "the function changed" in problems[0]


def test_a_listed_mutant_a_test_now_kills_is_a_problem() -> None:
    score, problems = runner.judge({SURVIVOR: "killed"}, listed(), {})
    assert score.unexplained == []
    assert "remove it" in problems[0]


def test_the_checked_in_list_reads_and_every_entry_has_a_reason() -> None:
    for name, item in runner.load_equivalents().items():
        assert name.startswith("mock_portal.")
        assert item.reason
        # A mutant that deletes a line adds none: its entry's line is empty, and nothing else's.
        assert item.mutated or "drops" in item.reason


def test_a_listed_mutant_an_interrupted_run_did_not_reach_is_neither() -> None:
    score, problems = runner.judge({SURVIVOR: "not checked"}, listed(), {SURVIVOR: DIFF})
    assert problems == []
    assert score.unexplained == [SURVIVOR]  # the run is not finished: no score to trust yet
