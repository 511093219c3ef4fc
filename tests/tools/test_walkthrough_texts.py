"""The walkthrough tool's words, without a browser: subtitles, tap instructions, screen texts."""

from __future__ import annotations

from e2e.harness.trail import Tap
from e2e.walkthrough import vtt
from e2e.walkthrough.texts import describe_screen, describe_taps


def test_vtt_round_trips_and_keeps_cues_on_one_line():
    cues = [vtt.Cue("1", 1.5, 3.25, "点右上角的“…”"), vtt.Cue("2", 3.25, 3661.001, "a\nb --> c")]
    document = vtt.render(cues, title="演示")
    assert document.startswith("WEBVTT - 演示\n\n1\n00:00:01.500 --> 00:00:03.250\n")
    assert vtt.parse(document) == [cues[0], vtt.Cue("2", 3.25, 3661.001, "a b → c")]


def test_taps_read_as_what_to_do_on_which_screen():
    taps = [
        Tap("注销账户", "checkbox", "我已知晓注销后果，确认注销"),
        Tap("注销账户", "button", "下一步"),
        Tap("验证支付密码", "textbox", "支付密码"),
    ]
    assert describe_taps(taps) == (
        "在“注销账户”页面，勾选“我已知晓注销后果，确认注销”，再点“下一步”。"
        "在“验证支付密码”页面，输入6位支付密码。"
    )
    assert describe_taps([Tap("微粒贷", "button", "更多")]) == "在“微粒贷”页面，点右上角的“…”。"
    menu = describe_taps([Tap("微粒贷", "link", "微粒贷官网")], open_sheet="更多")
    assert menu == "在弹出的“更多”菜单里，点“微粒贷官网”。"


def test_screen_description_nests_quotes_the_chinese_way():
    seen = describe_screen("账户管理", "账户中心", "找不到“关闭账户”？", [], ["已保存"])
    assert seen == "进入“账户管理”页面，页面显示“找不到‘关闭账户’？”，提示“已保存”。"
