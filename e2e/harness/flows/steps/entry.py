"""The way in: WeChat's 我 → 服务 → 微粒贷, its "…" menu, the account site, the closure option.

Each step is typed by the screen it starts on (docs/writing-tests.md#steps-and-flows).
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from ...journey import Journey, Step
from ...labels import Labels
from ...pages import (
    MePage,
    Screen,
    SecurityPage,
    ServicesPage,
    SitePage,
    WeilidaiHomePage,
)


def open_me() -> Step[Screen]:
    return Step(
        "打开微信，点右下角“我”",
        Screen,
        lambda j, _: MePage.open(j.page, j.labels),
        "Open WeChat and tap “Me” at the bottom right",
    )


def open_services() -> Step[MePage]:
    return Step("进入“服务”", MePage, lambda j, me: me.open_services(), "Open “Services”")


def open_weilidai() -> Step[ServicesPage]:
    return Step(
        "在“金融理财”里点“微粒贷”",
        ServicesPage,
        lambda j, s: s.open_weilidai(),
        "Tap “Weilidai” under “Financial Services”",
    )


def open_more() -> Step[WeilidaiHomePage]:
    return Step(
        "点右上角的“…”",
        WeilidaiHomePage,
        lambda j, home: home.open_more(),
        "Tap “…” (More) at the top right",
    )


def open_site(labels: Labels) -> Step[WeilidaiHomePage]:
    return Step(
        f"选择“{labels.site}”",
        WeilidaiHomePage,
        lambda j, home: home.open_site(),
        f"Choose “{labels.english.site}”",
    )


def open_security(labels: Labels) -> Step[SitePage]:
    return Step(
        f"进入“{labels.security}”",
        SitePage,
        lambda j, site: site.open_security(),
        f"Open “{labels.english.security}”",
    )


def tap_close(labels: Labels) -> Step[SecurityPage]:
    return Step(
        f"点击“{labels.close}”",
        SecurityPage,
        lambda j, sec: sec.start_closure(),
        f"Tap “{labels.english.close}”",
    )


def see_close_option_missing(labels: Labels) -> Step[SecurityPage]:
    def act(j: Journey, security: SecurityPage) -> SecurityPage:
        expect(security.close_option).to_have_count(0)
        expect(security.missing_note).to_contain_text(j.labels.say("找不到“{}”", j.labels.close))
        return security

    return Step(
        f"找不到“{labels.close}”：页面说明账户异常",
        SecurityPage,
        act,
        f"No “{labels.english.close}”: the page says the account has an issue",
    )


# The article's requirements (e2e/trace/article.toml) the menu path meets.
PATH_TO_CLOSURE = (
    "ENTRY-PATH-ME-SERVICES",
    "CLOSE-PATH-WEILIDAI",
    "CLOSE-PATH-MORE",
    "CLOSE-PATH-SITE",
    "CLOSE-VARIANT-NAMES",
    "CLOSE-PATH-SECURITY",
    "CLOSE-PATH-OPTION",
)


def path_to_closure(labels: Labels) -> list[Step[Any]]:
    """我 → 服务 → 微粒贷 → … → 官网/账户中心 → 安全中心/账户管理 → 注销/关闭账户."""
    return [
        open_me(),
        open_services(),
        open_weilidai(),
        open_more(),
        open_site(labels),
        open_security(labels),
        tap_close(labels),
    ]


def path_to_menu() -> list[Step[Any]]:
    """我 → 服务 → 微粒贷 → …."""
    return [open_me(), open_services(), open_weilidai(), open_more()]
