"""The golden files: compare a flow run with them, or accept the run as the new golden state.

See docs/regression.md for the layout under ``golden/``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import GOLDEN, aria, paths, screens
from .recording import FlowRun

CHECKS = ("paths", "aria", "screens")


@dataclass
class StepDrift:
    """A step whose structure or look drifted, with what to show side by side."""

    index: int
    name: str
    summary: str
    aria_diff: str = ""
    before: bytes | None = None
    after: bytes | None = None
    diff: bytes | None = None


@dataclass
class FlowResult:
    """One flow's run compared with its golden files."""

    run: FlowRun
    missing: list[str] = field(default_factory=list)
    path_drift: list[str] = field(default_factory=list)
    path_diff: str = ""
    aria_drift: list[StepDrift] = field(default_factory=list)
    screen_drift: list[StepDrift] = field(default_factory=list)

    @property
    def drifted(self) -> bool:
        """Say whether anything differs from the golden state (or the flow failed)."""
        return bool(
            self.missing
            or self.path_drift
            or self.aria_drift
            or self.screen_drift
            or self.run.failure
        )

    def lines(self) -> list[str]:
        """Return the drift as short readable lines, path first."""
        out = []
        if self.missing:
            out.append(
                f"no baseline for {self.run.flow} ({', '.join(self.missing)});"
                " run make regression-update"
            )
        out.extend(f"path: {line}" for line in self.path_drift)
        if self.run.failure and not self.path_drift:
            failure = self.run.failure
            out.append(f"step {failure.index} {failure.name} failed: {failure.error}")
        out.extend(f"structure: step {d.index} {d.name}: {d.summary}" for d in self.aria_drift)
        out.extend(f"look: step {d.index} {d.name}: {d.summary}" for d in self.screen_drift)
        return out


