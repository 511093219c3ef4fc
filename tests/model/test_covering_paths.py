"""Every transition of the model, taken through the portal on every run (no randomness).

Each covering path of ``e2e.model.covering_paths()`` is followed from its seed; before an arrow
whose guard asks for a condition, the runner makes it so (an amount within or beyond the line,
a clock move long enough or not, three wrong passwords for a lock). The random journeys of
test_state_machine.py then try the arrows in combinations no path lists.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from e2e.harness.api import PortalApi
from e2e.model import CoveringPath, covering_paths
from e2e.model.walk import FormHands, ModelJourney, take_as_planned
from mock_portal import clock, create_app, store
from tests.support.portal import portal_config

PATHS = covering_paths()


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One portal for every path: each path resets it first."""
    app = create_app(portal_config(tmp_path_factory.mktemp("model") / "portal.db"))
    with app.app_context(), store.transaction() as db:
        clock.freeze(db, clock.parse_moment(app.config["CLOCK_START"]))
    yield app
    app.extensions["store_engine"].dispose()


@pytest.mark.parametrize("path", PATHS, ids=[f"{i:02d}" for i in range(len(PATHS))])
def test_each_covering_path_goes_as_the_model_says(portal: Flask, path: CoveringPath) -> None:
    client: FlaskClient = portal.test_client()
    journey = ModelJourney(PortalApi.over_flask(client), FormHands(client), path.seed, path.facts())
    for transition in path.transitions:
        take_as_planned(journey, transition)
