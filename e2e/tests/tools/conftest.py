"""The tools' browser tests: each runs a tool as a user would (the main run, the walkthroughs, the
audit, the regression checks, the model's walks, the plugin in another project, the bench floor),
a portal of its own for those that reset it.

Every test in this folder is ``deep``: ``make test`` leaves them out, ``make test-all`` and the
browser suite's CI shards run them. They were 121 s of the two workers' 445 s in the fast
gate, which keeps the browserless checks of the same tools (their flags, pages and
reports, in tests/tools) and the browser suite proper (docs/writing-tests.md#deep-tests).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.harness.portal import LivePortal, start_portal

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``deep``."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.deep)


@pytest.fixture
def own_portal(tmp_path: Path) -> Iterator[LivePortal]:
    """An unmutated portal of this test's own (the tools reset it; never a shared one)."""
    portal = start_portal(tmp_path / "portal.sqlite3")
    yield portal
    portal.stop()
