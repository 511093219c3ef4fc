"""The identity checks' counted messages in English, singular and plural (docs/mutation.md).

Chinese has one form for "1 次" and "4 次"; English has two, so each counted message of the
rules carries its English plural, and only an English page with a count other than one shows
it. make mutants-rules found those plurals unchecked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from mock_portal.domain import verification
from mock_portal.domain.verification import VerificationPolicy
from mock_portal.i18n import translate
from tests.rules.fakes import FakeCounters, FakeSms

# About what the pages say and how they are built, not what the store keeps.
pytestmark = pytest.mark.one_database

NOW = datetime(2026, 11, 23, 10, 0)
POLICY = VerificationPolicy()


def english(app: Flask, text: str) -> str:
    """Return a message of the rules as an English page shows it."""
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        return translate(text)


def password_tries(left: int) -> str:
    """Return the message after a wrong password with ``left`` tries to go."""
    counters = FakeCounters(pw_failures=POLICY.password_max_failures - left - 1)
    return verification.try_password(counters, False, NOW, POLICY).message


def face_tries(left: int) -> str:
    """Return the message after a failed face check with ``left`` tries to go."""
    counters = FakeCounters(face_failures=POLICY.face_max_failures - left - 1)
    return verification.try_face(counters, False, NOW, POLICY).message


def sms_tries(left: int) -> str:
    """Return the message after a wrong SMS code with ``left`` tries to go."""
    sms = FakeSms("042917", NOW)
    failures = POLICY.sms_max_failures - left - 1
    return verification.try_sms_code(sms, "000000", failures, NOW, POLICY)[0].message


def locked_for(lock: timedelta) -> str:
    """Return the message of the wrong password that locks for ``lock``."""
    counters = FakeCounters(pw_failures=POLICY.password_max_failures - 1)
    policy = VerificationPolicy(password_lock=lock)
    return verification.try_password(counters, False, NOW, policy).message


def locked_left(left: timedelta) -> str:
    """Return the message while the password stays locked for ``left``."""
    message = verification.password_locked_message(FakeCounters(pw_locked_until=NOW + left), NOW)
    assert message is not None
    return message


def face_wait(left: timedelta) -> str:
    """Return the message while the face check waits ``left``."""
    return verification.try_face(FakeCounters(face_retry_at=NOW + left), True, NOW, POLICY).message


def resend_wait(elapsed: timedelta) -> str:
    """Return the refusal of a new code ``elapsed`` after the last."""
    refusal = verification.sms_send_refusal([NOW - elapsed], NOW, POLICY)
    assert refusal is not None
    return refusal


def hourly_wait(first_ago: timedelta) -> str:
    """Return the refusal of a sixth code in the hour, the first sent ``first_ago``."""
    sent = [NOW - first_ago] + [NOW - timedelta(minutes=n) for n in range(2, 6)]
    refusal = verification.sms_send_refusal(sent, NOW, POLICY)
    assert refusal is not None
    return refusal


@pytest.mark.parametrize(
    ("make", "given", "said"),
    [
        (password_tries, 1, "Wrong payment password. 1 attempt left."),
        (password_tries, 2, "Wrong payment password. 2 attempts left."),
        (sms_tries, 1, "Wrong code. 1 attempt left."),
        (sms_tries, 3, "Wrong code. 3 attempts left."),
        (locked_for, timedelta(hours=1), "Too many wrong payment passwords. Locked for 1 hour."),
        (locked_for, timedelta(hours=3), "Too many wrong payment passwords. Locked for 3 hours."),
        (
            locked_for,
            timedelta(minutes=1),
            "Too many wrong payment passwords. Locked for 1 minute.",
        ),
        (
            locked_for,
            timedelta(minutes=90),
            "Too many wrong payment passwords. Locked for 90 minutes.",
        ),
        (
            locked_left,
            timedelta(seconds=30),
            "Too many wrong payment passwords. Locked: try again in 1 minute.",
        ),
        (
            locked_left,
            timedelta(minutes=5),
            "Too many wrong payment passwords. Locked: try again in 5 minutes.",
        ),
        (face_wait, timedelta(seconds=40), "Too many failed face checks. Try again in 1 minute."),
        (face_wait, timedelta(minutes=30), "Too many failed face checks. Try again in 30 minutes."),
        (
            resend_wait,
            timedelta(seconds=59),
            "A code was just sent. You can get a new one in 1 second.",
        ),
        (
            resend_wait,
            timedelta(seconds=20),
            "A code was just sent. You can get a new one in 40 seconds.",
        ),
        (
            hourly_wait,
            timedelta(minutes=59, seconds=30),
            "Too many codes requested. Try again in 1 minute.",
        ),
        (hourly_wait, timedelta(minutes=50), "Too many codes requested. Try again in 10 minutes."),
    ],
)
def test_a_counted_message_in_english(
    app: Flask, make: Callable[[Any], str], given: Any, said: str
) -> None:
    # The message is made inside the test, where mutmut sees which rule the test reaches.
    assert english(app, make(given)) == said


@pytest.mark.parametrize("left", [1, 4])
def test_a_failed_face_check_in_english_counts_its_tries(app: Flask, left: int) -> None:
    said = english(app, face_tries(left))
    assert said.startswith("Face verification failed. Make sure you are facing the screen")
    assert said.endswith(f"({left} attempt left)." if left == 1 else f"({left} attempts left).")
