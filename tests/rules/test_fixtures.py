"""Tests for the Faker people and the named scenarios (fixtures/)."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from weilidai_fixtures import SCENARIOS, Scenario, make_person, scenario
from weilidai_fixtures.people import DEFAULT_SEED

README_SCENARIOS = {
    "invited",
    "uninvited",
    "outstanding_0_01",
    "overdue_penalty",
    "recent_loan",
    "paused",
    "opted_out",
    "closure_pending",
    "closed",
    "face_check_fails",
    "review_rejected",
}
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def luhn_valid(number: str) -> bool:
    """Say whether a card number passes the Luhn check (checked from the right)."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        digit = int(ch) * (2 if i % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def id_number_valid(id_number: str) -> bool:
    """Say whether an 18-character resident ID has the right check character (GB 11643)."""
    total = sum(int(ch) * weight for ch, weight in zip(id_number[:17], ID_WEIGHTS, strict=True))
    return id_number[17] == "10X98765432"[total % 11]


# ---------------------------------------------------------------- people


def test_the_same_seed_gives_the_same_person() -> None:
    assert make_person(DEFAULT_SEED) == make_person(DEFAULT_SEED)
    assert make_person(7) == make_person(7)
    assert make_person(7) != make_person(8)


@pytest.mark.parametrize("seed", [DEFAULT_SEED, 7])
def test_a_person_is_the_same_on_any_day(seed: int) -> None:
    # Faker's ssn() counted from date.today(): the ID changed overnight and a golden drifted.
    today = make_person(seed)
    for day in (date(2027, 3, 1), date(2031, 12, 31)):
        with time_machine.travel(day):
            assert make_person(seed) == today, day


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_people_look_real(seed: int) -> None:
    person = make_person(seed)
    assert re.fullmatch(r"[\u4e00-\u9fff]{2,4}", person.name)
    assert re.fullmatch(r"1[3-9][0-9]{9}", person.phone)
    assert re.fullmatch(r"[0-9]{17}[0-9X]", person.id_number)
    assert id_number_valid(person.id_number)
    assert re.fullmatch(r"622202[0-9]{13}", person.bank_card)
    assert luhn_valid(person.bank_card)
    password = person.payment_password
    assert re.fullmatch(r"[0-9]{6}", password)
    assert len(set(password)) >= 3
    assert password not in "01234567899876543210"


# ---------------------------------------------------------------- scenarios


def test_every_scenario_the_readme_names_exists() -> None:
    assert set(SCENARIOS) >= README_SCENARIOS


@pytest.mark.parametrize("name", sorted(README_SCENARIOS))
def test_scenarios_are_valid_as_they_stand(name: str) -> None:
    assert scenario(name) == SCENARIOS[name]


def test_scenario_applies_overrides() -> None:
    chosen = scenario("invited", risk_flag=True, review_working_days=3, status="paused")
    assert chosen.risk_flag is True
    assert chosen.review_working_days == 3
    assert chosen.status == "paused"
    assert SCENARIOS["invited"].risk_flag is False  # the named one is untouched


@pytest.mark.parametrize(
    ("name", "overrides", "error"),
    [
        ("no_such", {}, "unknown scenario 'no_such'"),
        ("invited", {"colour": "red"}, r"unknown override\(s\) colour"),
        ("invited", {"loans": ()}, r"unknown override\(s\) loans"),
        ("invited", {"status": "bogus"}, "status must be one of"),
        ("invited", {"status": "not_invited"}, "status must be one of"),  # that is invited=False
        ("invited", {"review_outcome": "maybe"}, "review_outcome must be one of"),
        ("invited", {"review_working_days": -1}, "review_working_days must be >= 0"),
        ("invited", {"credit_limit_fen": -1}, "credit_limit_fen must be >= 0"),
        ("paused", {"paused_days_ago": -1}, "paused_days_ago must be >= 0"),
    ],
)
def test_scenario_refuses_what_the_portal_cannot_build(
    name: str, overrides: dict[str, object], error: str
) -> None:
    with pytest.raises(ValueError, match=error):
        scenario(name, **overrides)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenario_loans_never_repay_more_than_charged(name: str) -> None:
    for loan in SCENARIOS[name].loans:
        assert 0 <= loan.principal_repaid_fen <= loan.principal_fen
        assert 0 <= loan.interest_repaid_fen <= loan.interest_fen
        assert 0 <= loan.penalty_repaid_fen <= loan.penalty_fen
        for month in loan.overdue_months:
            assert re.fullmatch(r"20[0-9]{2}-(0[1-9]|1[0-2])", month)


def test_scenario_is_plain_data() -> None:
    assert isinstance(SCENARIOS["outstanding_0_01"], Scenario)
    with pytest.raises(AttributeError):
        SCENARIOS["invited"].status = "closed"  # type: ignore[misc]  # frozen: the point of the test
