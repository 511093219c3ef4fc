"""客服: why the closure option is missing, closure questions, a human agent, escaped text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.harness.flows import entry_missing_kefu_flow, path_to_menu
from e2e.harness.journey import Journey
from e2e.harness.pages import KefuPage, WeilidaiHomePage

# A quick sample of the suite: the bench times it (docs/performance.md).
pytestmark = pytest.mark.smoke


def test_abnormal_account_has_no_closure_option_and_kefu_explains(page, portal, person, labels):
    someone = person("recent_loan")
    journey = Journey(page, portal, someone).run(entry_missing_kefu_flow(labels).steps)
    expect(journey.on(KefuPage).log).to_contain_text(f"暂不显示“{labels.close}”")
    assert portal.state(someone)["application"] is None


def test_a_risk_flag_also_hides_the_closure_option(page: Page, portal, person, labels):
    someone = person("invited", risk_flag=True)
    journey = Journey(page, portal, someone).run(path_to_menu())
    security = journey.on(WeilidaiHomePage).open_site().open_security()
    expect(security.close_option).to_have_count(0)
    expect(security.missing_note).to_contain_text("账户存在风险管控")


def test_kefu_answers_closure_questions_and_hands_over(page: Page, portal, person, labels):
    someone = person("outstanding_0_01")
    kefu = Journey(page, portal, someone).run(path_to_menu()).on(WeilidaiHomePage).open_kefu()
    kefu.ask("怎么注销微粒贷？")
    expect(kefu.log).to_contain_text("哪怕1分钱也无法注销")
    expect(kefu.log).to_contain_text("您当前还有 ¥0.01 未还")
    kefu.ask("转人工")
    expect(kefu.log).to_contain_text("人工客服小微为您服务")


def test_kefu_shows_user_text_escaped(page: Page, portal, person, labels):
    someone = person("invited")
    kefu = Journey(page, portal, someone).run(path_to_menu()).on(WeilidaiHomePage).open_kefu()
    payload = '<img src=x onerror="document.title=1">'
    kefu.ask(payload)
    expect(kefu.log.get_by_text(payload)).to_be_visible()
    expect(kefu.log.locator("img")).to_have_count(0)


def test_an_empty_message_is_refused(page: Page, portal, person, labels):
    someone = person("invited")
    kefu = Journey(page, portal, someone).run(path_to_menu()).on(WeilidaiHomePage).open_kefu()
    kefu.page.get_by_role("button", name="发送").click()
    expect(kefu.error).to_have_text("请输入您的问题")
