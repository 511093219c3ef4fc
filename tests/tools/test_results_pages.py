"""The landing page and the results' pages without a browser: every result, none, broken ones.

Each tool's files are written by the tool's own writer where it has one (the regression report,
the audit, the model, the trace, the gallery), so a change in what a tool writes shows up here.
The landing page in Chromium, after a real run: e2e/tests/tools/test_results_page.py.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from PIL import Image

from e2e.a11y.findings import Baseline, FlowAudit, ScreenAudit, findings_of
from e2e.a11y.report import write_report as write_a11y
from e2e.model.run import JourneyRun
from e2e.model.run import write_report as write_model
from e2e.regression.baselines import FlowResult as Drift
from e2e.regression.mutation import CONTROL, JobResult, remove_last_run, write_summary
from e2e.regression.recording import Failure, FlowRun
from e2e.regression.report import write_report as write_regression
from e2e.report import build, record
from e2e.report.__main__ import main as report_main
from e2e.report.diagram import BOX_H, BOX_W, lay_out, layers
from e2e.report.history import HISTORY, current_commit
from e2e.report.kinds import KINDS
from e2e.run.cli import FlowResult
from e2e.trace.coverage import TraceMap
from e2e.trace.docs import write_map
from e2e.trace.report import render_results, results_data
from e2e.trace.requirements import load as load_article
from e2e.walkthrough import gallery
from e2e.walkthrough.produce import SUFFIXES, Walkthrough

PAGES = {kind.key: kind.own_page for kind in KINDS if kind.own_page}


# ------------------------------------------------------------------ what the tools leave


def png(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (39, 84), "#07c160").save(path)


def main_run(artifacts: Path) -> None:
    """Two flows of the main run, one failed at its third step."""
    out = artifacts / "run"
    passed = FlowResult("sms_expired_A", "短信验证码过期", "A", True, 3.2, 6, str(out / "x"))
    failed = FlowResult("opt_out_A", "不再接收邀请", "A", False, 1.1, 8, "", "step 3: Timeout")
    for step in range(1, 7):
        png(out / "sms_expired_A" / f"{step:02d}.png")
    png(out / "opt_out_A" / "01.png")
    png(out / "opt_out_A" / "02.png")
    (out / "opt_out_A" / "error.txt").write_text("Traceback …", encoding="utf-8")
    (out / "report.json").write_text(json.dumps([asdict(passed), asdict(failed)]), "utf-8")


def walkthroughs(artifacts: Path) -> None:
    """One walkthrough in each language, the gallery and the guides beside them."""
    out = artifacts / "walkthroughs"
    out.mkdir(parents=True)
    walks = [
        Walkthrough(
            name=name,
            base="sms_expired",
            title="短信验证码过期",
            variant="A",
            scenario="invited",
            scenario_description="已受邀",
            person="张三",
            steps=[],
            step_count=6,
            recorded_at="2026-12-05T10:00:00",
            portal_version="1.0",
            portal_clock="2026-12-05T10:00:00",
            pace=1.0,
            locale=locale,
            title_en="The SMS code expires",
        )
        for name, locale in (("sms_expired_A", "zh-CN"), ("sms_expired_A_en", "en"))
    ]
    gallery.write(walks, out)
    for walk in walks:  # what the gallery links to: the videos, subtitles and guides
        for suffix in SUFFIXES:
            if suffix != ".error.txt":
                (out / walk.file(suffix)).write_text("<!doctype html>", encoding="utf-8")


def pytest_html(artifacts: Path, failed: int = 0) -> None:
    """pytest-html's page, cut down to the counts it shows (its real markup)."""
    out = artifacts / "report"
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(
        '<html><body><p class="run-count">12 tests took 00:00:03.</p><div class="filters">\n'
        f'<input type="checkbox"><span class="failed">{failed} Failed,</span>\n'
        f'<input type="checkbox"><span class="passed">{12 - failed} Passed,</span>\n'
        '<input type="checkbox"><span class="skipped">0 Skipped,</span>\n'
        '<input type="checkbox"><span class="rerun">0 Reruns</span>\n</div></body></html>',
        encoding="utf-8",
    )


