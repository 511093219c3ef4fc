"""``weilidai run`` goes on after a failure: every flow runs, those that passed are filmed, the
command exits 1 at the end naming what failed (docs/toolbelt.md#the-main-run), and the landing
page it leaves opens every result with no broken link, undrawn image or console error
(docs/results.md).

A portal mutant makes one flow fail: ``opt_out_ignored`` keeps the 微粒贷 entry after 不再接收邀请
is ticked, which ``opt_out`` checks; ``sms_expired`` never goes near it. Two short flows, in
English (as ``make run LOCALE=en``), at full speed: the real console script, in its own process,
with its own portal and Chromium. One run serves both checks (each a subtest): it is the
slowest thing here, and a landing page after a failure is the one a reader most needs. The pages
with every kind of result, without a browser: tests/tools/test_results_pages.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.tests.tools.links import axe_findings, follow_every_link

WEILIDAI = Path(sys.executable).parent / "weilidai"


def test_a_failing_flow_stops_neither_the_run_nor_the_filming_and_the_page_opens_it_all(
    tmp_path: Path, page: Page, subtests: pytest.Subtests
):
    run, films = tmp_path / "run", tmp_path / "walkthroughs"
    command = [str(WEILIDAI), "--artifacts", str(tmp_path), "run"]
    command += ["--flow", "opt_out_A", "--flow", "sms_expired_A", "--locale", "en"]
    command += ["--mutant", "opt_out_ignored", "--jobs", "1", "--pace", "0"]
    command += ["--output", str(run), "--videos-output", str(films)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240)

    with subtests.test("the run goes on and films what passed"):
        assert done.returncode == 1, done.stdout + done.stderr
        report = {entry["flow"]: entry for entry in json.loads((run / "report.json").read_text())}
        assert {name: entry["passed"] for name, entry in report.items()} == {
            "opt_out_A_en": False,
            "sms_expired_A_en": True,
        }
        assert sorted(p.name for p in films.glob("*.mp4")) == ["sms_expired_A_en.mp4"]
        gallery = json.loads((films / "manifest.json").read_text(encoding="utf-8"))
        assert [(walk["name"], walk["locale"]) for walk in gallery] == [("sms_expired_A_en", "en")]

        # Progress on stderr, a line per flow and per film as each ends; the summary on stdout.
        assert "FAIL   opt_out_A_en" in done.stderr and "PASS   sms_expired_A_en" in done.stderr
        assert "filmed sms_expired_A_en" in done.stderr
        summary = done.stdout.strip().splitlines()
        assert summary[0] == f"Flows:  1 passed, 1 failed (opt_out_A_en) · {run / 'report.json'}"
        assert summary[1] == f"Videos: 1 filmed, 0 failed · {films / 'index.html'}"
        assert summary[2].startswith("Time:   ")
        assert summary[3:] == ["Failed: opt_out_A_en", f"Landing page: {tmp_path / 'index.html'}"]
        history = json.loads((tmp_path / "history.json").read_text(encoding="utf-8"))
        [ran] = history
        assert ran["ok"] is False and ran["output"] == str(run)
        assert ran["command"].startswith(f"weilidai --artifacts {tmp_path} run --flow opt_out_A ")
        assert " --locale en " in ran["command"] and " --mutant opt_out_ignored " in ran["command"]
        assert (tmp_path / "index.html").is_file()

    with subtests.test("the landing page opens every result"):
        index = tmp_path / "index.html"
        page.goto(index.as_uri())
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "The Weilidai harness: all results"
        )
        expect(page.locator("article#run")).to_contain_text("1 of 2 flows passed")
        expect(page.get_by_role("table").first).to_contain_text("--mutant opt_out_ignored")
        broken, followed = follow_every_link(page, index)
        assert broken == [], "\n".join(broken)
        assert followed >= 20  # both flows' screenshots and page, the film and its guides, JSON
        page.goto((run / "index.html").as_uri())
        strip = page.get_by_role(
            "list", name="Screenshots of sms_expired_A_en, one after each step"
        )
        expect(strip.get_by_role("img")).to_have_count(6)
        for url in (index.as_uri(), (run / "index.html").as_uri()):
            assert axe_findings(page, url) == [], url
