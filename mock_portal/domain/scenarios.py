"""A person's starting state, as the portal builds it: the shape a scenario catalogue fills.

The portal defines what a starting state is (``Scenario``, ``LoanSpec``, the fields a caller may
override) and what a catalogue of them offers (``Catalogue``); the named scenarios and the
Faker people live above it, in the fixtures package, which installs its catalogue through the
``mock_portal.catalogues`` entry point (``mock_portal.catalogue``). So the portal never imports
the fixtures, and the layers point one way (docs/architecture.md#layers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol, TypedDict, Unpack

from .rules import AccountStatus

DEFAULT_CREDIT_LIMIT_FEN = 4_000_000  # ¥40,000.00
# The statuses a scenario can start in; someone never invited is ``invited=False`` instead.
STATUSES = (
    AccountStatus.ACTIVE,
    AccountStatus.PAUSED,
    AccountStatus.CLOSURE_PENDING,
    AccountStatus.CLOSED,
)
REVIEW_OUTCOMES = ("approve", "reject")


@dataclass(frozen=True)
class LoanSpec:
    """A loan as it stands now: when it was borrowed, when due, what was charged and repaid."""

    principal_fen: int
    borrowed_days_ago: int
    term_days: int = 300
    interest_fen: int = 0
    penalty_fen: int = 0
    principal_repaid_fen: int = 0
    interest_repaid_fen: int = 0
    penalty_repaid_fen: int = 0
    daily_rate_ppm: int = 500
    overdue_months: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """A person's starting state; every field can be overridden through the test API."""

    name: str
    description: str
    invited: bool = True
    status: AccountStatus = AccountStatus.ACTIVE  # one of STATUSES
    opted_out: bool = False
    risk_flag: bool = False
    eligible_after_pause: bool = True
    face_check_fails: bool = False
    review_outcome: str = "approve"  # approve or reject
    review_reject_reason: str = ""
    review_working_days: int = 2
    credit_limit_fen: int = DEFAULT_CREDIT_LIMIT_FEN
    paused_days_ago: int = 10
    # A credit card with another bank on the 征信报告: what closing 微粒贷 must leave alone.
    other_lender: bool = False
    loans: tuple[LoanSpec, ...] = field(default_factory=tuple)


class Overrides(TypedDict, total=False):
    """The fields of a Scenario that a caller may change (not its name, description or loans)."""

    invited: bool
    status: AccountStatus
    opted_out: bool
    risk_flag: bool
    eligible_after_pause: bool
    face_check_fails: bool
    review_outcome: str
    review_reject_reason: str
    review_working_days: int
    credit_limit_fen: int
    paused_days_ago: int
    other_lender: bool


def with_overrides(base: Scenario, **overrides: Unpack[Overrides]) -> Scenario:
    """Return ``base`` with ``overrides`` applied, refusing a value the portal cannot build.

    ``status`` may also be given as its string value ("paused"), as JSON sends it.
    """
    unknown = set(overrides) - Overrides.__optional_keys__
    if unknown:
        raise ValueError(f"unknown override(s) {', '.join(sorted(unknown))}")
    chosen = replace(base, **overrides)
    # A value the portal cannot build would pass here and fail later (or be silently ignored).
    if chosen.status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, got {chosen.status!r}")
    chosen = replace(chosen, status=AccountStatus(chosen.status))
    if chosen.review_outcome not in REVIEW_OUTCOMES:
        raise ValueError(
            f"review_outcome must be one of {', '.join(REVIEW_OUTCOMES)}, "
            f"got {chosen.review_outcome!r}"
        )
    for key in ("review_working_days", "credit_limit_fen", "paused_days_ago"):
        if getattr(chosen, key) < 0:
            raise ValueError(f"{key} must be >= 0, got {getattr(chosen, key)!r}")
    return chosen


class PersonLike(Protocol):
    """What the portal reads of a made-up person."""

    @property
    def name(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def id_number(self) -> str: ...
    @property
    def bank_card(self) -> str: ...
    @property
    def payment_password(self) -> str: ...


@dataclass(frozen=True)
class Catalogue:
    """The named starting states and the made-up people a portal builds its people from."""

    scenarios: Mapping[str, Scenario]
    # The n-th person of a store (n from 1): the same n gives the same person, on any day.
    person: Callable[[int], PersonLike]

    def scenario(self, name: str, **overrides: Unpack[Overrides]) -> Scenario:
        """Return the named scenario with ``overrides``; unknown names raise ValueError."""
        if name not in self.scenarios:
            raise ValueError(f"unknown scenario {name!r}; known: {', '.join(self.scenarios)}")
        return with_overrides(self.scenarios[name], **overrides)
