"""``python -m e2e.a11y``: audit every screen every flow reaches with axe-core (WCAG 2.1 A, AA).

Exit status 1 if a finding is serious or critical, a minor or moderate one is not in the
baseline, or a flow did not complete. See docs/a11y.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..harness.flows import flows_of
from ..harness.journey import Flow
from ..harness.labels import LOCALES, VARIANTS
from ..harness.portal import portal_and_browser
from ..regression.mutants import MUTANTS
from .audit import WCAG_TAGS, audit_flow
from .findings import BASELINE, IMPACTS, Baseline, FlowAudit, impact_counts
from .report import outcome, problems, write_report

SHOWN_FINDINGS = 6  # findings printed per flow; the report has them all


def chosen_flows(variants: list[str], locales: list[str], names: list[str]) -> list[Flow]:
    """Return every selected flow, each language's in the article's order.

    A flow is named as ``close_account`` (on every chosen variant) or ``close_account_A``.
    """
    chosen = [
        flow for flow in flows_of(variants, locales) if not names or set(names) & names_of(flow)
    ]
    unknown = set(names) - {name for flow in chosen for name in names_of(flow)}
    if unknown:
        raise SystemExit(f"no such flow: {', '.join(sorted(unknown))}")
    return chosen


def names_of(flow: Flow) -> set[str]:
    """Return the names ``--flow`` knows a flow by: ``close_account``, ``close_account_A``."""
    return {flow.base, f"{flow.base}_{flow.variant}", flow.name}


def show(audit: FlowAudit, baseline: Baseline) -> None:
    """Print one line for a flow, and the findings that fail it."""
    failing = baseline.unaccepted(audit.findings)
    mark = "ok" if audit.completed and not failing else "FAIL"
    counts = impact_counts(audit.findings)
    said = " ".join(f"{counts[impact]} {impact}" for impact in IMPACTS)
    print(
        f"  {mark:<4} {audit.flow:<28} {audit.locale:<5} {audit.steps_run:>2}/{audit.planned}"
        f" steps {len(audit.screens):>2} screens · {said}",
        flush=True,
    )
    if audit.error:
        print(f"       stopped at {audit.error}")
    for finding in failing[:SHOWN_FINDINGS]:
        state = "blocking" if finding.blocking else "new"
        print(
            f"       {state}: {finding.screen} {finding.rule} ({finding.impact}) {finding.target}"
        )
    if len(failing) > SHOWN_FINDINGS:
        print(f"       … and {len(failing) - SHOWN_FINDINGS} more in the report")


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, audit the chosen flows, write the report (and the baseline)."""
    parser = argparse.ArgumentParser(prog="python -m e2e.a11y", description=__doc__)
    parser.add_argument("--variant", action="append", choices=VARIANTS, help="default: both")
    parser.add_argument("--locale", action="append", choices=LOCALES, help="default: both")
    parser.add_argument("--flow", action="append", default=[], help="only this flow (repeatable)")
    parser.add_argument("--out", default="artifacts/a11y", help="report folder")
    parser.add_argument("--mutant", choices=sorted(MUTANTS), help="audit this portal mutant")
    parser.add_argument(
        "--update-baseline",
        action="store_true",
        help=f"accept the minor and moderate findings into {BASELINE.name}",
    )
    args = parser.parse_args(argv)
    variants = args.variant or list(VARIANTS)
    locales = args.locale or list(LOCALES)
    chosen = chosen_flows(variants, locales, args.flow)
    baseline = Baseline.load()

    print("Accessibility audit (axe-core, WCAG 2.1 A and AA)", end="")
    print(f" of mutant {args.mutant}" if args.mutant else "", flush=True)
    audits: list[FlowAudit] = []
    with portal_and_browser(mutant=args.mutant) as (browser, url):
        for flow in chosen:
            audit = audit_flow(browser, url, flow)
            audits.append(audit)
            show(audit, baseline)

    findings = [finding for audit in audits for finding in audit.findings]
    if args.update_baseline:
        everything = (
            not args.flow and set(variants) == set(VARIANTS) and set(locales) == set(LOCALES)
        )
        replace = everything and all(audit.completed for audit in audits)
        updated = baseline.accepting(findings, replace=replace)
        added, dropped = updated.accepted - baseline.accepted, baseline.accepted - updated.accepted
        updated.write()
        print(f"baseline {BASELINE}: {len(added)} added, {len(dropped)} removed", end="")
        print("" if replace else " (kept the entries of screens this run did not see)")
        baseline = updated

    meta = {
        "portal": f"{url} (mutant {args.mutant})" if args.mutant else url,
        "engine": f"axe-core {next((a.engine for a in audits if a.engine), '?')}",
        "rules": ", ".join(WCAG_TAGS),
        "baseline": f"{BASELINE}, {len(baseline.accepted)} accepted findings",
    }
    index = write_report(audits, baseline, Path(args.out), meta)
    print(f"{outcome(audits, baseline)} · report: {index}")
    return 1 if problems(audits, baseline) else 0


if __name__ == "__main__":
    sys.exit(main())
