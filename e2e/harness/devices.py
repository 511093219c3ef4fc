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
LOCALE: dict[str, Any] = {"locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


def phone_context_args(**overrides: Any) -> dict[str, Any]:
    """Return ``browser.new_context`` options for the phone, with ``overrides`` on top."""
    return {**PHONE, **LOCALE, **overrides}
