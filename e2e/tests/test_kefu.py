"""客服: why the closure option is missing, closure questions, a human agent, escaped text.

The flow test walks the menu path on each variant; the others open the screen they are about.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.harness.pages import KefuPage, SecurityPage

# A quick sample of the suite: the bench times it (docs/performance.md).
pytestmark = pytest.mark.smoke


@pytest.mark.every_variant  # drives the entry_missing_kefu flow: the whole menu path
@pytest.mark.flow("entry_missing_kefu")
def test_abnormal_account_has_no_closure_option_and_kefu_explains(portal, journey, flow, labels):
    trip = journey.of(flow).run(flow.steps)
    expect(trip.on(KefuPage).log).to_contain_text(labels.say("暂不显示“{}”", labels.close))
    assert portal.state(trip.person)["application"] is None


@pytest.mark.requirement("CLOSE-OPTION-MISSING-ABNORMAL")
def test_a_risk_flag_also_hides_the_closure_option(page: Page, portal, person, labels):
    person("invited", risk_flag=True)
    security = SecurityPage.at(page, labels, "/weilidai/site/security")
    expect(security.close_option).to_have_count(0)
    expect(security.missing_note).to_contain_text("账户存在风险管控")


@pytest.mark.requirement("CLOSE-OPTION-MISSING-KEFU")
def test_kefu_answers_closure_questions_and_hands_over(page: Page, portal, person, labels):
    person("outstanding_0_01")
    kefu = KefuPage.at(page, labels, "/weilidai/kefu")
    kefu.ask("怎么注销微粒贷？")
    expect(kefu.log).to_contain_text("哪怕1分钱也无法注销")
    expect(kefu.log).to_contain_text("您当前还有 ¥0.01 未还")
    kefu.ask("转人工")
    expect(kefu.log).to_contain_text("人工客服小微为您服务")


def test_kefu_shows_user_text_escaped(page: Page, portal, person, labels):
    person("invited")
    kefu = KefuPage.at(page, labels, "/weilidai/kefu")
    payload = '<img src=x onerror="document.title=1">'
    kefu.ask(payload)
    expect(kefu.log.get_by_text(payload)).to_be_visible()
    expect(kefu.log.locator("img")).to_have_count(0)


def test_an_empty_message_is_refused(page: Page, portal, person, labels):
    person("invited")
    kefu = KefuPage.at(page, labels, "/weilidai/kefu")
    kefu.page.get_by_role("button", name="发送").click()
    expect(kefu.error).to_have_text("请输入您的问题")
