"""The pytest side of the trace: what each test checks, and each test's result in this run.

The trace's own plugin registers a ``Recorder`` (e2e/trace/plugin.py). After collection it reads
what each test checks: its ``requirement`` markers, the requirements of the flows its ``flow``
markers name, and those of any parameter that carries ``requirements`` (a ``Flow``) or
``transitions`` that do (a covering path of the model). An id the data file lacks, or a flow
nobody defined, stops the run with a usage error. During the run it keeps every test's outcome;
at the end the controller, never an xdist worker, writes the last-result page (and its JSON beside
it) and, when asked, the map of requirements to tests. How to use the markers:
docs/writing-tests.md#requirements.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from ..harness.flows import MARKER as FLOW
from ..harness.flows import Declaration, declarations
from ..harness.journey import Flow
from .coverage import MARKER, Covered, TraceMap
from .report import render_results, results_data
from .requirements import ARTICLE, by_id, load

REQUIREMENT = "requirement"
# The flow marker is the harness's (its flow fixture reads it); the recorder reads it too.
MARKERS = (
    f"{REQUIREMENT}(*ids): this test checks these requirements of the article "
    "(e2e/trace/article.toml), and so does any flow it names with the flow marker",
)
# Where an xdist worker leaves its map for the controller (sent with its other output at the end).
WORKER_OUTPUT = "weilidai_trace"
TRACE_REPORT = "traceability.md"


@cache
def flows_by_name() -> dict[str, Declaration]:
    """Return every declared flow by its name (its requirements are the same on every variant)."""
    return {declared.name: declared for declared in declarations()}


def carried(value: object) -> list[Covered]:
    """Return what a test parameter checks: a flow's requirements, or a path's transitions'."""
    found: list[Covered] = []
    requirements = getattr(value, "requirements", None)
    if isinstance(requirements, tuple) and requirements:
        if isinstance(value, Flow):
            how = f"flow {value.base}"
        else:
            how = f"transition {getattr(value, 'key', type(value).__name__)}"
        found += [(str(requirement), how) for requirement in requirements]
    transitions = getattr(value, "transitions", None)
    if isinstance(transitions, tuple):
        for transition in transitions:
            found += carried(transition)
    return found


def declared(item: pytest.Item) -> tuple[list[Covered], list[str]]:
    """Return what ``item`` checks, and the problems with its markers."""
    found: list[Covered] = []
    problems: list[str] = []
    for marker in item.iter_markers(REQUIREMENT):
        if not marker.args or not all(isinstance(arg, str) for arg in marker.args):
            problems.append(f"{item.nodeid}: @pytest.mark.{REQUIREMENT} takes requirement ids")
        found += [(str(requirement), MARKER) for requirement in marker.args]
    for marker in item.iter_markers(FLOW):
        flows = flows_by_name()
        for name in marker.args:
            if name not in flows:
                problems.append(
                    f"{item.nodeid}: @pytest.mark.{FLOW}({name!r}) names no flow "
                    f"declared in e2e/harness/flows/ (there are {', '.join(sorted(flows))})"
                )
                continue
            found += [(requirement, f"flow {name}") for requirement in flows[name].requirements]
    callspec = getattr(item, "callspec", None)
    if callspec is not None:
        for value in callspec.params.values():
            found += carried(value)
    return list(dict.fromkeys(found)), problems


class Recorder:
    """Reads what every collected test checks; keeps outcomes; writes the pages at the end."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.tests: dict[str, tuple[Covered, ...]] = {}
        self.outcomes: dict[str, str] = {}

    @property
    def is_worker(self) -> bool:
        """Say whether this process is an xdist worker (the controller writes the pages)."""
        return hasattr(self.config, "workerinput")

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Read what each test checks; refuse an unknown requirement id or flow."""
        problems: list[str] = []
        for item in items:
            covered, wrong = declared(item)
            problems += wrong
            if covered:  # the data file is read only by a run that traces something
                known = by_id()
                problems += [
                    f"{item.nodeid}: requirement {requirement!r} is not in {ARTICLE}"
                    for requirement, _ in covered
                    if requirement not in known
                ]
                self.tests[item.nodeid] = tuple(covered)
        if problems:
            raise pytest.UsageError("\n".join(problems))
        if self.is_worker:
            self.config.workeroutput[WORKER_OUTPUT] = {  # type: ignore[attr-defined]  # set by xdist on a worker
                nodeid: [list(pair) for pair in covered] for nodeid, covered in self.tests.items()
            }

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: object) -> None:
        """Take a finished xdist worker's map (each worker collects the whole selection)."""
        sent = getattr(node, "workeroutput", {}).get(WORKER_OUTPUT, {})
        for nodeid, pairs in sent.items():
            self.tests[nodeid] = tuple((requirement, how) for requirement, how in pairs)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Keep the test's outcome: failed if any phase failed, else skipped or passed."""
        if self.outcomes.get(report.nodeid) == "failed":
            return
        if report.failed:
            self.outcomes[report.nodeid] = "failed"
        elif report.skipped:
            self.outcomes[report.nodeid] = "xfailed" if hasattr(report, "wasxfail") else "skipped"
        elif report.when == "call":
            self.outcomes[report.nodeid] = "passed"

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Write the map (``--trace-map``) and the last-result page (controller only)."""
        if self.is_worker:
            return
        trace = TraceMap(self.tests)
        where = self.config.invocation_params.dir
        map_path = self.config.getoption("--trace-map")
        if map_path:
            _write(where / map_path, trace.to_json())
        page = report_path(self.config)
        if page is not None and self.tests and not self.config.option.collectonly:
            command = "pytest " + " ".join(self.config.invocation_params.args)
            sections, now = load(), datetime.now()
            _write(where / page, render_results(sections, trace, self.outcomes, command, now))
            data = results_data(sections, trace, self.outcomes, command, now)
            _write((where / page).with_suffix(".json"), json.dumps(data, ensure_ascii=False))


def report_path(config: pytest.Config) -> Path | None:
    """Return where the last-result page goes: ``--trace-report``, else beside ``--html``'s."""
    chosen: str | None = config.getoption("--trace-report")
    if chosen:
        return Path(chosen)
    html: str | None = config.getoption("htmlpath", None)  # pytest-html's --html
    return Path(html).parent / TRACE_REPORT if html else None


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
