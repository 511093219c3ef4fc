"""Fault injection and the request journal, for tests of how clients cope (test mode only).

See docs/test-api.md (``/__test__/faults``, ``/__test__/requests``) and
docs/rules.md#faults-slow-answers-errors-lost-connections.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime

from flask import Flask, Response, abort, g, request, session
from sqlalchemy import insert, select

from .domain.text import N_
from .i18n import translate
from .store import Fault, RequestRecord, read_only, transaction

PATH_LENGTH = 500  # RequestRecord.path's String(500)


def _matches(fault: Fault) -> bool:
    if fault.method and fault.method.upper() != request.method:
        return False
    return fault.route == request.endpoint or request.path.startswith(fault.route)


def _any_pending() -> bool:
    """Say whether any fault is waiting, without taking the write lock (the usual answer: no)."""
    with read_only() as connection:
        pending = select(Fault.id).where(Fault.remaining > 0).limit(1)
        return connection.scalar(pending) is not None


def _take_fault() -> Fault | None:
    """Use up one request's worth of the first matching fault, if any."""
    if not _any_pending():
        return None
    with transaction() as db:
        # FOR UPDATE: a simultaneous request waits, then sees the count this one left (on
        # PostgreSQL the row is read again and skipped once used up), so a fault for one
        # request fails one request.
        waiting = select(Fault).where(Fault.remaining > 0).order_by(Fault.id).with_for_update()
        for fault in db.scalars(waiting):
            if _matches(fault):
                fault.remaining -= 1
                db.flush()
                db.expunge(fault)  # keep its fields for after_request, outside the session
                return fault
    return None


def dropped_connection() -> Response:
    """Close the connection without an answer, as a network failure would."""
    sock = request.environ.get("werkzeug.socket")
    if sock is not None:
        import socket

        sock.shutdown(socket.SHUT_RDWR)
        return Response(status=204)

    def broken() -> Iterator[bytes]:
        yield b""  # the headers go out ...
        raise ConnectionAbortedError("fault injection: connection dropped")  # ... the body never

    return Response(broken(), headers={"Content-Length": "4096"})


def _before() -> Response | None:
    g.request_started = time.perf_counter()
    if request.endpoint in (None, "static") or request.blueprint == "testapi":
        return None
    fault = _take_fault()
    if fault is None:
        return None
    g.fault = fault
    if fault.delay_ms:
        time.sleep(fault.delay_ms / 1000)  # the fault *is* a slow server
    if fault.when == "before":
        if fault.drop:
            return dropped_connection()
        if fault.status:
            abort(
                fault.status,
                description=N_("服务暂时不可用（模拟故障），您的操作未生效，请稍后重试。"),
            )
    return None


def _after(response: Response) -> Response:
    fault: Fault | None = g.get("fault")
    if fault is not None and fault.when == "after":
        if fault.drop:
            response = dropped_connection()
        elif fault.status:
            response = Response(
                translate(N_("服务暂时不可用（模拟故障）")),
                status=fault.status,
                mimetype="text/plain",
            )
    if request.endpoint != "static" and request.endpoint != "testapi.requests":
        started = g.get("request_started", time.perf_counter())
        with transaction() as db:  # a Core insert: the journal needs no unit of work
            db.execute(
                insert(RequestRecord),
                {
                    "at": datetime.now(),
                    "method": request.method,
                    # Cut to the column: PostgreSQL refuses a longer value (SQLite kept it).
                    "path": request.full_path.rstrip("?")[:PATH_LENGTH],
                    "endpoint": request.endpoint,
                    "status": response.status_code,
                    "duration_us": int((time.perf_counter() - started) * 1_000_000),
                    "person_id": session.get("person_id"),
                    "fault_id": fault.id if fault is not None else None,
                },
            )
    return response


def init_app(app: Flask) -> None:
    """Install the fault and journal hooks (call only when the test API is on)."""
    app.before_request_funcs.setdefault(None, []).insert(0, _before)
    app.after_request(_after)
