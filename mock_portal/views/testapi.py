"""The test-control API: reset the store, create people in a scenario, log in, move the clock.

Registered only when the app is created for testing or with ``MOCK_PORTAL_TEST_API=1``; absent
(404) otherwise. JSON in, JSON out. Each view declares its shapes once, as the pydantic models
below, which validate its input and make the OpenAPI document it serves at
``/__test__/openapi.json`` (``mock_portal.contract``; docs/test-api.md). Bad input gets a 400
with ``{"error", "field", "rule"}``.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Self

from flask import Blueprint, current_app, session, url_for
from pydantic import MISSING, AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import String, delete, select
from werkzeug.wrappers import Response

from .. import __version__, catalogue, clock, services, store
from ..contract import TEMPLATES, Body, Contract, Invalid, OneOf, Problem, Says, reply
from ..domain.rules import AccountStatus, ApplicationStatus
from ..domain.scenarios import REVIEW_OUTCOMES, STATUSES, Overrides
from ..domain.variants import VARIANTS, check_variant
from ..store import Fault, Person, RequestRecord, SmsCode, get_db, lock_person, transaction
from .common import start_session, verification_policy

bp = Blueprint("testapi", __name__, url_prefix="/__test__")
api = Contract(
    bp,
    title="Weilidai mock portal: test-control API",
    version=__version__,
    description=(
        "What the harness needs from a portal to seed people, sign in, move the clock and "
        "inject faults. A portal that answers these calls can be driven by the harness; the "
        "reasons for each call are in docs/test-api.md. A request that breaks a rule of this "
        "document gets 400 and a Problem naming the field and the rule, and changes nothing; "
        "no text may contain U+0000."
    ),
)

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


class Done(BaseModel):
    """Done."""

    ok: bool = True


class ClockNow(BaseModel):
    """The portal clock: ISO 8601, Beijing time."""

    now: str | None


class Reset(Done, ClockNow):
    """The store is empty and the clock back at its start."""


class Owed(BaseModel):
    """What the person still owes, in fen."""

    principal_fen: int
    interest_fen: int
    penalty_fen: int


class ApplicationState(BaseModel):
    """The person's latest closure application."""

    reference: str
    status: Annotated[str, OneOf(tuple(ApplicationStatus))]
    submitted_at: str | None
    decide_at: str | None
    decided_at: str | None
    reason: str | None


class PersonState(BaseModel):
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


class ClosureAt(BaseModel):
    """Where the closure now stands: the step, the URL to open, the flow's token."""

    step: str
    url: str
    token: str | None


class LoggedIn(Done):
    """Signed in: the session cookie is set."""

    id: int


class StoreDump(BaseModel):
    """Every row a request could change, table by table, by key; dates as ISO text."""

    tables: dict[str, list[dict[str, Any]]]


class SmsSent(BaseModel):
    """The last SMS code sent to the person."""

    code: str
    sent_at: str | None


class FaultCreated(BaseModel):
    """The fault is waiting for requests."""

    id: int


class FaultState(BaseModel):
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


class JournalEntry(BaseModel):
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


@bp.errorhandler(services.Refused)
def _refused(error: services.Refused) -> tuple[Response, int]:
    return reply(Problem(error=str(error))), 409


def _person(person_id: int, *, lock: bool = False, field: str = "person_id") -> Person:
    """Return the person, with their row lock (``store.lock_person``) when about to change them."""
    person = lock_person(get_db(), person_id) if lock else get_db().get(Person, person_id)
    if person is None:
        raise Invalid(f"no person with id {person_id}", field=field, rule="exists")
    return person


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def person_json(person: Person) -> PersonState:
    """Return a person's state as the test API reports it."""
    state = services.state_of(person)
    application = state.application
    account = person.account
    return PersonState(
        id=person.id,
        name=person.name,
        phone=person.phone,
        scenario=person.scenario,
        variant=person.variant,
        status=state.status,
        entry_visible=state.entry_visible,
        opted_out=person.opted_out,
        outstanding_fen=state.owed.total_fen,
        outstanding=Owed(
            principal_fen=state.owed.principal_fen,
            interest_fen=state.owed.interest_fen,
            penalty_fen=state.owed.penalty_fen,
        ),
        paused_until=_iso(account.paused_until) if account else None,
        accounts=len(person.accounts),
        applications=len(account.applications) if account else 0,
        loans=len(account.loans) if account else 0,
        application=None
        if application is None
        else ApplicationState(
            reference=application.reference,
            status=application.status,
            submitted_at=_iso(application.submitted_at),
            decide_at=_iso(application.decide_at),
            decided_at=_iso(application.decided_at),
            reason=application.reason or None,
        ),
    )


