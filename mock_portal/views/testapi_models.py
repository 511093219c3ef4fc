"""The test-control API's shapes: what each call takes and what it answers.

Declared once: the views of ``mock_portal.views.testapi`` take their input validated by these
pydantic models, answer with them, and ``mock_portal.contract`` lays them out as the OpenAPI
document the API serves (docs/test-api.md). A field's ``Says`` is what a 400 says when a rule
of it is broken. The answers a client reads field by field (a person's state, a fault, a
journal entry...) are TypedDicts, which pydantic documents as it does models: the test API's
client, ``e2e.harness.api.PortalApi``, types what it returns by them, so mypy holds the portal
and its client to the one shape.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any, ClassVar, Self

from pydantic import MISSING, AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import String
from typing_extensions import TypedDict  # pydantic reads typing's only from Python 3.12

from .. import catalogue, services
from ..contract import TEMPLATES, Body, OneOf, Says
from ..domain.rules import AccountStatus, ApplicationStatus
from ..domain.scenarios import REVIEW_OUTCOMES, STATUSES, Overrides
from ..domain.variants import VARIANTS, check_variant
from ..store import Person

PERSON_FIELDS = ("name", "phone", "id_number", "bank_card", "payment_password")
MAX_ADVANCE = timedelta(days=3660)  # ten years is plenty; far more overflows datetime
MAX_ID = 2**31 - 1  # the store's integer columns (PostgreSQL's integer) hold no more
TOO_LONG = TEMPLATES["maxLength"]


def _longest(column: str) -> int:
    """Return how many characters the person column ``column`` holds (PostgreSQL enforces it)."""
    kind = Person.__table__.c[column].type
    assert isinstance(kind, String) and kind.length is not None, column
    return kind.length


# ---------------------------------------------------------------- what the calls take

PersonId = Annotated[int, Field(ge=1, le=MAX_ID, description="a person's id")]


class NewPerson(Body):
    """A person to create: a scenario, the client variant, and any field to override."""

    model_config = ConfigDict(extra="forbid")
    unknown_fields: ClassVar[str] = "unknown override(s) {names}; use {allowed}"

    scenario: Annotated[
        str,
        OneOf(tuple(catalogue.installed().scenarios)),
        Says(
            'say which scenario, e.g. {"scenario": "outstanding_0_01"}',
            enum="unknown scenario {value}; known: {choices}",
        ),
    ]
    variant: Annotated[
        str,
        AfterValidator(check_variant),
        Field(description=f"the client variant, {' or '.join(VARIANTS)} (either case)"),
    ] = "A"
    # The person's own fields (a Faker person's by default).
    name: Annotated[
        str | MISSING,
        Field(pattern=r"\S", max_length=_longest("name")),
        Says("name must be a non-empty string", maxLength=TOO_LONG),
    ] = MISSING
    phone: Annotated[
        str | MISSING, Field(pattern=r"^[0-9]{11}$"), Says("phone must be 11 digits")
    ] = MISSING
    id_number: Annotated[
        str | MISSING,
        Field(pattern=r"\S", max_length=_longest("id_number")),
        Says("id_number must be a non-empty string", maxLength=TOO_LONG),
    ] = MISSING
    bank_card: Annotated[
        str | MISSING,
        Field(pattern=r"\S", max_length=_longest("bank_card")),
        Says("bank_card must be a non-empty string", maxLength=TOO_LONG),
    ] = MISSING
    payment_password: Annotated[
        str | MISSING, Field(pattern=r"^[0-9]{6}$"), Says("payment_password must be 6 digits")
    ] = MISSING
    # The scenario's fields (mock_portal.domain.scenarios.Overrides).
    invited: bool | MISSING = MISSING
    status: Annotated[str | MISSING, OneOf(tuple(STATUSES))] = MISSING
    opted_out: bool | MISSING = MISSING
    risk_flag: bool | MISSING = MISSING
    eligible_after_pause: bool | MISSING = MISSING
    face_check_fails: bool | MISSING = MISSING
    review_outcome: Annotated[str | MISSING, OneOf(REVIEW_OUTCOMES)] = MISSING
    review_reject_reason: Annotated[
        str | MISSING, Field(max_length=_longest("review_reject_reason"))
    ] = MISSING
    review_working_days: Annotated[int | MISSING, Field(ge=0, le=MAX_ADVANCE.days)] = MISSING
    credit_limit_fen: Annotated[int | MISSING, Field(ge=0, le=MAX_ID)] = MISSING
    paused_days_ago: Annotated[int | MISSING, Field(ge=0, le=MAX_ADVANCE.days)] = MISSING
    other_lender: Annotated[
        bool | MISSING, Field(description="a credit card with another bank on the 征信报告")
    ] = MISSING


OVERRIDES = frozenset(Overrides.__optional_keys__)
CLOCK_MOVES = ("advance_days", "advance_hours", "advance_minutes", "advance_seconds", "now")
NUMBER_AT_LEAST_0 = "{} must be a number >= 0"


class ClockMove(Body):
    """Exactly one of: how far to move the clock forward, or the moment to move it to."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": [move]} for move in CLOCK_MOVES]}
    )

    advance_days: Annotated[
        float | MISSING, Field(ge=0), Says(NUMBER_AT_LEAST_0.format("advance_days"))
    ] = MISSING
    advance_hours: Annotated[
        float | MISSING, Field(ge=0), Says(NUMBER_AT_LEAST_0.format("advance_hours"))
    ] = MISSING
    advance_minutes: Annotated[
        float | MISSING, Field(ge=0), Says(NUMBER_AT_LEAST_0.format("advance_minutes"))
    ] = MISSING
    advance_seconds: Annotated[
        float | MISSING, Field(ge=0), Says(NUMBER_AT_LEAST_0.format("advance_seconds"))
    ] = MISSING
    now: Annotated[
        str | MISSING,
        Field(description="ISO 8601; without an offset it is Beijing time; never backwards"),
    ] = MISSING

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        if len(self.model_fields_set & set(CLOCK_MOVES)) != 1:
            raise PydanticCustomError("oneOf", f"send exactly one of {', '.join(CLOCK_MOVES)}")
        return self


