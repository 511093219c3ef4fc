"""The layers point one way, and import-linter says so (make lint; docs/architecture.md#layers).

The contracts are pyproject.toml's ``[tool.importlinter]``. To show they bite, a copy of the
tree's Python gets a harness module that imports a tool, and the same contracts must fail on it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
# Where each root package's source is (weilidai_fixtures is the folder fixtures/, see pyproject).
SOURCES = {
    "mock_portal": "mock_portal",
    "weilidai_fixtures": "fixtures",
    "e2e": "e2e",
    "tests": "tests",
}
LAYERS = "The project's layers point one way"


def lint_imports(where: Path) -> subprocess.CompletedProcess[str]:
    """Run the contracts of ``where``'s pyproject.toml on the packages importable from there."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=where,
        env={**os.environ, "PYTHONPATH": str(where)},
        capture_output=True,
        text=True,
        check=False,
    )


def only_python(folder: str, names: list[str]) -> set[str]:
    """Leave out of a copy everything but packages and modules (goldens, templates, caches)."""
    return {
        name
        for name in names
        if name == "__pycache__" or not (name.endswith(".py") or Path(folder, name).is_dir())
    }


def copy_of_the_tree(into: Path) -> Path:
    """Copy the root packages' Python and pyproject.toml into ``into``; return it."""
    for package, source in SOURCES.items():
        shutil.copytree(ROOT / source, into / package, ignore=only_python)
    shutil.copy(ROOT / "pyproject.toml", into / "pyproject.toml")
    return into


def test_the_tree_keeps_its_layers():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{LAYERS}: tests, tools, harness, fixtures, portal KEPT" in done.stdout


def test_the_copy_keeps_them_too(tmp_path: Path):
    # The copy, not the installed tree, is what the contracts read below.
    done = lint_imports(copy_of_the_tree(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_harness_module_that_imports_a_tool_breaks_the_layers(tmp_path: Path):
    tree = copy_of_the_tree(tmp_path)
    (tree / "e2e" / "harness" / "upward.py").write_text(
        '"""Breaks the layers: the harness reads the bench."""\n\nfrom ..bench import cli\n',
        encoding="utf-8",
    )
    done = lint_imports(tree)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{LAYERS}: tests, tools, harness, fixtures, portal BROKEN" in done.stdout
    assert "e2e.harness is not allowed to import e2e.bench" in done.stdout
    assert "e2e.harness.upward -> e2e.bench.cli" in done.stdout


def test_a_rule_that_imports_the_portal_breaks_the_portals_layers(tmp_path: Path):
    tree = copy_of_the_tree(tmp_path)
    (tree / "mock_portal" / "domain" / "upward.py").write_text(
        '"""Breaks the layers: a rule reads the store."""\n\nfrom .. import store\n',
        encoding="utf-8",
    )
    done = lint_imports(tree)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "mock_portal.domain is not allowed to import mock_portal.store" in done.stdout
