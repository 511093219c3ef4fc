"""The audit's report: a JSON file per screen and ``index.md``, the summary of them all.

``<out>/<locale>/<flow>/NN-<screen>.json`` holds axe's violations of the screen step NN ended on
(a run writes its languages' folders afresh); ``<out>/index.md`` has the counts by impact per
screen and each finding with its rule, impact, help text and selector, marked accepted (in the
baseline), new, or blocking; ``<out>/index.json`` says the same for machines (and for the results
page, docs/results.md). See docs/a11y.md."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from .findings import IMPACTS, Baseline, Finding, FlowAudit, ScreenAudit, impact_counts


def verdict(finding: Finding, baseline: Baseline) -> str:
    """Say how a finding stands: ``blocking``, ``accepted`` (in the baseline) or ``new``."""
    if finding.blocking:
        return "blocking"
    return "accepted" if baseline.accepts(finding) else "new"


def screen_file(audit: FlowAudit, screen: ScreenAudit) -> Path:
    """Return where a screen's JSON report goes, relative to the report folder."""
    return Path(audit.locale, audit.flow, f"{screen.step:02d}-{screen.screen.strip('/')}.json")


def screen_report(audit: FlowAudit, screen: ScreenAudit, baseline: Baseline) -> dict[str, object]:
    """Return what a screen's JSON file says: where it is, the counts, the findings, axe's own."""
    return {
        "flow": audit.flow,
        "variant": audit.variant,
        "locale": audit.locale,
        "step": screen.step,
        "step_name": screen.step_name,
        "screen": screen.screen,
        "path": screen.path,
        "title": screen.title,
        "counts": impact_counts(screen.findings),
        "findings": [
            {
                "rule": finding.rule,
                "impact": finding.impact,
                "target": finding.target,
                "help": finding.help,
                "verdict": verdict(finding, baseline),
            }
            for finding in screen.findings
        ],
        "violations": screen.violations,
    }


def write_report(
    audits: Iterable[FlowAudit], baseline: Baseline, out: Path, meta: Mapping[str, str]
) -> Path:
    """Write a JSON file per audited screen, ``index.md`` and ``index.json``; return index.md."""
    audits = list(audits)
    out.mkdir(parents=True, exist_ok=True)
    for locale in {audit.locale for audit in audits}:
        shutil.rmtree(out / locale, ignore_errors=True)  # a last run's screens
    for audit in audits:
        for screen in audit.screens:
            path = out / screen_file(audit, screen)
            path.parent.mkdir(parents=True, exist_ok=True)
            report = screen_report(audit, screen, baseline)
            path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    index = out / "index.md"
    index.write_text(summary(audits, baseline, meta), encoding="utf-8")
    data = summary_data(audits, baseline, meta)
    (out / "index.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    return index


def summary_data(
    audits: list[FlowAudit], baseline: Baseline, meta: Mapping[str, str]
) -> dict[str, object]:
    """Return index.md's facts as data: the verdict, the totals, each flow's screens."""
    findings = [finding for audit in audits for finding in audit.findings]
    return {
        "meta": dict(meta),
        "passed": not problems(audits, baseline),
        "outcome": outcome(audits, baseline),
        "totals": impact_counts(findings),
        "not_accepted": impact_counts(baseline.unaccepted(findings)),
        "flows": [
            {
                "flow": audit.flow,
                "title": audit.title,
                "variant": audit.variant,
                "locale": audit.locale,
                "completed": audit.completed,
                "error": audit.error,
                "steps_run": audit.steps_run,
                "planned": audit.planned,
                "screens": [  # axe's own violations stay in each screen's file
                    {
                        **{
                            key: value
                            for key, value in screen_report(audit, screen, baseline).items()
                            if key != "violations"
                        },
                        "file": screen_file(audit, screen).as_posix(),
                    }
                    for screen in audit.screens
                ],
            }
            for audit in audits
        ],
    }


def summary(audits: list[FlowAudit], baseline: Baseline, meta: Mapping[str, str]) -> str:
    """Return index.md: the totals, then each flow's screens with their counts and findings."""
    findings = [finding for audit in audits for finding in audit.findings]
    failing = baseline.unaccepted(findings)
    lines = ["# Accessibility audit: axe-core, WCAG 2.1 A and AA", ""]
    lines += [f"- {key}: {value}" for key, value in meta.items()]
    lines += ["", f"**{outcome(audits, baseline)}**", ""]
    lines += ["| impact | findings | not accepted |", "| --- | ---: | ---: |"]
    totals, not_accepted = impact_counts(findings), impact_counts(failing)
    lines += [f"| {impact} | {totals[impact]} | {not_accepted[impact]} |" for impact in IMPACTS]
    for audit in audits:
        lines += ["", *flow_section(audit, baseline)]
    return "\n".join(lines) + "\n"


def problems(audits: list[FlowAudit], baseline: Baseline) -> list[str]:
    """Return what fails the audit, one phrase each; nothing when it passes."""
    findings = [finding for audit in audits for finding in audit.findings]
    blocking = sum(finding.blocking for finding in findings)
    new = len(baseline.unaccepted(findings)) - blocking
    stopped = sum(not audit.completed for audit in audits)
    said = [
        f"{blocking} serious or critical" if blocking else "",
        f"{new} minor or moderate not in the baseline" if new else "",
        f"{stopped} of {len(audits)} flows did not complete" if stopped else "",
    ]
    return [phrase for phrase in said if phrase]


def outcome(audits: list[FlowAudit], baseline: Baseline) -> str:
    """Return the verdict in one line: passed, or what failed the audit."""
    failed = problems(audits, baseline)
    return "FAILED: " + "; ".join(failed) if failed else f"passed: {len(audits)} flows"


def flow_section(audit: FlowAudit, baseline: Baseline) -> list[str]:
    """Return a flow's part of index.md: how it went, a row per screen, each finding."""
    state = "completed" if audit.completed else f"**stopped** at {audit.error}"
    lines = [
        f"## {audit.flow} · {audit.locale}",
        "",
        f"{audit.title} — {state}; {audit.steps_run} of {audit.planned} steps,"
        f" {len(audit.screens)} screens audited",
    ]
    if not audit.screens:
        return lines
    lines += ["", "| step | screen | title | " + " | ".join(IMPACTS) + " | report |"]
    lines += ["| ---: | --- | --- | " + " | ".join("---:" for _ in IMPACTS) + " | --- |"]
    for screen in audit.screens:
        counts = impact_counts(screen.findings)
        file = screen_file(audit, screen).as_posix()
        cells = [str(screen.step), f"`{screen.screen}`", cell(screen.title)]
        cells += [str(counts[impact]) for impact in IMPACTS] + [f"[json]({file})"]
        lines.append("| " + " | ".join(cells) + " |")
    found = [(screen, finding) for screen in audit.screens for finding in screen.findings]
    if found:
        lines.append("")
    for screen, finding in found:
        lines.append(
            f"- step {screen.step} `{screen.screen}`: **{finding.rule}** ({finding.impact},"
            f" {verdict(finding, baseline)}) {finding.help} — `{finding.target}`"
        )
    return lines


def cell(text: str) -> str:
    """Return ``text`` safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")
