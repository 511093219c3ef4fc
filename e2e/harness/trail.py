"""Which controls a flow touched: page objects report each tap here, observers read it.

Path maps (regression checks) and walkthrough videos need to know "step 6 tapped the link
安全中心 on the screen 微粒贷官网" without the page objects knowing who listens.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Tap:
    """One control used: on which screen, its ARIA role and accessible name."""

    screen: str
    role: str
    name: str


@dataclass
class Trail:
    """The taps made so far in one flow run."""

    taps: list[Tap] = field(default_factory=list)


_current: ContextVar[Trail | None] = ContextVar("trail", default=None)


def note(tap: Tap) -> None:
    """Record a tap on the active trail, if a flow runner is listening."""
    trail = _current.get()
    if trail is not None:
        trail.taps.append(tap)


@contextmanager
def recording() -> Iterator[Trail]:
    """Listen for taps for the duration of a block."""
    trail = Trail()
    token = _current.set(trail)
    try:
        yield trail
    finally:
        _current.reset(token)
