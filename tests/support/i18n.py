"""What the language tests read a page by: its shown HTML, its <html lang>, its texts."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from flask.testing import FlaskClient

from .actions import FormActions

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


def texts(html: str) -> str:
    """Return the page with its tags removed, one space between texts (what a reader sees)."""
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
