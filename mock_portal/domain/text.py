"""What the rules say to a person, kept translatable: a Chinese message and its parameters.

The rules speak Chinese, the portal's source language, so a message's text is its gettext msgid.
``N_(msgid, **params)`` marks a message (``pybabel extract`` finds it, see babel.cfg) and returns
a ``Message``: a ``str`` whose value is the Chinese text with its parameters filled in, exactly
what the rules said before they were translatable, and which remembers its msgid and parameters
so that the portal can say it again in the reader's language when it shows it
(``mock_portal.i18n.translate``). ``Np_`` is the same for a message with a count, whose English
has a singular and a plural.

Parameters are ``{name}`` fields (``str.format``). A parameter that is itself a ``Message`` is
translated with it; a list of messages is joined as a list of reasons; a date or datetime is
written as the reader's locale writes it; any other ``str`` or ``int`` is data and shown as is.

Nothing here imports Flask: the rules stay plain Python.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Union

Param = Union[str, int, date, "Message", Sequence[str]]

# How the Chinese text writes what the portal writes in its own way (the screens' formats).
ZH_MOMENT = "%Y-%m-%d %H:%M"
ZH_DAY = "%Y-%m-%d"
ZH_LIST_SEPARATOR = "；"


class Message(str):
    """A message of the rules: its Chinese text as a ``str``, its msgid and its parameters."""

    msgid: str
    plural: str | None
    params: Mapping[str, Param]

    def __new__(
        cls, msgid: str, params: Mapping[str, Param] | None = None, plural: str | None = None
    ) -> Message:
        """Build the message ``msgid`` with ``params`` (``plural``: its English plural's msgid)."""
        values = dict(params or {})
        msgid = msgid.msgid if isinstance(msgid, Message) else msgid
        self = super().__new__(cls, msgid.format(**_chinese(values)) if values else msgid)
        self.msgid = msgid
        self.plural = plural
        self.params = values
        return self

    @property
    def number(self) -> int:
        """Return the number a message with a plural is about (its ``num`` parameter)."""
        num = self.params.get("num", 1)
        return num if isinstance(num, int) else 1


def N_(msgid: str, /, **params: Param) -> Message:
    """Mark ``msgid`` as a message to translate when shown; ``params`` fill its fields."""
    return Message(msgid, params)


def Np_(singular: str, plural: str, /, num: int, **params: Param) -> Message:
    """Mark a message about ``num`` things: English has a singular and a plural, Chinese one."""
    return Message(singular, {"num": num, **params}, plural=plural)


def as_message(text: str) -> Message:
    """Return ``text`` as a message: itself if it is one, else a message of that very text."""
    return text if isinstance(text, Message) else Message(text)


def _chinese(params: Mapping[str, Param]) -> dict[str, Any]:
    return {name: chinese(value) for name, value in params.items()}


def chinese(value: Param) -> Any:
    """Return a parameter as the Chinese text writes it (numbers stay numbers for ``{n:d}``)."""
    if isinstance(value, datetime):
        return value.strftime(ZH_MOMENT)
    if isinstance(value, date):
        return value.strftime(ZH_DAY)
    if isinstance(value, str | int):
        return value
    return ZH_LIST_SEPARATOR.join(value)


# ---------------------------------------------------------------- kept in the store


def dumps(message: str) -> str:
    """Return ``message`` as JSON for the store, so it can be translated when it is shown.

    A plain ``str`` is kept as a message without parameters: shown translated if the catalogue
    has it (a scenario's default rejection reason), else as it is (one a test made up).
    """
    return json.dumps(_encode_message(message), ensure_ascii=False)


def loads(stored: str) -> Message:
    """Return the message kept by ``dumps``."""
    return _decode_message(json.loads(stored))


def _encode_message(message: str) -> dict[str, Any]:
    if not isinstance(message, Message):
        return {"msgid": message}
    encoded: dict[str, Any] = {"msgid": message.msgid}
    if message.plural is not None:
        encoded["plural"] = message.plural
    if message.params:
        encoded["params"] = {name: _encode(param) for name, param in message.params.items()}
    return encoded


def _encode(value: Param) -> Any:
    if isinstance(value, Message):
        return {"message": _encode_message(value)}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, str | int):
        return value  # data: shown as it is
    return [_encode(item) for item in value]


def _decode_message(encoded: dict[str, Any]) -> Message:
    params = {name: _decode(param) for name, param in encoded.get("params", {}).items()}
    return Message(encoded["msgid"], params, plural=encoded.get("plural"))


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "datetime" in value:
        return datetime.fromisoformat(value["datetime"])
    if "date" in value:
        return date.fromisoformat(value["date"])
    return _decode_message(value["message"])
