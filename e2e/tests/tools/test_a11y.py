"""The accessibility audit checks itself: closing an account passes it, a nameless field fails it.

Every flow in both languages is audited by ``make a11y``; here one flow per language, in
``make test``. What
needs no browser (fingerprints, the baseline, the report) is in tests/tools/test_a11y_report.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from e2e.a11y.audit import audit_flow
from e2e.a11y.findings import Baseline
from e2e.harness.flows import close_account_flow
from e2e.harness.labels import LABEL_TABLE, LABELS, LOCALES
from e2e.harness.portal import LivePortal, start_portal

# The closure's screens, as the portal names them (body[data-screen]).
CLOSURE_SCREENS = ["closure.start", "closure.password", "closure.sms", "closure.face"]


@pytest.fixture
def sms_code_unlabelled(tmp_path: Path) -> Iterator[LivePortal]:
    """A portal where the SMS code field has no name."""
    portal = start_portal(tmp_path / "mutant.sqlite3", mutant="sms_code_unlabelled")
    yield portal
    portal.stop()


@pytest.mark.parametrize("locale", LOCALES)
def test_every_screen_of_closing_an_account_passes_the_audit(
    browser: Browser, own_portal: LivePortal, locale: str
):
    audit = audit_flow(browser, own_portal.url, close_account_flow(LABEL_TABLE["A", locale]))
    assert audit.completed, audit.error
    screens = [screen.screen for screen in audit.screens]
    assert screens[0] == "wechat.me"
    assert [screen for screen in screens if screen.startswith("closure.")][:4] == CLOSURE_SCREENS
    assert [finding for finding in audit.findings if finding.blocking] == []
    assert Baseline.load().unaccepted(audit.findings) == []


def test_an_sms_code_field_without_a_name_is_caught(
    browser: Browser, sms_code_unlabelled: LivePortal
):
    flow = close_account_flow(LABELS["A"])
    # The page object finds the field by its label too, so the flow stops there: at once, please.
    audit = audit_flow(browser, sms_code_unlabelled.url, flow, timeout_ms=2_000)
    caught = {(f.screen, f.rule, f.impact, f.target) for f in audit.findings}
    assert caught == {("closure.sms", "label", "critical", "#sms_code")}
    assert not audit.completed
    assert audit.error.startswith("step 10 ")
    assert audit.screens[-1].screen == "closure.sms"
