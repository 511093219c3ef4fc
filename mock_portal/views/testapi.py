"""The test-control API: reset the store, create people in a scenario, log in, move the clock.

Registered only when the app is created for testing or with ``MOCK_PORTAL_TEST_API=1``; absent
(404) otherwise. JSON in, JSON out; bad input gets a 400 with an ``error`` message.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from flask import Blueprint, current_app, jsonify, request, session, url_for
from sqlalchemy import delete, select
from werkzeug.wrappers import Response

from weilidai_fixtures import SCENARIOS, scenario

from .. import clock, services, store
from ..store import Fault, Person, RequestRecord, SmsCode, get_db, lock_person, transaction
from .common import start_session, verification_policy

bp = Blueprint("testapi", __name__, url_prefix="/__test__")

PERSON_FIELDS = ("name", "phone", "id_number", "bank_card", "payment_password")
MAX_ADVANCE = timedelta(days=3660)  # ten years is plenty; far more overflows datetime


class BadRequest(Exception):
    """Input the test API cannot use; the message says what to send instead."""


@bp.errorhandler(BadRequest)
def _bad_request(error: BadRequest) -> tuple[Response, int]:
    return jsonify(error=str(error)), 400


@bp.errorhandler(services.Refused)
def _refused(error: services.Refused) -> tuple[Response, int]:
    return jsonify(error=str(error)), 409


def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BadRequest("send a JSON object")
    return data


def _person(person_id: int, *, lock: bool = False) -> Person:
    """Return the person, with their row lock (``store.lock_person``) when about to change them."""
    person = lock_person(get_db(), person_id) if lock else get_db().get(Person, person_id)
    if person is None:
        raise BadRequest(f"no person with id {person_id}")
    return person


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def person_json(person: Person) -> dict[str, Any]:
    """Return a person's state as the test API reports it."""
    state = services.state_of(person)
    application = state.application
    account = person.account
    return {
        "id": person.id,
        "name": person.name,
        "phone": person.phone,
        "scenario": person.scenario,
        "variant": person.variant,
        "status": state.status,
        "entry_visible": state.entry_visible,
        "opted_out": person.opted_out,
        "outstanding_fen": state.owed.total_fen,
        "outstanding": {
            "principal_fen": state.owed.principal_fen,
            "interest_fen": state.owed.interest_fen,
            "penalty_fen": state.owed.penalty_fen,
        },
        "paused_until": _iso(account.paused_until) if account else None,
        "accounts": len(person.accounts),
        "applications": len(account.applications) if account else 0,
        "loans": len(account.loans) if account else 0,
        "application": None
        if application is None
        else {
            "reference": application.reference,
            "status": application.status,
            "submitted_at": _iso(application.submitted_at),
            "decide_at": _iso(application.decide_at),
            "decided_at": _iso(application.decided_at),
            "reason": application.reason or None,
        },
    }


@bp.post("/reset")
def reset() -> Response:
    """Empty the store and put the clock back at its start."""
    store.reset(current_app.extensions["store_engine"])
    with transaction() as db:
        clock.freeze(db, clock.parse_moment(current_app.config["CLOCK_START"]))
    session.clear()
    return jsonify(ok=True, now=_iso(clock.now(get_db())))


@bp.post("/users")
def create_user() -> tuple[Response, int]:
    """Create a person in a named scenario and variant, with optional overrides."""
    body = _body()
    name = body.pop("scenario", None)
    if not isinstance(name, str):
        raise BadRequest('say which scenario, e.g. {"scenario": "outstanding_0_01"}')
    variant = body.pop("variant", "A")
    fields = {key: body.pop(key) for key in PERSON_FIELDS if key in body}
    for key, value in fields.items():
        if not isinstance(value, str) or not value.strip():
            raise BadRequest(f"{key} must be a non-empty string")
    password = fields.get("payment_password")
    if password is not None and not (
        len(password) == 6 and password.isascii() and password.isdigit()
    ):
        raise BadRequest("payment_password must be 6 digits")
    phone = fields.get("phone")
    if phone is not None and not (len(phone) == 11 and phone.isascii() and phone.isdigit()):
        raise BadRequest("phone must be 11 digits")
    try:
        spec = scenario(name, **_typed_overrides(name, body))
        with transaction() as db:
            person = services.create_person(db, spec, str(variant), clock.now(db), fields)
    except ValueError as problem:
        raise BadRequest(str(problem)) from problem
    return jsonify({**person_json(person), "payment_password": person.payment_password}), 201


