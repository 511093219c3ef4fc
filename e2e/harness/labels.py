"""What the seed article says the screens are called, per client variant.

The harness keeps its own copy of these words instead of importing the portal's: if the portal
renames a label, the tests must notice, not follow along.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import words


@dataclass(frozen=True)
class Labels:
    """The names one client variant shows along the closure path, in one language."""

    variant: str
    site: str
    security: str
    close: str
    locale: str = "zh-CN"

    @property
    def english(self) -> Labels:
        """Return the same variant's names in English (``../shared/SPEC.md`` §6)."""
        return LABEL_TABLE[self.variant, "en"]

    def say(self, text: str, *values: object) -> str:
        """Return a word the screens show, in this language (``e2e/harness/words.py``)."""
        return words.say(text, self.locale, *values)


# (variant, locale) → the names; English as the design writes the path (SPEC §6).
LABEL_TABLE: dict[tuple[str, str], Labels] = {
    ("A", "zh-CN"): Labels("A", site="微粒贷官网", security="安全中心", close="注销账户"),
    ("B", "zh-CN"): Labels("B", site="账户中心", security="账户管理", close="关闭账户"),
    ("A", "en"): Labels(
        "A", site="Weilidai Website", security="Security Center", close="Close Account", locale="en"
    ),
    ("B", "en"): Labels(
        "B",
        site="Account Center",
        security="Account Management",
        close="Deactivate Account",
        locale="en",
    ),
}
LABELS = {
    variant: labels for (variant, locale), labels in LABEL_TABLE.items() if locale == words.CHINESE
}
VARIANTS = tuple(LABELS)
LOCALES = (words.CHINESE, "en")
