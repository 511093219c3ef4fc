"""The weilidai command without a browser: every subcommand's --help, the flags they share (one
name, one meaning, one default each), choosing flows, and progress on a terminal or not.

docs/toolbelt.md is the page these tests hold to.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from e2e.cli import weilidai
from e2e.harness.flows import UnknownFlow, select_flows
from e2e.harness.progress import Progress, seconds_text
from e2e.regression.mutation import classify

ROOT = Path(__file__).resolve().parents[2]

# Which shared flags each subcommand takes: the test fails when one goes missing. A flag left
# out is one the command cannot honour (the model's journeys are not the registry's flows; the
# soak runs pytest, which takes its own flags after --).
SHARED = (
    "--flow",
    "--variant",
    "--locale",
    "--base-url",
    "--mutant",
    "--jobs",
    "--output",
    "--list",
)
FLOWS = {"--flow", "--variant", "--locale", "--list"}
DRIVES = {"--base-url", "--mutant"}
EXPECTED: dict[str, set[str]] = {
    "run": FLOWS | DRIVES | {"--jobs", "--output"},
    "videos": FLOWS | DRIVES | {"--jobs", "--output"},
    "regression check": FLOWS | DRIVES | {"--jobs", "--output"},
    "regression update": FLOWS | DRIVES | {"--jobs"},
    "regression mutants": {"--jobs", "--output", "--list"},
    "model run": {"--variant", "--list", "--output"} | DRIVES,
    "model replay": {"--variant", "--output"} | DRIVES,
    "model docs": set(),
    "model paths": set(),
    "a11y": FLOWS | DRIVES | {"--jobs", "--output"},
    "trace": {"--output"},
    "bench": FLOWS | {"--base-url", "--output"},
    "soak": {"--jobs", "--output"},
    "serve": set(),
    "report": set(),
}
# --output is the one shared flag whose default is each command's own: where the landing page
# looks for its results.
OUTPUTS = {
    "run": "artifacts/run",
    "videos": "artifacts/walkthroughs",
    "regression check": "artifacts/regression",
    "regression mutants": "artifacts/regression/mutants",
    "model run": "artifacts/model",
    "model replay": "artifacts/model",
    "a11y": "artifacts/a11y",
    "trace": "artifacts/trace",
    "bench": "artifacts/bench",
    "soak": "artifacts/soak",
}


def leaves(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    """Yield every runnable subcommand of ``group`` with its name (``regression check``)."""
    for name, command in group.commands.items():
        path = f"{prefix} {name}".strip()
        if isinstance(command, click.Group):
            yield from leaves(command, path)
        else:
            yield path, command


COMMANDS = dict(leaves(weilidai))


def options(command: click.Command) -> dict[str, click.Option]:
    """Return a command's options by their long name."""
    return {
        name: param
        for param in command.params
        if isinstance(param, click.Option)
        for name in param.opts
        if name.startswith("--")
    }


def meaning(option: click.Option) -> tuple[object, ...]:
    """What must agree between two commands' uses of one flag (the default apart)."""
    return (
        option.help,
        option.multiple,
        option.is_flag,
        option.type.to_info_dict(),
        option.metavar,
    )


def test_every_subcommand_is_listed_here():
    assert set(COMMANDS) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_subcommand_answers_help_with_its_shared_flags(name):
    done = CliRunner().invoke(weilidai, [*name.split(), "--help"], prog_name="weilidai")
    assert done.exit_code == 0, done.output
    usage = done.output.splitlines()[0]
    assert usage.startswith(f"Usage: weilidai {name} ") and len(usage) < 80, usage
    shown = set(re.findall(r"^  (--[a-z][a-z-]*)", done.output, re.M))  # the options, not prose
    assert {flag for flag in SHARED if flag in shown} == EXPECTED[name]
    assert "renamed_label" not in done.output  # no list of every mutant floods the help


def test_a_shared_flag_means_the_same_and_defaults_the_same_in_every_subcommand():
    first: dict[str, tuple[str, click.Option]] = {}
    for name, command in COMMANDS.items():
        for flag, option in options(command).items():
            if flag == "--help":
                continue
            if flag not in first:
                first[flag] = (name, option)
                continue
            where, seen = first[flag]
            assert meaning(option) == meaning(seen), f"{flag}: {name} and {where} differ"
            if flag != "--output":
                assert option.default == seen.default, f"{flag}: {name} and {where} differ"
    assert first["--locale"][1].default == ("zh-CN",)
    assert first["--jobs"][1].default == 2


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_each_output_defaults_to_the_folder_the_landing_page_reads(name):
    assert options(COMMANDS[name])["--output"].default == Path(OUTPUTS[name])