@bp.post("/reset")
@api.operation(responses={200: Reset})
def reset() -> Response:
    """Empty the store and put the clock back at its start."""
    store.reset(current_app.extensions["store_engine"])
    with transaction() as db:
        clock.freeze(db, clock.parse_moment(current_app.config["CLOCK_START"]))
    session.clear()
    return reply(Reset(now=_iso(clock.now(get_db()))))


@bp.post("/users")
@api.operation(responses={201: CreatedPerson})
def create_user(body: NewPerson) -> Response:
    """Create a person in a named scenario and variant, with optional overrides."""
    fields = body.model_dump(include=set(PERSON_FIELDS))
    overrides = body.model_dump(include=set(OVERRIDES))
    try:
        spec = catalogue.installed().scenario(body.scenario, **overrides)
        with transaction() as db:
            person = services.create_person(db, spec, body.variant, clock.now(db), fields)
    except ValueError as problem:
        raise Invalid(str(problem), field="body", rule="value") from problem
    created = CreatedPerson(
        **person_json(person).model_dump(), payment_password=person.payment_password
    )
    return reply(created, 201)


@bp.get("/users/<person_id>")
@api.operation(responses={200: PersonState})
def get_user(person_id: PersonId) -> Response:
    """Return a person's state: status, entry visibility, money owed, closure application."""
    return reply(person_json(_person(person_id)))


@bp.post("/users/<person_id>/invite")
@api.operation(responses={200: PersonState, 409: Problem})
def invite(person_id: PersonId) -> Response:
    """Invite a person again after closure: a new account, no history, no priority.

    Refused (409) while their account still exists.
    """
    with transaction() as db:
        person = _person(person_id, lock=True)
        services.reinvite(db, person, clock.now(db))
    return reply(person_json(person))


@bp.post("/users/<person_id>/closure")
@api.operation(responses={200: ClosureAt, 409: Problem})
def put_closure_at(person_id: PersonId, body: ClosureStep) -> Response:
    """Put the person's closure at a step, as the screens would have; return the URL to open.

    Through the same rules as the screens: a step they would refuse (money owed, a locked
    payment password, a failing face check) is refused with 409 and the reason.
    """
    step = body.step
    with transaction() as db:
        person = _person(person_id, lock=True)
        flow = services.put_closure_at(db, person, step, clock.now(db), verification_policy())
        if flow is None:
            url = url_for("closure.start")
        elif step == "submitted":
            url = url_for("closure.submitted", token=flow.token)
        else:
            url = url_for(f"closure.{step}", token=flow.token)
    return reply(ClosureAt(step=step, url=url, token=flow.token if flow else None))


@bp.post("/login")
@api.operation(responses={200: LoggedIn})
def login(body: Login) -> Response:
    """Set the session cookie for a person (no UI login)."""
    person = _person(body.user_id, field="user_id")
    start_session(person)
    return reply(LoggedIn(id=person.id))


@bp.get("/clock")
@api.operation(responses={200: ClockNow})
def get_clock() -> Response:
    """Return the portal clock."""
    return reply(ClockNow(now=_iso(clock.now(get_db()))))


@bp.post("/clock")
@api.operation(responses={200: ClockNow})
def set_clock(body: ClockMove) -> Response:
    """Move the portal clock forward, then apply whatever fell due.

    Daily interest and penalties, pause expiry, review decisions. The clock only moves forward,
    at most 3660 days at a time.
    """
    units = {
        "advance_days": "days",
        "advance_hours": "hours",
        "advance_minutes": "minutes",
        "advance_seconds": "seconds",
    }
    (key,) = body.model_fields_set & set(CLOCK_MOVES)
    with transaction() as db:
        clock.lock(db)  # two moves at once add up, as one after the other would
        try:
            if key == "now":
                moment = clock.parse_moment(str(body.now))
                if moment < clock.now(db):
                    raise Invalid("the portal clock only moves forward", field=key, rule="forward")
                clock.freeze(db, moment)
            else:
                amount = getattr(body, key)
                if timedelta(**{units[key]: amount}) > MAX_ADVANCE:
                    raise Invalid(
                        f"{key} moves the clock more than {MAX_ADVANCE.days} days",
                        field=key,
                        rule="maximum",
                    )
                current = clock.now(db)
                clock.freeze(db, current + timedelta(**{units[key]: amount}))
        except OverflowError as problem:
            raise Invalid(f"{key} moves the clock too far", field=key, rule="maximum") from problem
        except ValueError as problem:
            raise Invalid(str(problem), field=key, rule="format") from problem
        services.catch_up(db, clock.now(db))
    return reply(ClockNow(now=_iso(clock.now(get_db()))))


