"""A pytest plugin for runs against a portal mutant (``pytest -p e2e.regression.plugin``).

A mutant usually breaks the path, so a test waits for a control that never comes; Playwright's
default 30 s action timeout would make each mutant run slow. Against a local portal that answers
in milliseconds, 5 s is plenty.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .recording import ACTION_TIMEOUT_MS


@pytest.fixture(autouse=True)
def _fail_fast_actions(request: pytest.FixtureRequest) -> Iterator[None]:
    """Shorten the action timeout of any browser context the test uses."""
    if "context" in request.fixturenames or "page" in request.fixturenames:
        request.getfixturevalue("context").set_default_timeout(ACTION_TIMEOUT_MS)
    yield
