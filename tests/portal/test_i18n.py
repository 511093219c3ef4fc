"""The portal in Chinese and English: how a request's language is chosen, each screen group in
English with the spec's names for the path, the rules' messages, money and dates per language,
messages kept in the store, and the English catalogue itself (docs/portal.md#languages)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from e2e.harness.api import PortalApi
from mock_portal import i18n, store
from mock_portal.domain.text import N_, dumps
from tests.support.actions import AuthActions, ClosureActions, ControlActions, FormActions

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "mock_portal" / "translations" / "en" / "LC_MESSAGES"
LANG = re.compile(r'<html lang="([^"]+)"')
EN = {"Accept-Language": "en-US,en;q=0.9"}


def page(client: FlaskClient, url: str, **kwargs: Any) -> str:
    """Open ``url`` (following redirects) and return its HTML, character references resolved."""
    response = client.get(url, follow_redirects=True, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    return unescape(response.get_data(as_text=True))


def shown(response: Any) -> str:
    """Return a response's HTML, character references resolved."""
    return unescape(response.get_data(as_text=True))


def lang_of(html: str) -> str:
    """Return the page's <html lang>."""
    match = LANG.search(html)
    assert match, "no <html lang>"
    return match.group(1)


def choose_language(client: FlaskClient, choice: str) -> None:
    """Save the 语言 setting (auto, zh-CN or en) through its form."""
    response = FormActions(client).submit("/weilidai/settings/language", {"language": choice})
    assert response.status_code == 302, response.status_code


# ---------------------------------------------------------------- how the language is chosen


def test_chinese_is_the_default(client: FlaskClient, auth: AuthActions) -> None:
    auth.person("invited")
    me = page(client, "/me")
    assert lang_of(me) == "zh-CN"
    assert "<title>我</title>" in me