def regression(artifacts: Path) -> None:
    """One flow unchanged, one stopped by a failure."""
    planned = ["open", "tap"]
    ok = Drift(FlowRun("pause_borrowing_A", "暂停借款", "A", "invited", planned))
    broken = Drift(
        FlowRun(
            flow="close_account_A",
            title="永久注销",
            variant="A",
            scenario="invited",
            planned=planned,
            failure=Failure(2, "tap", "Timeout", taps=[], screen="closure.sms", aria=""),
        )
    )
    write_regression([ok, broken], artifacts / "regression", {"portal": "http://x"})


CAUGHT, MISSED, OUTDATED = "renamed_label", "steps_unlabelled", "primary_button_recoloured"


def mutants(artifacts: Path) -> None:
    """A clean control, a mutant the e2e suite caught, one nothing caught, one outdated."""
    out = artifacts / "regression/mutants"
    outcomes = {
        (CONTROL, "e2e"): ("passed", ""),
        (CONTROL, "regression"): ("passed", ""),
        (CAUGHT, "e2e"): ("failed", "e2e/tests/test_closure.py::test_close[A]"),
        (CAUGHT, "regression"): ("passed", ""),
        (MISSED, "e2e"): ("passed", ""),
        (MISSED, "regression"): ("flaky", "close_account_A: step 7"),
    }
    results = {}
    for (portal, kind), (outcome, detail) in outcomes.items():
        log = out / portal / f"{kind}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(f"{kind} against {portal}", encoding="utf-8")
        results[portal, kind] = JobResult(portal, kind, outcome, detail, 12.5, str(log))
    write_regression([], out / MISSED / "report", {"mutant": MISSED})  # the checks' own report
    names = [CAUGHT, MISSED, OUTDATED]
    write_summary(out, names, results, {OUTDATED: "its template changed"}, minutes=1.46)


def a11y(artifacts: Path) -> None:
    """One flow audited, one serious finding on its SMS screen."""
    axe = {
        "violations": [
            {
                "id": "label",
                "impact": "serious",
                "help": "Form elements must have labels",
                "nodes": [{"target": ["#sms_code"]}],
            }
        ]
    }
    screen = ScreenAudit(
        step=9,
        step_name="填写验证码",
        screen="closure.sms",
        path="/sms",
        title="短信验证",
        violations=axe["violations"],
        findings=findings_of("closure.sms", axe),
    )
    audit = FlowAudit("close_account_A", "永久注销", "A", "zh-CN", planned=1, steps_run=1)
    audit.screens.append(screen)
    write_a11y([audit], Baseline(), artifacts / "a11y", {"engine": "axe-core 4.12"})


def model(artifacts: Path) -> None:
    """Two journeys on variant A, one failed with its screenshot."""
    out = artifacts / "model"
    png(out / "walk-1-A" / "screenshot.png")
    runs = [
        JourneyRun(
            name="path-1-A",
            variant="A",
            description="invite",
            taken=["not_invited.invite[!risk_flag]"],
            states={"not_invited", "active"},
            seconds=2.0,
        ),
        JourneyRun(
            name="walk-1-A",
            variant="A",
            description="a walk",
            states={"active"},
            seconds=1.0,
            error="AssertionError: entry shows",
            failed_at="active.pause",
            screenshot=str(out / "walk-1-A" / "screenshot.png"),
            recording="artifacts/model/walk-1-A/recording.json",
        ),
    ]
    write_model(runs, out)


def traceability(artifacts: Path) -> None:
    """The trace of a run in which one test of CLOSE-BLOCK-OWED failed."""
    out = artifacts / "report"
    out.mkdir(parents=True, exist_ok=True)
    trace = TraceMap({"tests/test_x.py::test_owed": (("CLOSE-BLOCK-OWED", "marker"),)})
    outcomes = {"tests/test_x.py::test_owed": "failed"}
    when = datetime(2026, 12, 5, 10, 0)
    article = load_article()
    text = render_results(article, trace, outcomes, "pytest tests", when)
    (out / "traceability.md").write_text(text, encoding="utf-8")
    data = results_data(article, trace, outcomes, "pytest tests", when)
    (out / "traceability.json").write_text(json.dumps(data), encoding="utf-8")


