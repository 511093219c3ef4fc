"""The default device: a WeChat-sized phone, as the spec asks (390 px wide)."""

from __future__ import annotations

from typing import Any

PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50 NetType/WIFI Language/zh_CN"
    ),
}
# The browser's locale for each language the harness drives in: it sets Accept-Language, which
# the portal follows when the person has chosen no language (docs/portal.md#languages).
BROWSER_LOCALES: dict[str, str] = {"zh-CN": "zh-CN", "en": "en-US"}


def locale_args(locale: str = "zh-CN") -> dict[str, Any]:
    """Return the context options of a phone set to ``locale`` ("zh-CN" or "en"), in Beijing."""
    return {"locale": BROWSER_LOCALES[locale], "timezone_id": "Asia/Shanghai"}


LOCALE: dict[str, Any] = locale_args()


def phone_context_args(locale: str = "zh-CN", **overrides: Any) -> dict[str, Any]:
    """Return ``browser.new_context`` options for the phone in ``locale``, ``overrides`` on top."""
    return {**PHONE, **locale_args(locale), **overrides}
