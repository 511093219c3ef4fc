"""The soak tool names its flakes: JUnit reports read as pytest ids, summed over runs."""

from __future__ import annotations

from pathlib import Path

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
