"""The guides a walkthrough writes: their shape, language and links in Chinese and English."""

from __future__ import annotations

import base64
import re
from html import escape

from e2e.harness.trail import Tap
from e2e.walkthrough import guides, produce, vtt
from e2e.walkthrough.produce import Walkthrough
from e2e.walkthrough.recorder import StepRecord
from e2e.walkthrough.texts import (
    LANGUAGES,
    flow_text,
)
from tests.support.languages import chinese_outside_names

# ------------------------------------------------------------------ the guides


def hand_built_walkthrough() -> Walkthrough:
    """A short recorded close_account flow, as produce.py keeps it, without a browser."""
    steps = [
        StepRecord(
            1,
            "进入“服务”",
            1.0,
            3.0,
            "close_account_B/step-01.png",
            name_en="Open “Services”",
            step_id="open_services",
            chapter="找到注销入口",
            chapter_en="Find the closure option",
            taps=[Tap("我", "link", "服务")],
            heading="服务",
        ),
        StepRecord(
            2,
            "点右上角的“…”",
            3.0,
            5.0,
            "close_account_B/step-02.png",
            name_en="Tap “…” (More) at the top right",
            step_id="open_more",
            taps=[Tap("微粒贷", "button", "更多")],
            heading="微粒贷",
            dialogs=["更多"],
        ),
        StepRecord(
            3,
            "选择“账户中心”",
            5.0,
            7.5,
            "close_account_B/step-03.png",
            name_en="Choose “Account Center”",
            step_id="open_site",
            taps=[Tap("微粒贷", "link", "账户中心")],
            heading="账户中心",
        ),
    ]
    return Walkthrough(
        name="close_account_B",
        base="close_account",
        title="永久注销微粒贷账户（版本B：账户中心 → 账户管理 → 关闭账户）",
        title_en="Close the Weilidai account for good (variant B: Account Center → …)",
        variant="B",
        scenario="invited",
        scenario_description="已受邀开通，无欠款，可正常注销",
        person="张三",
        steps=steps,
        step_count=len(steps),
        recorded_at="2026-12-02T19:07:47+00:00",
        portal_version="0.1.0",
        portal_clock="2026-11-23T10:00:00",
        pace=1.0,
        duration=7.5,
    )


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("#")]


def test_the_english_guide_tells_every_step_in_english():
    walk = hand_built_walkthrough()
    markdown = guides.render_markdown(walk, locale="en")
    assert headings(markdown) == [
        f"# {walk.title_en}",
        "## Steps",
        "### Step 1: Open “Services”",
        "### Step 2: Tap “…” (More) at the top right",
        "### Step 3: Choose “Account Center”",
        "## The result",
        "## What can go wrong",
    ]
    assert "When this applies: Invited and open, nothing owed, can close normally." in markdown
    assert "- **What to do**: On the “Me” (我) screen, tap “Services” (服务)." in markdown
    assert "- **What you will see**: The “More” (更多) menu opens." in markdown
    assert "![Step 3: Choose “Account Center”](close_account_B/step-03.png)" in markdown
    assert "[中文](close_account_B.md)" in markdown
    assert "[subtitles](close_account_B.en.vtt)" in markdown
    for pitfall in flow_text("close_account", "en").pitfalls:
        assert f"- {pitfall}" in markdown
    # Everything the guide says is English; Chinese only names what the screens show (and the
    # made-up person, in quotes).
    assert chinese_outside_names(markdown.replace("[中文]", "")) == ""


def track(html: str, label: str) -> str:
    """Return the subtitles a guide's ``<track>`` of ``label`` carries (a data: URL, which a
    page opened from disk may load, unlike a file beside it)."""
    found = re.search(rf'label="{label}" src="data:text/vtt;charset=utf-8;base64,([^"]+)"', html)
    assert found, f"no data: track labelled {label}"
    return base64.b64decode(found.group(1)).decode("utf-8")


