"""Path maps: each step's screen and the control it used, as a readable golden text file.

See docs/regression.md for the file and the drift it reports.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..harness.trail import Tap
from .recording import Failure, FlowRun, controls

STEP = re.compile(r"^step (\d+): (.*)$")
TAP = re.compile(r"^  tap: (\S+) “(.*)” on (.*)$")
SCREEN = re.compile(r"^  screen: (.*)$")


@dataclass
class PathStep:
    """One step of a path map: its name, the taps it made, the screen it ended on."""

    name: str
    taps: list[Tap] = field(default_factory=list)
    screen: str = ""


def tap_text(tap: Tap) -> str:
    """Return a tap as the path map writes it: ``link “安全中心” on 微粒贷官网``."""
    return f"{tap.role} “{tap.name}” on {tap.screen}"


def render(run: FlowRun) -> str:
    """Return the path map text of a run (a failed step is written as FAILED)."""
    lines = [
        f"# Path map of {run.flow}: {run.title}",
        f"# Scenario {run.scenario}, client variant {run.variant}."
        " Accept a change with `make regression-update`.",
    ]
    for step in run.steps:
        lines.append(f"step {step.index}: {step.name}")
        lines.extend(f"  tap: {tap_text(tap)}" for tap in step.taps)
        lines.append(f"  screen: {step.screen}")
    if run.failure is not None:
        failure = run.failure
        lines.append(f"step {failure.index}: {failure.name}")
        lines.extend(f"  tap: {tap_text(tap)}" for tap in failure.taps)
        lines.append(f"  FAILED on {failure.screen}: {failure.error}")
    return "\n".join(lines) + "\n"


def parse(text: str) -> list[PathStep]:
    """Read a path map's steps (comments and blank lines are ignored)."""
    steps: list[PathStep] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if match := STEP.match(line):
            steps.append(PathStep(match.group(2)))
        elif steps and (match := TAP.match(line)):
            role, name, screen = match.groups()
            steps[-1].taps.append(Tap(screen=screen, role=role, name=name))
        elif steps and (match := SCREEN.match(line)):
            steps[-1].screen = match.group(1)
        else:
            raise ValueError(f"path map line {number} is not understood: {line!r}")
    return steps


def compare(
    expected: list[PathStep],
    run: FlowRun,
    golden_aria: Callable[[int], str | None] = lambda index: None,
) -> list[str]:
    """Return one readable line per drift between the expected path and the run's."""
    found = [PathStep(step.name, step.taps, step.screen) for step in run.steps]
    drift: list[str] = []
    for index, want in enumerate(expected, start=1):
        if index <= len(found):
            drift.extend(_step_drift(index, want, found[index - 1]))
        elif run.failure is not None and run.failure.index == index:
            drift.append(_failure_drift(index, want, run.failure, golden_aria(index - 1)))
    for index in range(len(expected) + 1, len(found) + 1):
        extra = found[index - 1]
        drift.append(f"step {index}: unexpected extra step “{extra.name}” ending on {extra.screen}")
    if run.failure is not None and run.failure.index > len(expected):
        drift.append(
            f"step {run.failure.index}: unexpected extra step “{run.failure.name}” failed:"
            f" {run.failure.error}"
        )
    failure = run.failure
    if failure is not None and failure.index == 0:
        drift.insert(0, f"the flow could not start: {failure.error}")
    ran = len(found) + (1 if failure is not None and failure.index > 0 else 0)
    if failure is not None and ran < len(expected):
        drift.append(f"steps {ran + 1}–{len(expected)} did not run")
    return drift


def unified_diff(golden_text: str, current_text: str, flow: str) -> str:
    """Return a unified diff of a golden path map and the current one."""
    return "".join(
        difflib.unified_diff(
            golden_text.splitlines(keepends=True),
            current_text.splitlines(keepends=True),
            fromfile=f"golden/paths/{flow}.txt",
            tofile=f"current/{flow}.txt",
        )
    )


def _step_drift(index: int, want: PathStep, got: PathStep) -> list[str]:
    where = f"step {index} {want.name}"
    if want.name != got.name:
        return [f"step {index}: expected step “{want.name}”, found “{got.name}”"]
    lines = []
    for position in range(max(len(want.taps), len(got.taps))):
        wanted = want.taps[position] if position < len(want.taps) else None
        tapped = got.taps[position] if position < len(got.taps) else None
        if wanted == tapped:
            continue
        if wanted is None:
            assert tapped is not None  # they differ, so this one is a tap
            lines.append(f"{where}: found an extra tap, {tap_text(tapped)}")
        elif tapped is None:
            lines.append(f"{where}: expected {tap_text(wanted)}, found no tap")
        elif wanted.screen == tapped.screen and wanted.role == tapped.role:
            lines.append(
                f"{where}: expected {wanted.role} {wanted.name}, found {tapped.name}"
                f" (on {tapped.screen})"
            )
        else:
            lines.append(f"{where}: expected {tap_text(wanted)}, found {tap_text(tapped)}")
    if want.screen != got.screen:
        lines.append(f"{where}: expected screen {want.screen}, found {got.screen}")
    return lines


def _failure_drift(index: int, want: PathStep, failure: Failure, before: str | None) -> str:
    where = f"step {index} {want.name}"
    offered = controls(failure.aria)
    tapped = failure.taps[-1] if failure.taps else None
    # A control missing from the screen it was on (not one that led somewhere unexpected).
    if (
        tapped is not None
        and failure.screen == tapped.screen
        and (tapped.role, tapped.name) not in offered
    ):
        if before:
            known = set(controls(before))
            new = [
                name for role, name in offered if role == tapped.role and (role, name) not in known
            ]
            if new:
                names = ", ".join(new)
                return (
                    f"{where}: expected {tapped.role} {tapped.name}, found {names}"
                    f" (on {failure.screen})"
                )
        listed = ", ".join(f"{role} “{name}”" for role, name in offered) or "nothing"
        return (
            f"{where}: expected {tap_text(tapped)}, found no such control"
            f" (the screen {failure.screen} offers {listed})"
        )
    if want.screen and failure.screen != want.screen:
        return f"{where}: expected screen {want.screen}, found {failure.screen} ({failure.error})"
    return f"{where}: the flow stopped on {failure.screen}: {failure.error}"
