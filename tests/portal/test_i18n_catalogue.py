"""The English catalogue: every text of the source in it, translated, compiled (docs/portal.md)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from mock_portal import i18n

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "mock_portal" / "translations" / "en" / "LC_MESSAGES"


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
