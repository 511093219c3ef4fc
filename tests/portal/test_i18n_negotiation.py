"""How a request's language is chosen: Accept-Language, ?lang=, the setting (docs/portal.md)."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.support.actions import AuthActions
from tests.support.i18n import EN, choose_language, lang_of, page, shown

# About what the pages say and how they are built, not what the store keeps.
pytestmark = pytest.mark.one_database

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
