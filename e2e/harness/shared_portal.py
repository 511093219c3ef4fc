"""An external portal shared by many runners: which tests may reset it, move its clock or fault it.

The ``owns_portal`` marker, the skip on a shared portal, the check of ``--reset-external`` and the
API client that refuses to reset or move the clock. See docs/scale.md#runners-sharing-one-portal.
"""

from __future__ import annotations

from typing import Any, NoReturn

import pytest

from .api import PortalApi

MARKER = "owns_portal"
MARKER_HELP = (
    f"{MARKER}: resets the portal, moves its clock, injects faults or needs the clock at "
    "MOCK_PORTAL_CLOCK_START; "
    "skipped on a shared external portal (--base-url without --reset-external)"
)
SKIP_REASON = (
    "owns_portal: resets the portal, moves its clock or injects faults, which a shared external "
    "portal's other runners would meet; runs in-process, or with --base-url plus "
    "--reset-external (one runner)"
)


class SharedPortalError(AssertionError):
    """A test tried to reset, or move the clock of, a portal other runners are using."""


def is_shared(config: pytest.Config) -> bool:
    """Say whether this run drives an external portal it must not reset."""
    external = config.getoption("--base-url", default=None)
    return bool(external) and not config.getoption("--reset-external")


def check_options(config: pytest.Config) -> None:
    """Refuse --reset-external where it would wipe someone else's people."""
    if not config.getoption("--reset-external"):
        return
    if not config.getoption("--base-url", default=None):
        raise pytest.UsageError("--reset-external needs --base-url (the portal to reset)")
    workers = getattr(config.option, "numprocesses", None)
    if workers not in (None, 0, "0"):
        raise pytest.UsageError(
            "--reset-external resets the portal before every test, so only one runner may use "
            "it: drop -n (or pass -n 0 / -p no:xdist)"
        )


def skip_if_shared(item: pytest.Item) -> None:
    """Skip a test that owns the portal when the portal is shared."""
    if item.get_closest_marker(MARKER) and is_shared(item.config):
        pytest.skip(SKIP_REASON)


class SharedPortalApi(PortalApi):
    """The test API of a shared portal: everything but resetting it or moving its clock."""

    def _refuse(self, what: str) -> NoReturn:
        raise SharedPortalError(
            f"this test {what} on a shared external portal, which every other runner would meet; "
            f"mark it @pytest.mark.{MARKER} (it then runs in-process, or with --reset-external)"
        )

    def reset(self) -> dict[str, Any]:
        """Refuse: other runners' people live in this store."""
        self._refuse("resets the store")

    def advance(self, **delta: float) -> str:
        """Refuse: the clock is every runner's."""
        self._refuse("moves the clock forward")

    def set_now(self, moment: str) -> str:
        """Refuse: the clock is every runner's."""
        self._refuse("sets the clock")

    def add_fault(self, **fault: Any) -> int:
        """Refuse: a fault meets whichever runner's request comes next."""
        self._refuse("injects a fault")
