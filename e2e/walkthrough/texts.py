"""The guides' words, in Chinese and in English, read from the data files in ``texts/``.

One TOML file per flow (``texts/<flow>.toml``: its opening paragraph, outcome and what can go
wrong, each with ``zh`` and ``en`` side by side), the tips on steps by step id
(``texts/_tips.toml``), the pitfalls several flows share (``_pitfalls.toml``) and the words of a
flow with no file yet (``_generic.toml``). Numbers the portal's rules define are ``{fields}`` in
the files, filled from the rules here (``RULES``), so the guides follow a changed rule.

TOML, not YAML or Markdown with front matter: ``tomllib`` reads it from the standard library
(PyYAML is here only as another package's dependency; front matter needs a parser and splits one
text into two formats), its multi-line strings take long prose wrapped with a trailing ``\\``,
and it has no implicit types (YAML's ``no`` is ``False``). See docs/videos.md (Words).
"""

from __future__ import annotations

import string
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from importlib.resources import files
from typing import Any

from mock_portal.domain.loans import RECENT_LOAN_DAYS
from mock_portal.domain.rules import PAUSE_MONTHS_DAYS
from mock_portal.domain.verification import VerificationPolicy

from ..harness.journey import Flow, Step
from ..harness.words import CHINESE, is_english
from .sentences import ENGLISH

LANGUAGES = (CHINESE, ENGLISH)
TIPS = "_tips"
SHARED_PITFALLS = "_pitfalls"
GENERIC = "_generic"


def _whole(delta: timedelta, unit: timedelta) -> int:
    return int(delta / unit)


def _rules() -> dict[str, int]:
    policy = VerificationPolicy()
    return {
        "password_max_failures": policy.password_max_failures,
        "password_lock_hours": _whole(policy.password_lock, timedelta(hours=1)),
        "sms_valid_minutes": _whole(policy.sms_valid, timedelta(minutes=1)),
        "sms_resend_gap_seconds": _whole(policy.sms_resend_gap, timedelta(seconds=1)),
        "sms_max_per_hour": policy.sms_max_per_hour,
        "sms_max_failures": policy.sms_max_failures,
        "face_max_failures": policy.face_max_failures,
        "face_backoff_minutes": _whole(policy.face_backoff, timedelta(minutes=1)),
        "recent_loan_days": RECENT_LOAN_DAYS,
        "pause_months": PAUSE_MONTHS_DAYS // 30,
    }


# The fields a text may use: the portal's rules, as the portal applies them.
RULES = _rules()


@dataclass(frozen=True)
class FlowText:
    """A flow's opening paragraph, what it ends with, and what can go wrong, in one language."""

    intro: str
    outcome: str
    pitfalls: tuple[str, ...]


@dataclass(frozen=True)
class FlowWords:
    """A flow's guide text in both languages, and the tips it gives its steps instead of theirs."""

    zh: FlowText
    en: FlowText
    tips: dict[str, str]  # step id → the name of a tip in _tips.toml, or "" for none

    def text(self, locale: str = CHINESE) -> FlowText:
        """Return the text in ``locale``'s language."""
        return self.en if is_english(locale) else self.zh


@dataclass(frozen=True)
class Tip:
    """Advice on the kinds of step ``steps`` wherever they are taken (none: only where a flow
    chooses it), in both languages."""

    name: str
    steps: tuple[str, ...]
    zh: str
    en: str

    def text(self, locale: str = CHINESE) -> str:
        """Return the tip in ``locale``'s language."""
        return self.en if is_english(locale) else self.zh


def read(name: str) -> dict[str, Any]:
    """Return the data file ``texts/<name>.toml`` as it is written, its fields unfilled."""
    return tomllib.loads(files(__package__).joinpath("texts", f"{name}.toml").read_text("utf-8"))


def flows_with_text() -> list[str]:
    """Return the base names of the flows that have a file in ``texts/``."""
    folder = files(__package__).joinpath("texts")
    names = (entry.name.removesuffix(".toml") for entry in folder.iterdir())
    return sorted(name for name in names if not name.startswith("_"))


