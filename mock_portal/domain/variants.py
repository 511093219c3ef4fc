"""Client variants: different WeChat versions name the closure path slightly differently.

The seed: "微粒贷官网"或者"账户中心", "安全中心"或"账户管理", "注销账户"或"关闭账户".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    """The labels one client variant shows along the closure path."""

    code: str
    site: str  # the "…" menu item leading to the account site
    security: str  # the section holding the closure option
    close: str  # the closure option itself


VARIANTS: dict[str, Variant] = {
    "A": Variant("A", site="微粒贷官网", security="安全中心", close="注销账户"),
    "B": Variant("B", site="账户中心", security="账户管理", close="关闭账户"),
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
