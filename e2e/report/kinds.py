"""Every kind of result the tools leave under ``artifacts/``, and how each is read and shown.

Where a tool writes only JSON or Markdown, its HTML page is rendered here from its JSON, beside
it; the tools that write HTML of their own (the gallery, pytest-html, the regression report) are
linked as they are. What each page shows: docs/results.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..harness.flows import flows_of
from ..harness.labels import LOCALES, VARIANTS
from .diagram import Diagram, lay_out
from .pages import Pages, href, lang_of, locate
from .results import (
    FAILED,
    MEASURED,
    PASSED,
    UNKNOWN,
    Kind,
    Link,
    Result,
    Row,
    read_json,
    verdict,
)


def _count(number: int, thing: str) -> str:
    """Return ``1 flow``, ``2 flows``."""
    return f"{number} {thing}{'' if number == 1 else 's'}"


def _failing(names: list[str], shown: int = 3) -> str:
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


# ------------------------------------------------------------------ the main run


@dataclass(frozen=True)
class Shot:
    """A screenshot of the run, after a step."""

    href: str  # relative to the run's page
    step: int
    name: str  # the step's, in the flow's language ("" for a flow the registry no longer has)
    lang: str


@dataclass(frozen=True)
class RunFlow:
    """A flow of the main run as its page shows it."""

    name: str
    title: str
    variant: str
    passed: bool
    seconds: float
    steps: int
    error: str
    error_file: str
    shots: tuple[Shot, ...]


@cache
def _step_names() -> dict[str, tuple[str, ...]]:
    """Return each flow's step names in its own language, by flow name (from the registry)."""
    return {
        built.name: tuple(step.name_in(built.locale) for step in built.steps)
        for built in flows_of(VARIANTS, LOCALES)
    }


def _run_flow(entry: dict[str, Any], folder: Path) -> RunFlow:
    name = str(entry["flow"])
    shots_folder = folder / name
    names = _step_names().get(name, ())
    shots = []
    for png in sorted(shots_folder.glob("[0-9][0-9].png")):
        step = int(png.stem)
        said = names[step - 1] if 0 < step <= len(names) else ""
        shots.append(Shot(href(png, folder), step, said, lang_of(said)))
    error_file = shots_folder / "error.txt"
    return RunFlow(
        name=name,
        title=str(entry["title"]),
        variant=str(entry["variant"]),
        passed=bool(entry["passed"]),
        seconds=float(entry["seconds"]),
        steps=int(entry["steps"]),
        error=str(entry.get("error", "")),
        error_file=href(error_file, folder) if error_file.is_file() else "",
        shots=tuple(shots),
    )


def _data_beside(
    result: Result, artifacts: Path, relative: str, otherwise: str
) -> dict[str, Any] | None:
    """Read a result's JSON at ``relative`` and name it the result's data; or, when its tool ran
    before it wrote that JSON, mark the result unknown, saying ``otherwise``, and return None."""
    if not (artifacts / relative).is_file():
        result.status = UNKNOWN
        result.summary = f"written before {Path(relative).name} existed: {otherwise}"
        return None
    result.data = relative
    data: dict[str, Any] = read_json(artifacts / relative, dict)
    return data


def fill_run(result: Result, artifacts: Path, pages: Pages) -> None:
    """The main run: report.json, a line per flow; a screenshot per step in <flow>/NN.png."""
    folder = artifacts / "run"
    result.data = "run/report.json"
    flows = [_run_flow(entry, folder) for entry in read_json(artifacts / result.data, list)]
    failed = [flow.name for flow in flows if not flow.passed]
    result.status = verdict(len(failed), len(flows))
    result.summary = f"{len(flows) - len(failed)} of {len(flows)} flows passed"
    if failed:
        result.summary += f"; failed: {_failing(failed)}"
    result.page = pages.write("run.html", "run/index.html", result=result, flows=flows)
    result.rows = [
        Row(
            PASSED if flow.passed else FAILED,
            flow.name,
            flow.title,
            (Link(f"{len(flow.shots)} screenshots", f"run/index.html#{flow.name}"),),
        )
        for flow in flows
    ]


# ------------------------------------------------------------------ walkthroughs


