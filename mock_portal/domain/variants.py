"""Client variants: different WeChat versions name the closure path slightly differently.

The seed: "微粒贷官网"或者"账户中心", "安全中心"或"账户管理", "注销账户"或"关闭账户".
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import N_


@dataclass(frozen=True)
class Variant:
    """The labels one client variant shows along the closure path."""

    code: str
    site: str  # the "…" menu item leading to the account site
    security: str  # the section holding the closure option
    close: str  # the closure option itself


VARIANTS: dict[str, Variant] = {
    "A": Variant("A", site=N_("微粒贷官网"), security=N_("安全中心"), close=N_("注销账户")),
    "B": Variant("B", site=N_("账户中心"), security=N_("账户管理"), close=N_("关闭账户")),
}
DEFAULT_VARIANT = "A"


def variant_for(code: str | None) -> Variant:
    """Return the variant named by ``code`` (A or B, any case), or the default one."""
    return VARIANTS.get((code or "").strip().upper(), VARIANTS[DEFAULT_VARIANT])


def check_variant(code: str) -> str:
    """Return ``code`` normalised, or raise ValueError naming the variants that exist."""
    normal = (code or "").strip().upper()
    if normal not in VARIANTS:
        raise ValueError(f"unknown variant {code!r}; use one of {', '.join(VARIANTS)}")
    return normal
