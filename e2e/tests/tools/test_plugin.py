"""The harness is a real pytest plugin: a project with no conftest gets its fixtures and options."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

OUTSIDE_TEST = """
import pytest


@pytest.mark.flow("opt_out")
def test_opting_out_from_another_project(journey, flow, labels, portal):
    trip = journey.of(flow).run(flow.steps)
    assert trip.person.variant == flow.variant == labels.variant == "B"
    assert portal.state(trip.person)["entry_visible"] is False
"""


def test_a_project_outside_the_repository_uses_the_plugin(tmp_path: Path) -> None:
    (tmp_path / "test_outside.py").write_text(OUTSIDE_TEST, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--variant", "B"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert not list(tmp_path.glob("conftest.py"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
