"""What every screen has: the page, the client's labels, a title bar and a back button."""

from __future__ import annotations

from typing import Literal, Self

from playwright.sync_api import Locator, Page, expect

from ..labels import Labels
from ..presenter import presenter
from ..trail import Tap, note

Role = Literal["link", "button", "checkbox", "textbox", "searchbox"]


class Screen:
    """A portal screen; subclasses set ``TITLE`` (or override ``title_text``)."""

    TITLE = ""

    def __init__(self, page: Page, labels: Labels) -> None:
        self.page = page
        self.labels = labels
        self.heading = page.get_by_role("heading", level=1)
        self.back_button = page.get_by_role("link", name=labels.say("返回"))
        self.error = page.get_by_role("alert")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.title_text!r})"

    @property
    def title_text(self) -> str:
        """Return the title this screen must show, in the journey's language."""
        return self.labels.say(self.TITLE)

    def expect_shown(self) -> None:
        """Wait until this screen is the one on show."""
        expect(self.heading).to_have_text(self.title_text)

    def tap(self, role: Role, name: str, *, within: Locator | None = None) -> None:
        """Tap the control with ``role`` and accessible ``name`` and note it on the trail.

        ``name`` is said in the journey's language (``Labels.say``), as are ``fill``'s labels.
        """
        scope = within if within is not None else self.page
        name = self.labels.say(name)
        note(Tap(screen=self.title_text, role=role, name=name))
        scope.get_by_role(role, name=name, exact=True).click()

    def fill(self, label: str, value: str) -> None:
        """Type ``value`` into the field labelled ``label`` and note it on the trail.

        At once, unless a recording's presenter types key by key for the viewer.
        """
        label = self.labels.say(label)
        note(Tap(screen=self.title_text, role="textbox", name=label))
        field = self.page.get_by_label(label, exact=True)
        delay = presenter(self.page).typing_delay_ms
        if delay:
            field.fill("")
            field.press_sequentially(value, delay=delay)
        else:
            field.fill(value)

    @classmethod
    def at(cls, page: Page, labels: Labels, url: str) -> Self:
        """Open ``url`` and return this screen once it shows."""
        page.goto(url)
        return cls(page, labels).shown()

    def say(self, text: str, *values: object) -> str:
        """Return a word of the screens in the journey's language (``Labels.say``)."""
        return self.labels.say(text, *values)

    def shown(self) -> Self:
        """Wait for this screen and return it (so constructors can be chained)."""
        self.expect_shown()
        return self
