"""The bench's pytest plugin: each test notes how many of the portal's screens it loaded.

The bench loads it (``-p e2e.bench.steplog``) when it times the suite and names the file in
``$WEILIDAI_STEP_LOG``; every test that used the harness's ``portal`` fixture appends
``<test id>\\t<screens>``, one screen per browser step (docs/performance.md). It is the bench's,
not the harness's: layers point one way (docs/architecture.md#layers).
"""

from __future__ import annotations

import os

import pytest

from ..harness.api import PortalApi
from ..harness.shared_portal import SharedPortalApi

PLUGIN = "e2e.bench.steplog"
# Where the bench asks each test to note how many screens it loaded.
STEP_LOG_ENV = "WEILIDAI_STEP_LOG"


def screens_loaded(api: PortalApi) -> int:
    """Count the portal's screens the browser loaded since the reset: one per browser step."""
    return sum(
        1
        for entry in api.requests(method="GET")
        if not entry["path"].startswith(("/__test__", "/static"))
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Note the test's screens while its portal and page are still up (before any teardown)."""
    step_log = os.environ.get(STEP_LOG_ENV)
    api = getattr(item, "funcargs", {}).get("portal")
    # A shared external portal's journal holds other runners' requests: nothing to count.
    if not step_log or not isinstance(api, PortalApi) or isinstance(api, SharedPortalApi):
        return
    with open(step_log, "a", encoding="utf-8") as log:
        log.write(f"{item.nodeid}\t{screens_loaded(api)}\n")