@pytest.mark.parametrize(
    ("accept", "lang"),
    [
        ("en-US,en;q=0.9", "en"),
        ("en-GB", "en"),
        ("EN", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"),
        ("zh-TW", "zh-CN"),  # any Chinese gets the Chinese portal
        ("fr-FR,en;q=0.5", "en"),
        ("zh-CN;q=0.5,en;q=0.9", "en"),
        ("fr-FR", "zh-CN"),  # nothing the portal speaks: the default
        ("*", "zh-CN"),
        ("", "zh-CN"),
    ],
)
def test_accept_language_chooses_among_the_portals_languages(
    client: FlaskClient, auth: AuthActions, accept: str, lang: str
) -> None:
    auth.person("invited")
    assert lang_of(page(client, "/me", headers={"Accept-Language": accept})) == lang


def test_lang_parameter_beats_accept_language_and_sticks_for_the_session(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.person("invited")
    zh = {"Accept-Language": "zh-CN"}
    assert lang_of(page(client, "/me?lang=en", headers=zh)) == "en"
    assert lang_of(page(client, "/me/services", headers=zh)) == "en"  # it stuck
    assert lang_of(page(client, "/me?lang=fr", headers=zh)) == "en"  # unknown: ignored
    assert lang_of(page(client, "/me?lang=zh-CN", headers=EN)) == "zh-CN"
    assert lang_of(page(client, "/me", headers=EN)) == "zh-CN"


def test_a_lang_choice_survives_signing_in(client: FlaskClient, auth: AuthActions) -> None:
    person = auth.create("invited")
    assert lang_of(page(client, "/demo/?lang=en")) == "en"
    auth.login(person)
    assert lang_of(page(client, "/me")) == "en"


def test_the_persons_setting_beats_lang_and_accept_language(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.person("invited")
    choose_language(client, "en")
    assert lang_of(page(client, "/me")) == "en"
    assert lang_of(page(client, "/me?lang=zh-CN", headers={"Accept-Language": "zh-CN"})) == "en"
    choose_language(client, "zh-CN")
    assert lang_of(page(client, "/me?lang=en", headers=EN)) == "zh-CN"
    choose_language(client, "auto")  # follow the phone again
    assert lang_of(page(client, "/me", headers=EN)) == "en"
    assert lang_of(page(client, "/me", headers={"Accept-Language": "zh-CN"})) == "zh-CN"


def test_the_setting_is_kept_on_the_person(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    auth.person("invited")
    choose_language(client, "en")
    other_browser = app.test_client()
    with client.session_transaction() as session:
        person_id = session["person_id"]
    AuthActions(other_browser).login({"id": person_id})
    assert lang_of(page(other_browser, "/me", headers={"Accept-Language": "zh-CN"})) == "en"


def test_the_language_screen_says_what_is_chosen_and_saves_it(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.person("invited")
    settings = page(client, "/weilidai/settings")
    assert 'href="/weilidai/settings/language"' in settings and "跟随系统" in settings
    screen = page(client, "/weilidai/settings/language")
    assert 'value="auto" checked' in screen
    assert '<span class="weui-cell__bd" lang="en">English</span>' in screen
    assert '<span class="weui-cell__bd" lang="zh-CN">简体中文</span>' in screen
    saved = client.post(
        "/weilidai/settings/language", data={"language": "en"}, follow_redirects=True
    ).get_data(as_text=True)
    assert 'role="status">Saved</p>' in saved  # said in the language just chosen
    assert 'value="en" checked' in saved
    assert '<span lang="en">English</span>' in page(client, "/weilidai/settings")


@pytest.mark.parametrize("choice", ["", "fr", "EN", "zh", "auto "])
def test_an_unknown_language_is_refused_and_changes_nothing(
    client: FlaskClient, auth: AuthActions, choice: str
) -> None:
    auth.person("invited")
    response = client.post("/weilidai/settings/language", data={"language": choice})
    assert response.status_code == 200
    assert "请选择一种语言" in shown(response)
    assert lang_of(page(client, "/me", headers=EN)) == "en"  # still following the phone


def test_pages_say_they_vary_by_accept_language(client: FlaskClient, auth: AuthActions) -> None:
    auth.person("invited")
    assert "Accept-Language" in client.get("/me").vary


# ---------------------------------------------------------------- every screen group in English


@pytest.fixture
def en_client(client: FlaskClient) -> FlaskClient:
    """Return the test client as an English-speaking phone."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en-US,en;q=0.9"
    return client


def texts(html: str) -> str:
    """Return the page with its tags removed, one space between texts (what a reader sees)."""
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


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


# ---------------------------------------------------------------- messages kept in the store


def test_a_notification_is_said_in_the_language_of_whoever_reads_it(
    client: FlaskClient, auth: AuthActions, closure: ClosureActions, control: ControlActions
) -> None:
    person = auth.person("invited")
    closure.apply(person)
    control.advance(days=7)  # approved while the person read Chinese
    zh = page(client, "/chats/service-notifications")
    assert "您的微粒贷账户已于 2026-11-25 10:00 注销成功" in zh
    en = texts(page(client, "/chats/service-notifications", headers=EN))
    assert "Your Weilidai account was closed on Nov 25, 2026, 10:00\u202fAM (reference ZX" in en
    assert "Weilidai account closed" in page(client, "/chats", headers=EN)


def test_a_rejection_reason_is_said_in_the_readers_language(
    client: FlaskClient, auth: AuthActions, closure: ClosureActions, control: ControlActions
) -> None:
    person = auth.person("review_rejected")
    closure.apply(person)
    control.advance(days=7)
    status = page(client, "/weilidai/closure/status", headers=EN)
    assert "Reason: The account has related business still open" in status
    note = texts(page(client, "/chats/service-notifications", headers=EN))
    assert "was not approved. Reason: The account has related business still open;" in note
    assert "原因：账户存在未结清的关联业务" in page(client, "/weilidai/closure/status")


def test_a_reason_the_catalogue_does_not_know_is_shown_as_given(
    client: FlaskClient, auth: AuthActions, closure: ClosureActions, control: ControlActions
) -> None:
    person = auth.person("review_rejected", review_reject_reason="测试用的自定义原因")
    closure.apply(person)
    control.advance(days=7)
    assert "Reason: 测试用的自定义原因" in page(client, "/weilidai/closure/status", headers=EN)


def test_a_notification_from_before_the_portal_spoke_english_shows_as_sent(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    person = auth.person("invited")
    with app.app_context(), store.transaction() as db:
        db.add(
            store.Notification(
                person_id=person["id"],
                kind="repayment",
                title="旧的通知",
                body="很久以前发送的正文",
                created_at=datetime(2026, 1, 1),
            )
        )
    notes = page(client, "/chats/service-notifications", headers=EN)
    assert "旧的通知" in notes and "很久以前发送的正文" in notes


def test_notifications_keep_their_chinese_as_sent(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    """The store keeps what was sent, in Chinese; the message beside it is what translates."""
    person = auth.person("outstanding_0_01")
    client.post("/weilidai/repay", data={"payment_password": person["payment_password"]})
    with app.app_context():
        note = store.get_db().query(store.Notification).one()
    assert note.body == "您已成功还款 ¥0.01，当前借款已全部结清。"
    assert note.body_msg == dumps(N_("您已成功还款 ¥{amount}，当前借款已全部结清。", amount="0.01"))


def test_a_store_from_an_older_portal_gains_the_new_columns(tmp_path: Path) -> None:
    engine = store.make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    store.Base.metadata.create_all(engine)
    with engine.begin() as connection:
        for table, column in (("person", "language"), ("notification", "body_msg")):
            connection.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))
    assert store.add_missing_columns(engine) == ["person.language", "notification.body_msg"]
    assert store.add_missing_columns(engine) == []
    engine.dispose()


# ---------------------------------------------------------------- the English catalogue


def catalogue() -> Any:
    """Return the English catalogue as written in its .po file."""
    with (CATALOGUE / "messages.po").open("rb") as po:
        return read_po(po, locale="en")


def source_msgids() -> set[tuple[str | None, str]]:
    """Return every (context, msgid) marked for translation in the source, as babel.cfg says."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def test_every_text_of_the_source_is_in_the_catalogue_and_nothing_else() -> None:
    entries = {(m.context, m.id[0] if m.pluralizable else m.id) for m in catalogue() if m.id}
    source = source_msgids()
    assert source - entries == set(), "run scripts/translations.sh, then translate the new texts"
    assert entries - source == set(), "texts no longer in the source: run scripts/translations.sh"


def test_every_entry_is_translated_and_none_is_fuzzy() -> None:
    problems = []
    for message in catalogue():
        if not message.id:
            continue
        strings = message.string if message.pluralizable else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id)
        elif any(re.search(r"[\u3400-\u9fff]", string) for string in strings):
            problems.append(message.id)  # still Chinese
    assert problems == []


def placeholders(text: str) -> set[str]:
    """Return the fields of a text: %(name)s and {name}, and any HTML tag."""
    return set(re.findall(r"%\(\w+\)\w|\{\w+\}|</?\w+", text))


def test_every_translation_keeps_the_fields_and_tags_of_its_msgid() -> None:
    for message in catalogue():
        if not message.id:
            continue
        msgid = message.id[0] if message.pluralizable else message.id
        strings = message.string if message.pluralizable else (message.string,)
        for string in strings:
            assert placeholders(string) == placeholders(msgid), (msgid, string)


def _key(message: Any) -> tuple[str | None, tuple[str, ...]]:
    ids = message.id if message.pluralizable else (message.id,)
    return message.context, tuple(ids)


def _strings(message: Any) -> tuple[str, ...]:
    return tuple(message.string) if message.pluralizable else (message.string,)


def test_the_compiled_catalogue_is_the_po_file_compiled() -> None:
    with (CATALOGUE / "messages.mo").open("rb") as mo:
        compiled = {_key(m): _strings(m) for m in read_mo(mo) if m.id}
    written = {_key(m): _strings(m) for m in catalogue() if m.id and not m.fuzzy}
    assert compiled == written, "recompile it: scripts/translations.sh"


def test_languages_and_their_own_names() -> None:
    assert i18n.LANGUAGES == {"zh-CN": "zh_CN", "en": "en"}
    assert i18n.AUTONYMS == {"zh-CN": "简体中文", "en": "English"}
    assert [i18n.language_tag(tag) for tag in ("en-US", "zh_cn", "ZH-Hant", "fr", None)] == [
        "en",
        "zh-CN",
        "zh-CN",
        None,
        None,
    ]
