"""The phone's language (--locale): the portal speaks it, and the page objects look for its words.

Runs in every --locale; ``make test-all`` runs the flow tests in English as well as Chinese.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.harness.pages import MePage

HTML_LANG = {"zh-CN": "zh-CN", "en": "en"}


@pytest.mark.any_language
def test_the_portal_speaks_the_phones_language(page: Page, person, labels, locale):
    person("invited")
    me = MePage.open(page, labels)
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[locale])
    expect(me.heading).to_have_text(labels.say("我"))
    services = me.open_services()
    expect(services.weilidai_tile).to_be_visible()
    expect(services.weilidai_tile).to_have_accessible_name(labels.say("微粒贷"))
