"""``python -m e2e.regression mutants``: do the suite and the checks catch a broken portal?

The unmutated portal (the control) runs first and must pass, or the score would mean nothing.
A folder per portal tried holds its jobs' logs and drift report; ``summary.json`` beside them
says which caught what, for machines and the results page (docs/results.md). See
docs/regression.md#mutants-the-checks-check-themselves.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import click

from ..harness.labels import LOCALES
from ..harness.progress import Progress
from ..harness.suite import PORTAL_TESTS
from .mutants import MUTANTS, MutantOutdated, apply_mutant

DEFAULT_OUTPUT = "artifacts/regression/mutants"
SUMMARY = "summary.json"
CONTROL = "control"
JOBS = ("e2e", "regression")  # the kinds of job each portal gets, in this order
MAX_FLAKY = 3  # unconfirmed e2e failures stepped over before a job counts as flaky
JOB_TIMEOUT_S = 3_600  # a mutant the suite only catches late runs nearly all of it
FAILED_TEST = re.compile(r"^FAILED (\S+)", re.M)
ERROR_TEST = re.compile(r"^ERROR (\S+)", re.M)
DRIFTED = re.compile(r"^\d+ flows: \d+ unchanged, (\d+) drifted", re.M)
# A drifted flow's progress line, plain (not a terminal): "[ 3/64] DRIFT  close_account_A 4.1s …"
DRIFT_LINE = re.compile(r"^(?:\[\s*\d+/\d+\]\s*)?DRIFT\s+(\S+)")
# The checks run in every language, as they did before --locale had one default (docs/toolbelt.md)
EVERY_LOCALE = [part for locale in LOCALES for part in ("--locale", locale)]


@dataclass
class JobResult:
    """How one job (the suite or the checks, against one portal) went."""

    mutant: str
    kind: str  # "e2e" or "regression"
    outcome: str  # "passed", "failed" (caught, confirmed), "flaky" (not confirmed) or "error"
    detail: str
    seconds: float
    log: str


def e2e_command(mutant: str) -> list[str]:
    """Return the e2e suite's command line against ``mutant`` (none for the control)."""
    # Only the tests about the portal: the tools' own tests start their own mutants or film the
    # same flows the suite and the checks already drive (minutes of video per mutant).
    command = [sys.executable, "-m", "pytest", *PORTAL_TESTS, "-x", "-q", "-p", "no:cacheprovider"]
    return command + ([] if mutant == CONTROL else ["--mutant", mutant])


def regression_command(mutant: str, report: Path) -> list[str]:
    """Return the regression checks' command line against ``mutant``."""
    command = [sys.executable, "-m", "e2e.regression", "check", "--fail-fast", "--jobs", "1"]
    command += [*EVERY_LOCALE, "--output", str(report)]
    return command + ([] if mutant == CONTROL else ["--mutant", mutant])


def _run(command: list[str]) -> tuple[int, str]:
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=JOB_TIMEOUT_S, check=False
        )
        return done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired as expired:
        partial = expired.stdout or b""
        text = partial.decode(errors="replace") if isinstance(partial, bytes) else partial
        return -1, f"{text}\n{expired}"


def run_job(mutant: str, kind: str, out: Path) -> JobResult:
    """Run one job, classify its outcome, and confirm a catch before counting it."""
    folder = out / mutant
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"{kind}.log"
    if kind == "e2e":
        command = e2e_command(mutant)
    else:
        command = regression_command(mutant, folder / "report")
    started = time.perf_counter()
    code, output = _run(command)
    outcome, detail = classify(kind, code, output)
    flaky: list[str] = []
    while outcome == "failed" and mutant != CONTROL:
        confirmed, how = confirm(mutant, kind, detail, folder)
        output += f"\n\n===== confirming the catch\n{how}"
        if confirmed:
            break
        flaky.append(detail)
        if kind != "e2e" or len(flaky) >= MAX_FLAKY:
            outcome = "flaky"
            break
        # -x stopped at a test that failed by chance: go on without it, the real catch may follow
        command = [*command, f"--deselect={detail}"]
        code, again = _run(command)
        output += f"\n\n===== again without {detail}\n{again}"
        outcome, detail = classify(kind, code, again)
    if flaky and outcome != "flaky":
        detail = f"{detail} (after deselecting flaky {', '.join(flaky)})".strip()
    log.write_text(output, encoding="utf-8")
    seconds = round(time.perf_counter() - started, 1)
    return JobResult(mutant, kind, outcome, detail, seconds, str(log))