def test_list_prints_the_chosen_flows_and_runs_nothing(tmp_path):
    done = CliRunner().invoke(
        weilidai,
        [
            "--artifacts",
            str(tmp_path),
            "run",
            "--flow",
            "close_account",
            "--locale",
            "en",
            "--list",
        ],
    )
    assert done.exit_code == 0, done.output
    assert [line.split()[0] for line in done.output.splitlines()] == [
        "close_account_A_en",
        "close_account_B_en",
    ]
    assert list(tmp_path.iterdir()) == []  # nothing ran, so nothing is recorded


def test_an_unknown_flow_is_a_usage_error_naming_the_closest():
    done = CliRunner().invoke(weilidai, ["videos", "--flow", "close_acount", "--list"])
    assert done.exit_code == 2
    assert "no flow is called 'close_acount'; did you mean close_account" in done.output


def test_a_flow_is_named_in_full_by_its_base_or_by_a_glob():
    assert [f.name for f in select_flows(["close_account"])] == [
        "close_account_A",
        "close_account_B",
    ]
    assert [f.name for f in select_flows(["close_account_B"], locales=["en"])] == [
        "close_account_B_en"
    ]
    paused = select_flows(["pause_*"], variants=["A"])
    assert paused and all(f.base.startswith("pause_") and f.variant == "A" for f in paused)
    assert len(select_flows()) == len(select_flows(["*_A", "*_B"]))
    with pytest.raises(UnknownFlow, match="left out by the chosen --variant/--locale"):
        select_flows(["close_account_B"], variants=["A"])


def test_progress_off_a_terminal_is_plain_lines_with_i_of_n():
    stream = io.StringIO()  # not a terminal: as in CI, or piped to a file
    with Progress("Flows", 2, stream=stream) as progress:
        progress.done("opt_out_A", "PASS", 3.2, "artifacts/run/opt_out_A")
        progress.done("close_account_A", "FAIL", 61.5, notes=["TimeoutError: …"])
    assert stream.getvalue().splitlines() == [
        "Flows: 2 to go",
        "[1/2] PASS   opt_out_A 3.2s artifacts/run/opt_out_A",
        "[2/2] FAIL   close_account_A 1m02s",
        "        TimeoutError: …",
    ]


def test_progress_on_a_terminal_draws_a_bar_with_the_time_left():
    stream = io.StringIO()
    with Progress("Videos", 3, stream=stream, live=True) as progress:
        progress.done("opt_out_A", "filmed", 4.0, "artifacts/walkthroughs/opt_out_A.mp4")
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", stream.getvalue())
    assert "Videos" in shown and "1/3" in shown and "elapsed" in shown and "left" in shown
    assert "[1/3] filmed opt_out_A 4.0s artifacts/walkthroughs/opt_out_A.mp4" in shown


def test_progress_is_plain_when_ci_is_set(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("CI", "1")
    assert not Progress("x", 1, stream=Terminal()).live
    monkeypatch.delenv("CI")
    assert Progress("x", 1, stream=Terminal()).live


def test_seconds_read_as_a_person_says_them():
    assert [seconds_text(s) for s in (0.04, 59.94, 60, 187.4)] == [
        "0.0s",
        "59.9s",
        "1m00s",
        "3m07s",
    ]


def test_the_mutants_read_a_drift_from_the_checks_progress_line():
    output = (
        "Regression checks against mutant reference_reformatted: 2 to go\n"
        "[1/2] ok     opt_out_A 2.6s\n"
        "[2/2] DRIFT  close_account_A 7.6s artifacts/regression/close_account_A\n"
        "        path: step 12 看到申请编号: the flow stopped on 申请已提交\n"
        "2 flows: 1 unchanged, 1 drifted · baselines chromium-156 · report: x/index.html\n"
    )
    assert classify("regression", 1, output) == (
        "failed",
        "close_account_A: path: step 12 看到申请编号: the flow stopped on 申请已提交",
    )


def test_make_help_lists_every_target_with_its_sentence():
    done = subprocess.run(
        ["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    listed = dict(line.split(None, 1) for line in done.stdout.splitlines())
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    described = re.findall(r"^([a-z][a-z0-9-]*):[^=\n]*## ", makefile, re.M)
    assert list(listed) == described and {"help", "run", "test", "videos"} <= set(listed)
    assert listed["run"].startswith("the main job")
