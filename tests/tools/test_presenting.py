"""The cards a walkthrough shows for what happens off-screen, without a browser."""

from __future__ import annotations

from datetime import datetime

from e2e.walkthrough.presenting import face_camera_html, how_long, sms_banner_html, time_card


def test_a_time_card_names_the_wait_and_both_dates() -> None:
    before = datetime(2026, 11, 23, 10, 0)
    title, dates = time_card(before, datetime(2026, 11, 25, 10, 0))
    assert title == "2天后"
    assert dates == (
        "2026-11-23 周一 10:00 → 2026-11-25 周三 10:00 · 2 days later: Wed 25 Nov 2026, 10:00"
    )
    assert how_long(datetime(2026, 11, 23, 10, 5, 30) - before) == (
        "5.5分钟后",
        "5.5 minutes later",
    )
    assert how_long(datetime(2026, 11, 23, 10, 1) - before) == ("1分钟后", "1 minute later")
    assert how_long(datetime(2026, 11, 23, 10, 0, 59) - before) == ("59秒后", "59 seconds later")


def test_the_sms_banner_shows_the_code_and_a_masked_phone() -> None:
    banner = sms_banner_html("042917", "13812345678")
    assert "042917" in banner and "138****5678" in banner and "13812345678" not in banner


def test_the_camera_fills_its_progress_in_the_time_it_is_shown() -> None:
    assert "wld-fill 1.6s" in face_camera_html(1.6)


def test_an_english_film_shows_the_banner_and_the_time_card_in_english() -> None:
    banner = sms_banner_html("318259", "18612343666", english=True)
    assert "[WeBank] Your code is" in banner and "318259" in banner and "186****3666" in banner
    assert "验证码" not in banner
    title, dates = time_card(datetime(2026, 11, 23, 10), datetime(2026, 11, 25, 10), english=True)
    assert (title, dates) == ("2 days later", "Mon 23 Nov 2026, 10:00 → Wed 25 Nov 2026, 10:00")