class Baselines:
    """The golden files for one browser build."""

    def __init__(
        self,
        browser_name: str,
        browser_version: str,
        root: Path = GOLDEN,
        checks: Iterable[str] = CHECKS,
        max_diff_pixels: int = screens.MAX_DIFF_PIXELS,
    ) -> None:
        self.root = root
        self.checks = tuple(checks)
        self.max_diff_pixels = max_diff_pixels
        self.paths_dir = root / "paths"
        self.aria_dir = root / "aria"
        self.screens_dir = screens.baseline_folder(root / "screens", browser_name, browser_version)

    def path_file(self, flow: str) -> Path:
        """Return the golden path map of a flow."""
        return self.paths_dir / f"{flow}.txt"

    # ------------------------------------------------------------------ compare

    def compare(self, run: FlowRun) -> FlowResult:
        """Compare a run with the golden files of its flow."""
        result = FlowResult(run)
        if "paths" in self.checks:
            self._compare_path(run, result)
        if "aria" in self.checks:
            self._compare_aria(run, result)
        if "screens" in self.checks:
            self._compare_screens(run, result)
        return result

    def _compare_path(self, run: FlowRun, result: FlowResult) -> None:
        golden = self.path_file(run.flow)
        if not golden.exists():
            result.missing.append("paths")
            return
        text = golden.read_text(encoding="utf-8")
        flow_aria = self.aria_dir / run.flow
        result.path_drift = paths.compare(
            paths.parse(text), run, lambda index: aria.read(flow_aria, index)
        )
        if result.path_drift:
            result.path_diff = paths.unified_diff(text, paths.render(run), run.flow)

    def _compare_aria(self, run: FlowRun, result: FlowResult) -> None:
        folder = self.aria_dir / run.flow
        if not folder.is_dir():
            result.missing.append("aria")
            return
        for step in run.steps:
            golden = aria.read(folder, step.index)
            if golden is None:
                result.aria_drift.append(StepDrift(step.index, step.name, "no golden snapshot"))
            elif golden != step.aria:
                changed = aria.diff(golden, step.aria, f"step {step.index}")
                count = sum(
                    1
                    for line in changed.splitlines()
                    if line[:1] in "+-" and not line.startswith(("+++", "---"))
                )
                result.aria_drift.append(
                    StepDrift(
                        step.index, step.name, f"{count} snapshot lines differ", aria_diff=changed
                    )
                )

    def _compare_screens(self, run: FlowRun, result: FlowResult) -> None:
        folder = self.screens_dir / run.flow
        if not folder.is_dir():
            result.missing.append(f"screens {self.screens_dir.name}")
            return
        for step in run.steps:
            if step.png is None:
                continue
            golden = screens.step_file(folder, step.index)
            if not golden.exists():
                result.screen_drift.append(
                    StepDrift(step.index, step.name, "no baseline image", after=step.png)
                )
                continue
            before = golden.read_bytes()
            found = screens.compare(before, step.png)
            if found.drifted(self.max_diff_pixels):
                result.screen_drift.append(
                    StepDrift(
                        step.index,
                        step.name,
                        found.describe(),
                        before=before,
                        after=step.png,
                        diff=found.diff_png,
                    )
                )

    # ------------------------------------------------------------------ accept

    def accept(self, run: FlowRun) -> list[str]:
        """Make a completed run the golden state of its flow; return what changed."""
        if not run.completed:
            failure = run.failure
            where = f"step {failure.index} {failure.name}: {failure.error}" if failure else ""
            raise ValueError(f"{run.flow} did not complete, not accepting it ({where})")
        result = self.compare(run)
        changes: list[str] = []
        if "paths" in self.checks:
            changes.extend(self._accept_path(run, result))
        if "aria" in self.checks:
            changes.extend(self._accept_aria(run))
        if "screens" in self.checks:
            changes.extend(self._accept_screens(run, result))
        return changes

    def _accept_path(self, run: FlowRun, result: FlowResult) -> list[str]:
        target = self.path_file(run.flow)
        text = paths.render(run)
        if target.exists() and target.read_text(encoding="utf-8") == text:
            return []
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if "paths" in result.missing:
            return [f"paths/{run.flow}.txt: new, {len(run.steps)} steps"]
        if not result.path_drift:
            return [f"paths/{run.flow}.txt: header rewritten"]
        return [f"paths/{run.flow}.txt: {line}" for line in result.path_drift]

    def _accept_aria(self, run: FlowRun) -> list[str]:
        folder = self.aria_dir / run.flow
        new_folder = not folder.is_dir()
        folder.mkdir(parents=True, exist_ok=True)
        changed: list[int] = []
        added: list[int] = []
        for step in run.steps:
            target = aria.step_file(folder, step.index)
            text = aria.render(step)
            if target.exists():
                if target.read_text(encoding="utf-8") == text:
                    continue
                if aria.body(target.read_text(encoding="utf-8")) != step.aria:
                    changed.append(step.index)
            else:
                added.append(step.index)
            target.write_text(text, encoding="utf-8")
        removed = _remove_beyond(folder, "*.yml", len(run.steps))
        if new_folder:
            return [f"aria/{run.flow}: new, {len(run.steps)} snapshots"]
        return _summary(f"aria/{run.flow}", changed, added, removed)

    def _accept_screens(self, run: FlowRun, result: FlowResult) -> list[str]:
        folder = self.screens_dir / run.flow
        new_folder = not folder.is_dir()
        folder.mkdir(parents=True, exist_ok=True)
        drifted = {d.index for d in result.screen_drift}
        changed: list[int] = []
        added: list[int] = []
        for step in run.steps:
            target = screens.step_file(folder, step.index)
            if step.png is None or (target.exists() and step.index not in drifted):
                continue  # within tolerance: keep the old baseline, no churn
            (changed if target.exists() else added).append(step.index)
            target.write_bytes(screens.encode_baseline(step.png))
        removed = _remove_beyond(folder, "*.webp", len(run.steps))
        label = f"screens/{self.screens_dir.name}/{run.flow}"
        if new_folder:
            return [f"{label}: new, {len(run.steps)} screenshots"]
        return _summary(label, changed, added, removed)

    def prune(self, flows: set[str]) -> list[str]:
        """Remove the golden files of flows that no longer exist; return what went."""
        gone: list[str] = []
        for path in sorted(self.paths_dir.glob("*.txt")):
            if path.stem not in flows:
                path.unlink()
                gone.append(f"paths/{path.name}: removed (no such flow)")
        for parent in (self.aria_dir, self.screens_dir):
            if not parent.is_dir():
                continue
            for folder in sorted(p for p in parent.iterdir() if p.is_dir()):
                if folder.name not in flows:
                    for file in folder.iterdir():
                        file.unlink()
                    folder.rmdir()
                    gone.append(f"{folder.relative_to(self.root)}: removed (no such flow)")
        return gone


def _remove_beyond(folder: Path, pattern: str, count: int) -> list[int]:
    removed = []
    for path in sorted(folder.glob(pattern)):
        if path.stem.isdigit() and int(path.stem) > count:
            path.unlink()
            removed.append(int(path.stem))
    return removed


def _summary(label: str, changed: list[int], added: list[int], removed: list[int]) -> list[str]:
    parts = []
    if changed:
        parts.append(f"step{'s' if len(changed) > 1 else ''} {_list(changed)} changed")
    if added:
        parts.append(f"step{'s' if len(added) > 1 else ''} {_list(added)} new")
    if removed:
        parts.append(f"step{'s' if len(removed) > 1 else ''} {_list(removed)} removed")
    return [f"{label}: {'; '.join(parts)}"] if parts else []


def _list(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)