# The test machinery's own tables: the request journal, injected faults, the portal clock.
NOT_STATE = frozenset({"request_record", "fault", "clock"})


def _json_value(value: Any) -> Any:
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    return str(value) if isinstance(value, StrEnum) else value


@bp.get("/store")
@api.operation(responses={200: StoreDump})
def dump_store() -> Response:
    """Return every row of the store but the test machinery's own, table by table, by key.

    What a check of "a refused step changed nothing" compares, before and after the step, from
    any client (the browser runner of e2e.model reads it over HTTP).
    """
    db = get_db()
    tables = {
        table.name: [
            {key: _json_value(value) for key, value in row._mapping.items()}
            for row in db.execute(select(table).order_by(*table.primary_key.columns))
        ]
        for table in store.Base.metadata.sorted_tables
        if table.name not in NOT_STATE
    }
    return reply(StoreDump(tables=tables))


@bp.get("/sms/<person_id>")
@api.operation(responses={200: SmsSent})
def last_sms(person_id: PersonId) -> Response:
    """Return the last SMS code sent to a person."""
    _person(person_id)
    code = get_db().scalar(
        select(SmsCode).where(SmsCode.person_id == person_id).order_by(SmsCode.id.desc()).limit(1)
    )
    if code is None:
        raise Invalid(
            f"no SMS code was sent to person {person_id}", field="person_id", rule="exists"
        )
    return reply(SmsSent(code=code.code, sent_at=_iso(code.sent_at)))


@bp.post("/faults")
@api.operation(responses={201: FaultCreated})
def add_fault(body: NewFault) -> Response:
    """Delay, fail or drop the next ``count`` requests to a route (endpoint or path prefix).

    ``before``: the view never runs, nothing changes; ``after``: the change is saved but the
    answer is lost, the case a retry must survive. The test API's own calls are never faulted.
    """
    with transaction() as db:
        fault = Fault(
            route=body.route,
            method=body.method,
            delay_ms=body.delay_ms,
            status=body.status,
            drop=body.drop,
            when=body.when,
            remaining=body.count,
        )
        db.add(fault)
        db.flush()
        fault_id = fault.id
    return reply(FaultCreated(id=fault_id), 201)


@bp.get("/faults")
@api.operation(responses={200: Faults})
def list_faults() -> Response:
    """List the faults still waiting for requests."""
    faults = get_db().scalars(select(Fault).where(Fault.remaining > 0).order_by(Fault.id))
    return reply(
        Faults(
            faults=[
                FaultState(
                    id=f.id,
                    route=f.route,
                    method=f.method,
                    delay_ms=f.delay_ms,
                    status=f.status,
                    drop=f.drop,
                    when=f.when,
                    remaining=f.remaining,
                )
                for f in faults
            ]
        )
    )


@bp.delete("/faults")
@api.operation(responses={200: Done})
def clear_faults() -> Response:
    """Remove every fault."""
    with transaction() as db:
        db.execute(delete(Fault))
    return reply(Done())


@bp.get("/requests", endpoint="requests")
@api.operation(responses={200: Journal})
def list_requests(query: JournalQuery) -> Response:
    """Return the request journal, oldest first; filter by endpoint, method and person."""
    selected = select(RequestRecord).order_by(RequestRecord.id)
    if query.endpoint:
        selected = selected.where(RequestRecord.endpoint == query.endpoint)
    if query.method:
        selected = selected.where(RequestRecord.method == query.method.upper())
    if query.person_id is not None:
        selected = selected.where(RequestRecord.person_id == query.person_id)
    return reply(
        Journal(
            requests=[
                JournalEntry(
                    method=r.method,
                    path=r.path,
                    endpoint=r.endpoint,
                    status=r.status,
                    duration_ms=r.duration_us / 1000,
                    person_id=r.person_id,
                    fault_id=r.fault_id,
                    at=_iso(r.at),
                )
                for r in get_db().scalars(selected)
            ]
        )
    )


@bp.delete("/requests")
@api.operation(responses={200: Done})
def clear_requests() -> Response:
    """Empty the request journal."""
    with transaction() as db:
        db.execute(delete(RequestRecord))
    return reply(Done())
