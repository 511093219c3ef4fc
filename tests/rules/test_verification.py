"""Tests for the identity checks before a closure (mock_portal.domain.verification)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from mock_portal.domain import verification
from mock_portal.domain.variants import check_variant
from mock_portal.domain.verification import (
    Outcome,
    VerificationPolicy,
    new_sms_code,
    password_locked_message,
    sms_send_refusal,
    try_face,
    try_password,
    try_sms_code,
)
from tests.rules.fakes import FakeCounters, FakeSms

NOW = datetime(2026, 11, 23, 10, 0)
POLICY = VerificationPolicy()
SECOND = timedelta(seconds=1)


@dataclass
class Counters:
    """The attempt counters the store keeps on a person."""

    pw_failures: int = 0
    pw_locked_until: datetime | None = None
    face_failures: int = 0
    face_retry_at: datetime | None = None


@dataclass
class Sms:
    """One SMS code as the store keeps it."""

    code: str = "042917"
    sent_at: datetime = NOW
    used: bool = False
    voided: bool = False


def test_default_policy_is_the_spec() -> None:
    assert POLICY == VerificationPolicy(
        password_max_failures=3,
        password_lock=timedelta(hours=3),
        sms_valid=timedelta(minutes=5),
        sms_resend_gap=timedelta(seconds=60),
        sms_max_per_hour=5,
        sms_max_failures=5,
        face_max_failures=5,
        face_backoff=timedelta(minutes=30),
    )


# ---------------------------------------------------------------- payment password


def fail_password(counters: Counters, times: int, now: datetime = NOW) -> list[str]:
    return [try_password(counters, False, now, POLICY).message for _ in range(times)]


@pytest.mark.requirement("VERIFY-IDENTITY")
def test_each_wrong_password_says_how_many_tries_are_left() -> None:
    counters = Counters()
    assert fail_password(counters, 3) == [
        "支付密码错误，还可以尝试 2 次",
        "支付密码错误，还可以尝试 1 次",
        "支付密码错误次数过多，已被锁定 3 小时",
    ]
    assert counters.pw_locked_until == NOW + timedelta(hours=3)


def test_locked_until_the_last_second_of_the_lock() -> None:
    counters = Counters()
    fail_password(counters, 3)
    lock_until = NOW + timedelta(hours=3)

    at_start = try_password(counters, True, NOW, POLICY)
    assert at_start == Outcome(False, "支付密码错误次数过多，已被锁定，请 180 分钟后再试")
    last_second = try_password(counters, True, lock_until - SECOND, POLICY)
    assert last_second == Outcome(False, "支付密码错误次数过多，已被锁定，请 1 分钟后再试")
    assert counters.pw_failures == 3  # attempts during the lock neither count nor extend it
    assert counters.pw_locked_until == lock_until

    assert try_password(counters, True, lock_until, POLICY) == Outcome(True)
    assert counters.pw_failures == 0
    assert counters.pw_locked_until is None


def test_after_the_lock_the_count_starts_again() -> None:
    counters = Counters()
    fail_password(counters, 3)
    lock_until = NOW + timedelta(hours=3)
    assert fail_password(counters, 1, lock_until) == ["支付密码错误，还可以尝试 2 次"]
    assert counters.pw_locked_until is None


def test_password_locked_message_only_while_locked() -> None:
    counters = Counters()
    assert password_locked_message(counters, NOW) is None
    fail_password(counters, 3)
    assert password_locked_message(counters, NOW + timedelta(hours=3) - SECOND) is not None
    assert password_locked_message(counters, NOW + timedelta(hours=3)) is None


def test_a_right_password_resets_the_count() -> None:
    counters = Counters()
    fail_password(counters, 2)
    assert try_password(counters, True, NOW, POLICY).ok
    assert counters.pw_failures == 0
    assert fail_password(counters, 1) == ["支付密码错误，还可以尝试 2 次"]


@pytest.mark.parametrize(
    ("lock", "shown"),
    [
        (timedelta(hours=1), "1 小时"),
        (timedelta(minutes=90), "90 分钟"),
        (timedelta(minutes=5), "5 分钟"),
        (timedelta(hours=24), "24 小时"),
    ],
)
def test_the_lock_is_configurable(lock: timedelta, shown: str) -> None:
    policy = VerificationPolicy(password_lock=lock)
    counters = Counters()
    messages = [try_password(counters, False, NOW, policy).message for _ in range(3)]
    assert messages[-1] == f"支付密码错误次数过多，已被锁定 {shown}"
    assert not try_password(counters, True, NOW + lock - SECOND, policy).ok
    assert try_password(counters, True, NOW + lock, policy).ok


def test_the_number_of_tries_is_configurable() -> None:
    policy = VerificationPolicy(password_max_failures=5)
    counters = Counters()
    messages = [try_password(counters, False, NOW, policy).message for _ in range(5)]
    assert messages[0] == "支付密码错误，还可以尝试 4 次"
    assert messages[-1] == "支付密码错误次数过多，已被锁定 3 小时"


# ---------------------------------------------------------------- SMS code


def test_sms_code_is_six_random_digits() -> None:
    codes = {new_sms_code() for _ in range(200)}
    assert all(re.fullmatch(r"[0-9]{6}", code) for code in codes)
    assert len(codes) > 150


def test_sms_code_keeps_its_leading_zeros(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verification.secrets, "randbelow", lambda _n: 42)
    assert new_sms_code() == "000042"


def test_the_right_code_passes_once() -> None:
    sms = Sms()
    assert try_sms_code(sms, "042917", 0, NOW, POLICY) == (Outcome(True), 0)
    assert sms.used
    assert try_sms_code(sms, "042917", 0, NOW, POLICY) == (
        Outcome(False, "验证码已使用，请重新获取"),
        0,
    )


def test_spaces_around_the_code_are_ignored() -> None:
    assert try_sms_code(Sms(), " 042917 ", 0, NOW, POLICY)[0].ok


@pytest.mark.parametrize(
    ("elapsed", "ok"),
    [
        (timedelta(0), True),
        (timedelta(minutes=4, seconds=59), True),
        (timedelta(minutes=5), True),  # valid up to and including sent_at + 5 min
        (timedelta(minutes=5, seconds=1), False),
        (timedelta(hours=1), False),
    ],
)
def test_sms_code_is_valid_for_5_minutes(elapsed: timedelta, ok: bool) -> None:
    sms = Sms()
    outcome, failures = try_sms_code(sms, "042917", 0, NOW + elapsed, POLICY)
    assert outcome.ok is ok
    if not ok:
        assert outcome.message == "验证码已过期，请重新获取"
        assert not sms.used
    assert failures == 0  # an expired code is not a wrong try


@pytest.mark.requirement("VERIFY-IDENTITY")
def test_five_wrong_codes_void_it() -> None:
    sms = Sms()
    failures = 0
    messages = []
    for _ in range(5):
        outcome, failures = try_sms_code(sms, "111111", failures, NOW, POLICY)
        messages.append(outcome.message)
    assert messages == [
        "验证码错误，还可以尝试 4 次",
        "验证码错误，还可以尝试 3 次",
        "验证码错误，还可以尝试 2 次",
        "验证码错误，还可以尝试 1 次",
        "验证码错误次数过多已失效，请重新获取",
    ]
    assert sms.voided
    outcome, failures = try_sms_code(sms, "042917", failures, NOW, POLICY)
    assert outcome == Outcome(False, "验证码错误次数过多已失效，请重新获取")
    assert failures == 5
    assert not sms.used


def test_failures_carry_over_to_a_resent_code() -> None:
    """The count belongs to the closure, not to one code: a resend does not reset it."""
    outcome, failures = try_sms_code(Sms(code="123456"), "654321", 3, NOW, POLICY)
    assert outcome.message == "验证码错误，还可以尝试 1 次"
    assert failures == 4


def test_a_right_code_does_not_reset_nor_add_failures() -> None:
    assert try_sms_code(Sms(), "042917", 2, NOW, POLICY) == (Outcome(True), 2)


@pytest.mark.parametrize(
    "entered",
    [
        "",
        "   ",
        "04291",
        "0429170",
        "04291a",
        "abcdef",
        "042 917",
        "-42917",
        "０４２９１７",  # full-width digits, as a Chinese IME may type them
        "٠٤٢٩١٧",  # Arabic-Indic digits
        "⁰⁴²⁹¹⁷",  # superscripts: str.isdigit() says yes to these
    ],
)
def test_a_malformed_code_is_not_a_wrong_try(entered: str) -> None:
    sms = Sms()
    outcome, failures = try_sms_code(sms, entered, 2, NOW, POLICY)
    assert outcome == Outcome(False, "请输入6位数字验证码")
    assert failures == 2
    assert not sms.used
    assert not sms.voided


def test_no_code_sent_yet() -> None:
    outcome, failures = try_sms_code(None, "042917", 0, NOW, POLICY)
    assert outcome == Outcome(False, "请先获取短信验证码")
    assert failures == 0


# ---------------------------------------------------------------- SMS resend limits


def test_first_code_may_always_be_sent() -> None:
    assert sms_send_refusal([], NOW, POLICY) is None


@pytest.mark.parametrize(
    ("elapsed", "refusal"),
    [
        (timedelta(0), "验证码已发送，请 60 秒后再重新获取"),
        (timedelta(seconds=1), "验证码已发送，请 59 秒后再重新获取"),
        (timedelta(seconds=59), "验证码已发送，请 1 秒后再重新获取"),
        (timedelta(seconds=60), None),
        (timedelta(seconds=61), None),
    ],
)
def test_resend_waits_60_seconds(elapsed: timedelta, refusal: str | None) -> None:
    assert sms_send_refusal([NOW], NOW + elapsed, POLICY) == refusal


def test_the_gap_counts_from_the_last_send() -> None:
    sent = [NOW + timedelta(seconds=120), NOW]  # in any order
    assert sms_send_refusal(sent, NOW + timedelta(seconds=179), POLICY) is not None
    assert sms_send_refusal(sent, NOW + timedelta(seconds=180), POLICY) is None


def five_sends_a_minute_apart() -> list[datetime]:
    return [NOW + timedelta(minutes=n) for n in range(5)]


def test_a_fifth_send_in_the_hour_is_allowed() -> None:
    assert (
        sms_send_refusal(five_sends_a_minute_apart()[:4], NOW + timedelta(minutes=4), POLICY)
        is None
    )


@pytest.mark.parametrize(
    ("now", "refusal"),
    [
        (NOW + timedelta(minutes=5), "验证码获取过于频繁，请 55 分钟后再试"),
        (NOW + timedelta(minutes=59, seconds=59), "验证码获取过于频繁，请 1 分钟后再试"),
        (NOW + timedelta(hours=1), None),  # the first send has left the hour
    ],
)
def test_at_most_5_codes_an_hour(now: datetime, refusal: str | None) -> None:
    assert sms_send_refusal(five_sends_a_minute_apart(), now, POLICY) == refusal


# ---------------------------------------------------------------- face check


def fail_face(counters: Counters, times: int, now: datetime = NOW) -> list[str]:
    return [try_face(counters, False, now, POLICY).message for _ in range(times)]


@pytest.mark.requirement("VERIFY-IDENTITY")
def test_five_face_failures_back_off() -> None:
    counters = Counters()
    messages = fail_face(counters, 5)
    assert messages[0] == "人脸识别未通过，请确保本人正对屏幕、光线充足（还可以尝试 4 次）"
    assert messages[3].endswith("（还可以尝试 1 次）")
    assert messages[4] == "人脸识别失败次数过多，请 30 分钟后再试"
    assert counters.face_retry_at == NOW + timedelta(minutes=30)


def test_no_face_check_during_the_back_off() -> None:
    counters = Counters()
    fail_face(counters, 5)
    retry_at = NOW + timedelta(minutes=30)
    assert try_face(counters, True, retry_at - SECOND, POLICY) == Outcome(
        False, "人脸识别失败次数过多，请 1 分钟后再试"
    )
    assert try_face(counters, True, retry_at, POLICY) == Outcome(True)
    assert counters.face_failures == 0
    assert counters.face_retry_at is None


def test_after_the_back_off_five_more_tries() -> None:
    counters = Counters()
    fail_face(counters, 5)
    later = fail_face(counters, 5, NOW + timedelta(minutes=30))
    assert later[0].endswith("（还可以尝试 4 次）")
    assert later[-1] == "人脸识别失败次数过多，请 30 分钟后再试"


def test_a_passing_face_check_resets_the_count() -> None:
    counters = Counters()
    fail_face(counters, 4)
    assert try_face(counters, True, NOW, POLICY).ok
    assert counters.face_failures == 0
    assert fail_face(counters, 1)[0].endswith("（还可以尝试 4 次）")


# ---------------------------------------------------------------- identity checks, verdicts too


def test_an_sms_code_is_six_digits_even_at_the_top_of_the_range(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(secrets, "randbelow", lambda n: n - 1)
    assert new_sms_code() == "999999"


def test_each_wrong_password_is_a_failed_outcome_until_the_lock() -> None:
    counters = FakeCounters()
    verdicts = [try_password(counters, False, NOW, POLICY) for _ in range(3)]
    assert verdicts == [
        Outcome(False, "支付密码错误，还可以尝试 2 次"),
        Outcome(False, "支付密码错误，还可以尝试 1 次"),
        Outcome(False, "支付密码错误次数过多，已被锁定 3 小时"),
    ]


def test_each_failed_face_check_is_a_failed_outcome_until_the_wait() -> None:
    counters = FakeCounters()
    verdicts = [try_face(counters, False, NOW, POLICY) for _ in range(5)]
    assert verdicts[0] == Outcome(
        False, "人脸识别未通过，请确保本人正对屏幕、光线充足（还可以尝试 4 次）"
    )
    assert verdicts[-1] == Outcome(False, "人脸识别失败次数过多，请 30 分钟后再试")


def test_each_wrong_sms_code_is_a_failed_outcome_until_it_is_void() -> None:
    sms, failures, verdicts = FakeSms("042917", NOW), 0, []
    for _ in range(5):
        outcome, failures = try_sms_code(sms, "000000", failures, NOW, POLICY)
        verdicts.append(outcome)
    assert verdicts[0] == Outcome(False, "验证码错误，还可以尝试 4 次")
    assert verdicts[-1] == Outcome(False, "验证码错误次数过多已失效，请重新获取")
    assert sms.voided


def test_an_unknown_variant_is_refused_naming_the_variants() -> None:
    with pytest.raises(ValueError) as error:
        check_variant("c")
    assert str(error.value) == "unknown variant 'c'; use one of A, B"