SAY_WHICH_STEP = f'send {{"step": …}}, one of {", ".join(services.CLOSURE_STEPS)}'


class ClosureStep(Body):
    """The closure step to put the person at."""

    step: Annotated[
        str,
        OneOf(services.CLOSURE_STEPS),
        Says(SAY_WHICH_STEP),
    ]


class Login(Body):
    """Whom to sign in as."""

    user_id: Annotated[int, Field(ge=1, le=MAX_ID), Says('send {"user_id": <id>}')]


class NewFault(Body):
    """A fault for the next ``count`` requests to a route: a delay, an error status or a drop."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "anyOf": [
                {"required": ["delay_ms"], "properties": {"delay_ms": {"minimum": 1}}},
                {"required": ["status"], "properties": {"status": {"type": "integer"}}},
                {"required": ["drop"], "properties": {"drop": {"const": True}}},
            ]
        },
    )

    route: Annotated[
        str,
        Field(min_length=1, max_length=200, description="an endpoint name or a path prefix"),
        Says('say which route, e.g. {"route": "closure.face"} or {"route": "/weilidai/"}'),
    ]
    delay_ms: Annotated[
        int, Field(ge=0, le=30_000), Says("delay_ms must be an integer from 0 to 30000")
    ] = 0
    status: Annotated[
        int | None, Field(ge=400, le=599), Says("status must be an HTTP error status (400-599)")
    ] = None
    drop: Annotated[
        bool, Field(description="lose the connection"), Says("drop must be true or false")
    ] = False
    when: Annotated[
        str,
        OneOf(("before", "after")),
        Field(description="before: the view never runs; after: saved, but the answer is lost"),
        Says('when must be "before" (nothing changes) or "after" (saved, answer lost)'),
    ] = "before"
    count: Annotated[int, Field(ge=1, le=1000), Says("count must be an integer from 1 to 1000")] = 1
    method: Annotated[
        Annotated[str, OneOf(("GET", "POST"))] | None, Says('method must be "GET" or "POST"')
    ] = None

    @model_validator(mode="after")
    def _does_something(self) -> Self:
        if not (self.delay_ms or self.status or self.drop):
            raise PydanticCustomError("anyOf", "a fault needs delay_ms, status or drop")
        return self


class JournalQuery(BaseModel):
    """Which entries of the request journal to list (an empty endpoint or method: all)."""

    endpoint: str | None = None
    method: Annotated[str | None, Field(description="GET or POST, either case")] = None
    person_id: Annotated[int | None, Field(ge=1, le=MAX_ID)] = None


# ---------------------------------------------------------------- what the calls answer

# Every table's rows, by table name: each row its columns' values by column name.
Tables = dict[str, list[dict[str, Any]]]


class Done(BaseModel):
    """Done."""

    ok: bool = True


class ClockNow(BaseModel):
    """The portal clock: ISO 8601, Beijing time."""

    now: str | None


class Reset(Done, ClockNow):
    """The store is empty and the clock back at its start."""


class Owed(TypedDict):
    """What the person still owes, in fen."""

    principal_fen: int
    interest_fen: int
    penalty_fen: int


class ApplicationState(TypedDict):
    """The person's latest closure application."""

    reference: str
    status: Annotated[str, OneOf(tuple(ApplicationStatus))]
    submitted_at: str | None
    decide_at: str | None
    decided_at: str | None
    reason: str | None


class PersonState(TypedDict):
    """The person's state: status, entry visibility, money owed, closure application."""

    id: int
    name: str
    phone: str
    scenario: str
    variant: str
    status: Annotated[str, OneOf(tuple(AccountStatus))]
    entry_visible: bool
    opted_out: bool
    outstanding_fen: int
    outstanding: Owed
    paused_until: str | None
    accounts: int
    applications: int
    loans: int
    application: ApplicationState | None


class CreatedPerson(PersonState):
    """The person created, with the payment password to type on the screens."""

    payment_password: str


class ClosureAt(TypedDict):
    """Where the closure now stands: the step, the URL to open, the flow's token."""

    step: str
    url: str
    token: str | None


class LoggedIn(Done):
    """Signed in: the session cookie is set."""

    id: int


class StoreDump(BaseModel):
    """Every row a request could change, table by table, by key; dates as ISO text."""

    tables: Tables


class SmsSent(TypedDict):
    """The last SMS code sent to the person."""

    code: str
    sent_at: str | None


class FaultCreated(BaseModel):
    """The fault is waiting for requests."""

    id: int


class FaultState(TypedDict):
    """A fault still waiting for requests."""

    id: int
    route: str
    method: str | None
    delay_ms: int
    status: int | None
    drop: bool
    when: str
    remaining: int


class Faults(BaseModel):
    """The faults still waiting, oldest first."""

    faults: list[FaultState]


class JournalEntry(TypedDict):
    """One request the portal answered."""

    method: str
    path: str
    endpoint: str | None
    status: int
    duration_ms: float
    person_id: int | None
    fault_id: int | None
    at: str | None


class Journal(BaseModel):
    """The request journal, oldest first."""

    requests: list[JournalEntry]
