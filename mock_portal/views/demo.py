"""Demo mode: there is no real WeChat login, so a page lists demo people to enter the portal as."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy import select
from werkzeug.wrappers import Response

from .. import catalogue, services
from ..domain.text import N_
from ..store import Person, get_db, transaction
from .common import portal_now, start_session

bp = Blueprint("demo", __name__, url_prefix="/demo")


@bp.get("/")
def index() -> str:
    """List the demo people, one per scenario and variant, creating them on first visit."""
    if not current_app.config["DEMO"]:
        abort(404)
    db = get_db()
    scenarios = catalogue.installed().scenarios
    if db.scalar(select(Person.id).limit(1)) is None:
        with transaction() as db:
            for variant in ("A", "B"):
                for spec in scenarios.values():
                    services.create_person(db, spec, variant, portal_now(), {})
    people = list(db.scalars(select(Person).order_by(Person.variant, Person.id)))
    return render_template("demo/index.html", people=people, scenarios=scenarios)


@bp.post("/login/<int:person_id>")
def login(person_id: int) -> Response:
    """Enter the portal as a demo person."""
    if not current_app.config["DEMO"]:
        abort(404)
    person = get_db().get(Person, person_id)
    if person is None:
        abort(404, description=N_("没有这位演示用户"))
    start_session(person)
    return redirect(local_path(request.form.get("next", "")) or url_for("wechat.me"))


def local_path(target: str) -> str | None:
    """Return ``target`` if it is a path on this portal, else None (no open redirect)."""
    if not target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    normal = target.replace("\\", "/")  # browsers read a backslash as a slash
    parts = urlsplit(normal)
    if parts.scheme or parts.netloc or not normal.startswith("/") or normal.startswith("//"):
        return None
    return target
