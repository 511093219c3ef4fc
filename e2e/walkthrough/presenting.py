"""What happens off-screen, made visible in a walkthrough (and only there).

``FilmPresenter`` is the recording's ``e2e.harness.presenter.Presenter``: text typed key by key
at a human pace, the SMS code arriving as a phone's message banner before it is typed, the face
check as a short camera frame with progress; ``days_passed`` is a listener of the one clock that
shows a card with the date before and after. Every one of them waits on purpose (the pace),
never for the page. docs/videos.md.
"""

from __future__ import annotations

import html
from datetime import datetime, timedelta

from playwright.sync_api import Page

from ..harness.api import TestApiError
from ..harness.journey import Journey
from ..harness.presenter import Presenter
from ..harness.words import is_english
from .recorder import ACCENT, FONT, Pace

WEEKDAYS = "一二三四五六日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def sms_banner_html(code: str, phone: str, english: bool = False) -> str:
    """Return a phone's message banner at the top of the screen carrying ``code``."""
    masked = f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 7 else phone
    if english:
        head, to = "SMS · now", "to"
        text = (
            '<div>[WeBank] Your code is <b style="font-size:17px;letter-spacing:2px">'
            f"{html.escape(code)}</b>, valid for 5 minutes. You are closing your Weilidai "
            "account: never share this code.</div>"
        )
    else:
        head, to = "短信 · 现在", "发送至"
        text = (
            '<div>【微众银行】验证码 <b style="font-size:17px;letter-spacing:2px">'
            f"{html.escape(code)}</b>，5分钟内有效。您正在申请注销微粒贷账户，请勿泄露给他人。"
            "</div>"
        )
    return (
        '<div style="position:absolute;left:8px;right:8px;top:8px;pointer-events:none;'
        "background:rgba(250,250,250,.97);border-radius:14px;padding:10px 12px;"
        f'box-shadow:0 6px 24px rgba(0,0,0,.28);font:14px/1.45 {FONT};color:#111">'
        '<div style="display:flex;align-items:center;gap:6px;font-size:12px;color:#666">'
        f'<span style="display:inline-block;width:16px;height:16px;border-radius:4px;'
        f'background:{ACCENT}"></span>{head}<span style="margin-left:auto">'
        f"{to} {html.escape(masked)}</span></div>"
        '<div style="font-weight:600;margin-top:4px">106980095533</div>'
        f"{text}</div>"
    )


def face_camera_html(seconds: float) -> str:
    """Return a simulated front camera: a face outline in a circle and a filling progress bar."""
    return (
        '<div style="position:absolute;inset:0;background:rgba(0,0,0,.82);display:flex;'
        "flex-direction:column;align-items:center;justify-content:center;gap:18px;"
        f'pointer-events:none;font:15px/1.5 {FONT};color:#fff">'
        "<style>@keyframes wld-fill{from{width:0}to{width:100%}}"
        "@keyframes wld-scan{0%{top:8%}50%{top:84%}100%{top:8%}}</style>"
        f'<div style="position:relative;width:220px;height:220px;border-radius:50%;'
        f"border:4px solid {ACCENT};overflow:hidden;"
        'background:radial-gradient(circle at 50% 42%,#d9c3a5 0 24%,#6b6b6b 25% 100%)">'
        '<div style="position:absolute;left:30%;right:30%;top:64%;height:36%;'
        'border-radius:50% 50% 0 0;background:#d9c3a5"></div>'
        f'<div style="position:absolute;left:0;right:0;height:3px;background:{ACCENT};'
        f'animation:wld-scan {seconds:.1f}s linear infinite"></div></div>'
        "<div>请正对手机，保持光线充足 · Look straight at the phone</div>"
        '<div style="width:220px;height:6px;border-radius:3px;background:rgba(255,255,255,.25)">'
        f'<div style="height:100%;border-radius:3px;background:{ACCENT};'
        f'animation:wld-fill {seconds:.1f}s linear forwards"></div></div></div>'
    )


def _clock(moment: datetime) -> str:
    return f"{moment:%H:%M:%S}" if moment.second else f"{moment:%H:%M}"


def _when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d} 周{WEEKDAYS[moment.weekday()]} {_clock(moment)}"


def _when_en(moment: datetime) -> str:
    return f"{WEEKDAYS_EN[moment.weekday()]} {moment:%d %b %Y}, {_clock(moment)}"


def how_long(delta: timedelta) -> tuple[str, str]:
    """Return how long ``delta`` is, in Chinese and in English, in its largest whole unit."""
    seconds = round(delta.total_seconds())
    for unit, zh, en in ((86400, "天", "day"), (3600, "小时", "hour"), (60, "分钟", "minute")):
        if seconds >= unit:
            amount = seconds / unit
            number = f"{amount:g}" if amount == int(amount) else f"{amount:.1f}"
            return f"{number}{zh}后", f"{number} {en}{'' if amount == 1 else 's'} later"
    return f"{seconds}秒后", f"{seconds} second{'' if seconds == 1 else 's'} later"


def time_card(before: datetime, after: datetime, english: bool = False) -> tuple[str, str]:
    """Return the card for time passing: its title, and the dates before and after."""
    zh, en = how_long(after - before)
    if english:
        return en.capitalize(), f"{_when_en(before)} → {_when_en(after)}"
    return zh, f"{_when(before)} → {_when(after)} · {en}: {_when_en(after)}"


class FilmPresenter(Presenter):
    """The recording's presenter: shows each off-screen moment for the pace's time."""

    def __init__(self, journey: Journey, pace: Pace) -> None:
        self.journey = journey
        self.pace = pace
        self.typing_delay_ms = round(110 * pace.seconds)  # about nine keys a second
        self.english = is_english(journey.person.locale)

    def _show(self, page: Page, overlay: str, ms: int) -> None:
        if ms <= 0:
            return
        shown = page.screencast.show_overlay(overlay)
        try:
            # Pacing, not synchronisation: the moment stays on screen long enough to take in.
            page.wait_for_timeout(ms)
        finally:
            shown.close()

    def sms_sent(self, page: Page) -> None:
        """Show the code arriving as a message banner before it is typed."""
        try:
            code = self.journey.api.last_sms(self.journey.person)
        except TestApiError:  # nothing was sent after all: nothing to show
            return
        banner = sms_banner_html(code, self.journey.person.phone, self.english)
        self._show(page, banner, self.pace.dwell_ms * 2)

    def face_check_starting(self, page: Page) -> None:
        """Show the front camera looking for a face, with its progress."""
        ms = round(self.pace.dwell_ms * 1.6)
        self._show(page, face_camera_html(ms / 1000), ms)

    def days_passed(self, before: datetime, after: datetime) -> None:
        """A listener of the one clock: a card with the date before and after."""
        title, description = time_card(before, after, self.english)
        if self.pace.card_ms > 0:
            self.journey.page.screencast.show_chapter(
                title, description=description, duration=self.pace.card_ms * 2
            )
