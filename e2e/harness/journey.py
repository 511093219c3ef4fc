"""A person's way through the portal, one typed step at a time.

A ``Step`` names the screen it starts on (``on``) and what a person does there (``act``), so a
method the screen does not have is a type error, not a surprise at run time. ``run_flow`` is the
one loop over steps: it checks each step starts where it says, collects the taps it made (see
``trail``) and tells observers before and after every step, and when one fails.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Generic, Literal, Protocol, Self, TypeVar, overload

from playwright.sync_api import Page

from .api import Person, PortalApi
from .clock import OneClock
from .labels import LABEL_TABLE, Labels
from .pages import ConsequencesPage, FacePage, PasswordPage, Screen, SmsPage, SubmittedPage
from .trail import Tap, recording
from .words import CHINESE, is_english

S = TypeVar("S", bound=Screen)
# The note run_flow adds to an error raised by a step; the plugin shows it in the report.
FAILING_STEP = "failing step"

ClosureStep = Literal["consequences", "password", "sms", "face", "submitted"]
CLOSURE_SCREENS: dict[str, type[Screen]] = {
    "consequences": ConsequencesPage,
    "password": PasswordPage,
    "sms": SmsPage,
    "face": FacePage,
    "submitted": SubmittedPage,
}


class Start(Screen):
    """The browser before a flow has opened any screen."""

    TITLE = "(start)"


@dataclass
class Journey:
    """One person's way through the portal: the page, who they are, where they are now."""

    page: Page
    api: PortalApi
    person: Person
    screen: Screen = field(init=False)
    notes: dict[str, str] = field(default_factory=dict)
    clock: OneClock = field(init=False)

    def __post_init__(self) -> None:
        self.screen = Start(self.page, self.labels)
        # Made before the first screen, so its countdowns run on the portal's time.
        self.clock = OneClock.of(self.page, self.api)

    def let_time_pass(
        self, *, days: float = 0, hours: float = 0, minutes: float = 0, seconds: float = 0
    ) -> Self:
        """Move the portal's clock and the page's together (``OneClock``); return the journey."""
        self.clock.let_time_pass(days=days, hours=hours, minutes=minutes, seconds=seconds)
        return self

    @property
    def labels(self) -> Labels:
        """Return the labels of the person's client variant, in their phone's language."""
        return LABEL_TABLE[self.person.variant, self.person.locale]

    def on(self, kind: type[S]) -> S:
        """Return the current screen as ``kind``, or fail saying which screen it is."""
        if not isinstance(self.screen, kind):
            raise WrongScreen(f"expected {kind.__name__}, the journey is on {self.screen!r}")
        return self.screen

    @overload
    def at_closure_step(self, step: Literal["consequences"]) -> ConsequencesPage: ...
    @overload
    def at_closure_step(self, step: Literal["password"]) -> PasswordPage: ...
    @overload
    def at_closure_step(self, step: Literal["sms"]) -> SmsPage: ...
    @overload
    def at_closure_step(self, step: Literal["face"]) -> FacePage: ...
    @overload
    def at_closure_step(self, step: Literal["submitted"]) -> SubmittedPage: ...

    def at_closure_step(self, step: ClosureStep) -> Screen:
        """Open the closure at ``step``, reached through the test API instead of the screens.

        For a test about that step, not about the path to it (docs/writing-tests.md).
        """
        url = self.api.put_closure_at(self.person, step)
        self.screen = CLOSURE_SCREENS[step].at(self.page, self.labels, url)
        return self.screen

    def run(self, steps: Iterable[Step[Any]], observers: Iterable[StepObserver] = ()) -> Self:
        """Run ``steps`` from where the journey is; return the journey."""
        run_flow(self, steps, observers)
        return self


class WrongScreen(AssertionError):
    """A step was asked to start on a screen the journey is not on."""


@dataclass(frozen=True)
class Step(Generic[S]):
    """One named thing a person does on screen ``on``; ``act`` returns the screen it leads to."""

    name: str
    on: type[S]
    act: Callable[[Journey, S], Screen]
    en: str = ""  # the name in English: the walkthroughs' English subtitles and guides

    def name_in(self, locale: str) -> str:
        """Return the step's name in ``locale`` (the Chinese one where no English is given)."""
        return self.en if is_english(locale) and self.en else self.name

    def __call__(self, journey: Journey) -> Screen:
        """Do the step from the journey's current screen; return the next screen."""
        return self.act(journey, journey.on(self.on))


