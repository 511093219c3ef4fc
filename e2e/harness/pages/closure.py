"""The closure screens: blocked by money owed, consequences, the three checks, submitted, record."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, Response, expect

from ..labels import Labels
from ..presenter import presenter
from ..trail import Tap, note
from . import weilidai
from .base import Screen


def _posted_to(path: str) -> Callable[[Response], bool]:
    return lambda answer: answer.request.method == "POST" and answer.url.endswith(path)


class ClosureEntry(Screen):
    """Where 注销账户 leads; the pre-checks decide between the block page and the form."""

    @property
    def title_text(self) -> str:
        """Return the closure option's name in this variant."""
        return self.labels.close

    def consequences(self) -> ConsequencesPage:
        """Expect the consequences page (nothing blocks the closure)."""
        return ConsequencesPage(self.page, self.labels).shown()

    def blocked(self) -> BlockedPage:
        """Expect the page that blocks the closure because money is owed."""
        return BlockedPage(self.page, self.labels).shown()


class BlockedPage(ClosureEntry):
    """Closure blocked: names the amount owed and its breakdown, offers 去还款."""

    def __init__(self, page: Page, labels: Labels) -> None:
        super().__init__(page, labels)
        self.headline = page.get_by_role("heading", name=labels.say("暂时无法{}", labels.close))
        self.amount = page.get_by_label(self.say("待还金额"))
        self.breakdown = page.get_by_role("list", name=self.say("欠款明细"))

    def expect_shown(self) -> None:
        """Wait for the block page's headline."""
        super().expect_shown()
        self.headline.wait_for()

    def go_repay(self) -> weilidai.RepayPage:
        """Tap 去还款."""
        self.tap("link", "去还款")
        return weilidai.RepayPage(self.page, self.labels).shown()


class ConsequencesPage(ClosureEntry):
    """The consequences of closing, with the must-tick acknowledgement."""

    def __init__(self, page: Page, labels: Labels) -> None:
        super().__init__(page, labels)
        understood = self.say("我已知晓注销后果，确认注销")
        self.acknowledgement = page.get_by_role("checkbox", name=understood)
        self.next_button = page.get_by_role("button", name=self.say("下一步"))

    def expect_shown(self) -> None:
        """Wait for the consequences text."""
        super().expect_shown()
        self.page.get_by_text(self.say("注销后将无法恢复")).wait_for()

    def acknowledge_and_continue(self) -> PasswordPage:
        """Tick the acknowledgement and tap 下一步."""
        self.tap("checkbox", "我已知晓注销后果，确认注销")
        self.tap("button", "下一步")
        return PasswordPage(self.page, self.labels).shown()


class PasswordPage(Screen):
    """验证支付密码: six digits, three tries before a lock."""

    TITLE = "验证支付密码"

    def enter(self, payment_password: str) -> SmsPage:
        """Enter the payment password and go on to the SMS code."""
        self.submit(payment_password)
        return SmsPage(self.page, self.labels).shown()

    def submit(self, payment_password: str) -> None:
        """Enter a payment password and tap 下一步 (stays here if it is wrong)."""
        self.fill("支付密码", payment_password)
        self.tap("button", "下一步")


class SmsPage(Screen):
    """短信验证: a code sent to the masked phone."""

    TITLE = "短信验证"

    def __init__(self, page: Page, labels: Labels) -> None:
        super().__init__(page, labels)
        self.send_button = page.get_by_role("button", name=self.say("获取验证码"))
        self.resend_button = page.locator("form[action$='/sms/send'] button")
        self.sent_notice = page.get_by_role("status")

    def request_code(self) -> SmsPage:
        """Tap 获取验证码 and wait for the confirmation."""
        self.tap("button", "获取验证码")
        self.sent_notice.filter(has_text=self.say("验证码已发送")).wait_for()
        presenter(self.page).sms_sent(self.page)
        return self

    def resend(self) -> SmsPage:
        """Tap 重新获取 (once its countdown is over) and wait for the confirmation."""
        note(Tap(screen=self.title_text, role="button", name=self.say("重新获取")))
        self.resend_button.click()
        self.sent_notice.filter(has_text=self.say("验证码已发送")).wait_for()
        presenter(self.page).sms_sent(self.page)
        return self

    def enter(self, code: str) -> FacePage:
        """Enter the SMS code and go on to the face check."""
        self.submit(code)
        return FacePage(self.page, self.labels).shown()

    def submit(self, code: str) -> None:
        """Enter a code and tap 下一步 (stays here if it is wrong)."""
        self.fill("验证码", code)
        self.tap("button", "下一步")


class FacePage(Screen):
    """人脸识别 (simulated)."""

    TITLE = "人脸识别"

    def verify(self) -> SubmittedPage:
        """Run the face check; passing it submits the application."""
        self.attempt()
        return SubmittedPage(self.page, self.labels).shown()

    def attempt(self) -> None:
        """Tap 开始人脸识别 (it stays here if the check fails); the answer may still be coming."""
        presenter(self.page).face_check_starting(self.page)
        self.tap("button", "开始人脸识别")

    def attempt_answered(self) -> None:
        """Tap 开始人脸识别 and wait until the portal's answer is on the screen.

        The form posts in the background and swaps the page in place, and a second failure may
        say what the first said: so the wait is for the answer and for the progress to go, not
        for a text. (``attempt`` does not wait: a fault test watches the progress or a lost
        answer.)
        """
        with self.page.expect_response(_posted_to("/face")):
            self.attempt()
        expect(self.page.get_by_role("status").filter(has_text=self.say("正在提交"))).to_have_count(
            0
        )


class SubmittedPage(Screen):
    """The submitted application: reference number and the 1-3 working-day review."""

    TITLE = "申请已提交"

    def __init__(self, page: Page, labels: Labels) -> None:
        super().__init__(page, labels)
        self.reference = page.get_by_test_id("reference")
        self.review_note = page.get_by_text(self.say("预计1-3个工作日内完成审核"))


class RecordPage(Screen):
    """注销记录: the certificate of an approved closure, to view and save."""

    TITLE = "注销记录"

    def __init__(self, page: Page, labels: Labels) -> None:
        super().__init__(page, labels)
        self.reference = page.get_by_test_id("reference")
        self.save_link = page.get_by_role("link", name=self.say("保存注销记录"))

    def save(self, folder: Path) -> Path:
        """Tap 保存注销记录 and keep the file it downloads in ``folder``; return its path."""
        note(Tap(screen=self.title_text, role="link", name=self.say("保存注销记录")))
        with self.page.expect_download() as download:
            self.save_link.click()
        saved = folder / download.value.suggested_filename
        download.value.save_as(saved)
        return saved