def fill_walkthroughs(result: Result, artifacts: Path, pages: Pages) -> None:
    """The gallery's manifest.json: every walkthrough filmed, with its guides beside it."""
    folder = artifacts / "walkthroughs"
    result.data = "walkthroughs/manifest.json"
    walks = read_json(artifacts / result.data, list)
    gallery = (folder / "index.html").is_file()
    result.page = "walkthroughs/index.html" if gallery else ""
    stopped = []
    for walk in walks:
        name, locale = str(walk["name"]), str(walk.get("locale", "zh-CN"))
        title = str(walk["title_en"] if locale == "en" and walk.get("title_en") else walk["title"])
        if walk.get("error"):
            stopped.append(name)
        links = [Link("video", f"walkthroughs/index.html#{name}")] if gallery else []
        for suffix, text, lang in ((".html", "指南", "zh-CN"), (".en.html", "guide", "en")):
            if (folder / f"{name}{suffix}").is_file():
                links.append(Link(text, f"walkthroughs/{name}{suffix}", lang))
        result.rows.append(Row(FAILED if walk.get("error") else PASSED, name, title, tuple(links)))
    result.status = verdict(len(stopped), len(walks))
    result.summary = (
        f"{_count(len(walks), 'walkthrough')} filmed, each with guides in both languages"
    )
    if stopped:
        result.summary += f"; {len(stopped)} stopped early: {_failing(stopped)}"


# ------------------------------------------------------------------ the test report

# pytest-html 4 writes its counts as <span class="failed">2 Failed,</span> in its filters.
_FILTERS = re.compile(r'<div class="filters">(.*?)</div>', re.S)
_COUNT = re.compile(r'<span class="(\w+)">(\d+) ([^<,]+),?</span>')
_RUN_COUNT = re.compile(r'<p class="run-count">([^<]*)</p>')


def fill_tests(result: Result, artifacts: Path, pages: Pages) -> None:
    """pytest-html's report of make test: its counts, read from the page itself."""
    text = (artifacts / "report/index.html").read_text(encoding="utf-8")
    result.page = "report/index.html"
    filters = _FILTERS.search(text)
    counts = {
        outcome: (int(number), label.lower())
        for outcome, number, label in _COUNT.findall(filters.group(1) if filters else "")
    }
    if not counts:
        result.status = UNKNOWN
        result.summary = "no counts found in it (not a pytest-html 4 report?)"
        return
    bad = counts.get("failed", (0, ""))[0] + counts.get("error", (0, ""))[0]
    result.status = verdict(bad, sum(number for number, _ in counts.values()))
    result.summary = ", ".join(f"{number} {label}" for number, label in counts.values() if number)
    took = _RUN_COUNT.search(text)
    if took:
        result.summary += f" ({took.group(1).strip().rstrip('.')})"


# ------------------------------------------------------------------ regression


def fill_regression(result: Result, artifacts: Path, pages: Pages) -> None:
    """The regression report: its own index.html, the verdicts in summary.json beside it."""
    result.page = "regression/index.html"
    data = _data_beside(result, artifacts, "regression/summary.json", "its page has the verdicts")
    if data is None:
        return
    flows = data["flows"]
    drifted = [str(flow["flow"]) for flow in flows if flow["drifted"]]
    result.status = verdict(len(drifted), len(flows))
    result.summary = f"{len(flows) - len(drifted)} of {len(flows)} flows unchanged"
    if drifted:
        result.summary += f"; drifted: {_failing(drifted)}"
    mutant = data["meta"].get("mutant", "none")
    if mutant != "none":
        result.summary += f" (against mutant {mutant})"
    for name in drifted:  # the report has a section, with that id, for each flow that drifted
        title = next(str(flow["title"]) for flow in flows if flow["flow"] == name)
        result.rows.append(
            Row(FAILED, name, title, (Link("what drifted", f"{result.page}#{name}"),))
        )


# ------------------------------------------------------------------ mutants


def _job_links(job: dict[str, Any], folder: Path) -> None:
    """Add the links of a mutant's job, relative to ``folder``: its log, its drift report."""
    log = locate(str(job.get("log") or ""), folder)
    job["log_href"] = href(log, folder) if log else ""
    report = folder / str(job["mutant"]) / "report/index.html"
    job["report_href"] = (
        href(report, folder) if job["kind"] == "regression" and report.is_file() else ""
    )


