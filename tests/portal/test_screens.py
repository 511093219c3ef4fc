"""Every screen opens for a signed-in person; a visitor is sent to the demo people instead."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from e2e.harness.api import PREFIX
from tests.support.actions import AuthActions

# About what the pages say and how they are built, not what the store keeps.
pytestmark = pytest.mark.one_database

SCREENS = [
    "/chats",
    "/chats/service-notifications",
    "/contacts",
    "/discover",
    "/me",
    "/me/services",
    "/credit-report",
    "/weilidai/",
    "/weilidai/loans",
    "/weilidai/repay",
    "/weilidai/borrow",
    "/weilidai/site/",
    "/weilidai/site/security",
    "/weilidai/closure/",
    "/weilidai/closure/status",
    "/weilidai/help",
    "/weilidai/help?q=关闭微粒贷",
    "/weilidai/help/pause",
    "/weilidai/settings",
    "/weilidai/settings/notifications",
    "/weilidai/settings/language",
    "/weilidai/kefu",
]
# Not a screen of their own, or one that needs more than an invited person.
NOT_SCREENS = {
    "/",
    "/demo/",
    "/weilidai/closure/record",
    "/weilidai/closure/record/download",
    "/weilidai/repay/done",
}


def test_every_screen_is_listed(app: Flask) -> None:
    """Each GET route without parameters is in SCREENS (or knowingly left out)."""
    routes = {
        rule.rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods
        and not rule.arguments
        and not rule.rule.startswith((PREFIX, "/static"))
    }
    listed = {url.partition("?")[0] for url in SCREENS} | NOT_SCREENS
    assert routes - listed == set()


@pytest.mark.parametrize("variant", ["A", "B"])
def test_every_screen_opens_for_an_invited_person(
    client: FlaskClient, auth: AuthActions, subtests: pytest.Subtests, variant: str
) -> None:
    auth.person("invited", variant=variant)
    for url in SCREENS:
        with subtests.test(url=url):
            response = client.get(url)
            assert response.status_code == 200
            assert response.mimetype == "text/html"


TOKEN = "0" * 32
SIGNED_IN_ONLY = [
    *(("GET", url) for url in SCREENS),
    ("GET", "/weilidai/closure/record"),
    ("GET", "/weilidai/closure/record/download"),
    ("POST", "/weilidai/closure/"),
    ("POST", "/weilidai/repay"),
    ("POST", "/weilidai/borrow"),
    ("POST", "/weilidai/help/pause"),
    ("POST", "/weilidai/settings/notifications"),
    ("POST", "/weilidai/kefu"),
    *(
        (method, f"/weilidai/closure/{TOKEN}/{step}")
        for step in ("password", "sms", "face")
        for method in ("GET", "POST")
    ),
    ("POST", f"/weilidai/closure/{TOKEN}/sms/send"),
    ("GET", f"/weilidai/closure/{TOKEN}/submitted"),
]


def test_a_visitor_is_sent_to_the_demo_people(
    client: FlaskClient, subtests: pytest.Subtests
) -> None:
    for method, url in SIGNED_IN_ONLY:
        with subtests.test(method=method, url=url):
            response = client.open(url, method=method)
            assert response.status_code == 302
            assert response.location == "/demo/"


@pytest.mark.requirement("ENTRY-PATH-ME-SERVICES")
def test_me_is_the_last_tab_and_leads_to_services(client: FlaskClient, auth: AuthActions) -> None:
    auth.person("invited")
    me = client.get("/me").get_data(as_text=True)
    tabs = re.findall(r'class="weui-tabbar__label">([^<]+)<', me)
    assert tabs == ["微信", "通讯录", "发现", "我"]  # 我 at the bottom right
    assert 'href="/me/services"' in me
