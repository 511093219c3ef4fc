"""Structure: the ARIA snapshot of the screen after each step, kept as files and compared.

Python Playwright only has the inline ``expect(locator).to_match_aria_snapshot(text)``, so this
module keeps the snapshots in files itself. See docs/regression.md.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from .recording import StepRecord


def step_file(folder: Path, index: int) -> Path:
    """Return the golden snapshot file of step ``index`` in a flow's folder."""
    return folder / f"{index:02d}.yml"


def render(step: StepRecord) -> str:
    """Return the file text of a step's snapshot: a header comment, then the snapshot."""
    return f"# step {step.index}: {step.name} — screen {step.screen}\n{step.aria}"


def body(text: str) -> str:
    """Return a snapshot file's snapshot without its header comment."""
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))


def read(folder: Path, index: int) -> str | None:
    """Return the golden snapshot body of step ``index``, or None when there is none."""
    path = step_file(folder, index)
    return body(path.read_text(encoding="utf-8")) if path.exists() else None


def diff(golden: str, current: str, label: str) -> str:
    """Return a unified diff of two snapshot bodies."""
    return "".join(
        difflib.unified_diff(
            golden.splitlines(keepends=True),
            current.splitlines(keepends=True),
            fromfile=f"golden {label}",
            tofile=f"current {label}",
        )
    )
