"""The guides' generated sentences: what to tap and what you will see, in Chinese and English.

A step's "what to do" and "what you will see" are made from what the recording saw (its taps, the
screen it ended on). In English each control is named as the English portal names it, read from
the portal's own catalogue (``mock_portal.i18n.catalogue``), with the Chinese on screen in
brackets: “Security Center” (安全中心). See docs/videos.md (Words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from mock_portal.i18n import catalogue

from ..harness.trail import Tap
from ..harness.words import CHINESE, is_english

ENGLISH = "en"


def quoted(text: str) -> str:
    """Put ``text`` in double quotes, turning quotes inside it into single ones: “找不到‘X’？”."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


# ------------------------------------------------------------------ the portal's English names

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_FIELD = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
_TAG = re.compile(r"<[^>]+>")
_TAGGED = re.compile(r"<(a|strong)\b[^>]*>(.*?)</\1>")
_FILLER = " ¥：:，,"


def has_chinese(text: str) -> bool:
    """Say whether ``text`` holds any Chinese (CJK ideographs or full-width punctuation)."""
    return bool(_CJK.search(text))


@dataclass(frozen=True)
class _Template:
    """A catalogue text with fields: matches a Chinese text, fills in its English."""

    pattern: re.Pattern[str]
    fields: tuple[str, ...]  # the tokens (%(num)d, {num}) in the order of the groups
    english: tuple[str, ...]  # one text, or the singular and the plural


@dataclass(frozen=True)
class _Catalogue:
    plain: dict[str, str]
    in_context: dict[tuple[str, str], str]
    templates: tuple[_Template, ...]


@cache
def _catalogue() -> _Catalogue:
    """Index the portal's compiled English catalogue (the one the portal itself serves)."""
    catalog = catalogue(ENGLISH)
    plain: dict[str, str] = {}
    in_context: dict[tuple[str, str], str] = {}
    templates: list[tuple[int, _Template]] = []
    prefixes: dict[str, str] = {}
    for message in catalog:
        # A plural message has a tuple of ids (the singular first) and one of its forms.
        ids = [message.id] if isinstance(message.id, str) else list(message.id or ())
        strings = [message.string] if isinstance(message.string, str) else message.string
        chinese, english = ids[0] if ids else "", tuple(s for s in strings or () if s)
        if not chinese or not english:
            continue
        if message.context:
            in_context[message.context, chinese] = english[0]
            continue
        if _FIELD.search(chinese):
            literal = len(_FIELD.sub("", chinese))
            templates.append((literal, _template(chinese, english)))
            # A control is found by the start of its name: 确认还款 is "确认还款 ¥%(amount)s".
            start, start_en = _FIELD.split(chinese)[0], _FIELD.split(english[0])[0]
            if start.strip(_FILLER) and start_en.strip(_FILLER) and "<" not in start:
                prefixes.setdefault(start.strip(_FILLER), start_en.strip(_FILLER))
        else:
            plain[chinese] = english[0]
        if "<" in chinese:  # a screen shows the text without its tags; a link is its own name
            if not _FIELD.search(chinese):
                plain.setdefault(_TAG.sub("", chinese), _TAG.sub("", english[0]))
            inner = [text for _, text in _TAGGED.findall(chinese)]
            outer = [text for _, text in _TAGGED.findall(english[0])]
            if len(inner) == len(outer):
                for zh, en in zip(inner, outer, strict=True):
                    if not _FIELD.search(zh):
                        plain.setdefault(_TAG.sub("", zh), _capitalised(_TAG.sub("", en)))
    for start, start_en in prefixes.items():
        plain.setdefault(start, start_en)
    # The most specific first: "暂时无法%(close)s" must not swallow a longer text.
    ordered = tuple(t for _, t in sorted(templates, key=lambda item: -item[0]))
    return _Catalogue(plain, in_context, ordered)


def _template(chinese: str, english: tuple[str, ...]) -> _Template:
    parts: list[str] = []
    fields: list[str] = []
    at = 0
    for match in _FIELD.finditer(chinese):
        parts.append(re.escape(_TAG.sub("", chinese[at : match.start()])))
        parts.append("(.+?)")
        fields.append(match.group(0))
        at = match.end()
    parts.append(re.escape(_TAG.sub("", chinese[at:])))
    texts = tuple(_TAG.sub("", text) for text in english)
    return _Template(re.compile("".join(parts) + r"\Z", re.S), tuple(fields), texts)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def portal_english(text: str, context: str = "") -> str:
    """Return what the English portal shows for the Chinese ``text``, or "" if it knows none.

    ``context`` picks a text's meaning where the portal has two (``"tab"``: 微信 is "Chats" on
    the tab bar, "WeChat" elsewhere). Fields are filled in: 支付密码错误，还可以尝试 2 次 →
    "Wrong payment password. 2 attempts left."; a field that is itself a portal text is said in
    English too (找不到“关闭账户”？ → Can't find “Deactivate Account”?).
    """
    text = text.strip()
    if not text:
        return ""
    catalogue = _catalogue()
    if context and (context, text) in catalogue.in_context:
        return catalogue.in_context[context, text]
    if text in catalogue.plain:
        return catalogue.plain[text]
    for template in catalogue.templates:
        match = template.pattern.match(text)
        if match is None:
            continue
        values = match.groups()
        english = template.english[0]
        if len(template.english) > 1:
            counts = [int(v) for v in values if v.isdigit()]
            english = template.english[0 if counts[:1] == [1] else 1]
        for field, value in zip(template.fields, values, strict=True):
            english = english.replace(field, portal_english(value) or value)
        return english.replace("%%", "%")
    return ""


