"""Benchmark the harness: per-step time against the browser floor, -n 2 speed-up, latency, video.

It reads clocks on purpose: it is a measuring tool, not a test. See docs/performance.md#bench.
"""

from __future__ import annotations

import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import click
from flask import Flask
from playwright.sync_api import Browser, Page, expect, sync_playwright
from werkzeug.wsgi import ClosingIterator

from ..harness.api import PREFIX, PortalApi, TestApiError
from ..harness.browser_env import launch_options
from ..harness.devices import LOCALE, PHONE
from ..harness.driver import Observer, Outcome, drive
from ..harness.flags import (
    base_url_option,
    chosen_flows,
    echo_flows,
    flow_option,
    list_option,
    locale_option,
    output_option,
    variant_option,
)
from ..harness.journey import Flow, Journey, Step
from ..harness.portal import LivePortal, start_portal
from ..harness.progress import Progress
from ..harness.suite import PORTAL_TESTS, SMOKE
from ..harness.trail import Tap
from .steplog import PLUGIN as STEP_LOG_PLUGIN
from .steplog import STEP_LOG_ENV

DEFAULT_OUTPUT = "artifacts/bench"

# ------------------------------------------------------------------ the browser floor

FLOOR_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>第{n}页</title></head>
<body><h1>第{n}页</h1><p><a href="/floor/{next}">下一页</a></p></body></html>
"""


def floor_heading(n: int) -> str:
    """Return the heading of floor page ``n``."""
    return f"第{n}页"


class _FloorHandler(BaseHTTPRequestHandler):
    """Serve ``/floor/<n>``: a heading and a link to page n+1; anything else is a 404."""

    protocol_version = "HTTP/1.1"  # keep-alive, as the portal's browser connections are

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        match = re.fullmatch(r"/floor/(\d+)", self.path)
        if match is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        n = int(match.group(1))
        body = FLOOR_PAGE.format(n=n, next=n + 1).encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        pass  # a bench that prints every request would measure the terminal


@dataclass
class FloorServer:
    """Static pages, each a heading and a link to the next, on a loopback port until ``stop()``."""

    server: ThreadingHTTPServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        """Return the server's base URL."""
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        """Shut the server down."""
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def floor_server() -> Iterator[FloorServer]:
    """Serve the floor pages on 127.0.0.1, port 0, from a daemon thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FloorHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="bench-floor", daemon=True)
    thread.start()
    floor = FloorServer(server, thread)
    try:
        yield floor
    finally:
        floor.stop()


def open_floor(page: Page, floor_url: str) -> None:
    """Open floor page 0 and wait for its heading."""
    page.goto(f"{floor_url}/floor/0")
    expect(page.get_by_role("heading", level=1)).to_have_text(floor_heading(0))


def floor_step(page: Page, to: int) -> None:
    """One click-navigate-assert step: tap 下一页, wait for page ``to``'s heading."""
    page.get_by_role("link", name="下一页", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(floor_heading(to))


def time_floor(browser: Browser, floor_url: str, steps: int) -> list[float]:
    """Return the seconds of each of ``steps`` floor steps, in a fresh phone context."""
    context = browser.new_context(**PHONE, **LOCALE)
    try:
        page = context.new_page()
        open_floor(page, floor_url)
        seconds = []
        for to in range(1, steps + 1):
            started = time.perf_counter()
            floor_step(page, to)
            seconds.append(time.perf_counter() - started)
        return seconds
    finally:
        context.close()


# ------------------------------------------------------------------ timing the portal


@dataclass
class ServedRequest:
    """One request the portal answered, as the timing middleware saw it."""

    method: str
    path: str
    status: int
    ms: float


class RequestTimer:
    """WSGI middleware: time each request from the call until its body is closed."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self.samples: list[ServedRequest] = []
        self.active = False
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        started = time.perf_counter()
        status: list[int] = [0]

        def remember_status(code: str, headers: Any, exc_info: Any = None) -> Any:
            status[0] = int(code.split(" ", 1)[0])
            return start_response(code, headers, exc_info)

        def record() -> None:
            if self.active:
                sample = ServedRequest(
                    environ["REQUEST_METHOD"],
                    environ.get("PATH_INFO", ""),
                    status[0],
                    (time.perf_counter() - started) * 1000,
                )
                with self._lock:
                    self.samples.append(sample)

        return ClosingIterator(self.app(environ, remember_status), [record])

    @contextmanager
    def capturing(self) -> Iterator[list[ServedRequest]]:
        """Record requests only inside this block; yield the list they are added to."""
        first = len(self.samples)
        self.active = True
        captured: list[ServedRequest] = []
        try:
            yield captured
        finally:
            self.active = False
            with self._lock:
                captured.extend(self.samples[first:])


def start_timed_portal(folder: Path) -> tuple[LivePortal, RequestTimer]:
    """Start the in-process portal, its Flask ``wsgi_app`` wrapped in a ``RequestTimer``."""
    portal = start_portal(folder / "portal.sqlite3")
    assert portal.server is not None
    app = portal.server.app
    assert isinstance(app, Flask), "start_portal serves the Flask app itself"
    timer = RequestTimer(app.wsgi_app)
    app.wsgi_app = timer  # type: ignore[method-assign]  # Flask's documented middleware hook
    return portal, timer


def percentile(values: list[float], p: float) -> float:
    """Return the nearest-rank ``p``-th percentile of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def latency_stats(ms: list[float]) -> dict[str, Any]:
    """Return count, p50, p95, p99 and max of request times in ms."""
    if not ms:
        return {"requests": 0}
    return {
        "requests": len(ms),
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "max_ms": round(max(ms), 2),
    }


# ------------------------------------------------------------------ timing the flows


class StepTimer(Observer):
    """Time every step of a drive, and read the portal's request journal around it."""

    def __init__(self) -> None:
        self.seconds: list[float] = []
        self.journal_ms: list[float] = []
        self._started = 0.0
        self._journal_on = False

    def flow_started(self, journey: Journey) -> None:
        self._journal_on = clear_journal(journey.api)

    def before_step(self, index: int, step: Step[Any], journey: Journey) -> None:
        self._started = time.perf_counter()

    def after_step(self, index: int, step: Step[Any], journey: Journey, taps: list[Tap]) -> None:
        self.seconds.append(time.perf_counter() - self._started)

    def flow_finished(self, outcome: Outcome) -> None:
        if self._journal_on and outcome.passed and outcome.journey is not None:
            self.journal_ms = read_journal(outcome.journey.api)


@dataclass
class FlowRun:
    """One timed run of a flow: its steps, its whole context's life, and portal timings."""

    step_seconds: list[float]
    total_seconds: float  # new_context → context.close(), so a video's flush counts
    error: str = ""
    journal_ms: list[float] = field(default_factory=list)


def time_flow(
    browser: Browser, base_url: str, flow: Flow, video_dir: Path | None = None
) -> FlowRun:
    """Run one flow from a reset portal in a fresh phone context; never raise."""
    timer = StepTimer()
    extra = {"record_video_dir": str(video_dir)} if video_dir is not None else {}
    outcome = drive(browser, base_url, flow, [timer], context_args=extra)
    return FlowRun(timer.seconds, outcome.seconds, outcome.error_line(), timer.journal_ms)


def clear_journal(api: PortalApi) -> bool:
    """Empty the portal's request journal; say whether the portal has one (its test API on)."""
    try:
        api.clear_requests()
    except TestApiError:
        return False
    return True


def read_journal(api: PortalApi) -> list[float]:
    """Return the journal's durations (ms) of the portal's own (non test-API) requests."""
    return [e["duration_ms"] for e in api.requests() if not e["path"].startswith(PREFIX)]


# ------------------------------------------------------------------ the suite's wall time


def suite_command(paths: list[str], workers: int) -> list[str]:
    """Return the pytest command that times the suite with ``workers`` (1: serial), each test
    noting its browser steps (``steplog``)."""
    command = [sys.executable, "-m", "pytest", *paths, "-q", "-p", "no:cacheprovider"]
    command += ["-p", STEP_LOG_PLUGIN]
    return command + (["-n", str(workers)] if workers > 1 else ["-p", "no:xdist"])


def cpu_times(stat: str) -> tuple[int, int]:
    """Return (busy, total) jiffies of all CPUs from the text of ``/proc/stat``.

    Idle and iowait count as not busy; guest time is already inside user and nice.
    """
    fields = [int(x) for x in stat.splitlines()[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    busy = user + nice + system + irq + softirq + steal
    return busy, busy + idle + iowait


def busy_fraction(before: tuple[int, int], after: tuple[int, int]) -> float | None:
    """Return the share of all CPUs' time that was busy between two ``cpu_times`` readings."""
    total = after[1] - before[1]
    return (after[0] - before[0]) / total if total > 0 else None


def _read_cpu_times() -> tuple[int, int] | None:
    try:
        return cpu_times(Path("/proc/stat").read_text(encoding="ascii"))
    except OSError:  # not Linux: the bench still times the suite, without the CPU share
        return None


def time_suite(paths: list[str], workers: int, log: Path) -> dict[str, Any]:
    """Run the suite once as a subprocess; return its wall time, CPU share and last line.

    The CPU share (all cores, whole machine, from /proc/stat) bounds what ``-n 2`` can gain:
    a serial run that keeps 85 % of the machine busy can be sped up by at most 1/0.85.
    """
    step_log = log.with_suffix(".steps.tsv")
    step_log.unlink(missing_ok=True)
    cpu_before = _read_cpu_times()
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            suite_command(paths, workers),
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
            env={**os.environ, STEP_LOG_ENV: str(step_log)},
        )
    seconds = time.perf_counter() - started
    cpu_after = _read_cpu_times()
    busy = busy_fraction(cpu_before, cpu_after) if cpu_before and cpu_after else None
    lines = [line for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = lines[-1].strip("= ") if lines else ""
    return {
        "workers": workers,
        "seconds": round(seconds, 1),
        "tests": tests_run(result),
        "browser_steps": browser_steps(step_log),
        "cpu_busy": round(busy, 3) if busy is not None else None,
        "exit_code": done.returncode,
        "result": result,
        "log": str(log),
    }


def tests_run(result: str) -> int:
    """Return how many tests ran, from pytest's last line (``62 passed, 1 failed in 83.1s``)."""
    return sum(
        int(count) for count, outcome in re.findall(r"(\d+) (passed|failed|error|errors)\b", result)
    )


def browser_steps(step_log: Path) -> int:
    """Return the screens the suite's browser loaded, from each test's line in ``step_log``."""
    if not step_log.exists():
        return 0
    lines = step_log.read_text(encoding="utf-8").splitlines()
    return sum(int(line.rsplit("\t", 1)[1]) for line in lines if "\t" in line)


def cost_in_floor_steps(run: dict[str, Any], floor_step_ms: float) -> float | None:
    """Return a suite run's wall time per test in floor steps (wall ÷ floor step ÷ tests)."""
    seconds: float = run["seconds"]
    tests: int = run["tests"]
    if not tests or not floor_step_ms:
        return None
    return seconds * 1000 / floor_step_ms / tests


def suite_paths(choice: str) -> list[str]:
    """Return the test paths of ``--suite``: ``subset``, ``full`` or explicit paths."""
    if choice == "subset":
        return list(SMOKE)
    if choice == "full":
        return list(PORTAL_TESTS)
    return choice.split(",")


# ------------------------------------------------------------------ the machine


def machine() -> dict[str, Any]:
    """Describe the machine: CPUs, CPU model, memory, load, Python."""
    model = "unknown"
    memory_kib = 0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
    except OSError:
        pass
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_model": model,
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }


# ------------------------------------------------------------------ the run


def median(values: list[float]) -> float:
    """Return the median, or NaN for no values."""
    return statistics.median(values) if values else math.nan


def measure_flows(
    browser: Browser,
    base_url: str,
    floor_url: str,
    chosen: list[Flow],
    repeats: int,
    video: bool,
    timer: RequestTimer,
    warmup: int = 1,
    progress: Progress | None = None,
) -> tuple[dict[str, dict[str, list[Any]]], list[ServedRequest]]:
    """Run every flow, its floor and its video twin ``repeats`` times, interleaved.

    Return each flow's runs by kind (``plain``, ``floor``, ``video``) and the requests the portal
    served during the plain runs. ``warmup`` untimed rounds go first, so that first-use costs
    (Jinja compiling each template, the browser's first launch of a renderer) fall on no one.
    ``progress`` hears of each flow of each timed round as it ends.
    """
    for _ in range(warmup):
        for flow in chosen:
            time_flow(browser, base_url, flow)
        time_floor(browser, floor_url, 3)
    runs: dict[str, dict[str, list[Any]]] = {
        flow.name: {"plain": [], "floor": [], "video": []} for flow in chosen
    }
    served: list[ServedRequest] = []
    kinds = ["plain", "floor", "video"] if video else ["plain", "floor"]
    with tempfile.TemporaryDirectory(prefix="bench-video-") as videos:
        for round_ in range(repeats):
            order = kinds[round_ % len(kinds) :] + kinds[: round_ % len(kinds)]
            for flow in chosen:
                started = time.perf_counter()
                errors: list[str] = []
                for kind in order:
                    run: FlowRun | list[float]
                    if kind == "plain":
                        with timer.capturing() as captured:
                            run = time_flow(browser, base_url, flow)
                        served.extend(captured)
                    elif kind == "floor":
                        run = time_floor(browser, floor_url, len(flow.steps))
                    else:
                        run = time_flow(browser, base_url, flow, Path(videos))
                    runs[flow.name][kind].append(run)
                    if isinstance(run, FlowRun) and run.error:
                        errors.append(f"{kind}: {run.error}")
                if progress is not None:
                    name = f"{flow.name} round {round_ + 1}/{repeats}"
                    seconds = time.perf_counter() - started
                    progress.done(name, "FAIL" if errors else "ok", seconds, notes=errors)
    return runs, served


def flow_figures(flow: Flow, runs: dict[str, list[Any]]) -> dict[str, Any]:
    """Return one flow's medians and ratios from its plain, floor and video runs."""
    plain = [r for r in runs["plain"] if not r.error]
    video = [r for r in runs["video"] if not r.error]
    step_s = [s for r in plain for s in r.step_seconds]
    floor_s = [s for seconds in runs["floor"] for s in seconds]
    per_step = [
        {
            "step": step.name,
            "median_ms": round(median([r.step_seconds[i] for r in plain]) * 1000, 1),
        }
        for i, step in enumerate(flow.steps)
        if plain
    ]
    figures: dict[str, Any] = {
        "steps": len(flow.steps),
        "runs": len(runs["plain"]),
        "failed_runs": len(runs["plain"]) - len(plain) + len(runs["video"]) - len(video),
        "median_step_ms": round(median(step_s) * 1000, 1),
        "floor_median_step_ms": round(median(floor_s) * 1000, 1),
        "per_step": per_step,
        "median_flow_s": round(median([r.total_seconds for r in plain]), 2),
    }
    figures["ratio_to_floor"] = round(median(step_s) / median(floor_s), 2)
    if runs["video"]:
        with_video = median([r.total_seconds for r in video])
        figures["median_flow_with_video_s"] = round(with_video, 2)
        figures["video_ratio"] = round(with_video / median([r.total_seconds for r in plain]), 2)
        figures["video_steps_ratio"] = round(
            median([s for r in video for s in r.step_seconds]) / median(step_s), 2
        )
    return figures


@click.command(name="bench", short_help="measure the harness: steps, the suite, latency, video")
@flow_option
@variant_option
@locale_option
@click.option(
    "--repeats",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    metavar="N",
    help="timed runs of each flow",
)
@click.option(
    "--warmup",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    metavar="N",
    help="untimed rounds first",
)
@click.option(
    "--suite",
    default="full",
    show_default=True,
    metavar="WHICH",
    help="for (b): full (the tests of the portal), subset (those marked smoke), "
    "or comma-separated test paths",
)
@click.option("--skip-suite", is_flag=True, help="leave out (b), the suite's wall time")
@click.option("--skip-video", is_flag=True, help="leave out (d), the cost of video")
@base_url_option
@output_option(DEFAULT_OUTPUT)
@list_option
def command(
    flows: tuple[str, ...],
    variants: tuple[str, ...],
    locales: tuple[str, ...],
    repeats: int,
    warmup: int,
    suite: str,
    skip_suite: bool,
    skip_video: bool,
    base_url: str | None,
    output: Path,
    list_only: bool,
) -> None:
    """Measure the harness: (a) per-step time against the browser floor, (b) the suite's wall
    time serial and with -n 2, (c) the portal's latency, (d) the cost of video; bench.json.

    It reads clocks on purpose, one flow at a time (no --jobs). With --base-url the flows are
    timed against that portal, which has no timing middleware: (c) then has the request journal
    only; (b) always starts portals of its own. docs/performance.md#bench.
    """
    chosen = chosen_flows(flows, variants, locales)
    if list_only:
        echo_flows(chosen)
        return
    output.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"machine": machine(), "repeats": repeats, "warmup": warmup}

    launch = launch_options()
    suite_runs = 0 if skip_suite else 2
    with (
        Progress(
            f"Bench: {len(chosen)} flows × {repeats} rounds", len(chosen) * repeats + suite_runs
        ) as progress,
        tempfile.TemporaryDirectory(prefix="bench-portal-") as folder,
        floor_server() as floor,
        sync_playwright() as playwright,
    ):
        portal: LivePortal | None = None
        if base_url:
            url, timer = base_url.rstrip("/"), RequestTimer(_never_called)
        else:
            portal, timer = start_timed_portal(Path(folder))
            url = portal.url
        browser = playwright.chromium.launch(**launch)
        report["browser"] = f"Chromium {browser.version}"
        if warmup:
            progress.say(f"{warmup} untimed round(s) first")
        try:
            runs, served = measure_flows(
                browser, url, floor.url, chosen, repeats, not skip_video, timer, warmup, progress
            )
        finally:
            browser.close()
            if portal is not None:
                portal.stop()
        figures(report, chosen, runs, served, video=not skip_video)

        if not skip_suite:
            paths = suite_paths(suite)
            progress.say(f"Timing the suite ({' '.join(paths)}): serial, then -n 2")
            timed = {}
            for key, workers in (("serial", 1), ("n2", 2)):
                timed[key] = time_suite(paths, workers, output / f"suite-{key}.log")
                mark = "ok" if timed[key]["exit_code"] == 0 else "FAIL"
                name = f"suite {'serial' if workers == 1 else '-n 2'}"
                where = timed[key]["log"]
                progress.done(
                    name, mark, timed[key]["seconds"], where, notes=[timed[key]["result"]]
                )
            floor_ms = report["overall"]["floor_median_step_ms"]
            for run in timed.values():
                cost = cost_in_floor_steps(run, floor_ms)
                run["floor_steps_per_test"] = round(cost, 2) if cost is not None else None
            report["suite"] = {
                "paths": paths,
                **timed,
                "speedup": round(timed["serial"]["seconds"] / timed["n2"]["seconds"], 2),
            }
    report["machine"]["load_average_at_end"] = [round(x, 1) for x in os.getloadavg()]

    (output / "bench.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    print_report(report)
    click.echo(f"\nWritten: {output / 'bench.json'}")


def _never_called(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    return []  # an external portal's requests pass no middleware of ours


def figures(
    report: dict[str, Any],
    chosen: list[Flow],
    runs: dict[str, dict[str, list[Any]]],
    served: list[ServedRequest],
    *,
    video: bool,
) -> None:
    """Add the flows' figures, the latency and the video's cost to ``report``."""
    flows = {flow.name: flow_figures(flow, runs[flow.name]) for flow in chosen}
    all_steps = [
        s for name in flows for r in runs[name]["plain"] if not r.error for s in r.step_seconds
    ]
    all_floor = [s for name in flows for seconds in runs[name]["floor"] for s in seconds]
    report["flows"] = flows
    report["overall"] = {
        "median_step_ms": round(median(all_steps) * 1000, 1),
        "floor_median_step_ms": round(median(all_floor) * 1000, 1),
        "ratio_to_floor": round(median(all_steps) / median(all_floor), 2),
    }
    journal = [ms for name in flows for r in runs[name]["plain"] for ms in r.journal_ms]
    report["latency"] = {
        "middleware": latency_stats([r.ms for r in served]),
        "middleware_pages": latency_stats(
            [r.ms for r in served if not r.path.startswith(("/static", PREFIX))]
        ),
        "journal": latency_stats(journal),
    }
    if video:
        plain_totals = [r.total_seconds for n in flows for r in runs[n]["plain"] if not r.error]
        video_totals = [r.total_seconds for n in flows for r in runs[n]["video"] if not r.error]
        report["video"] = {
            "median_flow_s": round(median(plain_totals), 2),
            "median_flow_with_video_s": round(median(video_totals), 2),
            "ratio": round(
                median([f["video_ratio"] for f in flows.values() if "video_ratio" in f]), 2
            ),
        }
    report["machine"]["load_average_after_flows"] = [round(x, 1) for x in os.getloadavg()]


def print_report(report: dict[str, Any]) -> None:
    """Print the bench's figures as a table, with no verdicts (goals: docs/performance.md)."""
    m = report["machine"]
    print(
        f"\nMachine: {m['nproc']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB, "
        f"load average {m['load_average'][0]} at start, {m['load_average_at_end'][0]} at end; "
        f"{report['browser']}, Python {m['python']}"
    )
    print(f"\n(a) Per-step time against the browser floor (median of {report['repeats']} rounds)")
    print(f"  {'flow':<26} {'steps':>5} {'step ms':>8} {'floor ms':>9} {'ratio':>6}  video ×")
    for name, f in report["flows"].items():
        video = f"{f['video_ratio']:.2f}" if "video_ratio" in f else "-"
        failed = f"  ({f['failed_runs']} failed runs)" if f["failed_runs"] else ""
        print(
            f"  {name:<26} {f['steps']:>5} {f['median_step_ms']:>8.0f} "
            f"{f['floor_median_step_ms']:>9.0f} {f['ratio_to_floor']:>6.2f}  {video:>7}{failed}"
        )
    o = report["overall"]
    print(
        f"  {'all flows':<26} {'':>5} {o['median_step_ms']:>8.0f} {o['floor_median_step_ms']:>9.0f}"
        f" {o['ratio_to_floor']:>6.2f}"
    )
    if "suite" in report:
        s = report["suite"]
        print(f"\n(b) Suite wall time ({' '.join(s['paths'])})")
        for key, label in (("serial", "serial"), ("n2", "-n 2")):
            run = s[key]
            busy = f"CPUs {run['cpu_busy']:.0%} busy" if run.get("cpu_busy") else ""
            print(f"  {label:<7} {run['seconds']:>7.1f} s  {busy:<16} {run['result']}")
            if run.get("floor_steps_per_test") is not None:
                print(
                    f"          {run['tests']} tests, {run['browser_steps']} browser steps "
                    f"({run['browser_steps'] / run['tests']:.1f} a test); cost "
                    f"{run['floor_steps_per_test']:.2f} floor steps a test"
                )
        print(f"  speed-up {s['speedup']:.2f}")
        if s["serial"].get("cpu_busy"):
            print(
                f"  ceiling on this machine: the serial run left {1 - s['serial']['cpu_busy']:.0%}"
                f" of the CPUs idle, so no parallelism can beat ×{1 / s['serial']['cpu_busy']:.2f}"
            )
    print("\n(c) Portal latency per request during the flows")
    for source, label in (
        ("journal", "request journal (views, no static)"),
        ("middleware", "WSGI middleware, all requests"),
        ("middleware_pages", "WSGI middleware, pages only"),
    ):
        stats = report["latency"][source]
        if not stats["requests"]:
            print(f"  {label:<38} no requests recorded")
            continue
        print(
            f"  {label:<38} n={stats['requests']:<5} p50 {stats['p50_ms']:6.1f} ms  "
            f"p99 {stats['p99_ms']:6.1f} ms  max {stats['max_ms']:6.1f} ms"
        )
    if "video" in report:
        v = report["video"]
        print(
            f"\n(d) Video recording (record_video_dir): flow {v['median_flow_s']:.2f} s → "
            f"{v['median_flow_with_video_s']:.2f} s with video; "
            f"median per-flow ratio {v['ratio']:.2f}"
        )
