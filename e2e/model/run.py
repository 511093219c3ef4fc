"""``make model``: every covering path of the model, and a seeded random walk, in Chromium.

Each journey gets a fresh phone context with a Playwright trace running; the walker
(``e2e.model.walk``) takes each step with ``BrowserHands`` and checks the oracle and the
invariants after it. A journey that fails keeps its screenshot and trace. The report in
``artifacts/model/`` says which states and transitions were covered on each variant (the target
is all of them), the paths taken, the time of each, and for a failure the path up to the
failing step. A walk or a failing journey is saved as a recording that ``replay`` takes again.
docs/model.md.
"""

from __future__ import annotations

import json
import random
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser

from ..harness.devices import phone_context_args
from ..harness.labels import LABELS
from .browser import BrowserHands, RequestApi
from .coverage import CoveringPath, covering_paths
from .docs import diagram_data, mermaid
from .graph import MODEL, Action, Predicate, State
from .walk import CLOCK_MOVES, EDGE_AMOUNTS_FEN, ModelJourney, Recording, take_as_planned

OUT = Path("artifacts/model")
Plan = Callable[[ModelJourney], None]


@dataclass
class JourneyRun:
    """How one journey went: what it took, how long, and where it stopped if it failed."""

    name: str
    variant: str
    description: str
    taken: list[str] = field(default_factory=list)  # transition keys, in order
    states: set[str] = field(default_factory=set)
    seconds: float = 0.0
    error: str | None = None
    failed_at: str | None = None
    screenshot: str | None = None
    trace: str | None = None
    recording: str | None = None

    @property
    def passed(self) -> bool:
        """Say whether every step went as the model says."""
        return self.error is None


def drive_journey(
    browser: Browser,
    base_url: str,
    variant: str,
    recording: Recording,
    plan: Plan,
    *,
    name: str,
    description: str,
    out: Path = OUT,
) -> JourneyRun:
    """Seed ``recording``'s person on ``variant``, follow ``plan`` in a browser, and report."""
    run = JourneyRun(name, variant, description)
    started = time.perf_counter()
    context = browser.new_context(**phone_context_args(base_url=base_url))
    context.tracing.start(screenshots=True, snapshots=True)
    journey: ModelJourney | None = None
    try:
        page = context.new_page()
        hands = BrowserHands(page, base_url, LABELS[variant])
        api = RequestApi(context.request, base_url)
        journey = ModelJourney(api, hands, recording.seed, dict(recording.facts), variant)
        run.states.add(str(journey.state))
        journey.check_invariants()
        plan(journey)
    except Exception as problem:  # a failing journey is reported; the others still run
        run.error = "".join(traceback.format_exception_only(problem)).strip()
        folder = out / "failures" / name
        folder.mkdir(parents=True, exist_ok=True)
        if journey is not None and getattr(journey, "taking", None) is not None:
            run.failed_at = journey.describe_step()
        try:
            context.pages[0].screenshot(path=folder / "screenshot.png", full_page=True)
            run.screenshot = str(folder / "screenshot.png")
        except Exception:  # the page itself may be what broke
            run.screenshot = None
        context.tracing.stop(path=folder / "trace.zip")
        run.trace = str(folder / "trace.zip")
        run.recording = str(folder / "recording.json")
    else:
        context.tracing.stop()
    finally:
        if journey is not None:
            run.taken = [t.key for t in journey.taken]
            run.states |= {str(t.target) for t in journey.taken}
            recording.steps = list(journey.steps)  # the failing step too, if one failed
        if run.recording:
            _save(recording, Path(run.recording))
        context.close()
        run.seconds = time.perf_counter() - started
    return run


# ---------------------------------------------------------------- what a journey does


def following(path: CoveringPath) -> Plan:
    """Return the plan "take the covering path's transitions, making their guards hold"."""

    def plan(journey: ModelJourney) -> None:
        for transition in path.transitions:
            take_as_planned(journey, transition)

    return plan


def replaying(recording: Recording) -> Plan:
    """Return the plan "take the recorded steps again", checking after each."""

    def plan(journey: ModelJourney) -> None:
        for action, argument in recording.steps:
            journey.take(action, argument)
            journey.check_invariants()

    return plan


def walking(rng: random.Random, steps: int) -> Plan:
    """Return the plan "take ``steps`` random steps the model allows"."""

    def plan(journey: ModelJourney) -> None:
        for _ in range(steps):
            actions = [action for action in Action if journey.can(action)]
            action = rng.choice(actions)
            argument: object = None
            if action is Action.BORROW:
                argument = rng.choice(EDGE_AMOUNTS_FEN)
            elif action is Action.CLOCK:
                argument = rng.choice(CLOCK_MOVES)
            journey.take(action, argument)
            journey.check_invariants()

    return plan


def random_person(rng: random.Random) -> Recording:
    """Return a random seed of the model with random facts (the seed's own win)."""
    seed = rng.choice(MODEL.seeds)
    facts = {
        Predicate.RISK_FLAG: False,
        Predicate.ELIGIBLE_AFTER_PAUSE: rng.random() < 0.5,
        Predicate.FACE_CHECK_FAILS: rng.random() < 0.5,
        Predicate.REVIEW_REJECTS: rng.random() < 0.5,
    }
    return Recording(seed, {**facts, **seed.facts()})


# ---------------------------------------------------------------- whole runs


