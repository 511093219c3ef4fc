"""The bench tool's measurements that need no browser: how busy the CPUs were, the journal."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from e2e.bench.cli import busy_fraction, clear_journal, cpu_times, print_report, read_journal
from e2e.harness.api import PortalApi


def test_the_bench_reads_how_busy_the_cpus_were_from_proc_stat():
    before = cpu_times("cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\n")
    after = cpu_times("cpu  400 10 140 1000 50 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n")
    assert before == (150, 1000)  # user + nice + system (+ irq, softirq, steal) of all CPUs
    assert after == (550, 1600)  # idle and iowait are the not-busy part
    assert busy_fraction(before, after) == 400 / 600
    assert busy_fraction(after, after) is None


def test_the_bench_prints_figures_without_verdicts_on_targets(capsys):
    stats = {"requests": 3, "p50_ms": 5.0, "p99_ms": 31.5, "max_ms": 40.0}
    suite_run = {
        "seconds": 60.0,
        "cpu_busy": 0.5,
        "result": "67 passed",
        "tests": 67,
        "browser_steps": 150,
        "floor_steps_per_test": 9.7,
    }
    print_report(
        {
            "machine": {
                "nproc": 2,
                "cpu_model": "a CPU",
                "memory_gib": 4,
                "load_average": [0.5],
                "load_average_at_end": [1.5],
                "python": "3.11",
            },
            "browser": "Chromium 140",
            "repeats": 3,
            "flows": {
                "close_account_A": {
                    "steps": 12,
                    "median_step_ms": 150,
                    "floor_median_step_ms": 100,
                    "ratio_to_floor": 1.5,
                    "failed_runs": 0,
                }
            },
            "overall": {"median_step_ms": 150, "floor_median_step_ms": 100, "ratio_to_floor": 1.5},
            "suite": {"paths": ["e2e/tests"], "serial": suite_run, "n2": suite_run, "speedup": 1.0},
            "latency": {"journal": stats, "middleware": stats, "middleware_pages": stats},
        }
    )
    printed = capsys.readouterr().out
    assert "9.70 floor steps a test" in printed
    assert "speed-up 1.00" in printed
    assert "p99   31.5 ms" in printed
    # Goals, where there are any, are docs/performance.md's: the bench says no verdict.
    assert "target" not in printed.lower()


def test_the_bench_times_the_portals_own_requests_from_its_journal(
    api: PortalApi, client: FlaskClient
):
    client.get("/")  # before the bench empties the journal: not counted
    assert clear_journal(api)
    assert client.get("/", follow_redirects=True).status_code == 200  # two: to the login page
    api.now()  # the test API's own calls are the harness's, not the portal's

    durations = read_journal(api)

    assert len(durations) == 2
    assert all(isinstance(ms, float) and ms >= 0 for ms in durations)


def test_a_portal_without_its_test_api_has_no_journal_to_read(make_app: Callable[..., Flask]):
    api = PortalApi.over_flask(make_app(TEST_API=False).test_client())
    assert clear_journal(api) is False
