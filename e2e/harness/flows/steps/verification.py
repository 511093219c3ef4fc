"""The closure's three identity checks (payment password, SMS code, face), passed and failed."""

from __future__ import annotations

from playwright.sync_api import expect

from ...api import Person
from ...journey import Journey, Step
from ...pages import (
    FacePage,
    PasswordPage,
    SmsPage,
)


def verify_password() -> Step[PasswordPage]:
    return Step(
        "验证支付密码",
        PasswordPage,
        lambda j, password: password.enter(j.person.payment_password),
        "Enter the payment password",
    )


def verify_sms() -> Step[SmsPage]:
    def act(j: Journey, sms: SmsPage) -> FacePage:
        sms.request_code()
        return sms.enter(j.api.last_sms(j.person))

    return Step("获取并填写短信验证码", SmsPage, act, "Get the SMS code and type it in")


def verify_face() -> Step[FacePage]:
    return Step(
        "完成人脸识别，提交申请",
        FacePage,
        lambda j, face: face.verify(),
        "Pass the face check; the application is sent",
    )


def wrong_password(attempt: int, expected: str, meaning: str) -> Step[PasswordPage]:
    def act(j: Journey, password: PasswordPage) -> PasswordPage:
        password.submit(wrong_password_for(j.person))
        expect(password.error).to_have_text(j.labels.say(expected))
        return password

    ordinal = "一二三"[attempt - 1]
    return Step(
        f"第{ordinal}次输错支付密码：{expected}",
        PasswordPage,
        act,
        f"Wrong payment password, attempt {attempt}: {meaning}",
    )


def wrong_password_for(someone: Person) -> str:
    """Return a six-digit password that is not ``someone``'s."""
    return f"{(int(someone.payment_password) + 1) % 1_000_000:06d}"


def request_sms_code() -> Step[SmsPage]:
    return Step("点击“获取验证码”", SmsPage, lambda j, sms: sms.request_code(), "Tap “Get code”")


def enter_expired_code() -> Step[SmsPage]:
    def act(j: Journey, sms: SmsPage) -> SmsPage:
        sms.submit(j.api.last_sms(j.person))
        expect(sms.error).to_have_text(j.labels.say("验证码已过期，请重新获取"))
        return sms

    return Step(
        "填写收到的验证码：已过期（5分钟内有效）",
        SmsPage,
        act,
        "Type the code received: expired (it lasts 5 minutes)",
    )


def wrong_sms_code(attempt: int, expected: str, meaning: str) -> Step[SmsPage]:
    def act(j: Journey, sms: SmsPage) -> SmsPage:
        sms.submit(f"{(int(j.api.last_sms(j.person)) + 1) % 1_000_000:06d}")
        expect(sms.error).to_have_text(j.labels.say(expected))
        return sms

    return Step(
        f"第{attempt}次填错验证码：{expected}",
        SmsPage,
        act,
        f"Wrong SMS code, attempt {attempt}: {meaning}",
    )


def resend_sms_code() -> Step[SmsPage]:
    def act(j: Journey, sms: SmsPage) -> SmsPage:
        expect(sms.resend_button).to_have_text(j.labels.say("重新获取"))
        sms.resend()
        expect(sms.sent_notice).to_contain_text(j.labels.say("验证码已发送至"))
        return sms

    return Step(
        "点击“重新获取”，收到新的验证码",
        SmsPage,
        act,
        "Tap “Resend” and receive a new code",
    )


def enter_sms_code(name: str, en: str) -> Step[SmsPage]:
    return Step(name, SmsPage, lambda j, sms: sms.enter(j.api.last_sms(j.person)), en)


def face_fails(attempt: int, expected: str, meaning: str) -> Step[FacePage]:
    def act(j: Journey, face: FacePage) -> FacePage:
        face.attempt_answered()
        expect(face.error).to_contain_text(j.labels.say(expected))
        return face

    return Step(
        f"第{attempt}次人脸识别未通过：{expected}",
        FacePage,
        act,
        f"Face check failed, attempt {attempt}: {meaning}",
    )