def fill_mutants(result: Result, artifacts: Path, pages: Pages) -> None:
    """The mutants' summary.json: the control's jobs, then each mutant caught or missed."""
    folder = artifacts / "regression/mutants"
    page = "regression/mutants/index.html"
    result.data = "regression/mutants/summary.json"
    data = json.loads((artifacts / result.data).read_text(encoding="utf-8"))
    if isinstance(data, list):  # written before the control and the descriptions were in it
        data = {"control": None, "mutants": data, "minutes": None, "unrecorded": True}
    elif not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    data.setdefault("unrecorded", False)
    control, mutants = data["control"], data["mutants"]
    for mutant in mutants:  # an outdated mutant had no jobs, nor any mutant a description, once
        mutant.setdefault("jobs", [])
        mutant.setdefault("outdated", "")
        mutant.setdefault("description", "")
    for job in [*(control["jobs"] if control else []), *(j for m in mutants for j in m["jobs"])]:
        _job_links(job, folder)
    missed = [m for m in mutants if not m["caught"]]
    unclean = control is not None and not control["clean"]
    result.status = verdict(len(missed) + unclean, len(mutants))
    result.summary = f"{len(mutants) - len(missed)} of {_count(len(mutants), 'mutant')} caught"
    if missed:
        result.summary += f"; missed: {_failing([str(m['mutant']) for m in missed])}"
    if control is None:
        result.summary += f"; the control {'not recorded' if data['unrecorded'] else 'skipped'}"
    else:
        result.summary += "; the control clean" if control["clean"] else "; the control NOT clean"
    if data["minutes"] is not None:
        result.summary += f" ({data['minutes']} min)"
    result.page = pages.write("mutants.html", page, result=result, mutants=data)
    if unclean:
        result.rows.append(
            Row(
                FAILED,
                "control",
                "the unmutated portal",
                (Link("why", f"{page}#control"),),
                "not clean",
            )
        )
    for mutant in missed:
        name = str(mutant["mutant"])
        links = [Link("details", f"{page}#{name}")]
        links += [
            Link(f"{job['kind']} log", f"regression/mutants/{job['log_href']}")
            for job in mutant["jobs"]
            if job["log_href"]
        ]
        said = "outdated" if mutant["outdated"] else "missed"
        result.rows.append(Row(FAILED, name, str(mutant["description"]), tuple(links), said))


# ------------------------------------------------------------------ accessibility


def fill_a11y(result: Result, artifacts: Path, pages: Pages) -> None:
    """The axe-core audit: index.json (and index.md) with a JSON file per screen."""
    folder = artifacts / "a11y"
    result.links = [Link("Markdown", "a11y/index.md")]
    data = _data_beside(result, artifacts, "a11y/index.json", "see its Markdown")
    if data is None:
        return
    for flow in data["flows"]:
        for screen in flow["screens"]:
            screen["href"] = screen["file"] if (folder / screen["file"]).is_file() else ""
    result.status = PASSED if data["passed"] else FAILED
    result.summary = str(data["outcome"])
    result.page = pages.write("a11y.html", "a11y/index.html", result=result, audit=data)


# ------------------------------------------------------------------ the model


@dataclass(frozen=True)
class Covered:
    """One variant's coverage of the model, with its diagram."""

    variant: str
    transitions: int
    states: int
    total_transitions: int
    total_states: int
    missing: tuple[str, ...]
    unreached: tuple[str, ...]
    diagram: Diagram | None