def confirm(mutant: str, kind: str, detail: str, folder: Path) -> tuple[bool, str]:
    """Re-run what caught ``mutant``: it must fail again, and pass on the unmutated portal.

    A loaded machine can make any test time out once; a catch only counts when it is the
    mutant, not the weather.
    """
    if kind == "e2e":
        base = [sys.executable, "-m", "pytest", detail, "-q", "-p", "no:cacheprovider"]
        on_mutant, on_control = [*base, "--mutant", mutant], base
    else:
        flow = detail.split(":", 1)[0]
        base = [sys.executable, "-m", "e2e.regression", "check", "--flow", flow, "--jobs", "1"]
        base += EVERY_LOCALE
        on_mutant = [*base, "--mutant", mutant, "--output", str(folder / "confirm-mutant")]
        on_control = [*base, "--output", str(folder / "confirm-control")]
    again, again_output = _run(on_mutant)
    control, control_output = _run(on_control)
    confirmed = again == 1 and control == 0
    how = (
        f"$ {' '.join(on_mutant)}\n-> exit {again}\n{_last_line(again_output)}\n"
        f"$ {' '.join(on_control)}\n-> exit {control}\n{_last_line(control_output)}\n"
        f"{'confirmed' if confirmed else 'NOT confirmed: counted as flaky, not as a catch'}"
    )
    return confirmed, how


def classify(kind: str, code: int, output: str) -> tuple[str, str]:
    """Say whether a job passed, caught the mutant (failed) or broke (error), and why."""
    if code == 0:
        return "passed", ""
    if kind == "e2e":
        if code == 1 and (failed := FAILED_TEST.search(output)):
            return "failed", failed.group(1)
        error = ERROR_TEST.search(output)
        return "error", error.group(1) if error else _last_line(output)
    drifted = DRIFTED.search(output)
    if code == 1 and drifted and int(drifted.group(1)) > 0:
        return "failed", _first_drift(output)
    return "error", _last_line(output)


def _first_drift(output: str) -> str:
    lines = output.splitlines()
    for number, line in enumerate(lines):
        drift = DRIFT_LINE.match(line.strip())
        if drift:
            reason = lines[number + 1].strip() if number + 1 < len(lines) else ""
            return f"{drift.group(1)}: {reason}"
    return ""


def _last_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    return lines[-1][:200] if lines else "(no output)"


def outdated(names: list[str]) -> dict[str, str]:
    """Return the mutants that no longer apply to the portal, with the reason."""
    from mock_portal import create_app

    logging.getLogger("mock_portal").setLevel(logging.ERROR)  # no test-API warning per app
    problems = {}
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            app = create_app({"DATABASE_URL": f"sqlite:///{folder}/{name}.sqlite3"})
            try:
                apply_mutant(app, name)
            except MutantOutdated as problem:
                problems[name] = str(problem)
    return problems


def summary_data(
    names: list[str],
    results: Mapping[tuple[str, str], JobResult],
    outdated: Mapping[str, str],
    minutes: float,
) -> dict[str, Any]:
    """Return the run as data: the control's jobs (None if skipped), each mutant caught or not
    and by which job, and the score."""
    control = [results[CONTROL, kind] for kind in JOBS if (CONTROL, kind) in results]
    mutants = []
    for name in names:
        jobs = [results[name, kind] for kind in JOBS if (name, kind) in results]
        mutants.append(
            {
                "mutant": name,
                "description": MUTANTS[name].description,
                "caught": any(job.outcome == "failed" for job in jobs),
                "outdated": outdated.get(name, ""),
                "jobs": [asdict(job) for job in jobs],
            }
        )
    clean = all(job.outcome == "passed" for job in control)
    return {
        "control": {"clean": clean, "jobs": [asdict(job) for job in control]} if control else None,
        "mutants": mutants,
        "caught": sum(bool(mutant["caught"]) for mutant in mutants),
        "total": len(mutants),
        "minutes": round(minutes, 1),
    }


