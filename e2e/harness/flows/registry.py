"""The one list of flows: each declared once, with ``@flow(...)``; every list derives from it.

A declaration says what a flow is (its name, the scenario its person starts as, the article's
section it shows, its titles and the requirements it checks); the function under it says what the
person does, as ``in_chapters(...)`` of steps. The tests (``@pytest.mark.flow`` and the ``flow``
fixture), the main run, the bench, the regression checks, the walkthroughs and their gallery, the
accessibility audit and the trace all read this registry, as pytest derives its collection from
markers. Writing a flow: docs/writing-tests.md#steps-and-flows.
"""

from __future__ import annotations

import difflib
import fnmatch
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..journey import Chapter, Flow, Section, Step
from ..labels import LABEL_TABLE, LOCALES, VARIANTS, Labels

# The marker by which a test says which flow it drives: @pytest.mark.flow("close_account").
MARKER = "flow"

# What a flow's function returns: its steps and its chapters (``in_chapters``).
Chaptered = tuple[tuple[Step[Any], ...], tuple[Chapter, ...]]
Plan = Callable[[Labels], Chaptered]


@dataclass(frozen=True, kw_only=True)
class Declaration:
    """A flow as declared: call it with one variant's labels to build the ``Flow``.

    The titles may name the variant's screens: ``{variant}``, ``{site}``, ``{security}`` and
    ``{close}`` are filled from the labels (the English title from their English names).
    """

    name: str
    scenario: str
    section: Section
    titles: tuple[str, str]  # (Chinese, English)
    requirements: tuple[str, ...]
    plan: Plan

    def __call__(self, labels: Labels) -> Flow:
        """Build the flow on ``labels``' variant, driven in their language."""
        steps, chapters = self.plan(labels)
        chinese, english = self.titles
        return Flow(
            base=self.name,
            variant=labels.variant,
            scenario=self.scenario,
            section=self.section,
            title=_filled(chinese, labels),
            title_en=_filled(english, labels.english),
            steps=steps,
            requirements=self.requirements,
            chapters=chapters,
            locale=labels.locale,
        )


def _filled(title: str, labels: Labels) -> str:
    return title.format(
        variant=labels.variant, site=labels.site, security=labels.security, close=labels.close
    )


_DECLARED: dict[str, Declaration] = {}


def flow(
    *,
    name: str,
    scenario: str,
    section: Section,
    titles: tuple[str, str],
    requirements: tuple[str, ...] = (),
) -> Callable[[Plan], Declaration]:
    """Declare the flow whose steps the decorated function returns; it must be ``<name>_flow``.

    The function keeps its name as the declaration, so ``close_account_flow(labels)`` builds
    the ``close_account`` flow.
    """

    def register(plan: Plan) -> Declaration:
        if name in _DECLARED:
            raise ValueError(f"flow {name!r} is declared twice")
        if plan.__name__ != f"{name}_flow":
            raise ValueError(f"the function of flow {name!r} is {plan.__name__}, not {name}_flow")
        declared = Declaration(
            name=name,
            scenario=scenario,
            section=section,
            titles=titles,
            requirements=requirements,
            plan=plan,
        )
        _DECLARED[name] = declared
        return declared

    return register


def declarations() -> list[Declaration]:
    """Return every declared flow in the article's order: by section, then as declared."""
    order = list(Section)
    return sorted(_DECLARED.values(), key=lambda declared: order.index(declared.section))


def declaration(name: str) -> Declaration:
    """Return the flow declared as ``name`` (its base name, without the variant)."""
    if name not in _DECLARED:
        known = ", ".join(sorted(_DECLARED))
        raise KeyError(f"no flow is declared as {name!r} in e2e/harness/flows/ (there are {known})")
    return _DECLARED[name]


def names() -> list[str]:
    """Return the base name of every declared flow, in the article's order."""
    return [declared.name for declared in declarations()]


def in_section(section: Section) -> list[str]:
    """Return the base names of the flows that show ``section`` of the article, in its order."""
    return [declared.name for declared in declarations() if declared.section is section]


def every_flow(labels: Labels) -> list[Flow]:
    """Return every flow built on ``labels``' variant, in their language, in the article's order."""
    return [declared(labels) for declared in declarations()]


def flows_of(variants: Iterable[str], locales: Iterable[str] = ("zh-CN",)) -> list[Flow]:
    """Return every flow of each variant in each language: a language's flows together, each
    variant's in the article's order."""
    return [
        built
        for locale in locales
        for variant in variants
        for built in every_flow(LABEL_TABLE[variant, locale])
    ]


class UnknownFlow(LookupError):
    """A ``--flow`` that names no flow of the selection; the message names close matches."""


def names_of(built: Flow) -> tuple[str, ...]:
    """Return the names ``--flow`` knows a flow by: ``close_account`` (its base, every variant),
    ``close_account_A`` (one variant, in the chosen language) and its full name
    (``close_account_A_en``)."""
    return tuple(dict.fromkeys((built.base, f"{built.base}_{built.variant}", built.name)))


def select_flows(
    wanted: Iterable[str] = (),
    *,
    variants: Iterable[str] = VARIANTS,
    locales: Iterable[str] = ("zh-CN",),
) -> list[Flow]:
    """Return the flows ``wanted`` names among ``variants`` × ``locales`` (``flows_of``'s order).

    Each name is a full name (``close_account_A``, ``close_account_A_en``), a base name meaning
    every chosen variant (``close_account``), or a glob over those (``pause_*``, ``*_B``); no
    names means every flow. A name that matches nothing raises ``UnknownFlow``, naming the
    closest known names (or the ``--variant``/``--locale`` that left it out). Every tool's
    ``--flow`` goes through here (docs/toolbelt.md#choosing-flows).
    """
    candidates = flows_of(list(variants), list(locales))
    patterns = list(dict.fromkeys(wanted))
    if not patterns:
        return candidates
    matched: dict[str, Flow] = {}
    for pattern in patterns:
        hits = [built for built in candidates if _matches(pattern, built)]
        if not hits:
            raise UnknownFlow(_unknown(pattern, candidates))
        matched.update((built.name, built) for built in hits)
    return [built for built in candidates if built.name in matched]


def _matches(pattern: str, built: Flow) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for name in names_of(built))


def _unknown(pattern: str, candidates: list[Flow]) -> str:
    everywhere = flows_of(VARIANTS, LOCALES)
    elsewhere = sorted({b.name for b in everywhere if _matches(pattern, b)})
    if elsewhere:
        return (
            f"--flow {pattern!r} names {', '.join(elsewhere[:4])}, left out by the chosen "
            "--variant/--locale"
        )
    known = sorted({name for built in everywhere for name in names_of(built)})
    close = difflib.get_close_matches(pattern, known, n=4, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else "; --list without --flow names them"
    return f"no flow is called {pattern!r}{hint}"
