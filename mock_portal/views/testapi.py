"""The test-control API: reset the store, create people in a scenario, log in, move the clock.

Registered only when the app is created for testing or with ``MOCK_PORTAL_TEST_API=1``; absent
(404) otherwise. JSON in, JSON out. Each view names what it takes and answers, pydantic models
declared once in ``mock_portal.views.testapi_models``, which validate its input and make the
OpenAPI document it serves at ``/__test__/openapi.json`` (``mock_portal.contract``;
docs/test-api.md). Bad input gets a 400 with ``{"error", "field", "rule"}``.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from flask import Blueprint, current_app, session, url_for
from sqlalchemy import delete, select
from werkzeug.wrappers import Response

from .. import __version__, catalogue, clock, services, store
from ..contract import Contract, Invalid, Problem, reply
from ..store import Fault, Person, RequestRecord, SmsCode, get_db, lock_person, transaction
from .common import start_session, verification_policy
from .testapi_models import (
    CLOCK_MOVES,
    MAX_ADVANCE,
    OVERRIDES,
    PERSON_FIELDS,
    ApplicationState,
    ClockMove,
    ClockNow,
    ClosureAt,
    ClosureStep,
    CreatedPerson,
    Done,
    FaultCreated,
    Faults,
    FaultState,
    Journal,
    JournalEntry,
    JournalQuery,
    LoggedIn,
    Login,
    NewFault,
    NewPerson,
    Owed,
    PersonId,
    PersonState,
    Reset,
    SmsSent,
    StoreDump,
)

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
    created = CreatedPerson(**person_json(person), payment_password=person.payment_password)
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
