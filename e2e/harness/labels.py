"""What the seed article says the screens are called, per client variant.

The harness keeps its own copy of these words instead of importing the portal's: if the portal
renames a label, the tests must notice, not follow along.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Labels:
    """The names one client variant shows along the closure path."""

    variant: str
    site: str
    security: str
    close: str


LABELS = {
    "A": Labels("A", site="微粒贷官网", security="安全中心", close="注销账户"),
    "B": Labels("B", site="账户中心", security="账户管理", close="关闭账户"),
}
VARIANTS = tuple(LABELS)
