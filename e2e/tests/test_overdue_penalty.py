"""An overdue penalty blocks the closure, and the overdue month stays on the credit report.

The article: 如果你有逾期没还，注销不了，逾期记录会一直保留在征信里. The flow test walks the
whole menu path on each variant, as the other flow tests do.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from e2e.harness.pages import CreditReportPage

# The overdue_penalty scenario's late month, as the credit report writes it in each language.
OVERDUE_MONTH = {"zh-CN": "2026-07", "en": "Jul 2026"}


@pytest.mark.every_variant  # drives the penalty_blocks_closure flow: the whole menu path
@pytest.mark.flow("penalty_blocks_closure")
def test_a_penalty_alone_blocks_the_closure_and_the_overdue_record_stays(
    portal, journey, flow, locale
):
    trip = journey.of(flow).run(flow.steps)
    assert trip.notes["blocked_amount"] == "¥2.37"
    expect(trip.on(CreditReportPage).overdue_history).to_have_text([OVERDUE_MONTH[locale]])
    state = portal.state(trip.person)  # being blocked changed nothing
    assert state["status"] == "active"
    assert state["outstanding_fen"] == 237
    assert state["application"] is None
