"""Flows of the article's “pause borrowing” section: pausing, and the three ways a pause ends."""

from __future__ import annotations

from typing import Any

from ..journey import Section, Step, in_chapters
from ..labels import Labels
from .chapters import THE_RESULT
from .registry import Chaptered, flow
from .steps import (
    READ_NOTIFICATIONS,
    back_to_services_without_entry,
    confirm_pause,
    let_time_pass,
    open_help,
    open_pause_guide,
    path_to_menu,
    search_help,
    see_no_notification,
    see_notification,
    services_with_entry,
    services_without_entry,
)


@flow(
    name="pause_borrowing",
    scenario="invited",
    section=Section.PAUSE,
    titles=(
        "暂停借款：帮助中心搜索“关闭微粒贷”",
        "Pause borrowing: search the Help Center for “turn off Weilidai”",
    ),
    requirements=(
        "ENTRY-PATH-ME-SERVICES",
        "ENTRY-SEEN-MEANS-INVITED",
        "PAUSE-HELP-FROM-MENU",
        "PAUSE-HELP-SEARCH",
        "PAUSE-HIDES-ENTRY",
    ),
)
def pause_borrowing_flow(labels: Labels) -> Chaptered:
    """Pause borrowing for three months from the help center's guide."""
    return in_chapters(
        ("打开帮助中心", "Open the Help Center", [*path_to_menu(), open_help()]),
        (
            "找到并确认暂停借款",
            "Find and confirm Pause Borrowing",
            [search_help("关闭微粒贷"), open_pause_guide(), confirm_pause()],
        ),
        (*THE_RESULT, [back_to_services_without_entry()]),
    )


# What every flow of a pause's end checks; each adds what its ending shows.
PAUSE_ENDS = ("PAUSE-NO-REEVALUATION", "PAUSE-REEVALUATION", "PAUSE-KEEPS-ACCOUNT")


def _pause_ends(result: list[Step[Any]]) -> Chaptered:
    """Paused, three months pass, then ``result``: how the re-evaluation turned out."""
    return in_chapters(
        (
            "暂停中",
            "Paused",
            [
                services_without_entry(
                    "“我-服务”里没有微粒贷：借款已暂停",
                    "No Weilidai in “Me → Services”: borrowing is paused",
                )
            ],
        ),
        (
            "三个月后",
            "Three months later",
            [
                let_time_pass(
                    "三个月后：暂停到期，重新评估额度",
                    "Three months later: the pause ends and the account is re-evaluated",
                    days=80,
                )
            ],
        ),
        (*THE_RESULT, result),
    )


@flow(
    name="pause_ends_eligible",
    scenario="paused",
    section=Section.PAUSE,
    titles=(
        "暂停到期：重新评估通过，收到邀请，入口恢复",
        "The pause ends: re-evaluated, invited, the entry is back",
    ),
    requirements=PAUSE_ENDS,
)
def pause_ends_eligible_flow(labels: Labels) -> Chaptered:
    """The pause ends, the re-evaluation finds them eligible: an invitation, the entry back."""
    return _pause_ends(
        [
            *READ_NOTIFICATIONS,
            see_notification("微粒贷额度已恢复", "Notice: the Weilidai credit line is back"),
            services_with_entry(
                "回到“我-服务”：微粒贷入口又出现了", "Back in “Me → Services”: Weilidai is back"
            ),
        ]
    )


@flow(
    name="pause_ends_not_eligible",
    scenario="paused_not_eligible",
    section=Section.PAUSE,
    titles=(
        "暂停到期：重新评估未通过，入口不再出现",
        "The pause ends: not eligible on re-evaluation, no entry",
    ),
    requirements=PAUSE_ENDS,
)
def pause_ends_not_eligible_flow(labels: Labels) -> Chaptered:
    """The pause ends, the re-evaluation finds them not eligible: the entry stays hidden."""
    return _pause_ends(
        [
            services_without_entry(
                "回到“我-服务”：重新评估没通过，入口仍然没有",
                "In “Me → Services”: not eligible, still no entry",
            ),
            *READ_NOTIFICATIONS,
            see_no_notification(
                "微粒贷额度已恢复",
                "“服务通知”里没有额度恢复的邀请",
                "No invitation in “Service Notifications”",
            ),
        ]
    )


@flow(
    name="pause_ends_opted_out",
    scenario="paused_opted_out",
    section=Section.PAUSE,
    titles=(
        "暂停到期：已勾选不再接收邀请，不会收到邀请",
        "The pause ends: invitations were turned off, so none comes",
    ),
    requirements=(*PAUSE_ENDS, "OPTOUT-HIDES-ENTRY"),
)
def pause_ends_opted_out_flow(labels: Labels) -> Chaptered:
    """The pause ends for someone who opted out: no invitation, no entry."""
    return _pause_ends(
        [
            services_without_entry(
                "回到“我-服务”：不再接收邀请，入口不出现",
                "In “Me → Services”: no invitations, no entry",
            ),
            *READ_NOTIFICATIONS,
            see_no_notification(
                "微粒贷额度已恢复",
                "“服务通知”里没有邀请消息",
                "No invitation in “Service Notifications”",
            ),
        ]
    )