UNCHECKED = "STOP-NO-BUTTON"


def trace_map(artifacts: Path) -> None:
    """weilidai trace's map: a test per requirement but one, and a flow's test of another."""
    tests = {
        f"tests/test_x.py::test_{r.id.lower()}": ((r.id, "marker"),)
        for section in load_article()
        for r in section.requirements
        if r.id != UNCHECKED and not r.gap
    }
    tests["e2e/tests/test_closure.py::test_blocked[A]"] = (
        ("CLOSE-BLOCK-OWED", "flow blocked_then_repay"),
    )
    write_map(artifacts / "trace", TraceMap(tests), datetime(2026, 12, 5, 11, 0))


BENCH = {
    "machine": {
        "nproc": 2,
        "cpu_model": "Test CPU",
        "memory_gib": 4.0,
        "python": "3.11.9",
        "load_average": [0.5, 0.4, 0.3],
        "load_average_at_end": [1.0, 0.8, 0.6],
    },
    "repeats": 3,
    "warmup": 1,
    "browser": "Chromium 140",
    "flows": {
        "sms_expired_A": {
            "steps": 6,
            "runs": 3,
            "failed_runs": 0,
            "median_step_ms": 120.5,
            "floor_median_step_ms": 40.0,
            "per_step": [],
            "median_flow_s": 0.9,
            "ratio_to_floor": 3.01,
        }
    },
    "overall": {"median_step_ms": 120.5, "floor_median_step_ms": 40.0, "ratio_to_floor": 3.01},
    "latency": {
        "middleware": {"requests": 0},
        "middleware_pages": {"requests": 0},
        "journal": {"requests": 4, "p50_ms": 2.0, "p95_ms": 3.0, "p99_ms": 3.0, "max_ms": 3.5},
    },
}

SOAK = {
    "runs": [
        {
            "number": 1,
            "exit_code": 0,
            "seconds": 60.2,
            "report": "artifacts/soak/run-01.xml",
            "passed": 10,
            "failed": 0,
            "skipped": 1,
            "broken": "",
        },
        {
            "number": 2,
            "exit_code": 1,
            "seconds": 61.0,
            "report": "artifacts/soak/run-02.xml",
            "passed": 9,
            "failed": 1,
            "skipped": 1,
            "broken": "",
        },
    ],
    "summary": {
        "runs": 2,
        "failures": 1,
        "tests": 11,
        "flaky": {"e2e/tests/test_money.py::test_one_fen": [1, 2]},
        "always_failed": {},
        "broken_runs": {},
    },
}


def bench(artifacts: Path) -> None:
    (artifacts / "bench").mkdir(parents=True)
    (artifacts / "bench/bench.json").write_text(json.dumps(BENCH), encoding="utf-8")


def soak(artifacts: Path) -> None:
    out = artifacts / "soak"
    out.mkdir(parents=True)
    (out / "summary.json").write_text(json.dumps(SOAK), encoding="utf-8")
    for name in ("run-01.xml", "run-01.log", "run-02.xml"):
        (out / name).write_text("", encoding="utf-8")


# The mutants before the regression report: the checks' report leaves their folder alone.
EVERY_TOOL = (main_run, walkthroughs, pytest_html, mutants, regression, a11y, model, traceability)
EVERY_TOOL += (trace_map, bench, soak)


@pytest.fixture
def everything(tmp_path: Path) -> Path:
    """An artifacts/ folder with a result of every kind."""
    artifacts = tmp_path / "artifacts"
    for tool in EVERY_TOOL:
        tool(artifacts)
    return artifacts


# ------------------------------------------------------------------ reading the pages


