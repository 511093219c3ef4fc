"""The walkthrough tool's words, without a browser: subtitles, tap instructions, screen texts, and
the guides in Chinese and in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from e2e.harness.flows import declaration, flows_of, names
from e2e.harness.journey import Flow
from e2e.harness.trail import Tap
from e2e.walkthrough import produce, vtt
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
from tests.support.languages import chinese_outside_names


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
