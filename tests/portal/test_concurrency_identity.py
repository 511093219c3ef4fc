"""The identity checks under simultaneous requests: every wrong answer at once counts.

A person who sends many wrong payment passwords, SMS codes or face checks at the same moment
(a double tap, a script, an attacker) must meet the same limits as one who sends them one
after the other: each attempt counts, the messages count down one by one, and the lock comes
at the limit, not later (docs/rules.md#simultaneous-requests).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from tests.portal.racing import (
    Answer,
    Browser,
    all_at_once,
    errors_of,
    no_server_errors,
    person_row,
    signed_in,
    store_rows,
    walk_to_face,
)

ATTEMPTS = 7  # more than any limit, so that the limit is met within one burst


def posting(
    browser: Browser, page: str, fields: dict[str, str], action: str | None = None
) -> Callable[[], Answer]:
    """Return a call that posts the form of ``page`` (to ``action``) from a copy of ``browser``."""
    form = {**fields, "csrf_token": browser.csrf_token(page)}
    copy_of = browser.clone()
    return lambda: copy_of.open("POST", action or page, form=form)


def said(answers: list[Answer]) -> Counter[str]:
    """Count the error messages the answers show."""
    return Counter(error for answer in answers for error in errors_of(answer))


def wrong(code: str) -> str:
    """Return six digits that are not ``code``."""
    return f"{(int(code) + 1) % 1_000_000:06d}"


def closure_at_password(browser: Browser) -> str:
    """Start a closure for the signed-in person; return its password page."""
    answer = browser.submit("/weilidai/closure/", {"acknowledged": "yes"})
    assert answer.status == 302, answer.status
    return answer.location


PASSWORD_COUNTDOWN = Counter(
    {
        "支付密码错误，还可以尝试 2 次": 1,
        "支付密码错误，还可以尝试 1 次": 1,
        "支付密码错误次数过多，已被锁定 3 小时": 1,
        "支付密码错误次数过多，已被锁定，请 180 分钟后再试": ATTEMPTS - 3,
    }
)


@pytest.mark.requirement("VERIFY-IDENTITY")
def test_wrong_payment_passwords_at_once_each_count_and_lock_at_the_third(
    racing_portal: str,
) -> None:
    person, browser = signed_in(racing_portal)
    page = closure_at_password(browser)
    entered = {"payment_password": wrong(person["payment_password"])}

    answers = all_at_once([posting(browser, page, entered) for _ in range(ATTEMPTS)])

    assert no_server_errors(answers) == []
    assert said(answers) == PASSWORD_COUNTDOWN
    row = person_row(browser, person)
    assert row["pw_failures"] == 3 and row["pw_locked_until"] is not None


@pytest.mark.requirement("VERIFY-IDENTITY")
def test_wrong_repayment_passwords_at_once_each_count_and_pay_nothing(racing_portal: str) -> None:
    person, browser = signed_in(racing_portal, scenario="outstanding_0_01")
    entered = {"payment_password": wrong(person["payment_password"])}

    answers = all_at_once([posting(browser, "/weilidai/repay", entered) for _ in range(ATTEMPTS)])

    assert no_server_errors(answers) == []
    assert said(answers) == PASSWORD_COUNTDOWN
    assert browser.api("GET", f"/users/{person['id']}")["outstanding_fen"] == 1


def at_sms_step(browser: Browser, person: dict[str, Any]) -> str:
    """Take the signed-in person's closure past the payment password; return the SMS page."""
    password_page = closure_at_password(browser)
    answer = browser.submit(password_page, {"payment_password": person["payment_password"]})
    assert answer.location.endswith("/sms"), answer.location
    return answer.location


@pytest.mark.requirement("VERIFY-IDENTITY")
def test_wrong_sms_codes_at_once_each_count_and_void_the_code_at_the_fifth(
    racing_portal: str,
) -> None:
    person, browser = signed_in(racing_portal)
    page = at_sms_step(browser, person)
    assert browser.submit(page, {}, action=f"{page}/send").location == page
    code = browser.api("GET", f"/sms/{person['id']}")["code"]

    answers = all_at_once([posting(browser, page, {"sms_code": wrong(code)}) for _ in range(7)])

    assert no_server_errors(answers) == []
    assert said(answers) == Counter(
        {
            "验证码错误，还可以尝试 4 次": 1,
            "验证码错误，还可以尝试 3 次": 1,
            "验证码错误，还可以尝试 2 次": 1,
            "验证码错误，还可以尝试 1 次": 1,
            "验证码错误次数过多已失效，请重新获取": 3,
        }
    )
    (flow,) = store_rows(browser, "closure_flow")
    (sms,) = store_rows(browser, "sms_code")
    assert (flow["sms_failures"], flow["step"], sms["voided"]) == (5, "sms", True)


@pytest.mark.requirement("VERIFY-IDENTITY")
def test_asking_for_sms_codes_at_once_sends_one(racing_portal: str) -> None:
    person, browser = signed_in(racing_portal)
    page = at_sms_step(browser, person)

    answers = all_at_once([posting(browser, page, {}, f"{page}/send") for _ in range(6)])

    assert no_server_errors(answers) == []
    assert {answer.location for answer in answers} == {page}
    assert len(store_rows(browser, "sms_code")) == 1  # the 60-second gap holds for the rest


FACE_COUNTDOWN = Counter(
    {
        **{
            f"人脸识别未通过，请确保本人正对屏幕、光线充足（还可以尝试 {left} 次）": 1
            for left in (4, 3, 2, 1)
        },
        "人脸识别失败次数过多，请 30 分钟后再试": ATTEMPTS - 4,
    }
)


@pytest.mark.requirement("VERIFY-IDENTITY")
def test_failing_face_checks_at_once_each_count_and_wait_after_the_fifth(
    racing_portal: str,
) -> None:
    person, browser = signed_in(racing_portal, scenario="face_check_fails")
    token = walk_to_face(browser, person)
    page = f"/weilidai/closure/{token}/face"

    answers = all_at_once([posting(browser, page, {}) for _ in range(ATTEMPTS)])

    assert no_server_errors(answers) == []
    assert said(answers) == FACE_COUNTDOWN
    row = person_row(browser, person)
    assert row["face_retry_at"] is not None and row["face_failures"] == 0
    assert browser.api("GET", f"/users/{person['id']}")["applications"] == 0