class Page(HTMLParser):
    """What a page links to, the ids it has, its images and its headings."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[tuple[str, str | None]] = []
        self.ids: set[str] = set()
        self.lang: str | None = None
        self.h1 = 0
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "html":
            self.lang = found.get("lang")
        if tag == "h1":
            self.h1 += 1
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        if tag == "img":
            self.images.append((str(found.get("src")), found.get("alt")))


def cards(index: Path) -> dict[str, str]:
    """Return each result's card on the landing page, as text, by its key."""
    text = index.read_text(encoding="utf-8")
    found = re.findall(r'<article class="card [^"]*" id="(\w+)".*?</article>', text, re.S)
    bodies = re.findall(r'<article class="card [^"]*" id="\w+".*?</article>', text, re.S)
    return {
        key: html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))
        for key, body in zip(found, bodies, strict=True)
    }


def broken_links(artifacts: Path) -> list[str]:
    """Follow every link and image of every page under ``artifacts``; return those that fail."""
    broken = []
    read: dict[Path, Page] = {}

    def parsed(path: Path) -> Page:
        return read[path] if path in read else read.setdefault(path, Page(path))

    for page_path in sorted(artifacts.rglob("*.html")):
        page = parsed(page_path)
        for target in [*page.links, *(src for src, _ in page.images)]:
            parts = urlsplit(target)
            if parts.scheme:
                broken.append(f"{page_path}: {target} leaves the folder")
                continue
            file = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path
            if not file.is_file():
                broken.append(f"{page_path}: {target} is missing")
            elif parts.fragment and file.suffix == ".html":
                if parts.fragment not in parsed(file).ids:
                    broken.append(f"{page_path}: {target} has no #{parts.fragment}")
    return broken


# ------------------------------------------------------------------ the tests


def test_every_result_gets_a_card_a_page_and_links_that_work(everything: Path):
    index = build(everything)

    assert index == everything / "index.html"
    said = cards(index)
    assert list(said) == [kind.key for kind in KINDS]
    assert "✘" not in said["bench"] and "measured" in said["bench"]
    assert "1 of 2 flows passed; failed: opt_out_A" in said["run"]
    assert "2 walkthroughs filmed" in said["walkthroughs"]
    assert "1 flow × 3 rounds" in said["bench"]
    assert "2 runs of 11 tests: 1 failure, 1 flaky" in said["soak"]
    assert "12 passed (12 tests took 00:00:03)" in said["tests"]
    assert "1 of 2 flows unchanged; drifted: close_account_A" in said["regression"]
    assert (
        f"1 of 3 mutants caught; missed: {MISSED}, {OUTDATED}; the control clean (1.5 min)"
        in said["mutants"]
    )
    assert "FAILED: 1 serious or critical" in said["a11y"]
    assert "1 of 2 journeys passed; A: 1/" in said["model"]
    assert "1 failed" in said["traceability"]
    assert f"; checked by no test: {UNCHECKED}" in said["trace"]
    assert "1 flaky" in said["soak"]
    for key, page in PAGES.items():
        assert (everything / page).is_file(), key
        assert f'href="{page}"' in index.read_text(encoding="utf-8"), key
    assert broken_links(everything) == []


def test_the_landing_page_says_at_a_glance_what_failed(everything: Path):
    text = build(everything).read_text(encoding="utf-8")
    glance = re.search(r'<p class="verdict failed">(.*?)</p>', text, re.S)
    assert glance is not None
    named = re.findall(r'href="#(\w+)"', glance.group(1))
    assert named == [
        "run",
        "regression",
        "mutants",
        "a11y",
        "model",
        "traceability",
        "trace",
        "soak",
    ]


def test_every_page_has_a_language_one_heading_and_text_for_every_image(everything: Path):
    build(everything)
    for path in [everything / "index.html", *(everything / page for page in PAGES.values())]:
        page = Page(path)
        assert page.lang == "en", path
        assert page.h1 == 1, path
        assert all(alt for _, alt in page.images), path


