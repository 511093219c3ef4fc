"""Every screen group, the rules' messages, money and dates in English (docs/portal.md)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from e2e.harness.api import PortalApi
from tests.support.actions import AuthActions, ClosureActions, ControlActions
from tests.support.i18n import EN, lang_of, page, shown, texts

# About what the pages say and how they are built, not what the store keeps.
pytestmark = pytest.mark.one_database

# ---------------------------------------------------------------- every screen group in English


@pytest.mark.parametrize(
    ("variant", "site", "security", "close"),
    [
        ("A", "Weilidai Website", "Security Center", "Close Account"),
        ("B", "Account Center", "Account Management", "Deactivate Account"),
    ],
)
def test_the_closure_path_has_the_specs_english_names(
    en_client: FlaskClient, auth: AuthActions, variant: str, site: str, security: str, close: str
) -> None:
    auth.person("invited", variant=variant)
    me = page(en_client, "/me")
    assert re.findall(r'class="weui-tabbar__label">([^<]+)<', me) == [
        "Chats",
        "Contacts",
        "Discover",
        "Me",
    ]
    assert ">Services</div>" in me
    services = page(en_client, "/me/services")
    assert ">Financial Services</h2>" in services and "</span>Weilidai</a>" in services
    assert "</span>Credit Report</a>" in services
    home = page(en_client, "/weilidai/")
    assert 'aria-label="More"' in home
    for item in (site, "Settings", "Help Center", "Customer Service"):
        assert f">{item}</a>" in home
    assert ">Repay</div>" in home and ">Loan Records</div>" in home
    assert f"<title>{site}</title>" in page(en_client, "/weilidai/site/")
    security_page = page(en_client, "/weilidai/site/security")
    assert f"<title>{security}</title>" in security_page
    assert f'<div class="weui-cell__bd">{close}</div>' in security_page
    assert f"<title>{close}</title>" in page(en_client, "/weilidai/closure/")


@pytest.mark.parametrize(
    ("scenario", "url", "says"),
    [
        ("invited", "/chats", ["WeChat", "Service Notifications", "Weilidai Customer Service"]),
        ("invited", "/weilidai/help", ["Help Center", "Search, e.g. close Weilidai", "FAQ"]),
        ("invited", "/weilidai/help?q=close weilidai", ["How to turn off borrowing"]),
        ("invited", "/weilidai/help/pause", ["Pause Borrowing", "3 months"]),
        ("invited", "/weilidai/settings", ["Settings", "Notifications", "Language", "Privacy"]),
        ("invited", "/weilidai/settings/notifications", ["Stop receiving Weilidai invitations"]),
        ("invited", "/weilidai/kefu", ["Weilidai Customer Service", "Hi, I'm the Weilidai"]),
        ("invited", "/weilidai/loans", ["Loan Records", "Paid off", "Penalty Interest Charged"]),
        ("invited", "/weilidai/borrow", ["Borrow", "Available credit ¥40,000.00", "0.05%"]),
        ("invited", "/weilidai/repay", ["Nothing to Repay"]),
        ("invited", "/credit-report", ["Credit Report", "Shenzhen Qianhai WeBank Co., Ltd."]),
        ("outstanding_0_01", "/weilidai/closure/", ["Not Available Yet", "¥0.01", "Repay"]),
        ("outstanding_0_01", "/weilidai/repay", ["Total Due (¥)", "Repay ¥0.01"]),
        ("recent_loan", "/weilidai/site/security", ["Can't find “Close Account”?"]),
        ("closure_pending", "/weilidai/closure/status", ["Closure Request Under Review"]),
        ("closure_pending", "/weilidai/", ["under review, so you can't borrow"]),
        ("closed", "/weilidai/", ["Account Closed", "cannot be restored", "View Closure Record"]),
        ("closed", "/weilidai/closure/record", ["Weilidai Account Closure Certificate"]),
        ("closed", "/credit-report", [">Closed</em>", "Closed On"]),
        ("uninvited", "/weilidai/", ["Not Eligible Yet", "by invitation only"]),
        ("paused", "/me/services", ["Financial Services"]),
        ("invited", "/contacts", ["Contacts", "not part of this demo"]),
    ],
)
def test_each_screen_group_in_english(
    en_client: FlaskClient, auth: AuthActions, scenario: str, url: str, says: list[str]
) -> None:
    auth.person(scenario)
    html = page(en_client, url)
    assert lang_of(html) == "en"
    for words in says:
        assert words in html, words


def test_the_closure_steps_in_english(
    en_client: FlaskClient, auth: AuthActions, closure: ClosureActions, control: ControlActions
) -> None:
    person = auth.person("invited")
    consequences = page(en_client, "/weilidai/closure/")
    assert "I understand the consequences and want to close my account" in consequences
    assert 'aria-label="Closure steps"' in consequences
    token = closure.start()
    base = f"/weilidai/closure/{token}"
    assert "Verify Payment Password" in page(en_client, f"{base}/password")
    closure.pass_password(token, person)
    assert ">Get Code</button>" in page(en_client, f"{base}/sms")
    closure.send_sms(token)
    assert "Code sent to " in page(en_client, f"{base}/sms")
    closure.enter_sms(token, person)
    assert "Start Face Verification" in page(en_client, f"{base}/face")
    closure.pass_face(token)
    submitted = page(en_client, f"{base}/submitted")
    assert "Closure Request Submitted" in submitted and "1–3 working days" in submitted
    control.advance(days=7)
    notes = page(en_client, "/chats/service-notifications")
    assert "Weilidai account closed" in notes and "View Closure Record" in notes


def test_the_demo_page_and_error_pages_in_english(
    en_client: FlaskClient, auth: AuthActions
) -> None:
    auth.create("invited")
    demo = page(en_client, "/demo/")
    assert "Choose a Demo User" in demo and "Invited and open, nothing owed" in demo
    missing = shown(en_client.get("/no-such-page"))
    assert "Page Not Found" in missing and "This page doesn't exist" in missing
    auth.person("invited")
    gone = shown(en_client.get(f"/weilidai/closure/{'0' * 32}/password"))
    assert "This closure process doesn't exist or has expired" in gone


def test_the_anti_forgery_and_fault_pages_in_english(
    make_app: Callable[..., Flask], en_client: FlaskClient, auth: AuthActions
) -> None:
    csrf_client = make_app(WTF_CSRF_ENABLED=True).test_client()
    PortalApi.over_flask(csrf_client).reset()
    AuthActions(csrf_client).person("invited")
    refused = csrf_client.post("/weilidai/kefu", data={"message": "hi"}, headers=EN)
    assert refused.status_code == 400
    assert "This page has expired or its origin is unknown" in shown(refused)
    auth.person("invited")
    PortalApi.over_flask(en_client).add_fault(route="/weilidai/", status=503)
    fault = en_client.get("/weilidai/")
    assert "temporarily unavailable (simulated fault)" in shown(fault)


def test_the_scripts_words_come_with_the_page(en_client: FlaskClient, auth: AuthActions) -> None:
    auth.person("outstanding_0_01")
    repay = page(en_client, "/weilidai/repay")
    strings = re.search(
        r'<script type="application/json" id="portal-strings">(.*?)</script>', repay
    )
    assert strings
    assert '"retry": "Try Again"' in strings.group(1)
    assert '"countdown": "Resend in {seconds}s"' in strings.group(1)


# ---------------------------------------------------------------- the rules' messages in English


def test_refusals_and_verification_messages_in_english(
    en_client: FlaskClient, auth: AuthActions, closure: ClosureActions
) -> None:
    auth.person("outstanding_0_01")
    paused = en_client.post("/weilidai/help/pause", data={"confirm": "yes"})
    assert "You still owe money (¥0.01)" in shown(paused)
    wrong = en_client.post("/weilidai/repay", data={"payment_password": "000000"})
    assert "Wrong payment password. 2 attempts left." in shown(wrong)
    borrow = en_client.post("/weilidai/borrow", data={"amount": "abc"})
    assert "Enter a valid amount, such as 500 or 0.01." in shown(borrow)
    over = en_client.post("/weilidai/borrow", data={"amount": "99999999"})
    assert "(¥39,999.99 available)" in shown(over)

    auth.person("invited")
    token = closure.start()
    base = f"/weilidai/closure/{token}"
    for attempts_left in ("2 attempts left", "1 attempt left"):
        answer = en_client.post(f"{base}/password", data={"payment_password": "000000"})
        assert f"Wrong payment password. {attempts_left}." in shown(answer)
    locked = en_client.post(f"{base}/password", data={"payment_password": "000000"})
    assert "Locked for 3 hours." in shown(locked)


def test_precheck_reasons_in_english(en_client: FlaskClient, auth: AuthActions) -> None:
    auth.person("recent_loan", risk_flag=True)
    security = page(en_client, "/weilidai/site/security")
    assert "<li>A loan taken in the last 30 days is not yet repaid</li>" in security
    assert "<li>The account is under risk control and can't be closed for now</li>" in security
    en_client.post("/weilidai/kefu", data={"message": "Why can't I find the close option?"})
    reply = texts(page(en_client, "/weilidai/kefu"))
    assert (
        "found an issue: A loan taken in the last 30 days is not yet repaid; "
        "The account is under risk control and can't be closed for now. "
        "That's why “Close Account” is not shown for now."
    ) in reply


def test_a_kefu_answer_stays_in_the_language_it_was_given_in(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.person("invited")
    client.post("/weilidai/kefu", data={"message": "怎么注销"})
    client.post("/weilidai/kefu", data={"message": "how do I close it?"}, headers=EN)
    chat = texts(page(client, "/weilidai/kefu", headers=EN))
    assert "注销前必须还清所有欠款" in chat  # said in Chinese, a transcript keeps it so
    assert "Before closing, you must repay everything you owe" in chat
    assert "Hi, I'm the Weilidai assistant." in chat  # the greeting is not kept: translated


# ---------------------------------------------------------------- money and dates


def test_money_is_yuan_with_two_decimals_in_both_languages(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.person("outstanding_0_01")
    for headers in ({}, EN):
        home = page(client, "/weilidai/", headers=headers)
        assert "¥0.01" in home and "¥40,000.00" in home


def test_dates_as_each_language_writes_them(
    client: FlaskClient, auth: AuthActions, control: ControlActions
) -> None:
    auth.person("overdue_penalty")
    zh, en = page(client, "/weilidai/loans"), page(client, "/weilidai/loans", headers=EN)
    assert "2026-05-07 借款" in zh and "到期日" in zh
    assert "Borrowed May 7, 2026" in en and ">Jul 6, 2026</span>" in en
    report_zh = page(client, "/credit-report")
    report_en = page(client, "/credit-report", headers=EN)
    assert "查询时间：2026-11-23 10:00" in report_zh and ">2026-07</span>" in report_zh
    assert "Queried Nov 23, 2026, 10:00\u202fAM" in report_en and ">Jul 2026</span>" in report_en
