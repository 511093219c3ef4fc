"""Tests for money in integer fen (mock_portal.domain.money)."""

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mock_portal.domain.loans import outstanding, pay
from mock_portal.domain.money import apply_rate, format_yuan, parse_yuan
from tests.rules.fakes import BORROWED_AT, FakeLoan

AMOUNT_HINT = "请输入正确的金额，例如 500 或 0.01"
LARGEST_TYPED_FEN = 999_999_999_99  # nine digits of yuan, two of fen: what parse_yuan accepts


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "0.00"),
        (1, "0.01"),
        (10, "0.10"),
        (99, "0.99"),
        (100, "1.00"),
        (237, "2.37"),
        (50_000, "500.00"),
        (120_050, "1,200.50"),
        (4_000_000, "40,000.00"),
        (100_000_000_00, "100,000,000.00"),
        (LARGEST_TYPED_FEN, "999,999,999.99"),
        (-1, "-0.01"),
        (-120_050, "-1,200.50"),
    ],
)
def test_format_yuan(fen: int, text: str) -> None:
    assert format_yuan(fen) == text


@pytest.mark.parametrize("not_fen", [1.0, 0.01, "100", None, True, False])
def test_format_yuan_refuses_anything_but_int(not_fen: object) -> None:
    """Money is integer fen: a float (or a bool, or text) is a programming error."""
    with pytest.raises(TypeError, match="money must be integer fen"):
        format_yuan(not_fen)  # type: ignore[arg-type]  # wrong type on purpose


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("0", 0),
        ("0.01", 1),
        ("0.1", 10),
        ("0.10", 10),
        ("1", 100),
        ("2.37", 237),
        ("500", 50_000),
        ("1200.5", 120_050),
        ("007", 700),
        (" 500 ", 50_000),
        ("500\n", 50_000),
        ("999999999.99", LARGEST_TYPED_FEN),
    ],
)
def test_parse_yuan(text: str, fen: int) -> None:
    assert parse_yuan(text) == fen


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        None,
        "abc",
        "500.",
        ".5",
        "0.001",
        "1.234",
        "-1",
        "+1",
        "-0.01",
        "1,200.50",  # what format_yuan prints is not what a person types
        "1 200",
        "1e3",
        "0x10",
        "¥500",
        "500元",
        "1000000000",  # ten digits of yuan: more than a credit line can ever be
        "1000000000.00",
        "５００",  # full-width digits
        "٥٠٠",  # Arabic-Indic digits: \d must not mean "any Unicode digit"
        "1.٥",
    ],
)
def test_parse_yuan_refuses_bad_input(text: str | None) -> None:
    with pytest.raises(ValueError, match=AMOUNT_HINT):
        parse_yuan(text)  # type: ignore[arg-type]  # None on purpose


def test_round_trip_stops_at_the_typing_limit() -> None:
    """The largest amount a person can type is ¥999,999,999.99; one fen more is refused."""
    assert parse_yuan(format_yuan(LARGEST_TYPED_FEN).replace(",", "")) == LARGEST_TYPED_FEN
    with pytest.raises(ValueError):
        parse_yuan(format_yuan(LARGEST_TYPED_FEN + 1).replace(",", ""))


@given(st.integers(min_value=0, max_value=10**11 - 1))
def test_format_then_parse_is_identity(fen: int) -> None:
    assert parse_yuan(format_yuan(fen).replace(",", "")) == fen


@given(st.integers(min_value=0, max_value=10**11 - 1))
def test_format_yuan_has_two_decimals_and_grouped_thousands(fen: int) -> None:
    whole, _, cents = format_yuan(fen).partition(".")
    assert len(cents) == 2
    assert whole == f"{fen // 100:,}"


@pytest.mark.parametrize(
    ("base_fen", "rate_ppm", "charge_fen"),
    [
        (0, 500, 0),
        (1, 500, 0),  # a fen of principal earns nothing: rounded down
        (1_999, 500, 0),
        (2_000, 500, 1),
        (200_000, 500, 100),
        (300_000, 500, 150),
        (200_000, 750, 150),
        (123_457, 500, 61),  # 61.7285 rounds down
        (1_000_000, 1_000_000, 1_000_000),
        (500_000, 0, 0),
    ],
)
def test_apply_rate_rounds_down_to_the_fen(base_fen: int, rate_ppm: int, charge_fen: int) -> None:
    charge = apply_rate(base_fen, rate_ppm)
    assert charge == charge_fen
    assert isinstance(charge, int)


@given(
    base_fen=st.integers(min_value=0, max_value=10**11),
    rate_ppm=st.integers(min_value=0, max_value=10_000),
)
def test_apply_rate_is_exact_integer_arithmetic(base_fen: int, rate_ppm: int) -> None:
    charge = apply_rate(base_fen, rate_ppm)
    assert isinstance(charge, int)
    assert charge * 1_000_000 <= base_fen * rate_ppm < (charge + 1) * 1_000_000


# ---------------------------------------------------------------- repayments and money


def test_a_repayment_that_leaves_one_fen_after_a_loan_pays_it_into_the_next() -> None:
    older = FakeLoan(principal_fen=500)
    newer = FakeLoan(principal_fen=500, borrowed_at=BORROWED_AT + timedelta(days=1))
    assert pay([newer, older], 501) == 0
    assert outstanding(older).total_fen == 0
    assert outstanding(newer).principal_fen == 499


def test_a_repayment_of_nothing_is_refused_in_words() -> None:
    with pytest.raises(ValueError) as error:
        pay([FakeLoan(principal_fen=100)], 0)
    assert str(error.value) == "还款金额必须大于 0"


def test_money_that_is_not_fen_is_named_in_the_error() -> None:
    with pytest.raises(TypeError) as error:
        format_yuan(1.5)  # type: ignore[arg-type]  # what the check is for
    assert str(error.value) == "money must be integer fen, got float"


def test_an_amount_that_is_not_money_is_refused_with_an_example() -> None:
    with pytest.raises(ValueError) as error:
        parse_yuan("abc")
    assert str(error.value) == "请输入正确的金额，例如 500 或 0.01"
