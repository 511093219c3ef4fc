"""A client for the portal's test-control API, sharing cookies with the browser context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import APIRequestContext, APIResponse


class TestApiError(AssertionError):
    """The test API refused a call; the message carries the portal's explanation."""


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


class PortalApi:
    """Calls to ``/__test__``; ``request`` is ``context.request`` so login sets browser cookies."""

    __test__ = False  # not a pytest class

    def __init__(self, request: APIRequestContext, base_url: str) -> None:
        self.request = request
        self.base_url = base_url.rstrip("/")

    def _call(self, method: str, path: str, data: Any = None) -> dict[str, Any]:
        response: APIResponse = self.request.fetch(
            f"{self.base_url}/__test__{path}", method=method, data=data
        )
        if not response.ok:
            raise TestApiError(f"{method} /__test__{path} -> {response.status}: {response.text()}")
        body: dict[str, Any] = response.json()
        return body

    def reset(self) -> dict[str, Any]:
        """Empty the store and reset the clock."""
        return self._call("POST", "/reset")

    def create_person(self, scenario: str, variant: str = "A", **overrides: Any) -> Person:
        """Create a person in ``scenario`` on client ``variant``."""
        body = self._call("POST", "/users", {"scenario": scenario, "variant": variant, **overrides})
        return Person(
            id=body["id"],
            name=body["name"],
            phone=body["phone"],
            payment_password=body["payment_password"],
            variant=body["variant"],
            scenario=body["scenario"],
        )

    def state(self, person: Person) -> dict[str, Any]:
        """Return the person's state: status, entry_visible, outstanding_fen, application."""
        return self._call("GET", f"/users/{person.id}")

    def login(self, person: Person) -> None:
        """Sign the browser context in as ``person`` (no UI login)."""
        self._call("POST", "/login", {"user_id": person.id})

    def put_closure_at(self, person: Person, step: str) -> str:
        """Put the person's closure at ``step`` as the screens would have; return its URL."""
        return str(self._call("POST", f"/users/{person.id}/closure", {"step": step})["url"])

    def reinvite(self, person: Person) -> dict[str, Any]:
        """Invite a closed person again."""
        return self._call("POST", f"/users/{person.id}/invite")

    def now(self) -> str:
        """Return the portal clock as ISO text."""
        return str(self._call("GET", "/clock")["now"])

    def advance(self, **delta: float) -> str:
        """Move the portal clock forward (days=, hours=, minutes= or seconds=)."""
        ((unit, amount),) = delta.items()
        return str(self._call("POST", "/clock", {f"advance_{unit}": amount})["now"])

    def set_now(self, moment: str) -> str:
        """Move the portal clock forward to ``moment`` (ISO)."""
        return str(self._call("POST", "/clock", {"now": moment})["now"])

    def add_fault(self, **fault: Any) -> int:
        """Inject a fault: route=, and delay_ms=, status= or drop=; count=, when=, method=."""
        return int(self._call("POST", "/faults", fault)["id"])

    def clear_faults(self) -> None:
        """Remove every injected fault."""
        self._call("DELETE", "/faults")

    def requests(self, **filters: str) -> list[dict[str, Any]]:
        """Return the request journal, filtered by endpoint=, method= or person_id=."""
        query = "&".join(f"{key}={value}" for key, value in filters.items())
        entries: list[dict[str, Any]] = self._call(
            "GET", f"/requests?{query}" if query else "/requests"
        )["requests"]
        return entries

    def last_sms(self, person: Person) -> str:
        """Return the last SMS code sent to ``person``."""
        return str(self._call("GET", f"/sms/{person.id}")["code"])