def fill_model(result: Result, artifacts: Path, pages: Pages) -> None:
    """The model driven in Chromium: report.json, its coverage drawn on the model's diagram."""
    folder = artifacts / "model"
    result.data = "model/report.json"
    data = read_json(artifacts / result.data, dict)
    model = data.get("model")
    covered = []
    for cover in data["coverage"]:
        taken, reached = set(cover["transitions"]), set(cover["states"])
        keys = [t["key"] for t in model["transitions"]] if model else []
        states = [s["id"] for s in model["states"]] if model else []
        covered.append(
            Covered(
                variant=str(cover["variant"]),
                transitions=len(taken),
                states=len(reached),
                total_transitions=int(cover["total_transitions"]),
                total_states=int(cover["total_states"]),
                missing=tuple(key for key in keys if key not in taken),
                unreached=tuple(state for state in states if state not in reached),
                diagram=lay_out(
                    model, id=f"diagram-{cover['variant']}", taken=taken, reached=reached
                )
                if model
                else None,
            )
        )
    plain = lay_out(model, id="diagram") if model and not covered else None
    journeys = data["journeys"]
    for journey in journeys:
        for key in ("screenshot", "trace", "recording"):
            found = locate(str(journey.get(key) or ""), folder)
            journey[f"{key}_href"] = href(found, folder) if found else ""
    failed = [str(journey["name"]) for journey in journeys if not journey["passed"]]
    result.status = verdict(len(failed), len(journeys))
    result.summary = f"{len(journeys) - len(failed)} of {len(journeys)} journeys passed; " + (
        "; ".join(
            f"{c.variant}: {c.transitions}/{c.total_transitions} transitions" for c in covered
        )
        or "nothing covered"
    )
    result.links = [
        Link(text, f"model/{name}")
        for text, name in (("Markdown", "report.md"), ("Mermaid", "model.mmd"))
        if (folder / name).is_file()
    ]
    result.page = pages.write(
        "model.html",
        "model/index.html",
        result=result,
        covered=covered,
        plain=plain,
        model=model,
        journeys=journeys,
        links=[Link(link.text, href(artifacts / link.href, folder)) for link in result.links],
    )


# ------------------------------------------------------------------ traceability


def fill_traceability(result: Result, artifacts: Path, pages: Pages) -> None:
    """The article traced in make test's run: traceability.json beside traceability.md."""
    result.links = [Link("Markdown", "report/traceability.md")]
    data = _data_beside(result, artifacts, "report/traceability.json", "see its Markdown")
    if data is None:
        return
    counts: dict[str, int] = data["counts"]
    failed = counts.get(FAILED, 0)
    result.status = verdict(failed, sum(counts.values()))
    result.summary = f"{sum(counts.values())} requirements: " + ", ".join(
        f"{number} {said}" for said, number in counts.items()
    )
    result.page = pages.write(
        "traceability.html", "report/traceability.html", result=result, trace=data
    )


def fill_trace(result: Result, artifacts: Path, pages: Pages) -> None:
    """The article's map from ``weilidai trace``: which tests check each requirement, no run.

    Its Markdown beside it is docs/traceability.md regenerated, with that page's links relative
    to docs/, so it is not linked from here: the page rendered from the JSON is what to read.
    """
    page = "trace/index.html"
    data = _data_beside(result, artifacts, "trace/traceability.json", "weilidai trace writes it")
    if data is None:
        return
    requirements = data["requirements"]
    unchecked = [r for r in requirements if not r["tests"] and not r["gap"]]
    gaps = sum(bool(r["gap"]) for r in requirements)
    result.status = verdict(len(unchecked), len(requirements))
    result.summary = (
        f"{_count(len(requirements), 'requirement')} in {_count(len(data['parts']), 'part')}, "
        f"checked by {_count(data['test_functions'], 'test function')}; "
        f"{gaps} the portal does not implement"
    )
    if unchecked:
        result.summary += f"; checked by no test: {_failing([str(r['id']) for r in unchecked])}"
    result.page = pages.write("trace.html", page, result=result, trace=data)
    result.rows = [
        Row(
            FAILED,
            str(r["id"]),
            str(r["gloss"]),
            (Link("its entry", f"{page}#{r['id']}"),),
            "unchecked",
        )
        for r in unchecked
    ]


# ------------------------------------------------------------------ bench and soak


def fill_bench(result: Result, artifacts: Path, pages: Pages) -> None:
    """The bench's figures (bench.json): no verdict, the goals are on docs/performance.md."""
    folder = artifacts / "bench"
    result.data = "bench/bench.json"
    data = read_json(artifacts / result.data, dict)
    overall = data["overall"]
    result.status = MEASURED
    result.summary = (
        f"{_count(len(data['flows']), 'flow')} × {_count(data['repeats'], 'round')}: median step "
        f"{overall['median_step_ms']} ms, {overall['ratio_to_floor']}× the browser's floor"
    )
    if "suite" in data:
        suite = data["suite"]
        result.summary += (
            f"; the suite {suite['serial']['seconds']} s serial, {suite['n2']['seconds']} s -n 2"
        )
    logs = []
    for label, key in (("serial", "serial"), ("-n 2", "n2")):
        log = locate(str(data.get("suite", {}).get(key, {}).get("log", "")), folder)
        if log:
            logs.append(Link(f"the {label} run's log", href(log, folder)))
    result.page = pages.write(
        "bench.html", "bench/index.html", result=result, bench=data, logs=logs
    )


