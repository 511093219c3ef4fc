"""The test-control API is the harness's contract: present in test mode, absent otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from e2e.harness.portal import LivePortal, start_portal

TEST_API_CALLS = [
    ("POST", "/__test__/reset"),
    ("POST", "/__test__/users"),
    ("GET", "/__test__/users/1"),
    ("POST", "/__test__/login"),
    ("GET", "/__test__/clock"),
    ("POST", "/__test__/clock"),
    ("GET", "/__test__/sms/1"),
]


@pytest.fixture
def production_portal(tmp_path: Path) -> Iterator[LivePortal]:
    """A portal started the way `make serve` starts it: no test API."""
    portal = start_portal(tmp_path / "prod.sqlite3", TEST_API=False)
    yield portal
    portal.stop()


@pytest.mark.parametrize(("method", "path"), TEST_API_CALLS)
def test_test_api_is_404_when_not_enabled(page: Page, production_portal: LivePortal, method, path):
    response = page.request.fetch(f"{production_portal.url}{path}", method=method, data={})
    assert response.status == 404


def test_test_api_answers_bad_input_with_a_clear_message(page: Page, portal, base_url: str):
    response = page.request.post(f"{base_url}/__test__/users", data={"scenario": "no_such"})
    assert response.status == 400
    assert "unknown scenario 'no_such'" in response.json()["error"]
    response = page.request.post(f"{base_url}/__test__/clock", data={"advance_days": -1})
    assert response.status == 400
    assert response.json()["error"] == "advance_days must be a number >= 0"
