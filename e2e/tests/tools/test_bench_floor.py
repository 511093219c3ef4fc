"""The bench tool's floor can be walked: plain pages a phone clicks through, timed per page.

The bench's browserless measurements are tested in tests/tools/test_bench.py.
"""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from e2e.bench.cli import floor_heading, floor_server, open_floor, time_floor
from e2e.harness.devices import LOCALE, PHONE


def test_the_bench_floor_is_pages_a_phone_can_click_through(browser: Browser):
    with floor_server() as floor:
        context = browser.new_context(**PHONE, **LOCALE)
        page = context.new_page()
        open_floor(page, floor.url)
        page.get_by_role("link", name="下一页").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(floor_heading(1))
        context.close()

        seconds = time_floor(browser, floor.url, 3)

    assert len(seconds) == 3
    assert all(s > 0 for s in seconds)