def _typed_overrides(name: str, overrides: dict[str, Any]) -> dict[str, Any]:
    base = SCENARIOS.get(name)
    if base is None:
        return overrides  # scenario() names the known ones
    for key, value in overrides.items():
        if key in ("name", "description", "loans"):
            continue  # not overridable: scenario() names what is
        current = getattr(base, key, None)
        # A status arrives as its string value (scenario() says which statuses it accepts), and a
        # text the fixtures mark for translation (a domain.text.Message) as a plain string.
        json_type = str if isinstance(current, str) else type(current)
        if current is not None and type(value) is not json_type:
            raise BadRequest(f"{key} must be {json_type.__name__}, got {value!r}")
    return overrides


@bp.get("/users/<int:person_id>")
def get_user(person_id: int) -> Response:
    """Return a person's state: status, entry visibility, money owed, closure application."""
    return jsonify(person_json(_person(person_id)))


@bp.post("/users/<int:person_id>/invite")
def invite(person_id: int) -> Response:
    """Invite a person again after closure: a new account, no history, no priority."""
    with transaction() as db:
        person = _person(person_id, lock=True)
        services.reinvite(db, person, clock.now(db))
    return jsonify(person_json(person))


@bp.post("/users/<int:person_id>/closure")
def put_closure_at(person_id: int) -> Response:
    """Put the person's closure at a step, as the screens would have; return the URL to open."""
    step = _body().get("step")
    if step not in services.CLOSURE_STEPS:
        raise BadRequest(f'send {{"step": …}}, one of {", ".join(services.CLOSURE_STEPS)}')
    with transaction() as db:
        person = _person(person_id, lock=True)
        flow = services.put_closure_at(db, person, step, clock.now(db), verification_policy())
        if flow is None:
            url = url_for("closure.start")
        elif step == "submitted":
            url = url_for("closure.submitted", token=flow.token)
        else:
            url = url_for(f"closure.{step}", token=flow.token)
    return jsonify(step=step, url=url, token=flow.token if flow else None)


@bp.post("/login")
def login() -> Response:
    """Set the session cookie for a person (no UI login)."""
    body = _body()
    person_id = body.get("user_id")
    if not isinstance(person_id, int) or isinstance(person_id, bool):
        raise BadRequest('send {"user_id": <id>}')
    person = _person(person_id)
    start_session(person)
    return jsonify(ok=True, id=person.id)


@bp.get("/clock")
def get_clock() -> Response:
    """Return the portal clock."""
    return jsonify(now=_iso(clock.now(get_db())))


@bp.post("/clock")
def set_clock() -> Response:
    """Move the portal clock ({"advance_days": n} and friends, or {"now": iso}), then catch up."""
    body = _body()
    units = {
        "advance_days": "days",
        "advance_hours": "hours",
        "advance_minutes": "minutes",
        "advance_seconds": "seconds",
    }
    chosen = [key for key in (*units, "now") if key in body]
    if len(chosen) != 1:
        raise BadRequest(f"send exactly one of {', '.join((*units, 'now'))}")
    key = chosen[0]
    with transaction() as db:
        clock.lock(db)  # two moves at once add up, as one after the other would
        try:
            if key == "now":
                moment = clock.parse_moment(str(body["now"]))
                if moment < clock.now(db):
                    raise BadRequest("the portal clock only moves forward")
                clock.freeze(db, moment)
            else:
                amount = body[key]
                if not isinstance(amount, int | float) or isinstance(amount, bool) or amount < 0:
                    raise BadRequest(f"{key} must be a number >= 0")
                if timedelta(**{units[key]: amount}) > MAX_ADVANCE:
                    raise BadRequest(f"{key} moves the clock more than {MAX_ADVANCE.days} days")
                current = clock.now(db)
                clock.freeze(db, current + timedelta(**{units[key]: amount}))
        except OverflowError as problem:
            raise BadRequest(f"{key} moves the clock too far") from problem
        except ValueError as problem:
            raise BadRequest(str(problem)) from problem
        services.catch_up(db, clock.now(db))
    return jsonify(now=_iso(clock.now(get_db())))


# The test machinery's own tables: the request journal, injected faults, the portal clock.
NOT_STATE = frozenset({"request_record", "fault", "clock"})


def _json_value(value: Any) -> Any:
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    return str(value) if isinstance(value, StrEnum) else value


