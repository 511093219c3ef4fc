"""Money as integer fen (分): formatting and parsing, never float."""

from __future__ import annotations

import re

from .text import N_

# ASCII only: \d alone would take any Unicode digit ("٥٠٠") as money.
_AMOUNT = re.compile(r"^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$", re.ASCII)


def format_yuan(fen: int) -> str:
    """Format an amount in fen as yuan with two decimals and thousands separators."""
    if not isinstance(fen, int) or isinstance(fen, bool):
        raise TypeError(f"money must be integer fen, got {type(fen).__name__}")
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{cents:02d}"


def parse_yuan(text: str) -> int:
    """Parse a yuan amount typed by a person ("500", "0.01", "1200.5") into fen."""
    match = _AMOUNT.match(text or "")
    if not match:
        raise ValueError(N_("请输入正确的金额，例如 500 或 0.01"))
    whole, cents = match.group(1), (match.group(2) or "").ljust(2, "0")
    return int(whole) * 100 + int(cents)


def apply_rate(base_fen: int, rate_ppm: int) -> int:
    """Return one day's charge on ``base_fen`` at ``rate_ppm`` parts per million, rounded down."""
    return base_fen * rate_ppm // 1_000_000
