"""The harness's words in two languages (e2e/harness/words.py), without a browser."""

from __future__ import annotations

import pytest

from e2e.harness.flows import close_account_flow, every_flow
from e2e.harness.labels import LABEL_TABLE
from e2e.harness.words import ENGLISH, HAN, NoEnglish, say


def test_in_chinese_a_word_is_itself_without_its_place():
    assert say("下一步", "zh-CN") == "下一步"
    assert say("微信|tab", "zh-CN") == "微信"
    assert say("借款 {}", "zh-CN", "2026-11-01") == "借款 2026-11-01"


def test_in_english_a_word_is_the_tables_and_its_place_chooses():
    assert say("下一步", "en") == "Next"
    assert (say("微信", "en"), say("微信|tab", "en")) == ("WeChat", "Chats")
    assert say("暂时无法{}", "en", "Close Account") == "Close Account Not Available Yet"


def test_a_word_already_in_english_or_data_passes_through():
    assert say("Security Center", "en") == "Security Center"
    assert say("¥0.01", "en") == "¥0.01"


def test_a_chinese_word_with_no_english_says_where_to_add_it():
    with pytest.raises(NoEnglish, match=r"'没有的词'.*e2e/harness/words\.py"):
        say("没有的词", "en")


def test_the_labels_say_words_in_their_own_language():
    assert LABEL_TABLE["B", "en"].say("暂时无法{}", LABEL_TABLE["B", "en"].close) == (
        "Deactivate Account Not Available Yet"
    )
    assert LABEL_TABLE["B", "zh-CN"].say("返回") == "返回"


@pytest.mark.parametrize("chinese", sorted(ENGLISH))
def test_every_entry_is_chinese_to_english_with_the_same_blanks(chinese: str):
    english = ENGLISH[chinese]
    assert HAN.search(chinese) and not HAN.search(english)
    assert chinese.count("{}") == english.count("{}")


def test_a_flow_built_from_english_labels_is_driven_in_english():
    english = every_flow(LABEL_TABLE["B", "en"])
    assert {flow.locale for flow in english} == {"en"}
    assert all(flow.name.endswith("_B_en") for flow in english)
    assert close_account_flow(LABEL_TABLE["A", "en"]).name == "close_account_A_en"
    assert close_account_flow(LABEL_TABLE["A", "zh-CN"]).name == "close_account_A"
