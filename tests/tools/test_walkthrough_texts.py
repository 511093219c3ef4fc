"""The walkthrough tool's words, without a browser: subtitles, tap instructions, screen texts, and
the guides in Chinese and in English."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest

from e2e.harness.flows import declaration, flows_of, names
from e2e.harness.journey import Flow
from e2e.harness.trail import Tap
from e2e.walkthrough import guides, produce, vtt
from e2e.walkthrough.produce import Walkthrough
from e2e.walkthrough.recorder import StepRecord
from e2e.walkthrough.sentences import (
    describe_screen,
    describe_taps,
    has_chinese,
    named,
    portal_english,
)
from e2e.walkthrough.texts import (
    GENERIC,
    LANGUAGES,
    RULES,
    SHARED_PITFALLS,
    TIPS,
    filled,
    flow_text,
    flow_words,
    flows_with_text,
    kind_of,
    read,
    step_ids,
    tips,
    untipped,
)
from mock_portal.domain.verification import VerificationPolicy


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


# ------------------------------------------------------------------ both languages

# Quoted or bracketed text may be Chinese (a control's name as the screen shows it); the rest of
# an English text may not.
NAMING = re.compile(r"“[^”]*”|‘[^’]*’|\([^()]*\)|`[^`]*`")


def chinese_outside_names(text: str) -> str:
    """Return what is left of ``text`` with Chinese in it once quoted and bracketed names go."""
    rest = NAMING.sub("", text)
    return rest if has_chinese(rest) else ""


def test_chinese_outside_quotes_and_brackets_is_caught():
    assert chinese_outside_names("Tap “Me” (我), then “服务”.") == ""
    assert chinese_outside_names("Tap 我.") == "Tap 我."


def english_texts() -> list[str]:
    texts = [flow_text(base, "en") for base in [*flows_with_text(), GENERIC]]
    flows = [t for text in texts for t in (text.intro, text.outcome, *text.pitfalls)]
    return flows + [tip.en for tip in tips().values()]


@pytest.mark.parametrize("base", names())
def test_every_flow_has_its_own_words_in_both_languages(base: str):
    assert base in flows_with_text(), f"{base}: write e2e/walkthrough/texts/{base}.toml"
    generic = flow_words(GENERIC)
    for locale in LANGUAGES:
        text = flow_text(base, locale)
        assert text.intro and text.outcome and text.pitfalls, (base, locale)
        assert text != generic.text(locale)
    chinese, english = flow_text(base, "zh-CN"), flow_text(base, "en")
    assert all(has_chinese(t) for t in (chinese.intro, chinese.outcome, *chinese.pitfalls))
    assert len(english.pitfalls) == len(chinese.pitfalls), "the same advice in both languages"


def test_the_words_are_keyed_by_declared_flows():
    # The files are named by flow: a renamed or removed flow must take its words along.
    assert sorted(set(flows_with_text()) - set(names())) == []


def every_built_flow() -> list[Flow]:
    return flows_of(("A", "B"), ("zh-CN", "en"))


def test_a_step_id_is_its_kind_then_its_count_and_not_its_name():
    lockout = declaration("password_lockout")
    ids = {tuple(step_ids(flow)) for flow in every_built_flow() if flow.base == lockout.name}
    assert len(ids) == 1, "the same ids on every variant and in every language"
    (only,) = ids
    assert only[:2] == ("open_me", "open_services")
    assert only[-3:] == ("wrong_password", "wrong_password-2", "wrong_password-3")
    assert kind_of("wrong_password-2") == "wrong_password"


@pytest.mark.parametrize("base", [*names(), GENERIC])
def test_every_file_has_both_languages_and_its_shared_pitfalls_exist(base: str):
    data = read(base)
    shared = read(SHARED_PITFALLS)
    assert set(data) <= {"intro", "outcome", "pitfalls", "tips"}, base
    entries = [data["intro"], data["outcome"]]
    for pitfall in data["pitfalls"]:
        if "shared" in pitfall:
            assert set(pitfall) == {"shared"} and pitfall["shared"] in shared, pitfall
        else:
            entries.append(pitfall)
    for entry in [*entries, *shared.values()]:
        assert set(entry) == {"zh", "en"} and entry["zh"] and entry["en"], entry
        assert has_chinese(entry["zh"]), entry


def test_every_tip_has_both_languages_and_names_the_steps_it_is_on():
    data = read(TIPS)
    chosen = {name for base in flows_with_text() for name in flow_words(base).tips.values()}
    for name, tip in data.items():
        if name != "no_tip":
            assert set(tip) in ({"steps", "zh", "en"}, {"zh", "en"}), name
            assert tip.get("steps") or name in chosen, f"{name}: on no step, chosen by no flow"
            assert has_chinese(tip["zh"]) and tip["en"], name


def test_every_tip_and_text_names_a_step_that_exists():
    kinds = {kind_of(i) for flow in every_built_flow() for i in step_ids(flow)}
    tipped = [kind for tip in tips().values() for kind in tip.steps]
    assert sorted(set(tipped) - kinds) == [], "a tip in _tips.toml names no step of any flow"
    assert sorted(set(untipped()) - kinds) == [], "no_tip in _tips.toml names no step"
    assert len(tipped) == len(set(tipped)), "a kind of step has one tip"
    assert set(tipped).isdisjoint(untipped()), "a step is in no_tip and has a tip"
    for flow in every_built_flow():
        chosen = flow_words(flow.base).tips
        missing = sorted(set(chosen) - set(step_ids(flow)))
        assert missing == [], f"texts/{flow.base}.toml: [tips] names no step of {flow.name}"
        assert set(chosen.values()) <= {"", *tips()}, f"texts/{flow.base}.toml: unknown tip"


def test_every_step_of_every_flow_has_its_text():
    # A new kind of step needs a tip in _tips.toml, or its id in no_tip: the choice is written.
    said = {kind for tip in tips().values() for kind in tip.steps} | set(untipped())
    for flow in every_built_flow():
        chosen = flow_words(flow.base).tips
        for step, step_id in zip(flow.steps, step_ids(flow), strict=True):
            assert step.name and step.en, (flow.name, step_id)
            assert step_id in chosen or kind_of(step_id) in said, (
                f"{flow.name}: step {step_id} ({step.name}) has no tip and is not in no_tip "
                "(e2e/walkthrough/texts/_tips.toml)"
            )


# What the portal's rules say, written out; the text files must say it with {fields}.
RULE_LITERALS = (
    "60秒",
    "60 seconds",
    "3小时",
    "3 hours",
    "5分钟",
    "5 minutes",
    "30分钟",
    "30 minutes",
    "30天",
    "30 days",
    "每小时最多5次",
    "5 times an hour",
    "输错3次",
    "填错5次",
    "失败5次",
    "three wrong",
    "Three wrong",
    "three in a row",
    "third wrong",
)


def test_no_text_retypes_a_number_of_the_rules():
    folder = Path(produce.__file__).parent / "texts"
    for path in sorted(folder.glob("*.toml")):
        written = path.read_text("utf-8")
        retyped = [literal for literal in RULE_LITERALS if literal in written]
        assert retyped == [], f"{path.name}: use the rules' fields ({', '.join(RULES)})"


def test_the_numbers_come_from_the_rules():
    policy = VerificationPolicy()
    assert RULES["sms_resend_gap_seconds"] == policy.sms_resend_gap.total_seconds() == 60
    assert RULES["password_lock_hours"] * 3600 == policy.password_lock.total_seconds()
    assert filled("{sms_max_failures}次") == f"{policy.sms_max_failures}次"
    assert filled("{password_max_failures:Word}, the {password_max_failures:ordinal}") == (
        "Three, the third"
    )
    resend = tips()["resend"]
    assert "60秒" in resend.zh and "60 seconds" in resend.en


def test_the_walkthrough_reads_the_portals_catalogue_through_its_api():
    for module in Path(produce.__file__).parent.glob("*.py"):
        source = module.read_text("utf-8")
        assert "translations" not in source and "mock_portal.__file__" not in source, module


@pytest.mark.parametrize("text", english_texts())
def test_english_texts_name_chinese_controls_only_in_quotes_or_brackets(text: str):
    assert chinese_outside_names(text) == "", text


def test_the_english_portal_names_what_the_chinese_screens_show():
    assert portal_english("安全中心") == "Security Center"
    assert portal_english("关闭账户") == "Deactivate Account"
    assert portal_english("微信") == "WeChat"
    assert portal_english("微信", context="tab") == "Chats"
    # Fields, plurals, and a field that is itself a label.
    assert (
        portal_english("支付密码错误，还可以尝试 1 次") == "Wrong payment password. 1 attempt left."
    )
    assert portal_english("验证码错误，还可以尝试 3 次") == "Wrong code. 3 attempts left."
    assert portal_english("找不到“关闭账户”？") == "Can't find “Deactivate Account”?"
    # A link inside a sentence, and a control found by the start of its name.
    assert portal_english("联系微粒贷客服") == "Contact Weilidai Customer Service"
    assert portal_english("确认还款") == "Repay"
    assert portal_english("张三") == ""
    assert named("张三") == "“张三”"
    assert named("安全中心") == "“Security Center” (安全中心)"


def test_taps_read_in_english_with_the_chinese_on_screen_in_brackets():
    taps = [
        Tap("注销账户", "checkbox", "我已知晓注销后果，确认注销"),
        Tap("注销账户", "button", "下一步"),
        Tap("验证支付密码", "textbox", "支付密码"),
    ]
    assert describe_taps(taps, locale="en") == (
        "On the “Close Account” (注销账户) screen, tick “I understand the consequences and want "
        "to close my account” (我已知晓注销后果，确认注销), then tap “Next” (下一步). "
        "On the “Verify Payment Password” (验证支付密码) screen, enter your 6-digit payment "
        "password."
    )
    more = describe_taps([Tap("微粒贷", "button", "更多")], locale="en")
    assert more == "On the “Weilidai” (微粒贷) screen, tap “…” (More) at the top right."
    menu = describe_taps([Tap("微粒贷", "link", "账户中心")], open_sheet="更多", locale="en")
    assert menu == "In the “More” (更多) menu that opens, tap “Account Center” (账户中心)."
    chats = describe_taps([Tap("我", "link", "微信")], locale="en")
    assert chats == "On the “Me” (我) screen, tap “Chats” (微信)."
    sms = [Tap("短信验证", "button", "获取验证码"), Tap("短信验证", "textbox", "验证码")]
    assert describe_taps(sms, locale="en") == (
        "On the “SMS Verification” (短信验证) screen, tap “Get Code” (获取验证码), "
        "then enter the 6-digit SMS code."
    )


def test_screen_description_in_english_names_the_screen_and_says_its_messages():
    seen = describe_screen("账户管理", "账户中心", "找不到“关闭账户”？", [], ["已保存"], "en")
    assert seen == (
        "You are now on the “Account Management” (账户管理) screen. "
        "The screen says “Can't find ‘Deactivate Account’?” (找不到“关闭账户”？). "
        "A message reads “Saved” (已保存)."
    )
    assert describe_screen("微粒贷", "微粒贷", "", ["更多"], [], "en") == (
        "The “More” (更多) menu opens."
    )
    still = describe_screen(
        "验证支付密码", "验证支付密码", "", [], ["支付密码错误，还可以尝试 2 次"], "en"
    )
    assert still == (
        "You are still on the “Verify Payment Password” (验证支付密码) screen. "
        "A message reads “Wrong payment password. 2 attempts left.” "
        "(支付密码错误，还可以尝试 2 次)."
    )
    assert describe_screen("", "", "", [], [], "en") == ""


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


def test_the_english_html_guide_is_an_english_page_linked_to_the_chinese_one():
    walk = hand_built_walkthrough()
    html = guides.render_html(walk, locale="en")
    assert '<html lang="en">' in html
    assert f"<title>{escape(walk.title_en)} · Illustrated guide</title>" in html
    assert '<link rel="alternate" hreflang="zh-CN" href="close_account_B.md">' not in html
    assert '<link rel="alternate" hreflang="zh-CN" href="close_account_B.html">' in html
    assert 'href="close_account_B.html" hreflang="zh-CN" lang="zh-CN">中文</a>' in html
    assert 'srclang="en" label="English steps" src="close_account_B.en.vtt"' in html
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
    assert 'srclang="zh" label="中文步骤" src="close_account_B.vtt"' in html


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