def test_the_english_html_guide_is_an_english_page_linked_to_the_chinese_one():
    walk = hand_built_walkthrough()
    html = guides.render_html(walk, locale="en")
    assert '<html lang="en">' in html
    assert f"<title>{escape(walk.title_en)} · Illustrated guide</title>" in html
    assert '<link rel="alternate" hreflang="zh-CN" href="close_account_B.md">' not in html
    assert '<link rel="alternate" hreflang="zh-CN" href="close_account_B.html">' in html
    assert 'href="close_account_B.html" hreflang="zh-CN" lang="zh-CN">中文</a>' in html
    assert track(html, "English steps") == vtt.subtitles(walk)["en"]
    assert '<h3><span class="no">2</span>Tap “…” (More) at the top right</h3>' in html
    assert 'alt="The screen after step 1: Open “Services”"' in html


def test_the_chinese_guide_keeps_its_shape_and_links_to_the_english_one():
    walk = hand_built_walkthrough()
    markdown = guides.render_markdown(walk)
    assert markdown == guides.render_markdown(walk, locale="zh-CN")
    assert headings(markdown) == [
        f"# {walk.title}",
        "## 操作步骤",
        "### 第1步：进入“服务”",
        "### 第2步：点右上角的“…”",
        "### 第3步：选择“账户中心”",
        "## 结果",
        "## 可能遇到的问题",
    ]
    assert "- **怎么做**：在“我”页面，点“服务”。" in markdown
    assert "- **你会看到**：弹出“更多”菜单。" in markdown
    assert "[English](close_account_B.en.md)" in markdown
    html = guides.render_html(walk)
    assert '<html lang="zh-CN">' in html
    assert '<link rel="alternate" hreflang="en" href="close_account_B.en.html">' in html
    assert track(html, "中文步骤") == vtt.subtitles(walk)["zh"]


def test_both_guides_are_written_under_their_own_names(tmp_path):
    walk = hand_built_walkthrough()
    guides.write(walk, tmp_path)
    names = {"close_account_B.md", "close_account_B.html"}
    names |= {"close_account_B.en.md", "close_account_B.en.html"}
    assert {p.name for p in tmp_path.iterdir()} == names
    assert guides.guide_file(walk, "en") == "close_account_B.en.html"
    assert guides.guide_file(walk, "zh-CN", markdown=True) == "close_account_B.md"
    english = (tmp_path / "close_account_B.en.html").read_text("utf-8")
    assert english.startswith('<!doctype html>\n<html lang="en">')


def test_a_new_recording_clears_every_file_the_last_one_wrote(tmp_path):
    walk = hand_built_walkthrough()
    guides.write(walk, tmp_path)
    (tmp_path / "close_account_B.en.vtt").write_text("WEBVTT\n", "utf-8")
    (tmp_path / "close_account_A.md").write_text("another flow's guide", "utf-8")
    produce.clear(tmp_path, "close_account_B")
    assert [p.name for p in tmp_path.iterdir()] == ["close_account_A.md"]


def test_a_tip_is_given_once_per_guide():
    walk = hand_built_walkthrough()
    walk.steps.append(
        StepRecord(
            4,
            "点右上角的“…”",
            7.5,
            9.0,
            "close_account_B/step-04.png",
            heading="微粒贷",
            step_id="open_more-2",
        )
    )
    for locale in LANGUAGES:
        tips = [step.tip for step in guides.guide_steps(walk, locale)]
        assert tips[1] and tips[3] == "", locale


def test_the_english_guide_of_an_english_film_does_not_call_its_screens_chinese():
    walk = hand_built_walkthrough()
    said = "The screens are WeChat's in Chinese"
    assert said in guides.render_markdown(walk, locale="en")
    walk.locale = "en"
    assert said not in guides.render_markdown(walk, locale="en")
    assert said not in guides.render_html(walk, locale="en")