_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_ORDINALS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh")


class _RuleFormatter(string.Formatter):
    """``{n}`` is the digits; ``{n:word}``, ``{n:Word}`` and ``{n:ordinal}`` are English words
    (three, Three, third), for prose that spells a small number out."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in ("word", "Word"):
            word = _WORDS[value]
            return word.capitalize() if format_spec == "Word" else word
        if format_spec == "ordinal":
            return _ORDINALS[value]
        return str(super().format_field(value, format_spec))


def filled(text: str) -> str:
    """Fill in the rules' numbers: ``{sms_resend_gap_seconds}秒`` → 60秒,
    ``{password_max_failures:word} wrong tries`` → three wrong tries."""
    return _RuleFormatter().vformat(text, (), RULES)


def _both(entry: dict[str, str]) -> tuple[str, str]:
    return filled(entry["zh"]), filled(entry["en"])


@cache
def flow_words(base: str) -> FlowWords:
    """Return the words of the flow ``base`` (``close_account``), or the generic ones."""
    data = read(base if base in flows_with_text() else GENERIC)
    shared = read(SHARED_PITFALLS)
    pitfalls = [_both(shared[p["shared"]] if "shared" in p else p) for p in data["pitfalls"]]
    (intro_zh, intro_en), (outcome_zh, outcome_en) = _both(data["intro"]), _both(data["outcome"])
    return FlowWords(
        zh=FlowText(intro_zh, outcome_zh, tuple(zh for zh, _ in pitfalls)),
        en=FlowText(intro_en, outcome_en, tuple(en for _, en in pitfalls)),
        tips=dict(data.get("tips", {})),
    )


def flow_text(base: str, locale: str = CHINESE) -> FlowText:
    """Return the words for a flow by its base name (``close_account``), or the generic ones."""
    return flow_words(base).text(locale)


@cache
def tips() -> dict[str, Tip]:
    """Return every tip by its name, as ``_tips.toml`` writes it."""
    data = read(TIPS)
    return {
        name: Tip(name, tuple(entry.get("steps", ())), *_both(entry))
        for name, entry in data.items()
        if name != "no_tip"
    }


def untipped() -> tuple[str, ...]:
    """Return the step ids that need no tip (``no_tip`` in ``_tips.toml``)."""
    return tuple(read(TIPS)["no_tip"])


def step_kind(step: Step[Any]) -> str:
    """Return the name of the function in e2e/harness/flows/steps/ that made ``step``.

    A step's ``act`` is defined inside that function, so its qualified name starts with it;
    the name a person sees (``Step.name``) may change with the variant and is left alone.
    """
    return step.act.__qualname__.split(".<locals>")[0]


def step_ids(flow: Flow) -> list[str]:
    """Return the id of each of ``flow``'s steps: its kind (``step_kind``), then ``-2``, ``-3``
    on its second and third time in the flow: ``wrong_password``, ``wrong_password-2``."""
    seen: Counter[str] = Counter()
    ids = []
    for step in flow.steps:
        kind = step_kind(step)
        seen[kind] += 1
        ids.append(kind if seen[kind] == 1 else f"{kind}-{seen[kind]}")
    return ids


def kind_of(step_id: str) -> str:
    """Return the kind of step an id names: ``wrong_password-2`` → ``wrong_password``."""
    return step_id.split("-")[0]


@cache
def _tip_of_kind() -> dict[str, Tip]:
    return {kind: tip for tip in tips().values() for kind in tip.steps}


def step_tip(base: str, step_id: str, locale: str = CHINESE) -> str:
    """Return the tip on step ``step_id`` of the flow ``base``: the flow's own choice, else the
    tip on that kind of step, else ""."""
    chosen = flow_words(base).tips.get(step_id)
    tip = _tip_of_kind().get(kind_of(step_id)) if chosen is None else tips().get(chosen)
    return tip.text(locale) if tip else ""
