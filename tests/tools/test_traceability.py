"""The article, traced (e2e.trace): every requirement has a test, every marked id exists, the
page is fresh, and a run's last results are written by the controller under xdist too."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from e2e.harness.flows import declarations
from e2e.model.graph import MODEL
from e2e.trace.coverage import ROOT, TraceMap, collect
from e2e.trace.docs import DOCS_PAGE, REGENERATE, updated
from e2e.trace.recorder import report_path
from e2e.trace.requirements import ARTICLE, by_id, load

# The seed article sits beside the repository (SPEC.md); where it does not, its check is skipped.
SEED = ROOT.parent / "shared" / "seed" / "000_d1dc4b33a7490eca.txt"

MARKED_TESTS = """
import pytest

@pytest.mark.requirement("CLOSE-BLOCK-OWED")
def test_passes():
    pass

@pytest.mark.requirement("CLOSE-BLOCK-OWED", "STOP-NO-BUTTON")
def test_fails():
    assert False

@pytest.mark.requirement("STOP-NO-BUTTON")
def test_is_skipped():
    pytest.skip("not today")

def test_checks_nothing():
    pass
"""


# Plugins these small projects never use, and that take most of a pytest start (1.9 s of 3.1 s,
# measured): Hypothesis's and Schemathesis's. The xdist case pays it once per process.
UNUSED = ("-p", "no:hypothesispytest", "-p", "no:schemathesis")


@pytest.fixture(scope="module")
def trace() -> TraceMap:
    """Collect the whole suite once: which test checks which requirement."""
    return collect()


def run_pytest(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run pytest on its own in ``folder``, a project of one test file with no conftest."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *UNUSED, *args]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)


def test_every_requirement_is_checked_by_a_test(trace: TraceMap) -> None:
    checked = trace.checks()
    unchecked = [r for r in by_id().values() if r.id not in checked and not r.gap]
    assert not unchecked, (
        "requirements of the article no test checks:\n"
        + "\n".join(f"  {r.id}: {r.gloss}" for r in unchecked)
        + f"\nMark a test that checks it: @pytest.mark.requirement(ID) ({ARTICLE})"
    )


def test_a_gap_has_no_test(trace: TraceMap) -> None:
    checked = trace.checks()
    tested = [r.id for r in by_id().values() if r.gap and r.id in checked]
    assert not tested, f"now tested, so no longer a gap: delete their gap in {ARTICLE}: {tested}"


def test_docs_traceability_md_is_up_to_date(trace: TraceMap) -> None:
    page = DOCS_PAGE.read_text(encoding="utf-8")
    assert updated(page, trace) == page, f"docs/traceability.md is stale: run {REGENERATE}"


def test_flows_and_transitions_name_known_requirements() -> None:
    known = by_id()
    for declared in declarations():  # a flow's requirements are declared once, for every variant
        assert set(declared.requirements) <= set(known), (declared.name, declared.requirements)
    for transition in MODEL.transitions:
        assert set(transition.requirements) <= set(known), transition.key


def test_an_unknown_id_or_flow_stops_the_run_naming_it(tmp_path: Path) -> None:
    (tmp_path / "test_marked.py").write_text(
        "import pytest\n\n"
        '@pytest.mark.requirement("NO-SUCH-RULE")\n'
        '@pytest.mark.flow("no_such_flow")\n'
        "def test_it():\n    pass\n",
        encoding="utf-8",
    )
    done = run_pytest(tmp_path, "--collect-only")
    assert done.returncode == pytest.ExitCode.USAGE_ERROR, done.stdout + done.stderr
    assert f"requirement 'NO-SUCH-RULE' is not in {ARTICLE}" in done.stderr
    assert "@pytest.mark.flow('no_such_flow') names no flow" in done.stderr


# Under xdist the results come back from the workers: the deep case, three pytest processes.
@pytest.mark.parametrize(
    "workers",
    [[], pytest.param(["-n", "2"], marks=pytest.mark.deep)],
    ids=["one process", "xdist -n 2"],
)
def test_the_last_results_name_each_tests_outcome(tmp_path: Path, workers: list[str]) -> None:
    (tmp_path / "test_marked.py").write_text(MARKED_TESTS, encoding="utf-8")
    page = tmp_path / "out" / "traceability.md"
    done = run_pytest(tmp_path, *workers, "--trace-report", str(page))
    assert done.returncode == pytest.ExitCode.TESTS_FAILED, done.stdout + done.stderr
    text = page.read_text(encoding="utf-8")
    assert "| [CLOSE-BLOCK-OWED](#close-block-owed) | failed | 1 failed, 1 passed |" in text
    assert "| [STOP-NO-BUTTON](#stop-no-button) | failed | 1 failed, 1 skipped |" in text
    assert "| [STOP-VS-CLOSE](#stop-vs-close) | not in this run |" in text
    assert "- passed: `test_marked.py::test_passes`" in text
    assert "- skipped: `test_marked.py::test_is_skipped`" in text
    assert "test_checks_nothing" not in text
    data = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))  # the same, as data
    verdicts = {entry["id"]: entry["verdict"] for entry in data["requirements"]}
    assert verdicts["CLOSE-BLOCK-OWED"] == "failed"
    assert verdicts["STOP-VS-CLOSE"] == "not in this run"
    [owed] = [entry for entry in data["requirements"] if entry["id"] == "CLOSE-BLOCK-OWED"]
    assert sorted(test["outcome"] for test in owed["tests"]) == ["failed", "passed"]
    assert data["counts"]["failed"] == 2


@pytest.mark.parametrize(
    ("options", "page"),
    [
        ({}, None),
        ({"htmlpath": "artifacts/report/index.html"}, Path("artifacts/report/traceability.md")),
        ({"htmlpath": "a/index.html", "--trace-report": "b/t.md"}, Path("b/t.md")),
    ],
)
def test_the_last_results_go_beside_the_html_report_or_where_asked(
    options: dict[str, str], page: Path | None
) -> None:
    config = SimpleNamespace(getoption=lambda name, default=None: options.get(name, default))
    assert report_path(config) == page  # type: ignore[arg-type]  # only getoption is read


@pytest.mark.skipif(not SEED.exists(), reason=f"the seed article is not at {SEED}")
def test_the_data_file_quotes_the_seed_verbatim_and_in_order() -> None:
    seed = SEED.read_text(encoding="utf-8")
    at = 0
    for section in load():
        if section.heading:
            assert section.heading in seed, section.heading
        for requirement in section.requirements:
            found = seed.find(requirement.text, at)
            assert found >= 0, f"{requirement.id}: not verbatim, or out of order in the seed"
            at = found
