"""Which tests check which requirement: the map a pytest collection writes, read back and grouped.

``collect()`` runs ``pytest --collect-only --trace-map FILE`` over the suite in a subprocess (no
test runs, nothing is imported into the caller) and returns the map; ``docs`` renders it and
tests/tools/test_traceability.py fails on a requirement nothing checks.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUITE = ("tests", "e2e/tests")
MARKER = "marker"  # how a test covers a requirement it names itself

# What one test checks: (requirement id, how) with how "marker", "flow close_account" or
# "transition owing.start_closure".
Covered = tuple[str, str]


class CollectionFailed(RuntimeError):
    """pytest could not collect the suite (an unknown requirement id, an import error)."""


@dataclass(frozen=True)
class Check:
    """One test checking one requirement, and the ways it comes to check it."""

    nodeid: str
    ways: tuple[str, ...]  # "marker", "flow close_account", "transition owing.start_closure"

    @property
    def function(self) -> str:
        """Return the test's id without its parameters: one entry per test function."""
        return self.nodeid.split("[", 1)[0]

    def through(self) -> str:
        """Return the ways other than its own marker, e.g. "flow close_account", or ""."""
        return ", ".join(way for way in self.ways if way != MARKER)


@dataclass(frozen=True)
class TraceMap:
    """Each collected test that checks a requirement, with what it checks."""

    tests: Mapping[str, tuple[Covered, ...]]

    def checks(self) -> dict[str, list[Check]]:
        """Return the checks of each requirement id, one per test, in test id order."""
        ways: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for nodeid in sorted(self.tests):
            for requirement, how in self.tests[nodeid]:
                ways[requirement][nodeid].append(how)
        return {
            requirement: [Check(nodeid, tuple(hows)) for nodeid, hows in tests.items()]
            for requirement, tests in ways.items()
        }

    def to_json(self) -> str:
        """Return the map as JSON text (``--trace-map`` writes it)."""
        tests = {nodeid: [list(pair) for pair in covered] for nodeid, covered in self.tests.items()}
        return json.dumps({"tests": tests}, ensure_ascii=False, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> TraceMap:
        """Read a map ``to_json`` wrote."""
        tests: dict[str, list[list[str]]] = json.loads(text)["tests"]
        return cls({nodeid: tuple((r, how) for r, how in pairs) for nodeid, pairs in tests.items()})


def collect(paths: tuple[str, ...] = SUITE, root: Path = ROOT) -> TraceMap:
    """Collect ``paths`` with pytest in a subprocess and return which tests check what."""
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "trace-map.json"
        command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
        done = subprocess.run(
            [*command, "--trace-map", str(target), *paths],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not target.exists():
            raise CollectionFailed(
                f"pytest --collect-only {' '.join(paths)} failed ({done.returncode}):\n"
                + (done.stdout[-3000:] + done.stderr[-3000:])
            )
        return TraceMap.from_json(target.read_text(encoding="utf-8"))
