"""The regression tool's mutants, without a browser: each still applies, and only to its own app."""

from __future__ import annotations

from pathlib import Path

import pytest

from e2e.harness.api import PortalApi
from e2e.regression.mutants import MUTANTS, apply_mutant
from mock_portal import create_app


def test_a_mutant_breaks_only_its_own_app(tmp_path: Path):
    seen = {}
    for name in ("plain", "entry_while_paused"):
        app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / name}.sqlite3"})
        if name != "plain":
            apply_mutant(app, name)
        client = app.test_client()
        api = PortalApi.over_flask(client)
        api.reset()
        seen[name] = api.create_user("paused")
    assert seen["plain"]["entry_visible"] is False
    assert seen["entry_while_paused"]["entry_visible"] is True


@pytest.mark.parametrize("name", MUTANTS)
def test_every_mutant_still_applies_to_the_portal(tmp_path: Path, name: str):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / name}.sqlite3"})
    apply_mutant(app, name)  # raises MutantOutdated when a template changed under it
    assert app.config["MUTANT"] == name
