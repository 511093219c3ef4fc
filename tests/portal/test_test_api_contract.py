"""The test-control API keeps its published contract, docs/test-api.openapi.json.

The document is valid OpenAPI 3.1, lists every ``/__test__/`` route, and is what the portal
serves; Schemathesis then calls every operation with generated requests, valid and not, and
checks each answer against it: no server error, a declared status, JSON, the declared shape.
A short pass by default (a few examples an operation, the same ones every run); a deep one with
``CONTRACT_EXAMPLES=500``. What the fuzzing found is pinned in test_test_api.py.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from mock_portal.contract import build_document, render
from mock_portal.views.testapi_models import PERSON_FIELDS, NewPerson
from weilidai_fixtures.scenarios import Overrides

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "docs" / "test-api.openapi.json"
REGENERATE = "make openapi (python -m mock_portal.contract docs/test-api.openapi.json)"
# Examples per operation: a few by default; CONTRACT_EXAMPLES=500 (make test-all) digs deeper,
# and adds Schemathesis's coverage phase (every boundary and type of every field).
EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "0"))
SHORT_EXAMPLES = 10  # about 100 requests in all, 5 s
DEEP = EXAMPLES > 0
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
)


@pytest.fixture
def served(client: FlaskClient) -> dict[str, Any]:
    """Return the document the portal serves."""
    response = client.get("/__test__/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    document: dict[str, Any] = response.get_json()
    return document


def test_the_document_is_valid_openapi_3_1(served: dict[str, Any]) -> None:
    assert served["openapi"].startswith("3.1.")
    validate(served, cls=OpenAPIV31SpecValidator)


def test_the_committed_document_is_the_one_the_portal_serves(served: dict[str, Any]) -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == served, f"{COMMITTED.name} is stale: regenerate it with {REGENERATE}"
    assert COMMITTED.read_text(encoding="utf-8") == render(build_document()), REGENERATE


def test_every_test_api_route_is_in_the_document(app: Flask, served: dict[str, Any]) -> None:
    routes = {
        (method.lower(), rule.rule.replace("<", "{").replace(">", "}"))
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/__test__/")
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    documented = {(method, path) for path, item in served["paths"].items() for method in item}
    assert routes - documented == set(), "declare it: @api.operation in mock_portal/views/testapi"
    assert documented - routes == set()


def test_a_new_person_takes_every_override_a_scenario_has() -> None:
    declared = set(NewPerson.model_fields) - {"scenario", "variant", *PERSON_FIELDS}
    missing = "declare it in NewPerson (mock_portal/views/testapi_models.py)"
    assert declared == set(Overrides.__optional_keys__), missing


def test_the_document_is_404_when_the_test_api_is_off(make_app: Callable[..., Flask]) -> None:
    client = make_app(TEST_API=False).test_client()
    assert client.get("/__test__/openapi.json").status_code == 404


# ---------------------------------------------------------------- fuzzing


# Loaded from the declarations, not from a portal, so that each operation is a test of its own
# (spread over xdist's workers); test_the_committed_document... says the portal serves the same.
# (schemathesis.pytest.from_fixture would load it from a portal, but on pytest 9.2 it fails:
# it sets Function._nodeid, which pytest no longer has.)
contract = schemathesis.openapi.from_dict(
    build_document(),
    config=schemathesis.Config.from_dict(
        {
            "seed": 23,
            "generation": {
                "mode": "all",  # valid requests and invalid ones
                "max-examples": EXAMPLES or SHORT_EXAMPLES,
                "deterministic": True,
            },
            "phases": {"coverage": {"enabled": DEEP}, "stateful": {"enabled": False}},
            "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
        }
    ),
)


# make test runs the browserless tests on SQLite and PostgreSQL: its short pass fuzzes on SQLite
# alone (a PostgreSQL reset per example costs more than the pass); what only PostgreSQL refused
# is pinned in test_test_api.py, which runs on both. The deep pass fuzzes on every --database.
ON_SQLITE_UNLESS_DEEP = (
    (lambda test: test) if DEEP else pytest.mark.parametrize("database", ["sqlite"])
)
# The calls that undo what seed() set up: each of their examples starts from a fresh seeding, so
# that a failing example replays the same. The others only read, or add a person, a fault or a
# session, and share their operation's one seeding.
UNDO_THE_SEEDING = {
    "POST /__test__/reset",
    "POST /__test__/clock",
    "POST /__test__/users/{person_id}/invite",
    "POST /__test__/users/{person_id}/closure",
    "DELETE /__test__/faults",
    "DELETE /__test__/requests",
}


def seed(client: FlaskClient) -> None:
    """Reset the portal and give every operation something to find.

    Person 1 is at the closure's SMS step with a code sent, person 2 is closed (so a re-invite
    succeeds), and a fault is waiting.
    """
    calls: list[tuple[str, str, dict[str, Any] | None]] = [
        ("POST", "/__test__/reset", None),
        ("POST", "/__test__/users", {"scenario": "invited"}),
        ("POST", "/__test__/users", {"scenario": "closed"}),
        ("POST", "/__test__/login", {"user_id": 1}),
        ("POST", "/__test__/users/1/closure", {"step": "sms"}),
        ("POST", "/__test__/faults", {"route": "closure.face", "status": 503}),
    ]
    for method, path, body in calls:
        response = client.open(path, method=method, json=body)
        assert response.status_code < 300, (path, response.get_json())
        if path.endswith("/closure"):
            sent = client.post(f"{response.get_json()['url']}/send")
            assert sent.status_code == 302, sent.status_code


@pytest.fixture
def contract_app(make_app: Callable[..., Flask]) -> Flask:
    """Return a seeded portal in test mode for one operation's examples."""
    app = make_app()
    seed(app.test_client())
    return app


@contract.parametrize()
@ON_SQLITE_UNLESS_DEEP
# The portal is seeded again wherever an example could spoil the next: one fixture will do.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_every_call_keeps_the_contract(case: schemathesis.Case, contract_app: Flask) -> None:
    if case.operation.label in UNDO_THE_SEEDING:
        seed(contract_app.test_client())
    case.call_and_validate(app=contract_app)
