"""The one client of the portal's test-control API (docs/test-api.md), over either transport.

``PortalApi`` spells every ``/__test__`` path and answers typed values; how a call travels is
its ``Transport``'s business: ``HttpTransport`` over a Playwright request context (the browser
context's, so ``login`` sets the page's cookies) or ``FlaskTransport`` over Flask's test client
(tests/, and the model's walks without a browser). A refused call raises ``TestApiError`` with
the status and the API's ``{"error", "field", "rule"}``. What a call answers is typed by the
portal's own declaration of it (``mock_portal.views.testapi_models``), the one the API's
OpenAPI document is made from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from flask.testing import FlaskClient
from playwright.sync_api import APIRequestContext

from mock_portal.views.testapi_models import (
    ClosureAt,
    CreatedPerson,
    FaultState,
    JournalEntry,
    PersonState,
    SmsSent,
    Tables,
)

PREFIX = "/__test__"
Params = Mapping[str, str | int]


class Transport(Protocol):
    """Carries one call to the portal and brings back its status and JSON answer."""

    def request(
        self, method: str, path: str, json: Any = None, params: Params | None = None
    ) -> tuple[int, Any]:
        """Send ``method path`` (the whole path, from ``/``); return (status, parsed body)."""
        ...


class HttpTransport:
    """Calls over HTTP through a Playwright request context (a browser context's shares cookies)."""

    def __init__(self, context: APIRequestContext, base_url: str) -> None:
        self.context = context
        self.base_url = base_url.rstrip("/")

    def request(
        self, method: str, path: str, json: Any = None, params: Params | None = None
    ) -> tuple[int, Any]:
        """Send the call; answer the status and the JSON body (the text if it is not JSON)."""
        response = self.context.fetch(
            f"{self.base_url}{path}",
            method=method,
            data=json,
            params={**params} if params else None,
        )
        try:
            return response.status, response.json()
        except Exception:  # not JSON: a proxy's error page, say
            return response.status, response.text()


class FlaskTransport:
    """Calls through Flask's test client: the same portal, no server, the client's session."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def request(
        self, method: str, path: str, json: Any = None, params: Params | None = None
    ) -> tuple[int, Any]:
        """Send the call; answer the status and the JSON body (None if it is not JSON)."""
        response = self.client.open(path, method=method, json=json, query_string=params)
        return response.status_code, response.get_json(silent=True)


class TestApiError(AssertionError):
    """The test API refused a call: its status and the API's error, field and rule."""

    __test__ = False  # not a pytest class

    def __init__(self, method: str, path: str, status: int, body: Any) -> None:
        problem = body if isinstance(body, dict) else {}
        self.method, self.path, self.status = method, path, status
        self.error: str = str(problem.get("error", body))
        self.field: str | None = problem.get("field")
        self.rule: str | None = problem.get("rule")
        super().__init__(f"{method} {path} -> {status}: {body}")


@dataclass(frozen=True)
class Person:
    """A person the test created: who they are and how they prove it."""

    id: int
    name: str
    phone: str
    payment_password: str
    variant: str
    scenario: str
    # The language of the person's phone (the browser's): not a portal setting, so a test
    # says it (the ``person`` fixture from --locale, ``drive`` from the flow).
    locale: str = "zh-CN"


def _id(person: Person | int) -> int:
    return person if isinstance(person, int) else person.id


class PortalApi:
    """The test-control API's calls, over ``transport`` (or a Playwright request context)."""

    __test__ = False  # not a pytest class

    def __init__(self, transport: Transport | APIRequestContext, base_url: str = "") -> None:
        self.base_url = base_url.rstrip("/")
        if isinstance(transport, APIRequestContext):
            transport = HttpTransport(transport, base_url)
        self.transport: Transport = transport

    @classmethod
    def over_flask(cls, client: FlaskClient) -> PortalApi:
        """Return the client of the portal behind Flask's test client ``client``."""
        return cls(FlaskTransport(client))

    def call(self, method: str, path: str, json: Any = None, params: Params | None = None) -> Any:
        """Send ``method /__test__{path}``; answer its JSON, or raise ``TestApiError``."""
        status, body = self.transport.request(method, f"{PREFIX}{path}", json, params)
        if not 200 <= status < 300:
            raise TestApiError(method, f"{PREFIX}{path}", status, body)
        return body

    # ---------------------------------------------------------------- the store and people

    def reset(self) -> dict[str, Any]:
        """Empty the store and reset the clock."""
        body: dict[str, Any] = self.call("POST", "/reset")
        return body

    def create_user(self, scenario: str = "invited", **fields: Any) -> CreatedPerson:
        """Create a person in ``scenario`` with ``fields`` overridden; answer the API's record."""
        body: CreatedPerson = self.call("POST", "/users", {"scenario": scenario, **fields})
        return body

    def create_person(self, scenario: str, variant: str = "A", **overrides: Any) -> Person:
        """Create a person in ``scenario`` on client ``variant``."""
        body = self.create_user(scenario, variant=variant, **overrides)
        return Person(
            id=body["id"],
            name=body["name"],
            phone=body["phone"],
            payment_password=body["payment_password"],
            variant=body["variant"],
            scenario=body["scenario"],
        )

    def state(self, person: Person | int) -> PersonState:
        """Return the person's state: status, entry_visible, outstanding_fen, application."""
        body: PersonState = self.call("GET", f"/users/{_id(person)}")
        return body

    def login(self, person: Person | int) -> None:
        """Sign the transport's session in as ``person`` (no UI login)."""
        self.call("POST", "/login", {"user_id": _id(person)})

    def closure_at(self, person: Person | int, step: str) -> ClosureAt:
        """Put the person's closure at ``step`` as the screens would have."""
        body: ClosureAt = self.call("POST", f"/users/{_id(person)}/closure", {"step": step})
        return body

    def put_closure_at(self, person: Person | int, step: str) -> str:
        """Put the person's closure at ``step`` as the screens would have; return its URL."""
        return self.closure_at(person, step)["url"]

    def reinvite(self, person: Person | int) -> PersonState:
        """Invite a closed person again: a brand-new account."""
        body: PersonState = self.call("POST", f"/users/{_id(person)}/invite")
        return body

    def sms(self, person: Person | int) -> SmsSent:
        """Return the last SMS code sent to ``person`` and when it was sent."""
        body: SmsSent = self.call("GET", f"/sms/{_id(person)}")
        return body

    def last_sms(self, person: Person | int) -> str:
        """Return the last SMS code sent to ``person``."""
        return self.sms(person)["code"]

    def store(self) -> Tables:
        """Return every row a request could change, by table."""
        tables: Tables = self.call("GET", "/store")["tables"]
        return tables

    # ---------------------------------------------------------------- the clock

    def now(self) -> str:
        """Return the portal clock as ISO text."""
        return str(self.call("GET", "/clock")["now"])

    def advance(self, **delta: float) -> str:
        """Move the portal clock forward (days=, hours=, minutes= or seconds=)."""
        ((unit, amount),) = delta.items()
        return str(self.call("POST", "/clock", {f"advance_{unit}": amount})["now"])

    def set_now(self, moment: str) -> str:
        """Move the portal clock forward to ``moment`` (ISO)."""
        return str(self.call("POST", "/clock", {"now": moment})["now"])

    # ---------------------------------------------------------------- faults and the journal

    def add_fault(self, **fault: Any) -> int:
        """Inject a fault: route=, and delay_ms=, status= or drop=; count=, when=, method=."""
        return int(self.call("POST", "/faults", fault)["id"])

    def faults(self) -> list[FaultState]:
        """Return the faults still waiting for a request."""
        faults: list[FaultState] = self.call("GET", "/faults")["faults"]
        return faults

    def clear_faults(self) -> None:
        """Remove every injected fault."""
        self.call("DELETE", "/faults")

    def requests(self, **filters: str | int) -> list[JournalEntry]:
        """Return the request journal, filtered by endpoint=, method= or person_id=."""
        entries: list[JournalEntry] = self.call("GET", "/requests", params=filters or None)[
            "requests"
        ]
        return entries

    def clear_requests(self) -> None:
        """Empty the request journal."""
        self.call("DELETE", "/requests")

    def openapi(self) -> dict[str, Any]:
        """Return the API's OpenAPI 3.1 document."""
        document: dict[str, Any] = self.call("GET", "/openapi.json")
        return document
