"""make mutants-rules: mutmut over the portal's rules and services, scored against a list.

Runs mutmut (configured in pyproject.toml's [tool.mutmut]) with one worker, re-tests the mutants
that an earlier run left alive (mutmut keeps a verdict until the function changes, so a new test
would otherwise go unseen), prints the score and fails when a mutant survives that
tests/mutation_equivalents.toml does not explain. How to read it and how to add an equivalent:
docs/mutation.md.
"""

from __future__ import annotations

import argparse
import filecmp
import fnmatch
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "tests" / "mutation_equivalents.toml"
WORKDIR = ROOT / "mutants"
MUTMUT = [sys.executable, "-m", "mutmut"]

# mutmut's verdicts (mutmut.stats.status_by_exit_code). A test failed, ran out of time or crashed
# on the mutant: the tests noticed it. Anything else is a mutant no test noticed.
DETECTED = frozenset({"killed", "timeout", "segfault", "caught by type check"})


@dataclass(frozen=True)
class Equivalent:
    """One listed mutant: its name, the line as mutmut rewrote it, and why nothing can see it."""

    mutant: str
    mutated: str
    reason: str


@dataclass(frozen=True)
class Score:
    """The run's verdicts, with the listed equivalents taken out of the survivors."""

    statuses: Mapping[str, str]
    equivalent: frozenset[str]

    @property
    def total(self) -> int:
        """Return how many mutants mutmut made."""
        return len(self.statuses)

    def count(self, status: str) -> int:
        """Return how many mutants got ``status``, the listed equivalents left out."""
        return sum(
            1
            for name, verdict in self.statuses.items()
            if verdict == status and name not in self.equivalent
        )

    @property
    def detected(self) -> int:
        """Return how many mutants a test noticed."""
        return sum(1 for verdict in self.statuses.values() if verdict in DETECTED)

    @property
    def unexplained(self) -> list[str]:
        """Return the mutants no test noticed and the list does not explain, sorted."""
        return sorted(
            name
            for name, verdict in self.statuses.items()
            if verdict not in DETECTED and name not in self.equivalent
        )

    @property
    def percent(self) -> float:
        """Return the score: the mutants noticed among those that can be noticed."""
        scored = self.total - len(self.equivalent)
        return 100.0 * self.detected / scored if scored else 100.0

    def lines(self) -> list[str]:
        """Return the score as make mutants-rules prints it."""
        others = Counter(
            verdict
            for name, verdict in self.statuses.items()
            if verdict not in DETECTED | {"survived"} and name not in self.equivalent
        )
        rows = [
            ("mutants", self.total, ""),
            ("killed", self.count("killed"), ""),
            ("timeout", self.count("timeout"), "(counted as killed)"),
            ("survived", self.count("survived"), ""),
            *((verdict, number, "(counted as survived)") for verdict, number in others.items()),
            ("equivalent", len(self.equivalent), f"(listed in {EQUIVALENTS.relative_to(ROOT)})"),
        ]
        width = max(len(label) for label, _, _ in rows)
        text = [f"  {label:<{width}}  {number:>5}  {note}".rstrip() for label, number, note in rows]
        text.append(
            f"  {'score':<{width}}  {self.percent:>5.1f} %  "
            "(killed + timeout) / (mutants - equivalent)"
        )
        return text


def load_equivalents(path: Path = EQUIVALENTS) -> dict[str, Equivalent]:
    """Read the list of equivalent mutants, by name; refuse an entry without a reason."""
    data = tomllib.loads(path.read_text("utf-8")) if path.exists() else {}
    listed: dict[str, Equivalent] = {}
    for entry in data.get("equivalent", []):
        item = Equivalent(entry["mutant"], entry["mutated"].strip(), entry["reason"].strip())
        if not item.reason:
            raise ValueError(f"{path.name}: {item.mutant} has no reason")
        if item.mutant in listed:
            raise ValueError(f"{path.name}: {item.mutant} is listed twice")
        listed[item.mutant] = item
    return listed


def mutated_lines(diff: str) -> str:
    """Return the lines a mutant's diff adds, stripped and joined: what the entry must match."""
    return "\n".join(
        line[1:].strip()
        for line in diff.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    )


def parse_results(text: str) -> dict[str, str]:
    """Parse ``mutmut results --all true`` into each mutant's verdict."""
    statuses: dict[str, str] = {}
    for line in text.splitlines():
        name, sep, status = line.strip().partition(": ")
        if sep and name.startswith("mock_portal."):
            statuses[name] = status
    return statuses


def mutmut(*args: str, capture: bool = False) -> str:
    """Run a mutmut command in the repo; return what it printed when ``capture``."""
    done = subprocess.run([*MUTMUT, *args], cwd=ROOT, check=True, text=True, capture_output=capture)
    return done.stdout if capture else ""


def statuses() -> dict[str, str]:
    """Return every mutant's verdict from mutmut's working folder (empty before a first run)."""
    if not WORKDIR.exists():
        return {}
    return parse_results(mutmut("results", "--all", "true", capture=True))


