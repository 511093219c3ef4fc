"""Tests for Chinese working-day arithmetic (mock_portal.domain.workdays).

Facts for 2026 come from chinese_calendar 1.11.0 (State Council notice):
- Spring Festival: holiday Sun 15 Feb - Mon 23 Feb; make-up working days Sat 14 Feb, Sat 28 Feb.
- Mid-Autumn: holiday Fri 25 Sep - Sun 27 Sep.
- National Day: holiday Thu 1 Oct - Wed 7 Oct; make-up working days Sun 20 Sep, Sat 10 Oct.
Years from 2027 on are not covered by the package and use the fixed-date fallback.
"""

from datetime import date, datetime, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mock_portal.domain.workdays import (
    add_working_days,
    covered_by_calendar,
    is_working_day,
    working_days_between,
)
from tests.rules.fakes import NOW


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # National Day 2026 and its make-up days
        (date(2026, 9, 19), False),  # ordinary Saturday
        (date(2026, 9, 20), True),  # Sunday, make-up working day
        (date(2026, 9, 25), False),  # Friday, Mid-Autumn
        (date(2026, 9, 30), True),
        (date(2026, 10, 1), False),
        (date(2026, 10, 2), False),
        (date(2026, 10, 3), False),
        (date(2026, 10, 4), False),
        (date(2026, 10, 5), False),
        (date(2026, 10, 6), False),
        (date(2026, 10, 7), False),
        (date(2026, 10, 8), True),
        (date(2026, 10, 9), True),
        (date(2026, 10, 10), True),  # Saturday, make-up working day
        (date(2026, 10, 11), False),  # ordinary Sunday
        # Spring Festival 2026 and its make-up days
        (date(2026, 2, 13), True),
        (date(2026, 2, 14), True),  # Saturday, make-up working day
        (date(2026, 2, 15), False),
        (date(2026, 2, 16), False),
        (date(2026, 2, 17), False),  # Chinese New Year's Day
        (date(2026, 2, 20), False),
        (date(2026, 2, 23), False),  # Monday, last day of the holiday
        (date(2026, 2, 24), True),
        (date(2026, 2, 28), True),  # Saturday, make-up working day
        (date(2026, 3, 1), False),
        # Other 2026 make-up days
        (date(2026, 1, 4), True),  # Sunday after New Year
        (date(2026, 5, 9), True),  # Saturday after Labour Day
    ],
)
def test_is_working_day_2026(day: date, expected: bool) -> None:
    assert is_working_day(day) is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 1, 1), False),  # Friday, New Year's Day
        (date(2027, 1, 2), False),  # Saturday
        (date(2027, 1, 4), True),  # Monday
        (date(2027, 2, 8), True),  # Spring Festival is not known: plain Monday
        (date(2030, 5, 1), False),  # Wednesday, Labour Day
        (date(2030, 5, 2), True),
        (date(2030, 10, 1), False),  # Tuesday, National Day
        (date(2030, 10, 2), False),
        (date(2030, 10, 3), False),
        (date(2030, 10, 4), True),  # Friday: only 1-3 Oct are fallback holidays
        (date(2030, 10, 5), False),  # Saturday: no make-up days in the fallback
        (date(2003, 1, 1), False),  # before the package's range
        (date(2003, 1, 2), True),
    ],
)
def test_is_working_day_fallback(day: date, expected: bool) -> None:
    assert is_working_day(day) is expected


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2003, False), (2004, True), (2020, True), (2026, True), (2027, False), (2030, False)],
)
def test_covered_by_calendar(year: int, expected: bool) -> None:
    assert covered_by_calendar(year) is expected