@bp.get("/store")
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
    return jsonify(tables=tables)


@bp.get("/sms/<int:person_id>")
def last_sms(person_id: int) -> Response:
    """Return the last SMS code sent to a person."""
    _person(person_id)
    code = get_db().scalar(
        select(SmsCode).where(SmsCode.person_id == person_id).order_by(SmsCode.id.desc()).limit(1)
    )
    if code is None:
        raise BadRequest(f"no SMS code was sent to person {person_id}")
    return jsonify(code=code.code, sent_at=_iso(code.sent_at))


FAULT_FIELDS = {"route", "method", "delay_ms", "status", "drop", "when", "count"}


@bp.post("/faults")
def add_fault() -> tuple[Response, int]:
    """Delay, fail or drop the next ``count`` requests to a route (endpoint or path prefix)."""
    body = _body()
    unknown = set(body) - FAULT_FIELDS
    if unknown:
        raise BadRequest(
            f"unknown field(s) {', '.join(sorted(unknown))}; use {sorted(FAULT_FIELDS)}"
        )
    route = body.get("route")
    if not isinstance(route, str) or not route:
        raise BadRequest(
            'say which route, e.g. {"route": "closure.face"} or {"route": "/weilidai/"}'
        )
    delay = body.get("delay_ms", 0)
    status = body.get("status")
    drop = body.get("drop", False)
    when = body.get("when", "before")
    count = body.get("count", 1)
    method = body.get("method")
    if not isinstance(delay, int) or isinstance(delay, bool) or not 0 <= delay <= 30_000:
        raise BadRequest("delay_ms must be an integer from 0 to 30000")
    if status is not None and (not isinstance(status, int) or not 400 <= status <= 599):
        raise BadRequest("status must be an HTTP error status (400-599)")
    if not isinstance(drop, bool):
        raise BadRequest("drop must be true or false")
    if when not in ("before", "after"):
        raise BadRequest('when must be "before" (nothing changes) or "after" (saved, answer lost)')
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 1000:
        raise BadRequest("count must be an integer from 1 to 1000")
    if method is not None and method not in ("GET", "POST"):
        raise BadRequest('method must be "GET" or "POST"')
    if not (delay or status or drop):
        raise BadRequest("a fault needs delay_ms, status or drop")
    with transaction() as db:
        fault = Fault(
            route=route,
            method=method,
            delay_ms=delay,
            status=status,
            drop=drop,
            when=when,
            remaining=count,
        )
        db.add(fault)
        db.flush()
        fault_id = fault.id
    return jsonify(id=fault_id), 201


@bp.get("/faults")
def list_faults() -> Response:
    """List the faults still waiting for requests."""
    faults = get_db().scalars(select(Fault).where(Fault.remaining > 0).order_by(Fault.id))
    return jsonify(
        faults=[
            {
                "id": f.id,
                "route": f.route,
                "method": f.method,
                "delay_ms": f.delay_ms,
                "status": f.status,
                "drop": f.drop,
                "when": f.when,
                "remaining": f.remaining,
            }
            for f in faults
        ]
    )


@bp.delete("/faults")
def clear_faults() -> Response:
    """Remove every fault."""
    with transaction() as db:
        db.execute(delete(Fault))
    return jsonify(ok=True)


@bp.get("/requests", endpoint="requests")
def list_requests() -> Response:
    """Return the request journal, oldest first; filter with ?endpoint=, ?method=, ?person_id=."""
    query = select(RequestRecord).order_by(RequestRecord.id)
    if request.args.get("endpoint"):
        query = query.where(RequestRecord.endpoint == request.args["endpoint"])
    if request.args.get("method"):
        query = query.where(RequestRecord.method == request.args["method"].upper())
    if request.args.get("person_id"):
        query = query.where(RequestRecord.person_id == request.args.get("person_id", type=int))
    return jsonify(
        requests=[
            {
                "method": r.method,
                "path": r.path,
                "endpoint": r.endpoint,
                "status": r.status,
                "duration_ms": r.duration_us / 1000,
                "person_id": r.person_id,
                "fault_id": r.fault_id,
                "at": _iso(r.at),
            }
            for r in get_db().scalars(query)
        ]
    )


@bp.delete("/requests")
def clear_requests() -> Response:
    """Empty the request journal."""
    with transaction() as db:
        db.execute(delete(RequestRecord))
    return jsonify(ok=True)
