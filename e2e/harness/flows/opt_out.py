"""Flows of the article's “stop the invitations” section: 设置 → 通知管理."""

from __future__ import annotations

from ..journey import Section, in_chapters
from ..labels import Labels
from .chapters import THE_RESULT
from .registry import Chaptered, flow
from .steps import (
    open_notification_settings,
    open_settings,
    path_to_menu,
    services_without_entry,
    tick_opt_out,
)


@flow(
    name="opt_out",
    scenario="invited",
    section=Section.OPT_OUT,
    titles=(
        "不再接收邀请：设置 → 通知管理",
        "Stop receiving invitations: Settings → Notifications",
    ),
    requirements=("ENTRY-PATH-ME-SERVICES", "ENTRY-SEEN-MEANS-INVITED", "OPTOUT-SETTING"),
)
def opt_out_flow(labels: Labels) -> Chaptered:
    """Opt out of invitations in 设置 → 通知管理."""
    return in_chapters(
        ("打开设置", "Open Settings", [*path_to_menu(), open_settings()]),
        (
            "不再接收邀请",
            "Stop the invitations",
            [open_notification_settings(), tick_opt_out()],
        ),
        (*THE_RESULT, [services_without_entry()]),
    )
