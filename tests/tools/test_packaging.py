"""The project installs what the tree holds: every package, the pytest plugin, typed steps."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import uuid
from importlib.metadata import entry_points
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# This repository's own tests are run from the checkout, never installed.
NOT_SHIPPED = {"e2e.tests"}


def packages_under(folder: Path, name: str) -> set[str]:
    """Return the dotted names of ``folder`` and every folder below it with an __init__.py."""
    found = set()
    for init in folder.rglob("__init__.py"):
        parts = init.parent.relative_to(folder).parts
        found.add(".".join((name, *parts)))
    return found


def test_every_package_of_the_tree_is_listed_in_pyproject():
    setuptools = PYPROJECT["tool"]["setuptools"]
    folders = {"mock_portal": "mock_portal", "e2e": "e2e", **setuptools["package-dir"]}
    assert folders["weilidai_fixtures"] == "fixtures"
    in_tree = set()
    for name, folder in folders.items():
        in_tree |= packages_under(ROOT / folder, name)
    shipped = {
        package
        for package in in_tree
        if not any(package == top or package.startswith(f"{top}.") for top in NOT_SHIPPED)
    }
    assert sorted(setuptools["packages"]) == sorted(shipped)


def test_folders_of_modules_are_packages():
    # setuptools ships only listed packages: modules in a folder without __init__.py stay behind.
    for top in ("mock_portal", "e2e", "fixtures"):
        for module in (ROOT / top).rglob("*.py"):
            assert (module.parent / "__init__.py").exists(), module.relative_to(ROOT)


# The harness's plugin, and the tools' own plugins that the harness must not import.
PLUGINS = {"weilidai": "e2e.harness.plugin", "weilidai-trace": "e2e.trace.plugin"}
MUTANTS = {"regression": "e2e.regression.mutants:MUTANTS"}


def test_the_plugins_are_declared_and_installed_as_pytest11_entry_points():
    assert PYPROJECT["project"]["entry-points"]["pytest11"] == PLUGINS
    installed = {ep.name: ep for ep in entry_points(group="pytest11")}
    for name, module in PLUGINS.items():
        assert name in installed, "reinstall: pip install -e '.[test]' (scripts/install.sh)"
        assert installed[name].value == module
        assert installed[name].load().__name__ == module


def test_the_regression_registers_its_mutants_for_the_harness():
    assert PYPROJECT["project"]["entry-points"]["weilidai.mutants"] == MUTANTS
    installed = {ep.name: ep.value for ep in entry_points(group="weilidai.mutants")}
    assert installed == MUTANTS, "reinstall: pip install -e '.[test]' (scripts/install.sh)"


TYPO_STEP = """\
from e2e.harness.journey import Step
from e2e.harness.pages import MePage

good = Step("to services", MePage, lambda j, me: me.open_services())
bad = Step("typo", MePage, lambda j, me: me.open_weilidai())
"""


def test_a_wrong_method_on_a_screen_is_a_type_error(tmp_path: Path):
    # A module name of its own each run: mypy's cache keeps a module's errors by its name and
    # text, and would report an earlier run's file for the same typo_step.py.
    module = tmp_path / f"typo_step_{uuid.uuid4().hex[:12]}.py"
    module.write_text(TYPO_STEP, encoding="utf-8")
    # The project's own cache (.mypy_cache, which make lint warms first in CI): only the new
    # module is checked then, 2 s instead of 13 s for the whole harness behind its imports.
    command = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml")]
    command += [str(module)]
    checked = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert f'{module}:5: error: "MePage" has no attribute "open_weilidai"' in checked.stdout
    assert "Found 1 error in 1 file" in checked.stdout  # the right method checks clean
