"""Identity checks before a closure: payment password, SMS code and (simulated) face check.

Each rule is a small function over the counters kept on the person or the closure, with the
limits in one ``VerificationPolicy`` so an app (or a test) can configure them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from .text import N_, Np_


@dataclass(frozen=True)
class VerificationPolicy:
    """The limits of the identity checks; the defaults are the spec's numbers."""

    password_max_failures: int = 3
    password_lock: timedelta = timedelta(hours=3)
    sms_valid: timedelta = timedelta(minutes=5)
    sms_resend_gap: timedelta = timedelta(seconds=60)
    sms_max_per_hour: int = 5
    sms_max_failures: int = 5
    face_max_failures: int = 5
    face_backoff: timedelta = timedelta(minutes=30)


class PasswordCounters(Protocol):
    pw_failures: int
    pw_locked_until: datetime | None


@dataclass(frozen=True)
class Outcome:
    """The result of one attempt: passed or not, and the message the screen shows."""

    ok: bool
    message: str = ""


def _minutes(delta: timedelta) -> int:
    return max(1, -(-int(delta.total_seconds()) // 60))


def password_locked_message(counters: PasswordCounters, now: datetime) -> str | None:
    """Return the lock-out message while the payment password is locked, else None."""
    if counters.pw_locked_until and now < counters.pw_locked_until:
        left = _minutes(counters.pw_locked_until - now)
        return Np_(
            "支付密码错误次数过多，已被锁定，请 {num} 分钟后再试",
            "支付密码错误次数过多，已被锁定，请 {num} 分钟后再试",
            num=left,
        )
    return None


def try_password(
    counters: PasswordCounters, correct: bool, now: datetime, policy: VerificationPolicy
) -> Outcome:
    """Count one payment-password attempt: lock after too many, reset on success."""
    locked = password_locked_message(counters, now)
    if locked:
        return Outcome(False, locked)
    if counters.pw_locked_until and now >= counters.pw_locked_until:
        counters.pw_failures = 0
        counters.pw_locked_until = None
    if correct:
        counters.pw_failures = 0
        return Outcome(True)
    counters.pw_failures += 1
    left = policy.password_max_failures - counters.pw_failures
    if left <= 0:
        counters.pw_locked_until = now + policy.password_lock
        hours = policy.password_lock.total_seconds() / 3600
        if hours == int(hours):
            locked = Np_(
                "支付密码错误次数过多，已被锁定 {num} 小时",
                "支付密码错误次数过多，已被锁定 {num} 小时",
                num=int(hours),
            )
        else:
            locked = Np_(
                "支付密码错误次数过多，已被锁定 {num} 分钟",
                "支付密码错误次数过多，已被锁定 {num} 分钟",
                num=_minutes(policy.password_lock),
            )
        return Outcome(False, locked)
    return Outcome(
        False,
        Np_("支付密码错误，还可以尝试 {num} 次", "支付密码错误，还可以尝试 {num} 次", num=left),
    )


def new_sms_code() -> str:
    """Return six random digits."""
    return f"{secrets.randbelow(1_000_000):06d}"


def sms_send_refusal(
    sent_at: list[datetime], now: datetime, policy: VerificationPolicy
) -> str | None:
    """Say why no new code may be sent now (60 s gap, 5 an hour), or None if one may."""
    if sent_at:
        wait = max(sent_at) + policy.sms_resend_gap - now
        if wait > timedelta(0):
            return Np_(
                "验证码已发送，请 {num} 秒后再重新获取",
                "验证码已发送，请 {num} 秒后再重新获取",
                num=int(wait.total_seconds()),
            )
    hour_ago = now - timedelta(hours=1)
    recent = sorted(t for t in sent_at if t > hour_ago)
    if len(recent) >= policy.sms_max_per_hour:
        wait = recent[0] + timedelta(hours=1) - now
        return Np_(
            "验证码获取过于频繁，请 {num} 分钟后再试",
            "验证码获取过于频繁，请 {num} 分钟后再试",
            num=_minutes(wait),
        )
    return None


SMS_VOIDED = N_("验证码错误次数过多已失效，请重新获取")


class SmsState(Protocol):
    code: str
    sent_at: datetime
    used: bool
    voided: bool


def try_sms_code(
    sms: SmsState | None, entered: str, failures: int, now: datetime, policy: VerificationPolicy
) -> tuple[Outcome, int]:
    """Check an entered SMS code; return the outcome and the new failure count."""
    entered = (entered or "").strip()
    if sms is None:
        return Outcome(False, N_("请先获取短信验证码")), failures
    if sms.voided:
        return Outcome(False, SMS_VOIDED), failures
    if sms.used:
        return Outcome(False, N_("验证码已使用，请重新获取")), failures
    # isascii: str.isdigit() also accepts "０４２９１７" and "⁰⁴²⁹¹⁷", which compare_digest rejects.
    if not (len(entered) == 6 and entered.isascii() and entered.isdigit()):
        return Outcome(False, N_("请输入6位数字验证码")), failures
    if now > sms.sent_at + policy.sms_valid:
        return Outcome(False, N_("验证码已过期，请重新获取")), failures
    if not secrets.compare_digest(entered, sms.code):
        failures += 1
        left = policy.sms_max_failures - failures
        if left <= 0:
            sms.voided = True
            return Outcome(False, SMS_VOIDED), failures
        message = Np_(
            "验证码错误，还可以尝试 {num} 次", "验证码错误，还可以尝试 {num} 次", num=left
        )
        return Outcome(False, message), failures
    sms.used = True
    return Outcome(True), failures


class FaceCounters(Protocol):
    face_failures: int
    face_retry_at: datetime | None


def try_face(
    counters: FaceCounters, passes: bool, now: datetime, policy: VerificationPolicy
) -> Outcome:
    """Count one simulated face check; after too many failures, wait before the next."""
    if counters.face_retry_at and now < counters.face_retry_at:
        return Outcome(False, _face_wait(_minutes(counters.face_retry_at - now)))
    if passes:
        counters.face_failures = 0
        counters.face_retry_at = None
        return Outcome(True)
    counters.face_failures += 1
    if counters.face_failures >= policy.face_max_failures:
        counters.face_failures = 0
        counters.face_retry_at = now + policy.face_backoff
        return Outcome(False, _face_wait(_minutes(policy.face_backoff)))
    left = policy.face_max_failures - counters.face_failures
    return Outcome(
        False,
        Np_(
            "人脸识别未通过，请确保本人正对屏幕、光线充足（还可以尝试 {num} 次）",
            "人脸识别未通过，请确保本人正对屏幕、光线充足（还可以尝试 {num} 次）",
            num=left,
        ),
    )


def _face_wait(minutes: int) -> str:
    return Np_(
        "人脸识别失败次数过多，请 {num} 分钟后再试",
        "人脸识别失败次数过多，请 {num} 分钟后再试",
        num=minutes,
    )
