"""What an axe-core audit found: one finding per element per rule, and the accepted baseline.

No browser here: ``findings_of`` reads axe's result dict, so what fails an audit can be tested
with a hand-made one (tests/tools/test_a11y_report.py). See docs/a11y.md#the-baseline.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# axe's impacts, worst first.
IMPACTS = ("critical", "serious", "moderate", "minor")
# Never accepted: a serious or critical finding fails the audit whatever the baseline says.
BLOCKING = frozenset({"critical", "serious"})
BASELINE = Path(__file__).with_name("baseline.json")


@dataclass(frozen=True, order=True)
class Fingerprint:
    """What makes two findings one: the screen, the rule and the element's selector."""

    screen: str
    rule: str
    target: str


@dataclass(frozen=True)
class Finding:
    """One element of one screen that breaks one axe rule."""

    screen: str
    rule: str
    impact: str
    target: str
    help: str
    help_url: str = ""

    @property
    def fingerprint(self) -> Fingerprint:
        """Return what identifies this finding from run to run."""
        return Fingerprint(self.screen, self.rule, self.target)

    @property
    def blocking(self) -> bool:
        """Say whether the finding is serious or critical, so no baseline can accept it."""
        return self.impact in BLOCKING


def target_of(node: Mapping[str, Any]) -> str:
    """Return a node's selector as one string; inside a frame or shadow root, joined by ``>>``."""
    parts = node.get("target") or []
    return " >> ".join(part if isinstance(part, str) else " >> ".join(part) for part in parts)


def findings_of(screen: str, axe_result: Mapping[str, Any]) -> list[Finding]:
    """Return a finding per element of each rule axe's result says ``screen`` violates."""
    found: list[Finding] = []
    for violation in axe_result.get("violations", []):
        for node in violation.get("nodes", []):
            found.append(
                Finding(
                    screen=screen,
                    rule=violation["id"],
                    # An element's own impact can be milder than its rule's worst.
                    impact=node.get("impact") or violation.get("impact") or "minor",
                    target=target_of(node),
                    help=violation.get("help", ""),
                    help_url=violation.get("helpUrl", ""),
                )
            )
    return found


def impact_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Return how many findings there are of each impact, worst first."""
    counts = dict.fromkeys(IMPACTS, 0)
    for finding in findings:
        counts[finding.impact] = counts.get(finding.impact, 0) + 1
    return counts


@dataclass
class ScreenAudit:
    """One distinct screen of a flow as axe saw it after step ``step``."""

    step: int
    step_name: str
    screen: str  # the portal's name for it (body[data-screen], its endpoint), else its URL path
    path: str
    title: str
    violations: list[dict[str, Any]]  # axe's own, for the JSON report
    findings: list[Finding]


@dataclass
class FlowAudit:
    """One flow in one language: the screens audited and, if it stopped early, why."""

    flow: str
    title: str
    variant: str
    locale: str
    planned: int
    screens: list[ScreenAudit] = field(default_factory=list)
    steps_run: int = 0
    error: str = ""
    engine: str = ""  # axe-core's version

    @property
    def completed(self) -> bool:
        """Say whether every step ran (so every screen of the flow was audited)."""
        return not self.error and self.steps_run == self.planned

    @property
    def findings(self) -> list[Finding]:
        """Return the findings of every screen audited."""
        return [finding for screen in self.screens for finding in screen.findings]


class Baseline:
    """The accepted minor and moderate findings, one fingerprint each (``baseline.json``)."""

    def __init__(self, accepted: Iterable[Fingerprint] = ()) -> None:
        self.accepted = frozenset(accepted)

    @classmethod
    def load(cls, path: Path = BASELINE) -> Baseline:
        """Read a baseline file; a missing file accepts nothing."""
        if not path.exists():
            return cls()
        return cls(Fingerprint(**entry) for entry in json.loads(path.read_text(encoding="utf-8")))

    def write(self, path: Path = BASELINE) -> None:
        """Write the baseline sorted, one fingerprint a line, so its diffs read as changes."""
        lines = [json.dumps(asdict(entry), ensure_ascii=False) for entry in sorted(self.accepted)]
        text = "[\n  " + ",\n  ".join(lines) + "\n]\n" if lines else "[]\n"
        path.write_text(text, encoding="utf-8")

    def accepts(self, finding: Finding) -> bool:
        """Say whether ``finding`` passes: minor or moderate, and accepted here."""
        return not finding.blocking and finding.fingerprint in self.accepted

    def unaccepted(self, findings: Iterable[Finding]) -> list[Finding]:
        """Return the findings that fail the audit."""
        return [finding for finding in findings if not self.accepts(finding)]

    def accepting(self, findings: Iterable[Finding], *, replace: bool) -> Baseline:
        """Return a baseline that accepts the minor and moderate ``findings``.

        With ``replace`` it accepts only those (a run that saw every screen); else it keeps
        what this one accepts too (a run that saw some screens knows nothing of the rest).
        """
        found = {finding.fingerprint for finding in findings if not finding.blocking}
        return Baseline(found if replace else found | self.accepted)