def test_is_working_day_matches_package_for_all_of_2026() -> None:
    day = date(2026, 1, 1)
    while day.year == 2026:
        assert is_working_day(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Friday + 1 -> Monday
        (datetime(2026, 3, 6, 10, 0), 1, datetime(2026, 3, 9, 10, 0)),
        (datetime(2030, 3, 8, 10, 0), 1, datetime(2030, 3, 11, 10, 0)),
        # Weekend submission counts from the following working days
        (datetime(2026, 3, 7, 14, 0), 1, datetime(2026, 3, 9, 14, 0)),
        (datetime(2026, 3, 8, 14, 0), 3, datetime(2026, 3, 11, 14, 0)),
        # Make-up Sunday before National Day is counted
        (datetime(2026, 9, 18, 10, 0), 1, datetime(2026, 9, 20, 10, 0)),
        # Mid-Autumn Friday then weekend
        (datetime(2026, 9, 24, 10, 0), 1, datetime(2026, 9, 28, 10, 0)),
        # National Day 2026
        (datetime(2026, 9, 30, 15, 30), 1, datetime(2026, 10, 8, 15, 30)),
        (datetime(2026, 9, 30, 15, 30), 2, datetime(2026, 10, 9, 15, 30)),
        (datetime(2026, 9, 30, 15, 30), 3, datetime(2026, 10, 10, 15, 30)),  # make-up Sat
        (datetime(2026, 10, 3, 9, 0), 1, datetime(2026, 10, 8, 9, 0)),  # submitted on holiday
        (datetime(2026, 10, 9, 9, 0), 1, datetime(2026, 10, 10, 9, 0)),
        (datetime(2026, 10, 9, 9, 0), 2, datetime(2026, 10, 12, 9, 0)),
        # Spring Festival 2026
        (datetime(2026, 2, 13, 11, 0), 1, datetime(2026, 2, 14, 11, 0)),  # make-up Sat
        (datetime(2026, 2, 13, 11, 0), 2, datetime(2026, 2, 24, 11, 0)),
        (datetime(2026, 2, 14, 11, 0), 1, datetime(2026, 2, 24, 11, 0)),
        (datetime(2026, 2, 17, 11, 0), 3, datetime(2026, 2, 26, 11, 0)),
        (datetime(2026, 2, 27, 11, 0), 1, datetime(2026, 2, 28, 11, 0)),  # make-up Sat
        (datetime(2026, 2, 27, 11, 0), 2, datetime(2026, 3, 2, 11, 0)),
        # December into January (2027 uses the fallback: 1 Jan is a Friday holiday)
        (datetime(2026, 12, 31, 10, 0), 1, datetime(2027, 1, 4, 10, 0)),
        (datetime(2026, 12, 31, 10, 0), 3, datetime(2027, 1, 6, 10, 0)),
        (datetime(2027, 12, 31, 10, 0), 1, datetime(2028, 1, 3, 10, 0)),
        # Fallback year: National Day 1-3 Oct, then working Friday
        (datetime(2030, 9, 30, 10, 0), 1, datetime(2030, 10, 4, 10, 0)),
        (datetime(2030, 9, 30, 10, 0), 2, datetime(2030, 10, 7, 10, 0)),
        (datetime(2030, 4, 30, 10, 0), 1, datetime(2030, 5, 2, 10, 0)),
        # Same time of day preserved, down to microseconds
        (
            datetime(2026, 9, 30, 23, 59, 59, 999999),
            1,
            datetime(2026, 10, 8, 23, 59, 59, 999999),
        ),
        (datetime(2026, 10, 8, 0, 0), 1, datetime(2026, 10, 9, 0, 0)),
    ],
)
@pytest.mark.requirement("REVIEW-WORKING-DAYS")
def test_add_working_days(start: datetime, n: int, expected: datetime) -> None:
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize(
    "start",
    [
        datetime(2026, 3, 6, 10, 0),  # working day
        datetime(2026, 10, 1, 0, 0),  # holiday
        datetime(2026, 3, 7, 8, 15),  # weekend
        datetime(2030, 10, 2, 12, 0),  # fallback holiday
    ],
)
def test_add_zero_working_days_returns_start(start: datetime) -> None:
    assert add_working_days(start, 0) == start


def test_add_negative_working_days_rejected() -> None:
    with pytest.raises(ValueError):
        add_working_days(datetime(2026, 3, 6, 10, 0), -1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 9, 30), date(2026, 9, 30), 0),
        (date(2026, 10, 8), date(2026, 9, 30), 0),  # end before start
        (date(2026, 9, 30), date(2026, 10, 7), 0),
        (date(2026, 9, 30), date(2026, 10, 10), 3),
        (date(2026, 9, 18), date(2026, 9, 20), 1),  # make-up Sunday counted
        (date(2026, 2, 13), date(2026, 2, 28), 6),
        (date(2026, 3, 6), date(2026, 3, 9), 1),
        (date(2026, 12, 31), date(2027, 1, 4), 1),
        (date(2030, 9, 30), date(2030, 10, 7), 2),
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end) == expected


@given(
    start=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31, 23, 59)),
    n=st.integers(min_value=1, max_value=3),
)
def test_add_working_days_property(start: datetime, n: int) -> None:
    result = add_working_days(start, n)
    assert is_working_day(result.date())
    assert result > start
    assert result.time() == start.time()
    assert working_days_between(start.date(), result.date()) == n


# ---------------------------------------------------------------- working days between moments


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (datetime(2026, 11, 23, 10, 0), date(2026, 11, 25), 2),  # Monday 10:00 to Wednesday
        (date(2026, 11, 23), datetime(2026, 11, 25, 9, 0), 2),
        (datetime(2026, 11, 27, 16, 0), datetime(2026, 12, 1, 8, 0), 2),  # Friday to Tuesday
        (datetime(2026, 11, 23, 23, 0), datetime(2026, 11, 23, 1, 0), 0),
    ],
)
def test_working_days_between_counts_whole_days_of_moments(
    start: date, end: date, expected: int
) -> None:
    """A datetime counts by its day: the time of day never adds or drops a working day."""
    assert working_days_between(start, end) == expected


def test_add_working_days_refuses_a_negative_count_and_says_so() -> None:
    with pytest.raises(ValueError) as error:
        add_working_days(NOW, -1)
    assert str(error.value) == "n must be >= 0, got -1"
