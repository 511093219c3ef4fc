"""The portal clock, kept in the store so every worker process reads the same time.

With no clock row the portal follows real Beijing time. The test-control API freezes it at a
known moment and moves it; ``catch_up`` then applies whatever fell due.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .store import ClockState

BEIJING = timezone(timedelta(hours=8))


def real_beijing_now() -> datetime:
    """Return the real time in Beijing as a naive datetime (the store's convention)."""
    return datetime.now(BEIJING).replace(tzinfo=None, microsecond=0)


def now(db: Session | Connection) -> datetime:
    """Return the portal's current time (read through a session or a bare connection)."""
    state = db.execute(
        select(ClockState.frozen_at, ClockState.offset_seconds).where(ClockState.id == 1)
    ).first()
    if state is None:
        return real_beijing_now()
    frozen_at, offset_seconds = state  # a typed tuple, where ``state.frozen_at`` would be Any
    if frozen_at is not None:
        return frozen_at
    return real_beijing_now() + timedelta(seconds=offset_seconds)


def lock(db: Session) -> None:
    """Hold the clock row until the transaction ends, so that moves of the clock take turns.

    A move reads the time and writes a later one: without the lock two simultaneous moves of a
    day each could end one day on, not two. Requests that only read the clock never wait.
    """
    row = select(ClockState.id).where(ClockState.id == 1).with_for_update()
    if db.execute(row).first() is not None:
        return
    # No clock row yet (real time): make one that still says real time, so there is a row to
    # hold. Two requests may both try; the second's insert fails and it waits for the row.
    try:
        with db.begin_nested():
            db.add(ClockState(id=1, frozen_at=None, offset_seconds=0))
    except IntegrityError:
        pass
    db.execute(row)


def freeze(db: Session, moment: datetime) -> None:
    """Stop the clock at ``moment`` (naive Beijing time)."""
    state = db.get(ClockState, 1) or ClockState(id=1)
    state.frozen_at = moment.replace(microsecond=0)
    state.offset_seconds = 0
    db.add(state)


def advance(db: Session, delta: timedelta) -> datetime:
    """Move the clock forward by ``delta``; return the new time."""
    if delta < timedelta(0):
        raise ValueError("the portal clock only moves forward")
    state = db.get(ClockState, 1)
    if state is None or state.frozen_at is None:
        state = state or ClockState(id=1, offset_seconds=0)
        state.offset_seconds = (state.offset_seconds or 0) + int(delta.total_seconds())
        db.add(state)
    else:
        state.frozen_at = state.frozen_at + delta
    return now(db)


def parse_moment(text: str) -> datetime:
    """Parse an ISO time; one with an offset is converted to Beijing time, a naive one kept."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is not None:
        moment = moment.astimezone(BEIJING).replace(tzinfo=None)
    return moment
