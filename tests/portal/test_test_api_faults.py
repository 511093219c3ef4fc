"""The test-control API's faults: what a fault needs, and what it refuses."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

# ---------------------------------------------------------------- test API: faults


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"status": 503}, "say which route"),
        ({"route": "", "status": 503}, "say which route"),
        ({"route": "closure.face"}, "a fault needs delay_ms, status or drop"),
        ({"route": "closure.face", "delay_ms": 0}, "a fault needs delay_ms, status or drop"),
        ({"route": "closure.face", "status": None}, "a fault needs delay_ms, status or drop"),
        ({"route": "closure.face", "delay_ms": 30_001}, "delay_ms must be an integer from 0"),
        ({"route": "closure.face", "delay_ms": True}, "delay_ms must be an integer from 0"),
        ({"route": "closure.face", "status": 200}, "status must be an HTTP error status"),
        ({"route": "closure.face", "status": True}, "status must be an HTTP error status"),
        ({"route": "closure.face", "drop": 1}, "drop must be true or false"),
        ({"route": "closure.face", "drop": True, "when": "during"}, 'when must be "before"'),
        ({"route": "closure.face", "drop": True, "count": 0}, "count must be an integer from 1"),
        (
            {"route": "closure.face", "drop": True, "method": "PUT"},
            'method must be "GET" or "POST"',
        ),
        ({"route": "closure.face", "drop": True, "times": 2}, "unknown field(s) times; use ["),
    ],
)
def test_a_fault_refuses_bad_input(client: FlaskClient, body: Any, error: str) -> None:
    response = client.post("/__test__/faults", json=body)
    assert response.status_code == 400
    assert error in response.get_json()["error"]
    assert client.get("/__test__/faults").get_json() == {"faults": []}
