"""``weilidai run`` goes on after a failure: every flow runs, those that passed are filmed, and the
command exits 1 at the end naming what failed (docs/toolbelt.md#the-main-run).

A portal mutant makes one flow fail: ``opt_out_ignored`` keeps the 微粒贷 entry after 不再接收邀请
is ticked, which ``opt_out`` checks; ``sms_expired`` never goes near it. Two short flows, in
English (as ``make run LOCALE=en``), at full speed: the real console script, in its own process,
with its own portal and Chromium.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

WEILIDAI = Path(sys.executable).parent / "weilidai"


def test_a_failing_flow_stops_neither_the_run_nor_the_filming_of_the_others(tmp_path: Path):
    run, films = tmp_path / "run", tmp_path / "walkthroughs"
    command = [str(WEILIDAI), "--artifacts", str(tmp_path), "run"]
    command += ["--flow", "opt_out_A", "--flow", "sms_expired_A", "--locale", "en"]
    command += ["--mutant", "opt_out_ignored", "--jobs", "1", "--pace", "0"]
    command += ["--output", str(run), "--videos-output", str(films)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240)

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
