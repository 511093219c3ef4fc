"""Soak the e2e suite: run it many times with the other core kept busy, and name every flake.

See docs/performance.md#soak.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import click

from ..harness.flags import jobs_option, output_option
from ..harness.progress import Progress
from ..harness.suite import PORTAL_TESTS, SUITE, TOOL_TESTS

DEFAULT_OUTPUT = "artifacts/soak"

# Test files that produce artifacts (videos, screenshots, gunicorn fleets) and take minutes;
# they prove the tooling, not the portal, so a soak leaves them out by default.

# The burner spins until its deadline or until its parent is gone, whichever comes first, so a
# soak killed with SIGKILL still cannot leave a core spinning for ever.
BURNER_SOURCE = """
import os, sys, time
deadline = time.monotonic() + float(sys.argv[1])
parent = os.getppid()
while time.monotonic() < deadline and os.getppid() == parent:
    for _ in range(200_000):
        pass
"""

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"


@dataclass
class RunResult:
    """One pytest run of the soak: what each test did, and how the run itself ended."""

    number: int
    exit_code: int | None  # None: killed at the run timeout
    seconds: float
    report: str
    outcomes: dict[str, str] = field(default_factory=dict)  # test id → passed/failed/skipped

    def count(self, outcome: str) -> int:
        """Return how many tests had ``outcome`` in this run."""
        return sum(1 for seen in self.outcomes.values() if seen == outcome)

    @property
    def broken(self) -> str:
        """Say why the run itself went wrong (no report, timeout, internal error), or ``""``."""
        if self.exit_code is None:
            return "timed out"
        if not self.outcomes:
            return f"no test results (pytest exit code {self.exit_code})"
        if self.exit_code not in (0, 1):
            return f"pytest exit code {self.exit_code}"
        return ""


@dataclass
class SoakSummary:
    """What the runs add up to: failures, flaky tests and tests that always failed."""

    runs: int
    failures: int
    tests: int
    flaky: dict[str, tuple[int, int]]  # test id → (failed, ran)
    always_failed: dict[str, int]  # test id → runs it failed in
    broken_runs: dict[int, str]

    @property
    def ok(self) -> bool:
        """Say whether every test passed in every run and every run finished."""
        return not self.failures and not self.broken_runs


def test_id(case: ET.Element) -> str:
    """Return a pytest node id for a JUnit ``<testcase>`` (``e2e/test_x.py::test_y[A]``)."""
    classname, name = case.get("classname", ""), case.get("name", "")
    file = case.get("file")  # junit_family=xunit1 writes it
    if file:
        module = file.removesuffix(".py").replace("/", ".")
        inner = classname.removeprefix(module).lstrip(".")
        return "::".join(part for part in (file, inner.replace(".", "::"), name) if part)
    return f"{classname}::{name}" if classname else name


def parse_junit(path: Path) -> dict[str, str]:
    """Return each test's outcome in one JUnit XML report; an error counts as a failure."""
    outcomes: dict[str, str] = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        tags = {child.tag for child in case}
        if tags & {"failure", "error"}:
            outcome = FAILED
        elif "skipped" in tags:
            outcome = SKIPPED
        else:
            outcome = PASSED
        key = test_id(case)
        # A teardown error can add a second entry for a test that passed: failed wins.
        if outcomes.get(key) != FAILED:
            outcomes[key] = outcome
    return outcomes


def summarise(runs: Sequence[RunResult]) -> SoakSummary:
    """Add the runs up: flaky tests both passed and failed; the always-failing never passed."""
    failed: dict[str, int] = {}
    ran: dict[str, int] = {}
    passed: set[str] = set()
    for run in runs:
        for test, outcome in run.outcomes.items():
            if outcome == SKIPPED:
                continue
            ran[test] = ran.get(test, 0) + 1
            if outcome == FAILED:
                failed[test] = failed.get(test, 0) + 1
            else:
                passed.add(test)
    return SoakSummary(
        runs=len(runs),
        failures=sum(failed.values()),
        tests=len({test for run in runs for test in run.outcomes}),
        flaky={t: (failed[t], ran[t]) for t in sorted(failed) if t in passed},
        always_failed={t: failed[t] for t in sorted(failed) if t not in passed},
        broken_runs={run.number: run.broken for run in runs if run.broken},
    )


def summarise_reports(paths: Iterable[Path]) -> SoakSummary:
    """Summarise JUnit XML reports already on disk, one per run."""
    runs = [
        RunResult(number, 0, 0.0, str(path), parse_junit(path))
        for number, path in enumerate(paths, start=1)
    ]
    return summarise(runs)


@contextmanager
def cpu_burners(count: int, deadline_seconds: float) -> Iterator[list[subprocess.Popen[bytes]]]:
    """Keep ``count`` cores busy with spinning child processes; always kill them on exit."""
    burners = [
        subprocess.Popen([sys.executable, "-c", BURNER_SOURCE, str(deadline_seconds)])
        for _ in range(count)
    ]
    try:
        yield burners
    finally:
        for burner in burners:
            burner.kill()
        for burner in burners:
            burner.wait()


