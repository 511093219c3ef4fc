"""The test-control API's clock: where it starts, how it moves, what it refuses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.support.actions import ControlActions
from tests.support.portal import CLOCK_START


def test_clock_start_is_configurable(make_app: Callable[..., Flask]) -> None:
    client = make_app(CLOCK_START="2026-09-30T15:30:00").test_client()
    assert client.post("/__test__/reset").get_json()["now"] == "2026-09-30T15:30:00"


def test_clock_starts_frozen(client: FlaskClient) -> None:
    response = client.get("/__test__/clock")
    assert response.status_code == 200
    assert response.get_json() == {"now": CLOCK_START}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"advance_days": 1}, "2026-11-24T10:00:00"),
        ({"advance_days": 0}, CLOCK_START),
        ({"advance_days": 0.5}, "2026-11-23T22:00:00"),
        ({"advance_hours": 3}, "2026-11-23T13:00:00"),
        ({"advance_minutes": 5}, "2026-11-23T10:05:00"),
        ({"advance_seconds": 59}, "2026-11-23T10:00:59"),
        ({"now": "2026-12-01T08:30:00"}, "2026-12-01T08:30:00"),
        ({"now": CLOCK_START}, CLOCK_START),
        ({"now": "2026-11-24T00:00:00+00:00"}, "2026-11-24T08:00:00"),  # to Beijing time
    ],
)
def test_clock_moves_forward(
    client: FlaskClient, control: ControlActions, body: dict[str, Any], expected: str
) -> None:
    response = client.post("/__test__/clock", json=body)
    assert response.status_code == 200
    assert response.get_json() == {"now": expected}
    assert control.now() == expected


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({}, "send exactly one of"),
        ({"advance_days": 1, "advance_hours": 1}, "send exactly one of"),
        ({"advance_days": 1, "now": "2026-12-01T00:00:00"}, "send exactly one of"),
        ({"advance_days": -1}, "advance_days must be a number >= 0"),
        ({"advance_hours": "2"}, "advance_hours must be a number >= 0"),
        ({"advance_days": True}, "advance_days must be a number >= 0"),
        ({"advance_days": None}, "advance_days must be a number >= 0"),
        ({"now": "yesterday"}, "Invalid isoformat"),
        ({"now": "2026-11-22T10:00:00"}, "the portal clock only moves forward"),
        ([1], "send a JSON object"),
        ({"advance_days": 10**9}, "advance_days moves the clock too far"),
        ({"advance_seconds": 1e308}, "advance_seconds moves the clock too far"),
        ({"advance_days": 3661}, "advance_days moves the clock more than 3660 days"),
    ],
)
def test_clock_refuses_bad_input(
    client: FlaskClient, control: ControlActions, body: Any, error: str
) -> None:
    response = client.post("/__test__/clock", json=body)
    assert response.status_code == 400
    assert error in response.get_json()["error"]
    assert control.now() == CLOCK_START