def run_paths(
    browser: Browser,
    base_url: str,
    variants: Iterable[str],
    *,
    only: Iterable[int] | None = None,
    out: Path = OUT,
    progress: Callable[[JourneyRun], None] = lambda run: None,
) -> list[JourneyRun]:
    """Drive every covering path (or those numbered in ``only``) on each variant."""
    paths = list(enumerate(covering_paths()))
    chosen = set(only) if only is not None else None
    runs = []
    for variant in variants:
        for index, path in paths:
            if chosen is not None and index not in chosen:
                continue
            recording = Recording(path.seed, path.facts())
            run = drive_journey(
                browser,
                base_url,
                variant,
                recording,
                following(path),
                name=f"path-{index:02d}-{variant}",
                description=path.describe(),
                out=out,
            )
            progress(run)
            runs.append(run)
    return runs


def run_walk(
    browser: Browser, base_url: str, variant: str, seed: int, steps: int, *, out: Path = OUT
) -> JourneyRun:
    """Take a random walk of ``steps`` from random seed ``seed``; save it to replay."""
    rng = random.Random(seed)
    recording = random_person(rng)
    run = drive_journey(
        browser,
        base_url,
        variant,
        recording,
        walking(rng, steps),
        name=f"walk-{seed}-{variant}",
        description=f"random walk, seed {seed}, {steps} steps",
        out=out,
    )
    saved = out / f"walk-{seed}-{variant}.json"
    _save(recording, saved)
    run.description += f": {recording.describe()}"
    run.recording = run.recording or str(saved)
    return run


def _save(recording: Recording, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(recording.to_json(), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def replay(
    browser: Browser, base_url: str, variant: str, recording: Recording, *, out: Path = OUT
) -> JourneyRun:
    """Take a recorded journey again in the browser."""
    return drive_journey(
        browser,
        base_url,
        variant,
        recording,
        replaying(recording),
        name=f"replay-{variant}",
        description=recording.describe(),
        out=out,
    )


# ---------------------------------------------------------------- the report


@dataclass
class Coverage:
    """What one variant's journeys covered of the model."""

    variant: str
    transitions: set[str]
    states: set[str]

    @property
    def complete(self) -> bool:
        """Say whether every transition (and so every state it touches) was taken."""
        return len(self.transitions) == len(MODEL.transitions)

    def line(self) -> str:
        """Return the coverage as one line of figures."""
        t, s = len(self.transitions), len(self.states)
        total_t, total_s = len(MODEL.transitions), len(State)
        return (
            f"variant {self.variant}: transitions {t}/{total_t} ({100 * t / total_t:.0f} %), "
            f"states {s}/{total_s} ({100 * s / total_s:.0f} %)"
        )


def coverage(runs: Iterable[JourneyRun]) -> list[Coverage]:
    """Return the transitions and states the passing steps covered, per variant."""
    known = {t.key for t in MODEL.transitions}
    by_variant: dict[str, Coverage] = {}
    for run in runs:
        seen = by_variant.setdefault(run.variant, Coverage(run.variant, set(), set()))
        seen.transitions |= set(run.taken) & known
        seen.states |= run.states
    return list(by_variant.values())


def write_report(runs: list[JourneyRun], out: Path = OUT, *, mutant: str | None = None) -> Path:
    """Write report.md, report.json and the diagram (model.mmd) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "model.mmd").write_text(mermaid(MODEL) + "\n", encoding="utf-8")
    covered = coverage(runs)
    failed = [run for run in runs if not run.passed]
    lines = [
        "# The model, driven in the browser",
        "",
        f"{len(runs)} journeys, {len(failed)} failed, "
        f"{sum(run.seconds for run in runs):.1f} s in all. Diagram: `model.mmd` (Mermaid), "
        "the transitions and oracles: docs/model.md."
        + (f" The portal ran as mutant `{mutant}`." if mutant else ""),
        "",
        *(f"- {cover.line()}" for cover in covered),
        "",
    ]
    for cover in covered:
        missing = sorted({t.key for t in MODEL.transitions} - cover.transitions)
        if missing:
            lines += [f"Not covered on {cover.variant}: " + ", ".join(missing), ""]
        unseen = sorted(str(s) for s in State if str(s) not in cover.states)
        if unseen:
            lines += [f"States not reached on {cover.variant}: " + ", ".join(unseen), ""]
    if failed:
        lines += ["## Failures", ""]
        for run in failed:
            lines += [
                f"### {run.name}",
                "",
                f"- journey: {run.description}",
                f"- steps taken before it: {' → '.join(run.taken) or '(none)'}",
                f"- failing step: {run.failed_at or '(seeding)'}",
                f"- error: `{(run.error or '').splitlines()[0]}`",
                f"- screenshot: {run.screenshot}, trace: {run.trace} "
                "(`playwright show-trace` opens it)",
                f"- replay: `python -m e2e.model replay {run.recording} --variant {run.variant}"
                + (f" --mutant {mutant}`" if mutant else "`"),
                "",
            ]
    lines += [
        "## Journeys",
        "",
        "| journey | result | s | steps | path |",
        "| --- | --- | --- | --- | --- |",
    ]
    for run in runs:
        result = "passed" if run.passed else "**failed**"
        path = run.description.replace("|", "\\|")
        lines.append(f"| {run.name} | {result} | {run.seconds:.1f} | {len(run.taken)} | {path} |")
    report = out / "report.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = {
        "model": diagram_data(MODEL),  # what the results page draws the coverage on
        "coverage": [
            {
                "variant": c.variant,
                "transitions": sorted(c.transitions),
                "states": sorted(c.states),
                "total_transitions": len(MODEL.transitions),
                "total_states": len(State),
            }
            for c in covered
        ],
        "journeys": [
            {**run.__dict__, "states": sorted(run.states), "passed": run.passed} for run in runs
        ],
    }
    (out / "report.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return report
