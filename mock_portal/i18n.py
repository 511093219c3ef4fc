"""The portal in Chinese (zh-CN: the default and the source language) and in English (en).

Flask-Babel with gettext catalogues: the Chinese texts are the msgids, so Chinese needs no
catalogue and renders exactly as it was written; ``translations/en/LC_MESSAGES/messages.po``
says them in English. Which language a request gets is chosen in ``views.common``
(the person's 语言 setting, then ``?lang=``, then ``Accept-Language``).

Templates call ``_()`` (Jinja's i18n extension, ``%(name)s`` fields); views call ``_`` from
here. The rules' messages (``domain.text.Message``, ``{name}`` fields) are said in the reader's
language by ``translate``, wherever they are shown. Dates are written as each language writes
them, with Babel; money is ¥ and two decimals in both. See docs/portal.md#languages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_datetime, get_date_format, get_datetime_format, get_time_format
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.support import NullTranslations
from flask import Flask
from flask_babel import Babel, get_locale, get_translations

from .domain.text import N_, ZH_LIST_SEPARATOR, Message, Param, loads
from .domain.variants import Variant

# The portal's languages: BCP 47 tag (<html lang>, ?lang=, the 语言 setting) → Babel locale.
LANGUAGES = {"zh-CN": "zh_CN", "en": "en"}
DEFAULT_LANGUAGE = "zh-CN"
# What Accept-Language is matched against: any Chinese (zh-TW, zh-Hans-CN) gets zh-CN.
ACCEPTED = ("zh-CN", "zh", "en")
# Each language's own name, as a language menu shows it (never translated).
AUTONYMS = {"zh-CN": "简体中文", "en": "English"}

# The screens' Chinese dates stay as they always were (2026-11-23 10:00); English ones are the
# locale's medium date with its short time (Nov 23, 2026, 10:00 AM).
_ZH_PATTERNS = {"day": "yyyy-MM-dd", "moment": "yyyy-MM-dd HH:mm", "month": "yyyy-MM"}
_LIST_SEPARATORS = {"zh-CN": ZH_LIST_SEPARATOR, "en": "; "}
_OVERDUE_SEPARATORS = {"zh-CN": "、", "en": ", "}

# What app.js says (a toast, a retry, a countdown), handed to it in the page.
JS_STRINGS = {
    "submitting": N_("正在提交…"),
    "busy": N_("系统繁忙，提交没有完成。"),
    "offline": N_("网络异常，提交没有完成。"),
    "safeRetry": N_("您可以放心重试，不会重复提交。"),
    "retry": N_("重试"),
    "countdown": N_("{seconds}秒后重新获取"),
}


def language_tag(value: str | None) -> str | None:
    """Return the portal language ``value`` names (en-US → en, zh_cn → zh-CN), else None."""
    primary = (value or "").strip().replace("_", "-").split("-")[0].lower()
    return {"zh": "zh-CN", "en": "en"}.get(primary)


def current_language() -> str:
    """Return the language of this request's pages (zh-CN or en)."""
    locale = get_locale()
    return "en" if locale is not None and locale.language == "en" else DEFAULT_LANGUAGE


def _translations() -> NullTranslations:
    translations: NullTranslations = get_translations()
    return translations


def _(msgid: str, **params: Any) -> str:
    """Return ``msgid`` in this request's language, its ``%(name)s`` fields filled in."""
    text = _translations().ugettext(msgid)
    return text % params if params else text


def translate(text: str) -> str:
    """Say a text of the rules (a ``Message``, or a plain msgid) in this request's language.

    A text the catalogue does not know (a person's own words, a reason a test made up) is
    shown as it is.
    """
    if not text:
        return text
    if not isinstance(text, Message):
        return _translations().ugettext(text)
    if text.plural is not None:
        template = _translations().ungettext(text.msgid, text.plural, text.number)
    else:
        template = _translations().ugettext(text.msgid)
    if not text.params:
        return template
    return template.format(**{name: _param(value) for name, value in text.params.items()})


def _param(value: Param) -> Any:
    if isinstance(value, Message):
        return translate(value)
    if isinstance(value, datetime):
        return format_moment(value)
    if isinstance(value, date):
        return format_day(value)
    if isinstance(value, str | int):
        return value  # data: a name, a reference, an amount
    separator = _LIST_SEPARATORS[current_language()]
    return separator.join(translate(item) if isinstance(item, Message) else item for item in value)


def _format(value: date, kind: str) -> str:
    language = current_language()
    locale = Locale.parse(LANGUAGES[language])
    if language == DEFAULT_LANGUAGE:
        pattern = _ZH_PATTERNS[kind]
    elif kind == "month":
        pattern = locale.datetime_skeletons["yMMM"].pattern
    else:
        pattern = get_date_format("medium", locale).pattern
        if kind == "moment":
            time = get_time_format("short", locale).pattern
            pattern = str(get_datetime_format("medium", locale)).replace("{1}", pattern)
            pattern = pattern.replace("{0}", time)
    when = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    return format_datetime(when, pattern, locale=locale)


def format_day(value: date) -> str:
    """Write a day as this request's language does (2026-11-23 · Nov 23, 2026)."""
    return _format(value, "day")


def format_moment(value: datetime) -> str:
    """Write a moment as the language does (2026-11-23 10:00 · Nov 23, 2026, 10:00 AM)."""
    return _format(value, "moment")


def format_months(months: str) -> str:
    """Write a credit report's overdue months ("2026-07,2026-08") as the language lists them."""
    if not months:
        return ""
    days = [date.fromisoformat(f"{month}-01") for month in months.split(",")]
    separator = _OVERDUE_SEPARATORS[current_language()]
    return separator.join(_format(day, "month") for day in days)


def localized(variant: Variant) -> Variant:
    """Return the variant's labels in this request's language (Security Center, …)."""
    return Variant(
        variant.code,
        site=translate(variant.site),
        security=translate(variant.security),
        close=translate(variant.close),
    )


def stored(message_json: str, as_sent: str) -> str:
    """Say a message kept in the store as JSON, or the text as sent when none was kept."""
    return translate(loads(message_json)) if message_json else as_sent


def js_strings() -> dict[str, str]:
    """Return what app.js says, in this request's language."""
    return {key: translate(text) for key, text in JS_STRINGS.items()}


def catalogue(language: str) -> Catalog:
    """Return the compiled catalogue the portal serves in ``language`` (``"en"``): its words for
    a tool that names them as the portal does, such as the walkthrough's English guides."""
    mo = Path(__file__).parent / "translations" / LANGUAGES[language] / "LC_MESSAGES/messages.mo"
    with mo.open("rb") as compiled:
        return read_mo(compiled)


def init_app(app: Flask, choose_language: Callable[[], str]) -> None:
    """Set up Flask-Babel (``choose_language`` picks a request's language) and the templates."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", LANGUAGES[DEFAULT_LANGUAGE])
    Babel(app, locale_selector=lambda: LANGUAGES[choose_language()])
    app.add_template_filter(translate, "translate")
    app.add_template_filter(format_day, "day")
    app.add_template_filter(format_moment, "moment")
    app.add_template_filter(format_months, "months")
    app.add_template_global(stored, "stored")
    app.add_template_global(current_language, "current_language")
