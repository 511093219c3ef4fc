"""The accessibility audit without a browser: findings from axe's answer, baseline, report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from e2e.a11y.findings import (
    Baseline,
    Finding,
    Fingerprint,
    FlowAudit,
    ScreenAudit,
    findings_of,
    impact_counts,
)
from e2e.a11y.report import problems, write_report

# What axe.run answers for the SMS screen, cut down to what the audit reads.
AXE_SMS: dict[str, Any] = {
    "testEngine": {"name": "axe-core", "version": "4.12.1"},
    "violations": [
        {
            "id": "label",
            "impact": "critical",
            "help": "Form elements must have labels",
            "helpUrl": "https://dequeuniversity.com/rules/axe/4.12/label",
            "nodes": [{"target": ["#sms_code"], "impact": "critical", "html": "<input>"}],
        },
        {
            "id": "color-contrast",
            "impact": "serious",
            "help": "Elements must meet minimum color contrast ratio thresholds",
            "nodes": [
                {"target": [".steps > li:nth-child(1)"], "impact": "serious"},
                {"target": ["iframe#help", ".hint"], "impact": "moderate"},
            ],
        },
        {
            "id": "link-in-text-block",
            "impact": "minor",
            "help": "Links must be distinguishable without relying on color",
            "nodes": [{"target": [".notice > a"]}],
        },
    ],
}


def sms_screen(result: dict[str, Any] = AXE_SMS) -> ScreenAudit:
    """Return the SMS screen as audited after step 9, with ``result`` as axe's answer."""
    return ScreenAudit(
        9,
        "获取并填写短信验证码",
        "closure.sms",
        "/weilidai/closure/abc/sms",
        "短信验证",
        result["violations"],
        findings_of("closure.sms", result),
    )


def audit_of(*screens: ScreenAudit, error: str = "") -> FlowAudit:
    """Return close_account_A in Chinese with ``screens``; stopped at step 10 if ``error``."""
    audit = FlowAudit("close_account_A", "永久注销微粒贷账户", "A", "zh-CN", planned=12)
    audit.screens.extend(screens)
    audit.steps_run = 9 if error else 12
    audit.error = error
    return audit


def test_each_element_breaking_a_rule_is_one_finding_with_its_own_impact():
    found = findings_of("closure.sms", AXE_SMS)
    assert [(f.rule, f.impact, f.target) for f in found] == [
        ("label", "critical", "#sms_code"),
        ("color-contrast", "serious", ".steps > li:nth-child(1)"),
        ("color-contrast", "moderate", "iframe#help >> .hint"),  # inside a frame
        ("link-in-text-block", "minor", ".notice > a"),  # the rule's impact when a node has none
    ]
    assert impact_counts(found) == {"critical": 1, "serious": 1, "moderate": 1, "minor": 1}
    assert found[0].help == "Form elements must have labels"
    assert found[0].fingerprint == Fingerprint("closure.sms", "label", "#sms_code")


def test_a_screen_without_violations_has_no_findings():
    assert findings_of("closure.sms", {"violations": []}) == []
    assert impact_counts([]) == {"critical": 0, "serious": 0, "moderate": 0, "minor": 0}


@pytest.mark.parametrize(
    ("impact", "in_baseline", "fails"),
    [
        ("critical", True, True),  # serious and critical findings are never accepted
        ("serious", True, True),
        ("moderate", True, False),
        ("minor", True, False),
        ("moderate", False, True),
        ("minor", False, True),
    ],
)
def test_only_a_minor_or_moderate_finding_in_the_baseline_passes(
    impact: str, in_baseline: bool, fails: bool
):
    finding = Finding("closure.sms", "region", impact, ".tabbar-fixed", "Content in landmarks")
    baseline = Baseline([finding.fingerprint] if in_baseline else [])
    assert baseline.unaccepted([finding]) == ([finding] if fails else [])


def test_the_same_element_breaking_the_same_rule_on_the_same_screen_is_one_fingerprint():
    first = Finding("closure.sms", "region", "minor", "main", "Content in landmarks")
    elsewhere = Finding("closure.face", "region", "minor", "main", "Content in landmarks")
    again = Finding("closure.sms", "region", "moderate", "main", "another help text")
    baseline = Baseline([first.fingerprint])
    assert baseline.accepts(again)  # found in another flow or language, with another impact
    assert not baseline.accepts(elsewhere)


