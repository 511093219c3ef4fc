"""The GitHub Actions workflows a user copies (.github/workflows/, docs/scale.md): they run only
make targets the Makefile defines, shard the browser suite as tests/tools/test_scale.py checks it,
pin every action by commit, and pass actionlint, which fails a broken one.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.tools.test_scale import SHARDS, SPLITTING

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = Path(sys.executable).parent / "actionlint"
# A rule line `target: prerequisites`, not a variable set with `:=`.
MAKE_RULE = re.compile(r"^([\w.-]+)\s*:(?![:=])", re.MULTILINE)
MAKE_CALL = re.compile(r"\bmake\s+(?:-\S+\s+)*([\w.-]+)")
PINNED = re.compile(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def steps(workflow: Path) -> list[dict[str, Any]]:
    """Return every step of every job of ``workflow``."""
    jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
    return [step for job in jobs.values() for step in job.get("steps", [])]


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    """Run actionlint over ``paths`` (the repository's workflows when none)."""
    command = [str(ACTIONLINT), "-no-color", *map(str, paths)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_both_workflows_are_there():
    assert [workflow.name for workflow in WORKFLOWS] == ["ci.yml", "e2e-shards.yml"]


def test_every_make_target_a_workflow_runs_is_in_the_makefile():
    defined = set(MAKE_RULE.findall((ROOT / "Makefile").read_text(encoding="utf-8")))
    called = {
        (workflow.name, target)
        for workflow in WORKFLOWS
        for step in steps(workflow)
        for target in MAKE_CALL.findall(step.get("run", ""))
    }
    assert {target for _, target in called} >= {"install", "lint", "test", "test-all"}
    assert [call for call in sorted(called) if call[1] not in defined] == []


def test_the_shard_matrix_is_the_split_that_test_scale_checks():
    shards = ROOT / ".github" / "workflows" / "e2e-shards.yml"
    job = yaml.safe_load(shards.read_text(encoding="utf-8"))["jobs"]["shard"]
    assert job["strategy"]["matrix"]["group"] == list(range(1, SHARDS + 1))
    [shard] = [step for step in job["steps"] if "--splits" in step.get("run", "")]
    assert re.search(rf"--splits {SHARDS} --group \"\$GROUP\" ", shard["run"]), shard["run"]
    assert shard["env"]["GROUP"] == "${{ matrix.group }}"
    assert " ".join(SPLITTING) in shard["run"] and "--junitxml" in shard["run"]


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it():
    for workflow in WORKFLOWS:
        lines = workflow.read_text(encoding="utf-8").splitlines()
        uses = [line.strip().removeprefix("- ") for line in lines if "uses:" in line]
        assert len(uses) == sum("uses" in step for step in steps(workflow)) > 0
        assert [line for line in uses if not PINNED.fullmatch(line)] == [], workflow.name


def test_actionlint_passes_the_workflows_and_fails_a_broken_one(tmp_path: Path):
    real = actionlint()
    assert real.returncode == 0, real.stdout + real.stderr

    text = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    broken = text.replace("    timeout-minutes:", "    timeout_minutes:", 1)
    assert broken != text
    (tmp_path / "ci.yml").write_text(broken, encoding="utf-8")
    found = actionlint(tmp_path / "ci.yml")
    assert found.returncode != 0
    assert 'unexpected key "timeout_minutes"' in found.stdout, found.stdout + found.stderr