def test_the_run_page_shows_each_flows_screenshots_named_by_their_steps(everything: Path):
    build(everything)
    page = Page(everything / "run/index.html")
    assert [src for src, _ in page.images][:2] == ["sms_expired_A/01.png", "sms_expired_A/02.png"]
    assert page.images[0][1] == "The screen after step 1"
    text = (everything / "run/index.html").read_text(encoding="utf-8")
    first = re.search(r"<figcaption>1\. <span lang=\"zh-CN\">(.+?)</span>", text)
    assert first is not None, "the first step's name, from the registry"
    assert "opt_out_A/error.txt" in page.links


def test_the_model_page_draws_each_variants_coverage(everything: Path):
    build(everything)
    text = (everything / "model/index.html").read_text(encoding="utf-8")
    assert text.count("<svg") == 1
    assert 'aria-labelledby="diagram-A-title diagram-A-desc"' in text
    assert 'class="arrow taken"' in text and 'class="arrow untaken"' in text
    assert "transitions not taken</summary>" in text
    assert 'src="walk-1-A/screenshot.png"' in text


def test_the_mutants_page_says_what_caught_each_and_links_every_log(everything: Path):
    build(everything)
    page = Page(everything / "regression/mutants/index.html")
    text = (everything / "regression/mutants/index.html").read_text(encoding="utf-8")

    assert {"control", CAUGHT, MISSED, OUTDATED} <= page.ids
    logs = [link for link in page.links if link.endswith(".log")]
    assert sorted(logs) == sorted(
        f"{portal}/{kind}.log"
        for portal in (CONTROL, CAUGHT, MISSED)
        for kind in ("e2e", "regression")
    )
    assert f"{MISSED}/report/index.html" in page.links  # the checks' drift report against it
    assert "caught by <code>e2e/tests/test_closure.py::test_close[A]</code>" in text
    assert "failed once, not confirmed" in text
    assert "Not tried: its template changed" in text
    card = cards(everything / "index.html")["mutants"]
    assert f"missed {MISSED}" in card and f"outdated {OUTDATED}" in card  # each one not caught
    assert f"regression/mutants/{MISSED}/e2e.log" in Page(everything / "index.html").links


def test_the_mutants_summary_of_before_the_control_was_in_it_still_shows(everything: Path):
    summary = everything / "regression/mutants/summary.json"
    summary.write_text(json.dumps(json.loads(summary.read_text("utf-8"))["mutants"]), "utf-8")

    card = cards(build(everything))["mutants"]

    assert "1 of 3 mutants caught" in card and "the control not recorded" in card
    assert broken_links(everything) == []


def test_a_drift_report_replaces_only_its_own_files(everything: Path):
    folder = everything / "regression"
    assert (folder / "close_account_A").is_dir()  # the drifted flow's images, from the fixture
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    failure = Failure(1, "open", "Timeout", taps=[], screen="wechat.home", aria="")
    retired = Drift(FlowRun("retired_flow_A", "旧", "A", "invited", ["open"], failure=failure))
    write_regression([retired], folder / "alone", {})  # a flow the registry no longer has
    assert (folder / "alone/retired_flow_A").is_dir()

    write_regression([], folder, {"portal": "http://x"})
    write_regression([], folder / "alone", {})

    assert not (folder / "close_account_A").exists()
    assert not (folder / "alone/retired_flow_A").exists()  # named by the last summary.json
    assert (folder / "notes.txt").is_file()
    assert (folder / "mutants/summary.json").is_file()  # weilidai regression mutants' results
    assert (folder / f"mutants/{MISSED}/report/index.html").is_file()


def test_the_mutants_remove_only_what_their_last_run_left(everything: Path):
    out = everything / "regression/mutants"
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "elsewhere").mkdir()

    remove_last_run(out)

    assert sorted(path.name for path in out.iterdir()) == ["elsewhere", "notes.txt"]
    assert (everything / "regression/index.html").is_file()  # the checks' report, beside it


