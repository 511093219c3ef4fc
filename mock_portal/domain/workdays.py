"""Chinese working-day arithmetic for the closure review deadline ("1-3个工作日").

A closure application is reviewed within a number of Chinese working days.
Weekends and public holidays do not count; make-up working days (调休), which
fall on a Saturday or Sunday, do count. All times are naive datetimes in
Beijing local time.

Years covered by the ``chinese_calendar`` package (2004-2026 in 1.11.0) use its
official data. For any other year there is no authoritative data: the
lunar-calendar holidays (Spring Festival, Qingming, Dragon Boat, Mid-Autumn)
and the 调休 make-up days are announced by the State Council each year and
cannot be computed. Those years use a fixed fallback instead: Monday to Friday
are working days, except the fixed-date statutory holidays New Year's Day
(1 Jan), Labour Day (1 May) and National Day (1-3 Oct); there are no make-up
days.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache, lru_cache

import chinese_calendar

# (month, day) pairs treated as holidays in years the package does not cover.
FALLBACK_HOLIDAYS: frozenset[tuple[int, int]] = frozenset(
    {(1, 1), (5, 1), (10, 1), (10, 2), (10, 3)}
)


@cache
def covered_by_calendar(year: int) -> bool:
    """Return whether ``chinese_calendar`` has official data for ``year``."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=4096)
def is_working_day(day: date) -> bool:
    """Return whether ``day`` is a Chinese working day (调休 days included)."""
    if isinstance(day, datetime):
        day = day.date()
    if covered_by_calendar(day.year):
        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5 and (day.month, day.day) not in FALLBACK_HOLIDAYS


def add_working_days(start: datetime, n: int) -> datetime:
    """Return the moment ``n`` working days after ``start``, at the same time of day."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    result = start
    remaining = n
    while remaining:
        result += timedelta(days=1)
        if is_working_day(result.date()):
            remaining -= 1
    return result


def working_days_between(start: date, end: date) -> int:
    """Count the working days in the half-open interval (start, end]; 0 if end <= start."""
    if isinstance(start, datetime):
        start = start.date()
    if isinstance(end, datetime):
        end = end.date()
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count