def write_summary(
    out: Path,
    names: list[str],
    results: Mapping[tuple[str, str], JobResult],
    outdated: Mapping[str, str],
    minutes: float,
) -> Path:
    """Write ``out/summary.json`` (``summary_data``) and return its path."""
    path = out / SUMMARY
    summary = summary_data(names, results, outdated, minutes)
    path.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def remove_last_run(out: Path) -> None:
    """Remove what the last run left in ``out``: its summary and the folder of each portal tried.

    Nothing else there goes, whatever folder ``--output`` names.
    """
    for name in {CONTROL, *MUTANTS, *_tried(out)}:
        folder = out / name
        if name.strip(".") and "/" not in name and folder.is_dir():  # a name, not a path
            shutil.rmtree(folder)
    (out / SUMMARY).unlink(missing_ok=True)


def _tried(out: Path) -> set[str]:
    """Return the mutants the last summary in ``out`` names (none if it cannot be read)."""
    try:
        data = json.loads((out / SUMMARY).read_text(encoding="utf-8"))
        mutants = data["mutants"] if isinstance(data, dict) else data  # a list before the control
        return {str(mutant["mutant"]) for mutant in mutants}
    except (OSError, ValueError, LookupError, TypeError):
        return set()


def run_mutants(
    names: list[str],
    *,
    jobs: int,
    output: Path | str = DEFAULT_OUTPUT,
    skip_control: bool = False,
    list_only: bool = False,
) -> int:
    """Run every mutant named (all if none) against the suite and the checks; print the score.

    Return the exit status: 0 all caught, 1 a mutant missed, 2 the control not clean.
    """
    names = names or list(MUTANTS)
    if list_only:
        for name in names:
            click.echo(f"{name:<28} {MUTANTS[name].description}")
        return 0
    out = Path(output)
    remove_last_run(out)
    out.mkdir(parents=True, exist_ok=True)
    broken = outdated(names)
    portals = ([] if skip_control else [CONTROL]) + [n for n in names if n not in broken]
    pairs = [(portal, kind) for portal in portals for kind in JOBS]
    started = time.perf_counter()
    results: dict[tuple[str, str], JobResult] = {}
    title = f"{len(names)} mutants × (e2e suite -x, regression checks --fail-fast)"
    with Progress(title, len(pairs)) as progress, ThreadPoolExecutor(max_workers=jobs) as pool:
        progress.say(f"{jobs} jobs at a time; logs in {out}/")
        futures = {
            pool.submit(run_job, portal, kind, out): (portal, kind) for portal, kind in pairs
        }
        for future in as_completed(futures):
            job = results[futures[future]] = future.result()
            notes = [job.detail] if job.detail else []
            shown = "caught" if job.outcome == "failed" and job.mutant != CONTROL else job.outcome
            progress.done(f"{job.mutant} {job.kind}", shown, job.seconds, job.log, notes=notes)

    status = 0
    if not skip_control:
        control = [results[(CONTROL, kind)] for kind in JOBS]
        clean = all(job.outcome == "passed" for job in control)
        print(f"  {'control':<28} {'CLEAN' if clean else 'NOT CLEAN'}  (the unmutated portal)")
        for job in control:
            if job.outcome != "passed":
                print(f"      {job.kind}: {job.outcome} {job.detail} (log {job.log})")
        if not clean:
            status = 2
    caught = 0
    for name in names:
        if name in broken:
            print(f"  {name:<28} OUTDATED {broken[name]}")
            continue
        pair = [results[(name, kind)] for kind in JOBS]
        catchers = [job for job in pair if job.outcome == "failed"]
        caught += bool(catchers)
        mark = "CAUGHT" if catchers else "MISSED"
        print(f"  {name:<28} {mark:<8} {MUTANTS[name].description}")
        for job in pair:
            what = {
                "failed": "caught by",
                "passed": "passed",
                "flaky": "failed once, not confirmed:",
                "error": "ERROR",
            }[job.outcome]
            print(f"      {job.kind:<10} {what} {job.detail}".rstrip())
    total = len(names)
    minutes = (time.perf_counter() - started) / 60
    write_summary(out, names, results, broken, minutes)
    print(f"\nMutation score: {caught}/{total} caught ({minutes:.1f} min)")
    if caught < total:
        status = status or 1
    return status
