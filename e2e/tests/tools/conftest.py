"""Fixtures of the tools' browser tests: a portal of the test's own, for the tools that reset it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.harness.portal import LivePortal, start_portal


@pytest.fixture
def own_portal(tmp_path: Path) -> Iterator[LivePortal]:
    """An unmutated portal of this test's own (the tools reset it; never a shared one)."""
    portal = start_portal(tmp_path / "portal.sqlite3")
    yield portal
    portal.stop()