def test_the_trace_map_shows_what_checks_each_requirement_and_links_only_within(
    everything: Path,
):
    build(everything)
    page = Page(everything / "trace/index.html")
    text = (everything / "trace/index.html").read_text(encoding="utf-8")
    data = json.loads((everything / "trace/traceability.json").read_text(encoding="utf-8"))

    assert {r["id"] for r in data["requirements"]} <= page.ids
    owed = next(r for r in data["requirements"] if r["id"] == "CLOSE-BLOCK-OWED")
    assert {
        "function": "e2e/tests/test_closure.py::test_blocked",
        "through": ["flow blocked_then_repay"],
    } in owed["tests"]
    assert "<code>e2e/tests/test_closure.py::test_blocked</code> (flow blocked_then_repay)" in text
    assert owed["flows"] and all(f"<code>{flow}</code>" in text for flow in owed["flows"])
    # Every link stays in the page or goes to the landing page or the JSON: none into docs/.
    within = {"", "../index.html", "../trace/traceability.json"}
    assert {link.split("#")[0] for link in page.links} <= within
    assert "../index.html#traceability" in page.links
    card = cards(everything / "index.html")["trace"]
    assert f"unchecked {UNCHECKED}" in card
    assert "traceability.md" not in card  # docs/traceability.md's text, its links relative to docs/
    assert broken_links(everything) == []


def test_with_nothing_run_every_result_is_listed_as_not_run_with_no_links(tmp_path: Path):
    index = build(tmp_path / "artifacts")

    said = cards(index)
    assert len(said) == len(KINDS)
    for kind in KINDS:
        assert "not run" in said[kind.key]
        assert kind.make in said[kind.key]
    page = Page(index)
    assert [link for link in page.links if not link.startswith("#")] == []
    assert "Nothing has run yet." in index.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("key", "broken", "text", "said"),
    [
        ("run", "run/report.json", "{not json", "JSONDecodeError"),
        ("run", "run/report.json", '{"flows": []}', "expected a JSON array"),
        ("run", "run/report.json", '[{"flow": "x"}]', "KeyError: 'title'"),
        ("walkthroughs", "walkthroughs/manifest.json", "", "JSONDecodeError"),
        ("regression", "regression/summary.json", "[]", "expected a JSON object"),
        ("mutants", "regression/mutants/summary.json", '"19/19"', "expected a JSON object"),
        ("mutants", "regression/mutants/summary.json", '{"mutants": []}', "KeyError: 'control'"),
        ("a11y", "a11y/index.json", '{"flows": 3}', "TypeError"),
        ("model", "model/report.json", '{"coverage": []}', "KeyError: 'journeys'"),
        ("traceability", "report/traceability.json", "null", "expected a JSON object"),
        ("trace", "trace/traceability.json", "[]", "expected a JSON object"),
        ("trace", "trace/traceability.json", '{"requirements": []}', "KeyError: 'parts'"),
        ("bench", "bench/bench.json", '{"machine": {}}', "KeyError: 'overall'"),
        ("soak", "soak/summary.json", "{", "JSONDecodeError"),
    ],
)
def test_a_result_that_cannot_be_read_says_why_and_the_others_still_show(
    everything: Path, key: str, broken: str, text: str, said: str
):
    build(everything)  # its page is there from a good build
    (everything / broken).write_text(text, encoding="utf-8")

    index = build(everything)

    card = cards(index)[key]
    assert "unreadable" in card
    assert broken in card and said in card
    kind = next(kind for kind in KINDS if kind.key == key)
    if kind.own_page:
        assert not (everything / kind.own_page).exists()  # no stale page left to link to
    assert all("unreadable" not in text for other, text in cards(index).items() if other != key)
    assert broken_links(everything) == []


def test_a_result_whose_tool_ran_before_it_wrote_json_links_what_there_is(everything: Path):
    (everything / "a11y/index.json").unlink()
    (everything / "report/traceability.json").unlink()
    (everything / "regression/summary.json").unlink()
    (everything / "trace/traceability.json").unlink()

    said = cards(build(everything))

    assert "written before index.json existed" in said["a11y"]
    assert "written before traceability.json existed" in said["traceability"]
    assert "written before summary.json existed" in said["regression"]
    assert "written before traceability.json existed: weilidai trace" in said["trace"]
    assert not (everything / "a11y/index.html").exists()
    assert broken_links(everything) == []


