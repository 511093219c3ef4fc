"""What every screen shares: the signed-in person, the client variant, the language, errors."""

from __future__ import annotations

import functools
import hashlib
import logging
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from flask import (
    Flask,
    Response,
    current_app,
    g,
    has_request_context,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest, HTTPException
from werkzeug.security import safe_join
from werkzeug.wrappers import Response as BaseResponse

from .. import __version__, clock, i18n, services
from ..domain.money import format_yuan
from ..domain.rules import AccountStatus, ApplicationStatus
from ..domain.text import N_
from ..domain.variants import Variant, variant_for
from ..domain.verification import VerificationPolicy
from ..i18n import ACCEPTED, DEFAULT_LANGUAGE, LANGUAGES, language_tag, translate
from ..store import Person, get_db, lock_person, read_only, transaction

P = ParamSpec("P")
R = TypeVar("R")

VARIANT_HEADER = "X-Client-Variant"
LANGUAGE_PARAM = "lang"


def portal_now() -> datetime:
    """Return the portal clock's time for this request (read once per request)."""
    if "now" not in g:
        g.now = clock.now(get_db())
    now: datetime = g.now
    return now


def verification_policy() -> VerificationPolicy:
    """Return the identity-check limits this app was configured with."""
    policy: VerificationPolicy = current_app.config["VERIFICATION"]
    return policy


def current_person() -> Person | None:
    """Return the signed-in person, or None."""
    person_id = session.get("person_id")
    if person_id is None:
        return None
    return get_db().get(Person, person_id)


def current_variant() -> Variant:
    """Return this request's client variant: header or ?variant= first, else the person's."""
    override = request.headers.get(VARIANT_HEADER) or request.args.get("variant")
    if override:
        session["variant"] = override.upper()
    chosen = session.get("variant")
    if not chosen:
        person = current_person()
        chosen = person.variant if person else None
    return variant_for(chosen)


def request_language() -> str:
    """Return the language of this request's pages, as a real client chooses it.

    The person's 语言 setting first; else ``?lang=``, which sticks for the session; else the
    browser's ``Accept-Language``; else zh-CN.
    """
    person = current_person()
    if person is not None and person.language in LANGUAGES:
        return person.language
    asked = session.get(LANGUAGE_PARAM)
    if asked in LANGUAGES:
        return str(asked)
    return language_tag(request.accept_languages.best_match(ACCEPTED)) or DEFAULT_LANGUAGE


def remember_asked_language() -> None:
    """Keep a ``?lang=`` for the rest of the session (an unknown language is ignored)."""
    asked = language_tag(request.args.get(LANGUAGE_PARAM))
    if asked is not None and session.get(LANGUAGE_PARAM) != asked:
        session[LANGUAGE_PARAM] = asked


def _vary_by_language(response: Response) -> Response:
    """Say that a page depends on the browser's languages, for any cache on the way."""
    if request.endpoint != "static":
        response.vary.add("Accept-Language")
    return response


# Methods that only read: every other request may change the person, so it takes their lock.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def login_required(view: Callable[P, R]) -> Callable[P, R | BaseResponse]:
    """Send a visitor who is not signed in to the page that lists demo people.

    A request that may change the signed-in person (any POST) first takes their row lock, held
    until the view's transaction commits: what the view reads, decides and writes about them
    is then one atomic step on PostgreSQL as on SQLite (docs/rules.md#simultaneous-requests).
    """

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R | BaseResponse:
        person = current_person()
        if person is not None and request.method not in SAFE_METHODS:
            person = lock_person(get_db(), person.id)
        if person is None:
            return redirect(url_for("demo.index"))
        g.person = person
        return view(*args, **kwargs)

    return wrapped


def catch_up_before_request() -> None:
    """Apply what fell due on the portal clock before the screen reads any state."""
    if request.endpoint in (None, "static"):
        return
    # Usually nothing is due: find that out with one read that takes no write lock.
    with read_only() as connection:
        if not services.anything_due(connection, clock.now(connection)):
            return
    with transaction() as db:
        services.catch_up(db, clock.now(db))


class SessionInterface(SecureCookieSessionInterface):
    """Signed-cookie sessions whose cookie is Secure whenever the portal is served over https."""

    def get_cookie_secure(self, app: Flask) -> bool:
        """Say whether the session cookie carries the Secure flag."""
        configured = super().get_cookie_secure(app)
        return configured or (has_request_context() and request.is_secure)


def start_session(person: Person) -> None:
    """Sign ``person`` in with a brand-new session; only a ``?lang=`` choice carries over."""
    asked = session.get(LANGUAGE_PARAM)
    session.clear()
    session["person_id"] = person.id
    session["sid"] = secrets.token_urlsafe(16)
    if asked in LANGUAGES:
        session[LANGUAGE_PARAM] = asked


CSRF_REFUSAL = N_("页面已过期或来源不明，请返回上一页刷新后重试。您的操作未生效。")
# What an error page says when the view gave no reason of its own (werkzeug's are English).
DEFAULT_REASONS = {
    404: N_("您访问的页面不存在或已失效，请返回首页重新进入。"),
    405: N_("该页面不支持这种操作，请返回上一页重试。"),
}
DEFAULT_REASON = N_("请求无法处理，请返回上一页重试。")


def _csrf_error(_error: CSRFError) -> tuple[str, int]:
    error = BadRequest(description=translate(CSRF_REFUSAL))
    return render_template("error.html", error=error, reason=error.description), 400


def _error_page(error: HTTPException) -> tuple[str, int]:
    reason = error.description
    if reason is None or reason == type(error).description:
        reason = DEFAULT_REASONS.get(error.code or 0, DEFAULT_REASON)
    return render_template("error.html", error=error, reason=translate(reason)), error.code or 500


def _server_error(error: Exception) -> tuple[str, int]:
    # Never a stack trace on the screen (a fintech page says sorry and how to go on), but always
    # one in the log for whoever runs the portal.
    logging.getLogger("mock_portal").error(
        "unhandled error on %s %s", request.method, request.path, exc_info=error
    )
    return render_template("error.html", error=None), 500


STATIC_MAX_AGE = timedelta(days=365)


def _hash_file(path: Path) -> str | None:
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


_cached_hash = functools.cache(_hash_file)


def _static_version(folder: str, filename: str) -> str | None:
    """Return a short hash of a static file's bytes, or None if there is no such file.

    Hashed once per process; in debug mode (``make serve`` while editing app.js) every time.
    """
    path = safe_join(folder, filename)
    if path is None:
        return None
    return (_hash_file if current_app.debug else _cached_hash)(Path(path))


def _version_static_urls(endpoint: str, values: dict[str, Any]) -> None:
    """Add ``?v=<content hash>`` to static URLs, so browsers may cache them for a year.

    A changed file gets a new URL, so a long cache lifetime never serves a stale stylesheet;
    without it every page view re-asked for weui.min.css, app.css and app.js (three 304s).
    """
    if endpoint == "static" and "filename" in values and "v" not in values:
        folder = current_app.static_folder
        version = _static_version(folder, values["filename"]) if folder else None
        if version:
            values["v"] = version


def _cache_versioned_static(response: Response) -> Response:
    """Let browsers keep a versioned static file for a year (unversioned ones revalidate)."""
    if request.endpoint != "static" or response.status_code != 200:
        return response
    folder, filename = current_app.static_folder, (request.view_args or {}).get("filename")
    if folder and filename and request.args.get("v") == _static_version(folder, filename):
        response.cache_control.public = True
        response.cache_control.max_age = int(STATIC_MAX_AGE.total_seconds())
        response.cache_control.immutable = True
        response.cache_control.no_cache = None
    return response


def init_app(app: Flask) -> None:
    """Register the request hooks, template helpers and error pages."""
    app.session_interface = SessionInterface()
    i18n.init_app(app, request_language)
    app.url_defaults(_version_static_urls)
    app.after_request(_cache_versioned_static)
    app.after_request(_vary_by_language)
    app.before_request(remember_asked_language)
    app.before_request(catch_up_before_request)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _error_page)
    app.register_error_handler(Exception, _server_error)
    app.add_template_filter(format_yuan, "yuan")
    app.jinja_env.globals.update(AccountStatus=AccountStatus, ApplicationStatus=ApplicationStatus)

    @app.context_processor
    def _inject() -> dict[str, Any]:
        return {
            "labels": i18n.localized(current_variant()),
            "portal_version": __version__,
            "me": current_person(),
            "html_lang": i18n.current_language(),
            "js_strings": i18n.js_strings(),
        }
