"""Every screen a person can reach, in every main state, read in English and in Chinese.

``tests/portal/tour.py`` opens each screen and makes each message appear; here every page it saw
is read as a person (or a screen reader) would: the visible text and the names and hints of
controls. In English no Chinese is left but people's names (Faker zh_CN data) and a language's
own name on the 语言 screen; in Chinese no English is left but data (scenario ids, references,
WeChat ids).

The variants differ in their menu's labels, not in their screens' catalogue: ``make test`` tours
Chinese on variant A and English on B, about 5.5 s each alone; ``--variant A
--variant B`` (``make test-all``) tours each language on both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient

from e2e.harness.api import PortalApi
from mock_portal import create_app
from tests.portal.tour import CHINESE, ENGLISH, Page, Words, every_page
from tests.support.portal import portal_config
from weilidai_fixtures import SCENARIOS

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Data a Chinese page shows as it is: references (ZX…), WeChat ids, a scenario's id on the demo
# page.
CHINESE_PAGE_DATA = re.compile(
    r"\bZX\d+|\bwxid_\d+|" + "|".join(rf"\b{name}\b" for name in sorted(SCENARIOS, key=len)[::-1])
)
READ_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Reader(HTMLParser):
    """What a page says: its text and the names and hints of its controls.

    Skips scripts and styles, and any element in another language than the page's (marked with
    its own ``lang``, as a language menu marks each language's own name).
    """

    def __init__(self) -> None:
        super().__init__()
        self.page_lang = ""
        self.said: list[str] = []
        self._open: list[tuple[str, bool]] = []  # tag, skipped

    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self._open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the element; read the names and hints it gives."""
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.page_lang = values.get("lang", "")
            return
        lang = values.get("lang")
        skipped = tag in ("script", "style") or (lang is not None and lang != self.page_lang)
        if not (self._skipping() or skipped):
            self.said += [values[name] for name in READ_ATTRIBUTES if values.get(name)]
        if tag not in VOID:
            self._open.append((tag, skipped))

    def handle_endtag(self, tag: str) -> None:
        """Close the element (and any left open inside it)."""
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        """Read the text, unless it is in a skipped element."""
        if data.strip() and not self._skipping():
            self.said.append(data.strip())


def read(html: str) -> tuple[str, list[str]]:
    """Return a page's language and everything it says."""
    reader = Reader()
    reader.feed(html)
    return reader.page_lang, reader.said


def names_in(app: Flask) -> list[str]:
    """Return every person's name in the store and how the screens shorten it, longest first."""
    client = app.test_client()
    people = PortalApi.over_flask(client).store()["person"]
    names = set()
    for person in people:
        name = person["name"]
        names |= {name, name[:1] + "*" * (len(name) - 1), name[:1] + "**", name[:1]}
    return sorted(names, key=len, reverse=True)


@pytest.fixture(scope="module")
def tour_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """Create one portal for both tours (each person is new, each tour its own people)."""
    app = create_app(portal_config(tmp_path_factory.mktemp("tour") / "portal.db"))
    PortalApi.over_flask(app.test_client()).reset()
    yield app
    app.extensions["store_engine"].dispose()


def take_the_tour(
    app: Flask, accept_language: str, words: Words, config: pytest.Config, variant: str
) -> list[Page]:
    """Tour every screen with a phone that asks for ``accept_language``, on ``variant`` unless
    ``--variant`` names the variants."""

    def client_for() -> FlaskClient:
        client = app.test_client()
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = accept_language
        return client

    pages = every_page(client_for, words, config.getoption("--variant") or [variant])
    failed = [f"{page.name}: {page.status}" for page in pages if page.status >= 500]
    assert failed == []
    return pages


def test_every_screen_in_english_has_no_chinese_but_names(
    tour_app: Flask, pytestconfig: pytest.Config
) -> None:
    pages = take_the_tour(tour_app, "en-US,en;q=0.9", ENGLISH, pytestconfig, "B")
    names = names_in(tour_app)
    untranslated: dict[str, str] = {}
    for page in pages:
        lang, said = read(page.html)
        assert lang == "en", page.name
        for text in said:
            left = text
            for name in names:
                left = left.replace(name, "")
            if CJK.search(left):
                untranslated.setdefault(text, page.name)
    assert untranslated == {}
    assert len(pages) >= 600  # the tour really went everywhere (618 pages a variant)


def test_every_screen_in_chinese_has_no_english_but_data(
    tour_app: Flask, pytestconfig: pytest.Config
) -> None:
    pages = take_the_tour(tour_app, "zh-CN,zh;q=0.9", CHINESE, pytestconfig, "A")
    english: dict[str, str] = {}
    for page in pages:
        lang, said = read(page.html)
        assert lang == "zh-CN", page.name
        for text in said:
            left = CHINESE_PAGE_DATA.sub("", text)
            if LATIN_WORD.search(left):
                english.setdefault(text, page.name)
    assert english == {}