def fill_soak(result: Result, artifacts: Path, pages: Pages) -> None:
    """The soak's summary.json: each run's counts, the flaky tests and those that always fail."""
    folder = artifacts / "soak"
    result.data = "soak/summary.json"
    data = read_json(artifacts / result.data, dict)
    summary = data["summary"]
    runs = data["runs"]
    for run in runs:
        report = locate(str(run.get("report") or ""), folder)
        log = report.with_suffix(".log") if report else None
        run["report_href"] = href(report, folder) if report else ""
        run["log_href"] = href(log, folder) if log and log.is_file() else ""
    ok = not summary["failures"] and not summary["broken_runs"]
    result.status = PASSED if ok else FAILED
    result.summary = (
        f"{_count(summary['runs'], 'run')} of {_count(summary['tests'], 'test')}: "
        f"{_count(summary['failures'], 'failure')}, "
        f"{len(summary['flaky'])} flaky, {len(summary['always_failed'])} always failed"
    )
    if summary["broken_runs"]:
        result.summary += f", {_count(len(summary['broken_runs']), 'run')} did not finish"
    result.page = pages.write("soak.html", "soak/index.html", result=result, soak=data)


KINDS: tuple[Kind, ...] = (
    Kind(
        "run",
        "Main run",
        "Every flow driven in Chromium, a screenshot after each step.",
        "make run",
        "run/report.json",
        fill_run,
        "run/index.html",
    ),
    Kind(
        "walkthroughs",
        "Walkthrough videos and guides",
        "A video of every flow, with subtitles and an illustrated guide in each language.",
        "make videos",
        "walkthroughs/manifest.json",
        fill_walkthroughs,
    ),
    Kind(
        "tests",
        "Test report",
        "pytest-html's report of the browserless and browser tests.",
        "make test",
        "report/index.html",
        fill_tests,
    ),
    Kind(
        "regression",
        "Flow regression",
        "Every flow's path, ARIA structure and look against its golden files.",
        "make regression",
        "regression/index.html",
        fill_regression,
    ),
    Kind(
        "mutants",
        "Mutants",
        "Deliberately broken portals: does the e2e suite or do the regression checks catch each?",
        "make mutants",
        "regression/mutants/summary.json",
        fill_mutants,
        "regression/mutants/index.html",
    ),
    Kind(
        "a11y",
        "Accessibility audit",
        "axe-core (WCAG 2.1 A and AA) on every screen every flow reaches.",
        "make a11y",
        "a11y/index.md",
        fill_a11y,
        "a11y/index.html",
    ),
    Kind(
        "model",
        "Model coverage",
        "The account's life as a state graph, every transition driven in Chromium.",
        "make model",
        "model/report.json",
        fill_model,
        "model/index.html",
    ),
    Kind(
        "traceability",
        "Traceability",
        "Each requirement of the article with the outcome of the tests that check it.",
        "make test",
        "report/traceability.md",
        fill_traceability,
        "report/traceability.html",
    ),
    Kind(
        "trace",
        "Traceability map",
        "Which tests, flows and model transitions check each requirement of the article, "
        "from a collection of the suite: no test runs.",
        "weilidai trace",
        "trace/traceability.md",
        fill_trace,
        "trace/index.html",
    ),
    Kind(
        "bench",
        "Bench",
        "What a step, a flow and the suite cost on this machine.",
        "make bench",
        "bench/bench.json",
        fill_bench,
        "bench/index.html",
    ),
    Kind(
        "soak",
        "Soak",
        "The suite run again and again under load, to find flaky tests.",
        "make soak",
        "soak/summary.json",
        fill_soak,
        "soak/index.html",
    ),
)
