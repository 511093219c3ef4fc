"""The test-control API's edges: off unless asked for, and malformed calls answered in JSON."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_portal import create_app
from tests.support.actions import AuthActions
from tests.support.snapshot import Snapshot

# ---------------------------------------------------------------- test API off unless asked for

TEST_API_CALLS = [
    ("POST", "/__test__/reset"),
    ("POST", "/__test__/users"),
    ("GET", "/__test__/users/1"),
    ("POST", "/__test__/users/1/invite"),
    ("POST", "/__test__/login"),
    ("GET", "/__test__/clock"),
    ("POST", "/__test__/clock"),
    ("GET", "/__test__/sms/1"),
]


def test_test_api_is_404_when_off(
    make_app: Callable[..., Flask], subtests: pytest.Subtests
) -> None:
    client = make_app(TEST_API=False).test_client()
    for method, path in TEST_API_CALLS:
        with subtests.test(method=method, path=path):
            response = client.open(path, method=method, json={"scenario": "invited"})
            assert response.status_code == 404


def control_api_calls(app: Flask) -> Iterator[tuple[str, str]]:
    """Yield every method and path of the test-control API."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("testapi."):
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                yield method, rule.rule.replace("<person_id>", "1")


def loud_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Return the log records that announce the test-control API."""
    return [
        record
        for record in caplog.records
        if record.levelno >= logging.WARNING and "TEST-CONTROL API ENABLED" in record.getMessage()
    ]


def test_the_test_api_is_404_when_off_and_loud_when_on(
    make_app: Callable[..., Flask], caplog: pytest.LogCaptureFixture
) -> None:
    # e2e.harness.portal.start_portal quietens this logger for the whole process: hear it here.
    caplog.set_level(logging.WARNING, logger="mock_portal")
    off = make_app(TEST_API=False)
    assert loud_warnings(caplog) == []

    on = make_app()
    assert len(loud_warnings(caplog)) == 1

    calls = list(control_api_calls(on))
    assert ("DELETE", "/__test__/requests") in calls
    client = off.test_client()
    for method, path in calls:
        response = client.open(path, method=method, json={"scenario": "invited"})
        assert response.status_code == 404, (method, path)


def test_the_production_factory_has_the_test_api_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="mock_portal")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'portal.db'}")
    monkeypatch.delenv("MOCK_PORTAL_TEST_API", raising=False)
    plain = create_app()
    monkeypatch.setenv("MOCK_PORTAL_TEST_API", "1")
    with_api = create_app()
    try:
        assert plain.test_client().get("/__test__/clock").status_code == 404
        assert with_api.test_client().get("/__test__/clock").status_code == 200
        assert len(loud_warnings(caplog)) == 1
    finally:
        for app in (plain, with_api):
            app.extensions["store_engine"].dispose()


# ---------------------------------------------------------------- test API: malformed calls

# Each answered a 500, an HTML page, or a success for a request the contract refuses, before the
# contract validated requests: found by Schemathesis (tests/portal/test_test_api_contract.py,
# run against the portal as it was) or, marked "by hand", while writing the contract. "PostgreSQL"
# marks what SQLite stored but PostgreSQL refused with a 500 (a column's length or type).
HUGE_ID = "36893488147419103232"  # 2**65
MALFORMED_CALLS = [
    # (method, path, body, field, rule)
    ("GET", f"/__test__/users/{HUGE_ID}", None, "person_id", "maximum"),  # a 500 (HTML)
    ("POST", f"/__test__/users/{HUGE_ID}/invite", None, "person_id", "maximum"),  # a 500
    ("GET", f"/__test__/sms/{HUGE_ID}", None, "person_id", "maximum"),  # a 500
    ("POST", f"/__test__/users/{HUGE_ID}/closure", {"step": "sms"}, "person_id", "maximum"),
    ("GET", "/__test__/users/-4200357531", None, "person_id", "minimum"),  # an HTML 404
    ("POST", "/__test__/users/-4200357531/invite", None, "person_id", "minimum"),  # HTML 404
    ("POST", "/__test__/users/-8.8e-153/closure", {"step": "sms"}, "person_id", "type"),  # 404
    ("GET", "/__test__/users/abc", None, "person_id", "type"),  # an HTML 404
    ("GET", "/__test__/users/0", None, "person_id", "minimum"),
    ("GET", "/__test__/requests?person_id=null", None, "person_id", "type"),  # 200: IS NULL
    ("GET", "/__test__/requests?person_id=", None, "person_id", "type"),  # 200: all of them
    ("GET", f"/__test__/requests?person_id={HUGE_ID}", None, "person_id", "maximum"),  # 500
    ("GET", "/__test__/requests?endpoint=%00", None, "endpoint", "pattern"),  # PostgreSQL
    ("POST", "/__test__/login", {"user_id": 10**30}, "user_id", "maximum"),  # a 500
    ("POST", "/__test__/faults", {"route": "x" * 201, "status": 503}, "route", "maxLength"),  # PG
    ("POST", "/__test__/faults", {"route": "/\x00", "status": 503}, "route", "pattern"),  # PG
    (
        "POST",
        "/__test__/users",
        {"scenario": "invited", "review_reject_reason": "x" * 201},
        "review_reject_reason",
        "maxLength",
    ),  # PostgreSQL
    ("POST", "/__test__/users", {"scenario": "invited", "name": "王" * 41}, "name", "maxLength"),
    ("POST", "/__test__/users", {"scenario": "invited", "name": "a\x00b"}, "name", "pattern"),
    (
        "POST",
        "/__test__/users",
        {"scenario": "invited", "credit_limit_fen": 2**31},
        "credit_limit_fen",
        "maximum",
    ),  # PostgreSQL: integer out of range
    (
        "POST",
        "/__test__/users",
        {"scenario": "paused", "paused_days_ago": 10**9},
        "paused_days_ago",
        "maximum",
    ),  # by hand: a 500, OverflowError
    (
        "POST",
        "/__test__/users",
        {"scenario": "closure_pending", "review_working_days": 10**6},
        "review_working_days",
        "maximum",
    ),  # by hand: 1.5 s, decided in the year 5913
    ("POST", "/__test__/clock", {"advance_days": float("nan")}, "advance_days", "type"),
]


@pytest.mark.parametrize(("method", "path", "body", "field", "rule"), MALFORMED_CALLS)
def test_a_malformed_call_is_a_json_400_naming_the_field_and_the_rule(
    client: FlaskClient,
    auth: AuthActions,
    method: str,
    path: str,
    body: Any,
    field: str,
    rule: str,
) -> None:
    auth.create("invited")
    before = Snapshot.of(client)
    response = client.open(path, method=method, json=body)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    problem = response.get_json()
    assert (problem["field"], problem["rule"]) == (field, rule), problem
    assert field in problem["error"] or problem["error"].startswith("send ")
    assert Snapshot.of(client).rows == before.rows


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/__test__/no_such_call", 404),
        ("GET", "/__test__/users/1/2", 404),
        ("POST", "/__test__/users/", 404),
        ("PUT", "/__test__/clock", 405),
        ("DELETE", "/__test__/users/1", 405),
    ],
)
def test_a_call_the_api_lacks_is_answered_in_json(
    client: FlaskClient, method: str, path: str, status: int
) -> None:
    response = client.open(path, method=method)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert response.get_json()["error"]
    if status == 405:
        assert "GET" in response.headers["Allow"]


def test_outside_the_api_a_missing_page_is_still_the_portals_page(client: FlaskClient) -> None:
    response = client.get("/no_such_page")
    assert (response.status_code, response.mimetype) == (404, "text/html")


def test_an_error_in_a_call_is_a_json_500_and_logged(
    client: FlaskClient,
    auth: AuthActions,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    person = auth.create("invited")

    def broken(_person: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("mock_portal.services.state_of", broken)
    response = client.get(f"/__test__/users/{person['id']}")
    assert response.status_code == 500
    assert response.get_json() == {"error": "internal error: RuntimeError"}
    assert "unhandled error on GET /__test__/users/1" in caplog.text


def test_a_call_with_a_long_query_string_is_answered_and_journaled(client: FlaskClient) -> None:
    # Found by hand while fuzzing: the journal's path column holds 500 characters, and on
    # PostgreSQL a longer path and query failed the journal's insert, a 500 for any request.
    response = client.get("/__test__/clock?x=" + "a" * 600)
    assert response.status_code == 200
    assert (
        client.get("/__test__/requests").get_json()["requests"][-1]["endpoint"]
        == "testapi.get_clock"
    )
