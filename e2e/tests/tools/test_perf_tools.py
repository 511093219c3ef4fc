"""The soak and bench tools measure what they claim: flakes are named, the floor can be walked."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from e2e.bench.cli import (
    busy_fraction,
    cpu_times,
    floor_heading,
    floor_server,
    open_floor,
    time_floor,
)
from e2e.harness.devices import LOCALE, PHONE
from e2e.soak.cli import parse_junit, summarise_reports

RUN_1 = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="4" failures="1" errors="0" skipped="1">
  <testcase classname="e2e.test_closure" name="test_close[A-chromium]"
            file="e2e/test_closure.py" line="10" time="1.0"/>
  <testcase classname="e2e.test_closure" name="test_close[B-chromium]"
            file="e2e/test_closure.py" line="10" time="1.0"/>
  <testcase classname="e2e.test_money" name="test_one_fen" file="e2e/test_money.py" time="1.0">
    <failure message="AssertionError">assert 1 == 0</failure>
  </testcase>
  <testcase classname="e2e.test_kefu" name="test_not_here" file="e2e/test_kefu.py" time="0.0">
    <skipped message="not on this variant"/>
  </testcase>
</testsuite></testsuites>
"""

RUN_2 = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="4" failures="1" errors="1" skipped="1">
  <testcase classname="e2e.test_closure" name="test_close[A-chromium]"
            file="e2e/test_closure.py" line="10" time="1.0">
    <error message="failed on setup">TimeoutError</error>
  </testcase>
  <testcase classname="e2e.test_closure" name="test_close[B-chromium]"
            file="e2e/test_closure.py" line="10" time="1.0"/>
  <testcase classname="e2e.test_money" name="test_one_fen" file="e2e/test_money.py" time="1.0">
    <failure message="AssertionError">assert 1 == 0</failure>
  </testcase>
  <testcase classname="e2e.test_kefu" name="test_not_here" file="e2e/test_kefu.py" time="0.0">
    <skipped message="not on this variant"/>
  </testcase>
</testsuite></testsuites>
"""


def test_soak_names_the_flaky_test_and_the_one_that_always_fails(tmp_path: Path):
    reports = [tmp_path / "run-01.xml", tmp_path / "run-02.xml"]
    reports[0].write_text(RUN_1, encoding="utf-8")
    reports[1].write_text(RUN_2, encoding="utf-8")

    summary = summarise_reports(reports)

    assert summary.runs == 2
    assert summary.tests == 4
    assert summary.failures == 3
    assert summary.flaky == {"e2e/test_closure.py::test_close[A-chromium]": (1, 2)}
    assert summary.always_failed == {"e2e/test_money.py::test_one_fen": 2}
    assert not summary.ok


def test_soak_reads_test_ids_pytest_accepts(tmp_path: Path):
    report = tmp_path / "run-01.xml"
    report.write_text(RUN_1, encoding="utf-8")

    assert parse_junit(report) == {
        "e2e/test_closure.py::test_close[A-chromium]": "passed",
        "e2e/test_closure.py::test_close[B-chromium]": "passed",
        "e2e/test_money.py::test_one_fen": "failed",
        "e2e/test_kefu.py::test_not_here": "skipped",
    }


def test_the_bench_floor_is_pages_a_phone_can_click_through(browser: Browser):
    with floor_server() as floor:
        context = browser.new_context(**PHONE, **LOCALE)
        page = context.new_page()
        open_floor(page, floor.url)
        page.get_by_role("link", name="下一页").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(floor_heading(1))
        context.close()

        seconds = time_floor(browser, floor.url, 3)

    assert len(seconds) == 3
    assert all(s > 0 for s in seconds)


def test_the_bench_reads_how_busy_the_cpus_were_from_proc_stat():
    before = cpu_times("cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\n")
    after = cpu_times("cpu  400 10 140 1000 50 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n")
    assert before == (150, 1000)  # user + nice + system (+ irq, softirq, steal) of all CPUs
    assert after == (550, 1600)  # idle and iowait are the not-busy part
    assert busy_fraction(before, after) == 400 / 600
    assert busy_fraction(after, after) is None
