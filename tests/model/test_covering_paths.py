"""Every transition of the model, taken through the portal on every run (no randomness).

Each covering path of ``e2e.model.covering_paths()`` is followed from its seed; before an arrow
whose guard asks for a condition, the runner makes it so (an amount within or beyond the line,
a clock move long enough or not, three wrong passwords for a lock). The random journeys of
test_state_machine.py then try the arrows in combinations no path lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from e2e.model import CoveringPath, covering_paths
from e2e.model.graph import PASSWORD_TRIES, Action, Predicate, Transition
from mock_portal import clock, create_app, store
from tests.conftest import portal_config
from e2e.model.walk import ModelJourney

PATHS = covering_paths()


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One portal for every path: each path resets it first."""
    app = create_app(portal_config(tmp_path_factory.mktemp("model") / "portal.db"))
    with app.app_context(), store.transaction() as db:
        clock.freeze(db, clock.parse_moment(app.config["CLOCK_START"]))
    yield app
    app.extensions["store_engine"].dispose()


def argument_for(journey: ModelJourney, transition: Transition) -> Any:
    """Return the step's input that makes the transition's conditions true (or false)."""
    wanted = transition.conditions()
    memory = journey.memory
    if transition.action is Action.BORROW:
        room = memory.credit_line_fen - memory.principal_owed_fen
        return 100 if wanted.get(Predicate.WITHIN_CREDIT_LINE, True) else room + 1
    if transition.action is not Action.CLOCK:
        return None
    due = {
        Predicate.LOAN_30_DAYS_OLD: (memory.newest_loan_at, timedelta(days=30)),
        Predicate.PAUSE_OVER: (memory.paused_until, timedelta(0)),
        Predicate.REVIEW_DUE: (memory.decide_at, timedelta(0)),
    }
    for predicate, holds in wanted.items():
        start, after = due[predicate]
        if holds and start is not None:
            return max(start + after - memory.now, timedelta(0))
    return timedelta(hours=1) if wanted else timedelta(days=1)


def arrange(journey: ModelJourney, transition: Transition) -> None:
    """Make the transition's conditions that need earlier steps hold: a locked password."""
    if transition.conditions().get(Predicate.PASSWORD_LOCKED):
        for _ in range(PASSWORD_TRIES):
            journey.take(Action.WRONG_PASSWORD)


@pytest.mark.parametrize("path", PATHS, ids=[f"{i:02d}" for i in range(len(PATHS))])
def test_each_covering_path_goes_as_the_model_says(portal: Flask, path: CoveringPath) -> None:
    client: FlaskClient = portal.test_client()
    journey = ModelJourney(client, path.seed, path.facts())
    for transition in path.transitions:
        arrange(journey, transition)
        taken = journey.take(transition.action, argument_for(journey, transition))
        assert taken == transition, (path.describe(), taken.key, transition.key)
        journey.check_invariants()