def test_a_result_whose_files_are_gone_loses_its_page(everything: Path):
    build(everything)
    (everything / "bench/bench.json").unlink()
    build(everything)
    assert not (everything / "bench/index.html").exists()
    assert "not run" in cards(everything / "index.html")["bench"]


def test_recorded_commands_are_listed_newest_first_with_their_commit(everything: Path):
    started = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    record(
        everything,
        command="weilidai run",
        ok=False,
        started=started,
        seconds=61.24,
        output=everything / "run",
    )
    record(
        everything,
        command="weilidai bench",
        ok=True,
        started=started + timedelta(hours=1),
        seconds=5,
        output=Path("/elsewhere/bench"),
    )

    entries = json.loads((everything / HISTORY).read_text(encoding="utf-8"))
    assert [e["command"] for e in entries] == ["weilidai run", "weilidai bench"]
    assert entries[0]["seconds"] == 61.2 and entries[0]["ok"] is False
    assert re.fullmatch(r"[0-9a-f]{40}", entries[0]["commit"]["sha"])  # this checkout's
    text = build(everything).read_text(encoding="utf-8")
    rows = re.findall(r"<tr>\s*<td><code>(weilidai \w+)</code>", text)
    assert rows == ["weilidai bench", "weilidai run"]
    assert '<a href="run/index.html">' in text  # the run's output is a result with a page
    assert "<code>/elsewhere/bench</code>" in text  # elsewhere: named, not linked
    assert "Last: <code>weilidai bench</code>" in text


def test_outside_a_checkout_there_is_no_commit_and_the_page_says_why(tmp_path: Path, monkeypatch):
    assert current_commit(tmp_path).unknown.startswith("not a git checkout")
    monkeypatch.setenv("PATH", str(tmp_path))  # no git on it
    assert current_commit(tmp_path).unknown == "git is not installed"


def test_an_unreadable_history_is_kept_aside_and_a_new_one_begun(tmp_path: Path):
    (tmp_path / HISTORY).write_text("[{", encoding="utf-8")
    text = build(tmp_path).read_text(encoding="utf-8")
    assert "history.json could not be read" in text

    record(
        tmp_path,
        command="weilidai a11y",
        ok=True,
        started=datetime.now(),
        seconds=1,
        output=tmp_path / "a11y",
    )

    assert (tmp_path / "history.unreadable.json").read_text(encoding="utf-8") == "[{"
    assert len(json.loads((tmp_path / HISTORY).read_text(encoding="utf-8"))) == 1


def test_python_m_e2e_report_rebuilds_the_page_and_prints_its_path(everything: Path, capsys):
    assert report_main(["--output", str(everything)]) == 0
    assert capsys.readouterr().out.strip() == str(everything / "index.html")


# ------------------------------------------------------------------ the diagram


def test_each_state_is_one_layer_below_the_nearest_state_leading_to_it():
    edges = [("a", "b"), ("b", "c"), ("c", "a"), ("a", "c"), ("d", "d")]
    assert layers(["a", "b", "c", "d"], edges) == {"a": 0, "b": 1, "c": 1, "d": 0}


def test_the_models_boxes_do_not_overlap_and_fit_the_drawing(everything: Path):
    data = json.loads((everything / "model/report.json").read_text(encoding="utf-8"))
    drawn = lay_out(data["model"], id="d")
    boxes = drawn.boxes
    assert len(boxes) == len(data["model"]["states"])
    left, top, width, height = drawn.view
    for box in boxes:
        assert left <= box.x and box.x + BOX_W <= left + width
        assert top <= box.y and box.y + BOX_H <= top + height
    for i, one in enumerate(boxes):
        for other in boxes[i + 1 :]:
            apart = abs(one.x - other.x) >= BOX_W or abs(one.y - other.y) >= BOX_H
            assert apart, (one.id, other.id)