def test_the_baseline_file_is_sorted_one_fingerprint_a_line(tmp_path: Path):
    path = tmp_path / "baseline.json"
    Baseline(
        [
            Fingerprint("wechat.me", "region", "main"),
            Fingerprint("closure.sms", "region", ".tabbar-fixed"),
            Fingerprint("closure.sms", "list", "ol"),
        ]
    ).write(path)
    assert path.read_text(encoding="utf-8").splitlines() == [
        "[",
        '  {"screen": "closure.sms", "rule": "list", "target": "ol"},',
        '  {"screen": "closure.sms", "rule": "region", "target": ".tabbar-fixed"},',
        '  {"screen": "wechat.me", "rule": "region", "target": "main"}',
        "]",
    ]
    assert len(Baseline.load(path).accepted) == 3


def test_an_empty_or_missing_baseline_accepts_nothing(tmp_path: Path):
    path = tmp_path / "baseline.json"
    assert Baseline.load(path).accepted == frozenset()
    Baseline().write(path)
    assert path.read_text(encoding="utf-8") == "[]\n"
    assert Baseline.load(path).accepted == frozenset()


def test_updating_the_baseline_takes_the_minor_and_moderate_findings_only():
    found = findings_of("closure.sms", AXE_SMS)
    old = Fingerprint("help.center", "region", "main")
    kept = Baseline([old]).accepting(found, replace=False)
    assert kept.accepted == {
        old,
        Fingerprint("closure.sms", "color-contrast", "iframe#help >> .hint"),
        Fingerprint("closure.sms", "link-in-text-block", ".notice > a"),
    }
    replaced = Baseline([old]).accepting(found, replace=True)
    assert replaced.accepted == kept.accepted - {old}


def test_the_report_has_a_json_file_per_screen_and_an_index(tmp_path: Path):
    stale = tmp_path / "zh-CN" / "opt_out_A" / "01-wechat.me.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}", encoding="utf-8")
    baseline = Baseline([Fingerprint("closure.sms", "link-in-text-block", ".notice > a")])
    index = write_report([audit_of(sms_screen())], baseline, tmp_path, {"portal": "http://x"})

    assert not stale.exists()  # a run's languages are written afresh
    screen = json.loads((tmp_path / "zh-CN/close_account_A/09-closure.sms.json").read_text())
    assert screen["counts"] == {"critical": 1, "serious": 1, "moderate": 1, "minor": 1}
    assert [f["verdict"] for f in screen["findings"]] == ["blocking", "blocking", "new", "accepted"]
    assert screen["violations"] == AXE_SMS["violations"]  # axe's own words, for whoever fixes it

    text = index.read_text(encoding="utf-8")
    assert "- portal: http://x" in text
    assert "**FAILED: 2 serious or critical; 1 minor or moderate not in the baseline**" in text
    assert "| critical | 1 | 1 |" in text
    assert "| minor | 1 | 0 |" in text
    assert (
        "| 9 | `closure.sms` | 短信验证 | 1 | 1 | 1 | 1 |"
        " [json](zh-CN/close_account_A/09-closure.sms.json) |"
    ) in text
    assert (
        "- step 9 `closure.sms`: **label** (critical, blocking) Form elements must have labels"
        " — `#sms_code`"
    ) in text
    assert "**link-in-text-block** (minor, accepted)" in text

    data = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))  # the same, as data
    assert data["passed"] is False
    assert data["outcome"].startswith("FAILED: 2 serious or critical; 1 minor or moderate")
    assert data["not_accepted"] == {"critical": 1, "serious": 1, "moderate": 1, "minor": 0}
    [flow] = data["flows"]
    assert (flow["flow"], flow["locale"], flow["completed"]) == ("close_account_A", "zh-CN", True)
    [listed] = flow["screens"]
    assert listed["file"] == "zh-CN/close_account_A/09-closure.sms.json"
    assert "violations" not in listed  # axe's own stay in the screen's file
    assert [f["verdict"] for f in listed["findings"]] == [f["verdict"] for f in screen["findings"]]


def test_a_flow_that_stopped_fails_the_audit_with_the_screens_it_reached(tmp_path: Path):
    clean = sms_screen({"violations": []})
    audit = audit_of(clean, error="step 10 获取并填写短信验证码: Timeout 10000ms exceeded.")
    assert problems([audit], Baseline()) == ["1 of 1 flows did not complete"]
    text = write_report([audit], Baseline(), tmp_path, {}).read_text(encoding="utf-8")
    assert "**stopped** at step 10 获取并填写短信验证码: Timeout 10000ms exceeded.; 9 of 12" in text
    assert "`closure.sms`" in text


def test_a_clean_complete_run_passes():
    audit = audit_of(sms_screen({"violations": []}))
    assert audit.completed
    assert problems([audit], Baseline()) == []