def named(text: str, context: str = "") -> str:
    """Name a text of the Chinese screens in English: “Security Center” (安全中心).

    The English name as the English portal writes it, then the Chinese as the screen shows it;
    a text with no English in the catalogue is given as it is, in quotes.
    """
    english = portal_english(text, context)
    if not english or not has_chinese(text):
        return quoted(text)
    return f"{quoted(english)} ({text})"


# ------------------------------------------------------------------ what to do, what you see

_ROLE_VERBS = {"checkbox": "勾选", "link": "点", "button": "点"}
_ROLE_VERBS_EN = {"checkbox": "tick", "link": "tap", "button": "tap"}
# Controls whose accessible name is not what a person sees on them.
_SEEN_AS = {"更多": "右上角的“…”", "返回": "左上角的“‹”（返回）"}
_SEEN_AS_EN = {"更多": "“…” (More) at the top right", "返回": "“‹” (Back) at the top left"}
_INPUT_HINTS = {"支付密码": "6位支付密码", "验证码": "6位短信验证码"}
_INPUT_HINTS_EN = {"支付密码": "your 6-digit payment password", "验证码": "the 6-digit SMS code"}


def _action(tap: Tap) -> str:
    if tap.role in ("textbox", "searchbox"):
        hint = _INPUT_HINTS.get(tap.name)
        return f"输入{hint}" if hint else f"在{quoted(tap.name)}框里输入"
    verb = _ROLE_VERBS.get(tap.role, "点")
    return f"{verb}{_SEEN_AS[tap.name]}" if tap.name in _SEEN_AS else f"{verb}{quoted(tap.name)}"


def _action_en(tap: Tap) -> str:
    if tap.role in ("textbox", "searchbox"):
        hint = _INPUT_HINTS_EN.get(tap.name)
        return f"enter {hint}" if hint else f"type in the {named(tap.name)} box"
    verb = _ROLE_VERBS_EN.get(tap.role, "tap")
    # A tap on the tab bar uses the tab's name (微信 is "Chats" there).
    seen = _SEEN_AS_EN.get(tap.name) or named(tap.name, context="tab")
    return f"{verb} {seen}"


def describe_taps(taps: Iterable[Tap], open_sheet: str = "", locale: str = CHINESE) -> str:
    """Say what was tapped, screen by screen: 在“服务”页面，点“微粒贷”。

    ``open_sheet`` names a menu left open by the step before (the "…" sheet): taps that start
    on that screen happen in the menu. In English (``locale="en"``) each control is named as
    the English portal names it, with the Chinese the screen shows in brackets: On the
    “Services” (服务) screen, tap “Weilidai” (微粒贷).
    """
    english = is_english(locale)
    sentence = _sentence_en if english else _sentence
    sentences: list[str] = []
    screen: str | None = None
    actions: list[str] = []
    for tap in taps:
        if tap.screen != screen and actions:
            sentences.append(sentence(screen, actions, open_sheet if not sentences else ""))
            actions = []
        screen = tap.screen
        actions.append(_action_en(tap) if english else _action(tap))
    if actions:
        sentences.append(sentence(screen, actions, open_sheet if not sentences else ""))
    return (" " if english else "").join(sentences)


def _sentence(screen: str | None, actions: list[str], sheet: str) -> str:
    if sheet:
        where = f"在弹出的{quoted(sheet)}菜单里，"
    else:
        where = f"在{quoted(screen)}页面，" if screen else ""
    return where + "，再".join(actions) + "。"


def _sentence_en(screen: str | None, actions: list[str], sheet: str) -> str:
    if sheet:
        where = f"In the {named(sheet)} menu that opens, "
    else:
        where = f"On the {named(screen)} screen, " if screen else ""
    said = actions[0] if len(actions) == 1 else ", ".join(actions[:-1]) + ", then " + actions[-1]
    return _capitalised(where + said) + "."


def describe_screen(
    heading: str,
    previous_heading: str,
    headline: str,
    dialogs: list[str],
    notices: list[str],
    locale: str = CHINESE,
) -> str:
    """Say what the person sees after a step: the screen, a sheet that opened, any message."""
    if is_english(locale):
        return _describe_screen_en(heading, previous_heading, headline, dialogs, notices)
    parts = []
    if dialogs:
        parts.append("、".join(f"弹出{quoted(d)}菜单" for d in dialogs))
    elif heading and heading != previous_heading:
        parts.append(f"进入{quoted(heading)}页面")
    elif heading:
        parts.append(f"仍在{quoted(heading)}页面")
    if headline and headline != heading:
        parts.append(f"页面显示{quoted(headline)}")
    parts += [f"提示{quoted(n)}" for n in dict.fromkeys(notices)]
    return "，".join(parts) + "。" if parts else ""


def _describe_screen_en(
    heading: str, previous_heading: str, headline: str, dialogs: list[str], notices: list[str]
) -> str:
    sentences = []
    if dialogs:
        menus = " and ".join(named(d) for d in dialogs)
        sentences.append(f"The {menus} {'menus open' if len(dialogs) > 1 else 'menu opens'}")
    elif heading and heading != previous_heading:
        sentences.append(f"You are now on the {named(heading)} screen")
    elif heading:
        sentences.append(f"You are still on the {named(heading)} screen")
    if headline and headline != heading:
        sentences.append(f"The screen says {named(headline)}")
    sentences += [f"A message reads {named(n)}" for n in dict.fromkeys(notices)]
    return " ".join(f"{s}." for s in sentences)
