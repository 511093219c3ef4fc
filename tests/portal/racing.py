"""Phones in urllib and requests released together: what the concurrency tests share.

Each test starts a portal of its own (the ``racing_portal`` fixture in tests/portal/conftest.py:
127.0.0.1, port 0, the test API on, anti-forgery tokens checked, on --database's store) and
drives it the way phones would: each ``Browser`` keeps its own cookies, posts forms with their
token and never follows a redirect on its own. ``all_at_once`` releases calls together with a
``threading.Barrier``.
"""

from __future__ import annotations

import copy
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.cookiejar import CookieJar
from json import dumps, loads
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit
from urllib.request import (
    HTTPCookieProcessor,
    HTTPRedirectHandler,
    ProxyHandler,
    Request,
    build_opener,
)

from e2e.harness.api import Params, PortalApi
from tests.support.portal import FLOW_URL, TOKEN_INPUT

TIMEOUT = 30  # seconds for one request; a loaded CI machine is slow, a hung portal is a failure
# What a screen says went wrong (the form's error, or a flashed one).
ERROR = re.compile(r'<p class="form-error" role="alert">([^<]*)</p>')


# ---------------------------------------------------------------- a phone's browser, in urllib


@dataclass(frozen=True)
class Answer:
    """What the portal answered: status, where it redirects to (a path) and the page."""

    status: int
    location: str
    body: str


class _KeepRedirects(HTTPRedirectHandler):
    """Hand a redirect back to the caller instead of following it."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Browser:
    """One phone: its own cookie jar, talking to the portal on 127.0.0.1 only (no proxy)."""

    def __init__(self, base_url: str, jar: CookieJar | None = None) -> None:
        self.base_url = base_url
        self.jar = jar if jar is not None else CookieJar()
        self._opener = build_opener(
            ProxyHandler({}), HTTPCookieProcessor(self.jar), _KeepRedirects()
        )

    def clone(self) -> Browser:
        """Return another browser holding a copy of this one's cookies (the same session)."""
        jar = CookieJar()
        for cookie in self.jar:
            jar.set_cookie(copy.copy(cookie))
        return Browser(self.base_url, jar)

    def open(
        self, method: str, path: str, form: dict[str, str] | None = None, body: Any = None
    ) -> Answer:
        """Send one request; never follow a redirect."""
        headers = {}
        data = None
        if form is not None:
            data = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = Request(self.base_url + path, data=data, headers=headers, method=method)
        try:
            with self._opener.open(request, timeout=TIMEOUT) as response:
                status, location, page = response.status, response.headers, response.read()
        except HTTPError as error:  # 3xx (not followed), 4xx and 5xx
            status, location, page = error.code, error.headers, error.read()
        return Answer(
            status, urlsplit(location.get("Location", "")).path, page.decode("utf-8", "replace")
        )

    def request(
        self, method: str, path: str, json: Any = None, params: Params | None = None
    ) -> tuple[int, Any]:
        """Send a JSON call (the test API's ``Transport``); return its status and JSON answer."""
        answer = self.open(method, f"{path}?{urlencode(params)}" if params else path, body=json)
        return answer.status, loads(answer.body)

    def api(self, method: str, path: str, body: Any = None) -> Any:
        """Call the test-control API through its one client; return its JSON answer."""
        return PortalApi(self).call(method, path, body)

    def csrf_token(self, page: str) -> str:
        """Open ``page`` and return the anti-forgery token of its form."""
        answer = self.open("GET", page)
        assert answer.status == 200, (page, answer.status)
        match = TOKEN_INPUT.search(answer.body)
        assert match, f"no anti-forgery token on {page}"
        return match.group(1)

    def submit(self, page: str, fields: dict[str, str], action: str | None = None) -> Answer:
        """Open ``page`` and post its form with ``fields`` (to ``action``, else to the page)."""
        token = self.csrf_token(page)
        return self.open("POST", action or page, form={**fields, "csrf_token": token})


def signed_in(
    base_url: str, scenario: str = "invited", **overrides: Any
) -> tuple[dict[str, Any], Browser]:
    """Create a person in ``scenario`` (with overrides) and a browser signed in as them."""
    browser = Browser(base_url)
    person = browser.api("POST", "/users", {"scenario": scenario, **overrides})
    browser.api("POST", "/login", {"user_id": person["id"]})
    return person, browser


def walk_to_face(browser: Browser, person: dict[str, Any]) -> str:
    """Take the signed-in person through a new closure to the face check; return its token."""
    answer = browser.submit("/weilidai/closure/", {"acknowledged": "yes"})
    match = FLOW_URL.fullmatch(answer.location)
    assert answer.status == 302 and match, (answer.status, answer.location)
    token = match.group(1)
    flow = f"/weilidai/closure/{token}"
    answer = browser.submit(f"{flow}/password", {"payment_password": person["payment_password"]})
    assert answer.location == f"{flow}/sms", (answer.status, answer.location)
    answer = browser.submit(f"{flow}/sms", {}, action=f"{flow}/sms/send")
    assert answer.location == f"{flow}/sms", (answer.status, answer.location)
    code = browser.api("GET", f"/sms/{person['id']}")["code"]
    answer = browser.submit(f"{flow}/sms", {"sms_code": code})
    assert answer.location == f"{flow}/face", (answer.status, answer.location)
    return token


def all_at_once(calls: list[Callable[[], Answer]]) -> list[Answer]:
    """Run every call on its own thread, all released together; return their answers in order."""
    barrier = threading.Barrier(len(calls), timeout=TIMEOUT)
    answers: list[Answer | BaseException | None] = [None] * len(calls)

    def run(index: int, call: Callable[[], Answer]) -> None:
        try:
            barrier.wait()
            answers[index] = call()
        except BaseException as problem:  # handed to the test's thread below
            answers[index] = problem

    threads = [
        threading.Thread(target=run, args=(index, call), daemon=True)
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=3 * TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a request never came back"
    for answer in answers:
        if isinstance(answer, BaseException):
            raise answer
    return answers  # type: ignore[return-value]  # every slot now holds an Answer


def face_submission(browser: Browser, token: str) -> Callable[[], Answer]:
    """Return a call that posts the face check of flow ``token`` from a copy of ``browser``."""
    form = {"csrf_token": browser.csrf_token(f"/weilidai/closure/{token}/face")}
    copy_of = browser.clone()
    return lambda: copy_of.open("POST", f"/weilidai/closure/{token}/face", form=form)


def no_server_errors(answers: list[Answer]) -> list[int]:
    """Return the 5xx statuses among ``answers`` (none is the only good answer)."""
    return [answer.status for answer in answers if answer.status >= 500]


def errors_of(answer: Answer) -> list[str]:
    """Return the error messages the answered page shows."""
    return ERROR.findall(answer.body)


def store_rows(browser: Browser, table: str) -> list[dict[str, Any]]:
    """Return every row of one table of the portal's store (GET /__test__/store)."""
    rows: list[dict[str, Any]] = browser.api("GET", "/store")["tables"][table]
    return rows


def person_row(browser: Browser, person: dict[str, Any]) -> dict[str, Any]:
    """Return the person's row of the store: their counters and locks."""
    (row,) = [row for row in store_rows(browser, "person") if row["id"] == person["id"]]
    return row