def pytest_command(
    report: Path, workers: int, portal_only: bool, extra: Sequence[str]
) -> list[str]:
    """Return the pytest command line of one soak run (the whole suite unless extra names paths)."""
    names_paths = any(
        not arg.startswith("-") and Path(arg.split("::")[0]).exists() for arg in extra
    )
    suite = [] if names_paths else (PORTAL_TESTS if portal_only else [SUITE])
    command = [sys.executable, "-m", "pytest", *suite]
    command += ["-q", "-p", "no:cacheprovider"]
    if workers > 1:
        command += ["-n", str(workers)]
    command += [f"--junitxml={report}", "-o", "junit_family=xunit1"]
    return command + list(extra)


def run_once(number: int, command: list[str], report: Path, log: Path, timeout: float) -> RunResult:
    """Run pytest once in its own process group; kill the whole group at the timeout."""
    report.unlink(missing_ok=True)
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            exit_code: int | None = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            exit_code = None
        finally:
            # Timeout, Ctrl-C or a clean exit: leave no xdist worker or browser behind. The group
            # id cannot be reused while any member lives, so this never hits a stranger.
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
    outcomes = parse_junit(report) if report.exists() else {}
    return RunResult(number, exit_code, time.perf_counter() - started, str(report), outcomes)


def show_run(progress: Progress, run: RunResult) -> None:
    """Report one finished run: its counts, and why it broke if it did."""
    counts = f"{run.count(PASSED)} passed, {run.count(FAILED)} failed, {run.count(SKIPPED)} skipped"
    mark = "broken" if run.broken else "FAIL" if run.count(FAILED) else "ok"
    notes = [counts] + ([run.broken] if run.broken else [])
    log = Path(run.report).with_suffix(".log")
    progress.done(f"run {run.number}", mark, run.seconds, log, notes=notes)


def print_summary(summary: SoakSummary, out: Path) -> None:
    """Print the runs, failures, flaky and always-failing tests."""
    print(f"\nSoak: {summary.runs} runs of {summary.tests} tests, {summary.failures} failures")
    print(f"Flaky (passed and failed): {len(summary.flaky)}")
    for test, (failed, ran) in summary.flaky.items():
        print(f"  {test}  failed {failed}/{ran}")
    print(f"Always failed: {len(summary.always_failed)}")
    for test, failed in summary.always_failed.items():
        print(f"  {test}  failed {failed}/{failed}")
    for number, why in summary.broken_runs.items():
        print(f"Run {number} broke: {why}")
    print(f"Reports: {out}/run-NN.xml, logs: {out}/run-NN.log, summary: {out}/summary.json")


@click.command(
    name="soak",
    short_help="run the e2e suite many times and name every flaky test",
    epilog="Arguments after -- go to pytest: weilidai soak --runs 5 -- -k close_account",
)
@click.option(
    "--runs", type=click.IntRange(min=1), default=20, show_default=True, metavar="N", help="runs"
)
@jobs_option
@click.option(
    "--burners",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    metavar="N",
    help="CPU burners: cores kept busy beside the suite",
)
@click.option(
    "--portal-only",
    is_flag=True,
    help=f"leave out the tools' own browser tests ({TOOL_TESTS})  [default: the whole suite]",
)
@click.option(
    "--run-timeout",
    type=click.FloatRange(min=1),
    default=1800,
    show_default=True,
    metavar="SECONDS",
    help="kill a run after this long",
)
@output_option(DEFAULT_OUTPUT)
@click.argument("pytest_args", nargs=-1, type=click.UNPROCESSED)
def command(
    runs: int,
    jobs: int,
    burners: int,
    portal_only: bool,
    run_timeout: float,
    output: Path,
    pytest_args: tuple[str, ...],
) -> None:
    """Run the e2e suite --runs times (each with pytest -n --jobs) beside --burners busy cores,
    and name every flaky test. docs/performance.md#soak.

    Exit status 1 if any test failed in any run, or a run broke.
    """
    out = output
    out.mkdir(parents=True, exist_ok=True)
    for stale in [*out.glob("run-*.xml"), *out.glob("run-*.log")]:
        stale.unlink()
    # SIGTERM (e.g. from CI) unwinds like Ctrl-C, so the burners and the current run die too.
    signal.signal(signal.SIGTERM, signal.default_int_handler)

    finished: list[RunResult] = []
    deadline = runs * run_timeout + 60
    title = f"Soak: {runs} runs, -n {jobs}, {burners} CPU burner(s)"
    with Progress(title, runs) as progress, cpu_burners(burners, deadline):
        for number in range(1, runs + 1):
            report = out / f"run-{number:02d}.xml"
            pytest = pytest_command(report, jobs, portal_only, pytest_args)
            if number == 1:
                progress.say("  " + " ".join(pytest[1:]))
            run = run_once(number, pytest, report, report.with_suffix(".log"), run_timeout)
            finished.append(run)
            show_run(progress, run)

    summary = summarise(finished)
    (out / "summary.json").write_text(
        json.dumps(
            {
                "runs": [
                    {
                        "number": run.number,
                        "exit_code": run.exit_code,
                        "seconds": round(run.seconds, 1),
                        "report": run.report,
                        "passed": run.count(PASSED),
                        "failed": run.count(FAILED),
                        "skipped": run.count(SKIPPED),
                        "broken": run.broken,
                    }
                    for run in finished
                ],
                "summary": asdict(summary),
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    print_summary(summary, out)
    if not summary.ok:
        raise SystemExit(1)