class StepObserver(Protocol):
    """Something that watches steps run: a screenshot taker, a path mapper, a video recorder."""

    def before_step(self, index: int, step: Step[Any], journey: Journey) -> None: ...

    def after_step(
        self, index: int, step: Step[Any], journey: Journey, taps: list[Tap]
    ) -> None: ...

    def step_failed(
        self, index: int, step: Step[Any], journey: Journey, taps: list[Tap], error: Exception
    ) -> None: ...


@dataclass(frozen=True)
class Chapter:
    """A section of a flow (the path, the checks, the outcome), from step ``first`` (1-based)."""

    first: int
    name: str
    en: str


class Section(Enum):
    """The parts of the seed article a flow shows, in the article's order: (Chinese, English)."""

    PAUSE = ("暂停借款", "Pause borrowing")
    OPT_OUT = ("不再接收邀请", "Stop the invitations")
    CLOSE = ("注销账户", "Close the account")
    GOING_WRONG = ("出了问题怎么办", "When things go wrong")
    AFTER_CLOSURE = ("注销之后", "After the closure")

    @property
    def title(self) -> str:
        """The section's name in Chinese."""
        return self.value[0]

    @property
    def en(self) -> str:
        """The section's name in English."""
        return self.value[1]


@dataclass(frozen=True, kw_only=True)
class Flow:
    """A named journey on one client variant: who it starts as, its steps, its title.

    Flows are declared in e2e/harness/flows/ with ``@flow(...)`` (``flows.registry``), which
    builds them; build one by calling its declaration with the labels.
    """

    base: str
    variant: str
    scenario: str
    section: Section
    title: str
    steps: tuple[Step[Any], ...]
    requirements: tuple[str, ...] = ()  # the article's requirements it checks (e2e/trace)
    title_en: str = ""
    chapters: tuple[Chapter, ...] = ()  # the walkthroughs show a card at each
    locale: str = "zh-CN"  # the phone's language it is driven in

    @property
    def name(self) -> str:
        """The flow's name with its variant (and language if not Chinese): ``close_account_A``,
        ``close_account_A_en``."""
        suffix = "" if self.locale == CHINESE else f"_{self.locale}"
        return f"{self.base}_{self.variant}{suffix}"

    @property
    def own_title(self) -> str:
        """The title in the flow's own language."""
        return self.title_en if is_english(self.locale) and self.title_en else self.title

    def chapter_at(self, index: int) -> Chapter | None:
        """Return the chapter that starts at step ``index`` (1-based), if one does."""
        return next((chapter for chapter in self.chapters if chapter.first == index), None)


def in_chapters(
    *sections: tuple[str, str, Sequence[Step[Any]]],
) -> tuple[tuple[Step[Any], ...], tuple[Chapter, ...]]:
    """Return the steps of ``(name, English name, steps)`` sections, and their chapters."""
    steps: list[Step[Any]] = []
    chapters: list[Chapter] = []
    for name, en, part in sections:
        chapters.append(Chapter(len(steps) + 1, name, en))
        steps.extend(part)
    return tuple(steps), tuple(chapters)


def run_flow(
    journey: Journey, steps: Iterable[Step[Any]], observers: Iterable[StepObserver] = ()
) -> Journey:
    """Run ``steps`` in order, telling each observer before and after every step."""
    watchers: Sequence[StepObserver] = list(observers)
    for index, step in enumerate(steps, start=1):
        for watcher in watchers:
            watcher.before_step(index, step, journey)
        with recording() as trail:
            try:
                journey.screen = step(journey)
            except Exception as error:
                error.add_note(f"{FAILING_STEP}: {index} {step.name} (on {journey.screen!r})")
                for watcher in watchers:
                    watcher.step_failed(index, step, journey, list(trail.taps), error)
                raise
        for watcher in watchers:
            watcher.after_step(index, step, journey, list(trail.taps))
    return journey
