"""The last-result page: each requirement of the article with its tests' outcomes in one run.

The recorder writes it at the end of a run that has an HTML report (beside it, so ``make test``
leaves it in artifacts/report/traceability.md) or ``--trace-report PATH``, with the same as JSON
beside it (``traceability.json``, for the results page: docs/results.md). The page of all
requirements and their tests, without results, is docs/traceability.md (``docs``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from .coverage import Check, TraceMap
from .requirements import Requirement, Section

NOT_RUN = "not run"
# No test of this run checks it (a run of part of the suite; in the whole suite, a missing test).
ABSENT = "not in this run"
# A requirement's verdict is its tests' worst outcome that says something: one failure fails it.
VERDICTS = ("failed", "passed", "xfailed", "skipped", NOT_RUN)


def verdict(requirement: Requirement, outcomes: Iterable[str]) -> str:
    """Return the requirement's verdict in this run from its tests' outcomes."""
    seen = set(outcomes)
    if requirement.gap and not seen:
        return "gap"
    for outcome in VERDICTS:
        if outcome in seen:
            return outcome
    return ABSENT


def render_results(
    sections: Iterable[Section],
    trace: TraceMap,
    outcomes: Mapping[str, str],
    command: str,
    when: datetime,
) -> str:
    """Return the last-result page as Markdown."""
    checks = trace.checks()
    rows: list[str] = []
    details: list[str] = []
    counts: dict[str, int] = {}
    for section in sections:
        for requirement in section.requirements:
            mine = checks.get(requirement.id, [])
            results = [outcomes.get(check.nodeid, NOT_RUN) for check in mine]
            said = verdict(requirement, results)
            counts[said] = counts.get(said, 0) + 1
            tally = ", ".join(
                f"{results.count(outcome)} {outcome}" for outcome in VERDICTS if outcome in results
            )
            rows.append(
                f"| [{requirement.id}](#{requirement.anchor}) | {said} | {tally or '—'} "
                f"| {_cell(requirement.gloss)} |"
            )
            details.append(_details(requirement, said, mine, outcomes))
    summary = ", ".join(f"{counts[v]} {v}" for v in (*VERDICTS, "gap", ABSENT) if v in counts)
    return "\n".join(
        [
            "# The article, traced: last results",
            "",
            f"`{command}`, finished {when:%Y-%m-%d %H:%M:%S}. Each requirement of the seed "
            "article with the outcome of every test that checks it in this run; a requirement "
            "fails if one of its tests failed. The article sentence by sentence with what "
            "checks each requirement: docs/traceability.md.",
            "",
            f"{sum(counts.values())} requirements: {summary}.",
            "",
            "| requirement | verdict | tests | what it asks |",
            "| --- | --- | --- | --- |",
            *rows,
            "",
            *details,
        ]
    )


def results_data(
    sections: Iterable[Section],
    trace: TraceMap,
    outcomes: Mapping[str, str],
    command: str,
    when: datetime,
) -> dict[str, object]:
    """Return the last-result page's facts as data, for machines and the results page."""
    checks = trace.checks()
    requirements: list[dict[str, object]] = []
    counts: dict[str, int] = {}
    for section in sections:
        for requirement in section.requirements:
            mine = checks.get(requirement.id, [])
            results = [outcomes.get(check.nodeid, NOT_RUN) for check in mine]
            said = verdict(requirement, results)
            counts[said] = counts.get(said, 0) + 1
            requirements.append(
                {
                    "id": requirement.id,
                    "section": section.title,
                    "text": requirement.text,
                    "gloss": requirement.gloss,
                    "gap": requirement.gap,
                    "verdict": said,
                    "tests": [
                        {"nodeid": check.nodeid, "outcome": result, "through": check.through()}
                        for check, result in zip(mine, results, strict=True)
                    ],
                }
            )
    return {
        "command": command,
        "finished": when.isoformat(timespec="seconds"),
        "counts": counts,
        "requirements": requirements,
    }


def _details(
    requirement: Requirement, said: str, checks: list[Check], outcomes: Mapping[str, str]
) -> str:
    lines = [f"## {requirement.id}", "", f"> {requirement.text}", "", f"Verdict: **{said}**."]
    if requirement.gap:
        lines += ["", f"Not implemented by the portal: {requirement.gap}"]
    if checks:
        lines.append("")
        lines += [
            f"- {outcomes.get(check.nodeid, NOT_RUN)}: `{check.nodeid}`"
            + (f" ({check.through()})" if check.through() else "")
            for check in checks
        ]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
