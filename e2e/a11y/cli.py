"""``weilidai a11y`` (``python -m e2e.a11y``): audit every screen every flow reaches with axe-core
(WCAG 2.1 A, AA).

Exit status 1 if a finding is serious or critical, a minor or moderate one is not in the
baseline, or a flow did not complete. See docs/a11y.md.
"""

from __future__ import annotations

import time
from pathlib import Path

import click
from playwright.sync_api import Browser

from ..harness.flags import (
    base_url_option,
    chosen_flows,
    echo_flows,
    flow_option,
    jobs_option,
    list_option,
    locale_option,
    mutant_option,
    output_option,
    variant_option,
)
from ..harness.journey import Flow
from ..harness.labels import LOCALES, VARIANTS
from ..harness.progress import Progress
from ..harness.workers import each_flow
from .audit import WCAG_TAGS, audit_flow
from .findings import BASELINE, IMPACTS, Baseline, FlowAudit, impact_counts
from .report import outcome, problems, write_report

DEFAULT_OUTPUT = "artifacts/a11y"
SHOWN_FINDINGS = 6  # findings printed per flow; the report has them all


def audit_timed(browser: Browser, base_url: str, flow: Flow) -> tuple[FlowAudit, float]:
    """Audit one flow; return the audit and the seconds it took."""
    started = time.perf_counter()
    audit = audit_flow(browser, base_url, flow)
    return audit, time.perf_counter() - started


def notes_of(audit: FlowAudit, baseline: Baseline) -> list[str]:
    """Return the lines under a flow's progress line: its counts, then what fails it."""
    counts = impact_counts(audit.findings)
    said = " ".join(f"{counts[impact]} {impact}" for impact in IMPACTS)
    notes = [f"{audit.steps_run}/{audit.planned} steps, {len(audit.screens)} screens · {said}"]
    if audit.error:
        notes.append(f"stopped at {audit.error}")
    failing = baseline.unaccepted(audit.findings)
    for finding in failing[:SHOWN_FINDINGS]:
        state = "blocking" if finding.blocking else "new"
        notes.append(
            f"{state}: {finding.screen} {finding.rule} ({finding.impact}) {finding.target}"
        )
    if len(failing) > SHOWN_FINDINGS:
        notes.append(f"… and {len(failing) - SHOWN_FINDINGS} more in the report")
    return notes


@click.command(name="a11y", short_help="axe-core on every screen every flow reaches")
@flow_option
@variant_option
@locale_option
@base_url_option
@mutant_option
@jobs_option
@click.option(
    "--update-baseline",
    is_flag=True,
    help=f"accept the minor and moderate findings into {BASELINE.name}",
)
@output_option(DEFAULT_OUTPUT)
@list_option
def command(
    flows: tuple[str, ...],
    variants: tuple[str, ...],
    locales: tuple[str, ...],
    base_url: str | None,
    mutant: str | None,
    jobs: int,
    update_baseline: bool,
    output: Path,
    list_only: bool,
) -> None:
    """Audit every screen of every chosen flow with axe-core (WCAG 2.1 A and AA).

    Exit status 1 if a finding is serious or critical, a minor or moderate one is not in the
    baseline, or a flow did not complete. docs/a11y.md.
    """
    chosen = chosen_flows(flows, variants, locales)
    if list_only:
        echo_flows(chosen)
        return
    baseline = Baseline.load()
    title = "Accessibility audit" + (f" of mutant {mutant}" if mutant else "")
    finished: dict[str, FlowAudit] = {}
    with Progress(title, len(chosen)) as progress:
        for flow, (audit, seconds) in each_flow(
            audit_timed, chosen, jobs=jobs, base_url=base_url, mutant=mutant
        ):
            finished[flow.name] = audit
            failing = audit.error or baseline.unaccepted(audit.findings)
            where = output / audit.locale / audit.flow
            notes = notes_of(audit, baseline)
            progress.done(flow.name, "FAIL" if failing else "ok", seconds, where, notes=notes)
    audits = [finished[flow.name] for flow in chosen]

    findings = [finding for audit in audits for finding in audit.findings]
    if update_baseline:
        everything = not flows and set(variants) == set(VARIANTS) and set(locales) == set(LOCALES)
        replace = everything and all(audit.completed for audit in audits)
        updated = baseline.accepting(findings, replace=replace)
        added, dropped = updated.accepted - baseline.accepted, baseline.accepted - updated.accepted
        updated.write()
        click.echo(f"baseline {BASELINE}: {len(added)} added, {len(dropped)} removed", nl=False)
        click.echo("" if replace else " (kept the entries of screens this run did not see)")
        baseline = updated

    portal = base_url or (f"in-process (mutant {mutant})" if mutant else "in-process")
    meta = {
        "portal": portal,
        "engine": f"axe-core {next((a.engine for a in audits if a.engine), '?')}",
        "rules": ", ".join(WCAG_TAGS),
        "baseline": f"{BASELINE}, {len(baseline.accepted)} accepted findings",
    }
    index = write_report(audits, baseline, output, meta)
    click.echo(f"{outcome(audits, baseline)} · report: {index}")
    if problems(audits, baseline):
        raise SystemExit(1)