def diff_of(name: str) -> str:
    """Return the diff mutmut shows for one mutant."""
    return mutmut("show", name, capture=True)


def judge(
    verdicts: Mapping[str, str], listed: Mapping[str, Equivalent], diffs: Mapping[str, str]
) -> tuple[Score, list[str]]:
    """Match the survivors with the list; return the score and what is wrong with the list.

    A listed mutant counts as equivalent only while it survives and still makes the change the
    list records: mutmut numbers a function's mutants afresh when the function changes.
    """
    equivalent: set[str] = set()
    problems: list[str] = []
    for name, item in sorted(listed.items()):
        verdict = verdicts.get(name)
        if verdict is None:
            problems.append(f"{name}: listed, but mutmut made no such mutant")
        elif verdict == "not checked":
            continue  # an interrupted run: the next one tests it
        elif verdict in DETECTED:
            problems.append(f"{name}: listed, but a test now kills it ({verdict}): remove it")
        elif mutated_lines(diffs[name]) != item.mutated:
            problems.append(
                f"{name}: listed for `{item.mutated}`, but it now makes "
                f"`{mutated_lines(diffs[name])}`: the function changed, check it again"
            )
        else:
            equivalent.add(name)
    return Score(verdicts, frozenset(equivalent)), problems


def undetected(verdicts: Mapping[str, str]) -> list[str]:
    """Return the mutants no test noticed, whatever the list says."""
    return sorted(name for name, verdict in verdicts.items() if verdict not in DETECTED)


def refresh_unmutated_copies() -> list[Path]:
    """Copy into mutants/ every file of the portal that mutmut copies once and never again.

    mutmut 3 regenerates a mutated file when its source changes, but leaves its first copy of
    every other file (views, templates, the store) as it was: a later run would test the new
    rules inside the old portal. Returns the files refreshed.
    """
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    refreshed = []
    for folder in settings["source_paths"]:
        for source in sorted((ROOT / folder).rglob("*")):
            relative = source.relative_to(ROOT)
            copy = WORKDIR / relative
            mutated = any(fnmatch.fnmatch(str(relative), p) for p in settings["only_mutate"])
            if "__pycache__" in relative.parts or not source.is_file() or mutated:
                continue
            if copy.exists() and not filecmp.cmp(source, copy, shallow=False):
                shutil.copy2(source, copy)
                refreshed.append(relative)
    return refreshed


def run(max_children: int, fresh: bool) -> float:
    """Run mutmut, then re-test what an earlier run left alive; return the wall time."""
    start = time.monotonic()
    if fresh and WORKDIR.exists():
        shutil.rmtree(WORKDIR)
    if WORKDIR.exists():
        refresh_unmutated_copies()
    alive_before = set(undetected(statuses()))
    mutmut("run", "--max-children", str(max_children))
    # mutmut keeps a verdict while its function is unchanged: a survivor of an earlier run
    # is tested again here, against the tests as they are now. Listed equivalents are left
    # alone (each costs every test that reaches its function); --fresh tests them again too.
    listed = set(load_equivalents())
    recheck = sorted((alive_before - listed) & set(undetected(statuses())))
    if recheck:
        print(f"Re-testing {len(recheck)} mutants that survived an earlier run")
        mutmut("run", "--max-children", str(max_children), *recheck)
    return time.monotonic() - start


def report(elapsed: float | None) -> int:
    """Print the score, the unexplained survivors and the list's problems; return the exit code."""
    verdicts = statuses()
    if not verdicts:
        print("No mutmut results: run make mutants-rules first", file=sys.stderr)
        return 2
    listed = load_equivalents()
    diffs = {name: diff_of(name) for name in undetected(verdicts)}
    score, problems = judge(verdicts, listed, diffs)
    print()
    print("make mutants-rules: mutmut over mock_portal/domain/ and mock_portal/services.py")
    for line in score.lines():
        print(line)
    if elapsed is not None:
        print(f"  wall time  {elapsed / 60:.1f} min")
    for name in score.unexplained:
        print(f"\n{verdicts[name]}: {name}\n{diffs[name].rstrip()}")
    for problem in problems:
        print(f"\n{EQUIVALENTS.name}: {problem}")
    if score.unexplained:
        print(
            f"\n{len(score.unexplained)} mutants survive unexplained: kill each with a test, or "
            f"list it in {EQUIVALENTS.relative_to(ROOT)} with why (docs/mutation.md)"
        )
    return 1 if score.unexplained or problems else 0


def main(argv: list[str] | None = None) -> int:
    """Run mutmut over the rules and the services and print the score."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--max-children", type=int, default=1, help="mutmut's worker processes (default 1)"
    )
    parser.add_argument(
        "--fresh", action="store_true", help="delete mutants/ first: test every mutant again"
    )
    parser.add_argument(
        "--report-only", action="store_true", help="print the score of the last run, run nothing"
    )
    args = parser.parse_args(argv)
    elapsed = None if args.report_only else run(args.max_children, args.fresh)
    return report(elapsed)


if __name__ == "__main__":
    sys.exit(main())
