"""Long random journeys through the model (e2e.model), shrunk by Hypothesis when one fails.

Each example seeds a person (any seed of the model, any facts), then takes random steps the
model allows in the person's state, now and then starting over with someone else; after every
step the invariants below must hold and the test API must report what the model's oracle says.
A failure prints the shortest sequence of steps Hypothesis could find and saves it to
``artifacts/model/shrunk.json``, which ``python -m e2e.model replay`` takes in the browser.
``MODEL_EXAMPLES`` and ``MODEL_STEPS`` set the depth (the fast gate's defaults keep it near ten
seconds); ``PORTAL_MUTANT`` breaks the portal as a ``make mutants`` mutant does. docs/model.md.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from flask import Flask
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from e2e.harness.api import PortalApi
from e2e.model.graph import MODEL, Action, Predicate, Seed
from e2e.model.walk import (
    CLOCK_MOVES,
    EDGE_AMOUNTS_FEN,
    FormHands,
    ModelJourney,
    Recording,
)
from e2e.regression.mutants import apply_mutant

EXAMPLES = int(os.environ.get("MODEL_EXAMPLES", "25"))
MUTANT = os.environ.get("PORTAL_MUTANT")
SHRUNK = Path("artifacts/model/shrunk.json")
STEPS = int(os.environ.get("MODEL_STEPS", "20"))
JOURNEYS = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    # Shrink the first failure found rather than every distinct one, and skip the explain
    # phase: each replay is a journey through the portal, and both multiply the replays.
    report_multiple_bugs=False,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
)

AMOUNTS = st.one_of(
    st.sampled_from(EDGE_AMOUNTS_FEN), st.integers(min_value=1, max_value=4_100_000)
)
# A new person: any seed of the model, any facts the seed leaves open.
PERSON = {
    "seed": st.sampled_from(MODEL.seeds),
    "eligible_after_pause": st.booleans(),
    "face_check_fails": st.booleans(),
    "review_rejects": st.booleans(),
}


def can(action: Action) -> Callable[[PersonJourneys], bool]:
    """Return the precondition "the model has ``action`` in the person's state"."""
    return lambda machine: machine.journey.can(action)


class PersonJourneys(RuleBasedStateMachine):
    """One person's random journey through the portal, as the model allows."""

    # The journey of the example run last: when one fails, Hypothesis runs the shrunk
    # example last, so this is the minimal failing journey.
    last: Recording | None = None

    def __init__(self, app: Flask) -> None:
        super().__init__()
        self.client = app.test_client()
        self.journey: ModelJourney

    def teardown(self) -> None:
        journey = getattr(self, "journey", None)
        if journey is not None:
            PersonJourneys.last = Recording(journey.seed, journey.facts, list(journey.steps))

    @initialize(**PERSON)
    def seed_a_person(
        self, seed: Seed, eligible_after_pause: bool, face_check_fails: bool, review_rejects: bool
    ) -> None:
        facts = {
            Predicate.RISK_FLAG: False,  # the seed says whether the account is flagged
            Predicate.ELIGIBLE_AFTER_PAUSE: eligible_after_pause,
            Predicate.FACE_CHECK_FAILS: face_check_fails,
            Predicate.REVIEW_REJECTS: review_rejects,
        }
        self.journey = ModelJourney(
            PortalApi.over_flask(self.client), FormHands(self.client), seed, facts
        )

    # Hypothesis spends most examples near the ones it has tried (and swarm testing switches
    # rules off), so a few seeds would fill a run: starting over mid-journey visits more.
    @rule(**PERSON)
    def start_over_with_someone_else(
        self, seed: Seed, eligible_after_pause: bool, face_check_fails: bool, review_rejects: bool
    ) -> None:
        self.seed_a_person(seed, eligible_after_pause, face_check_fails, review_rejects)

    # ---------------------------------------------------------------- the person's steps

    @precondition(can(Action.BORROW))
    @rule(amount_fen=AMOUNTS)
    def borrow(self, amount_fen: int) -> None:
        self.journey.take(Action.BORROW, amount_fen)

    @precondition(can(Action.REPAY))
    @rule()
    def repay(self) -> None:
        self.journey.take(Action.REPAY)

    @precondition(can(Action.WRONG_PASSWORD))
    @rule()
    def wrong_password(self) -> None:
        self.journey.take(Action.WRONG_PASSWORD)

    @precondition(can(Action.PAUSE))
    @rule()
    def pause(self) -> None:
        self.journey.take(Action.PAUSE)

    @precondition(can(Action.OPT_OUT))
    @rule()
    def opt_out(self) -> None:
        self.journey.take(Action.OPT_OUT)

    @precondition(can(Action.OPT_IN))
    @rule()
    def opt_in(self) -> None:
        self.journey.take(Action.OPT_IN)

    @precondition(can(Action.START_CLOSURE))
    @rule()
    def start_closure(self) -> None:
        self.journey.take(Action.START_CLOSURE)

    @precondition(can(Action.RIGHT_PASSWORD))
    @rule()
    def right_password(self) -> None:
        self.journey.take(Action.RIGHT_PASSWORD)

    @precondition(can(Action.WRONG_SMS_CODE))
    @rule()
    def wrong_sms_code(self) -> None:
        self.journey.take(Action.WRONG_SMS_CODE)

    @precondition(can(Action.RIGHT_SMS_CODE))
    @rule()
    def right_sms_code(self) -> None:
        self.journey.take(Action.RIGHT_SMS_CODE)

    @precondition(can(Action.FACE_CHECK))
    @rule()
    def face_check(self) -> None:
        self.journey.take(Action.FACE_CHECK)

    @precondition(can(Action.LEAVE_CLOSURE))
    @rule()
    def leave_closure(self) -> None:
        self.journey.take(Action.LEAVE_CLOSURE)

    @precondition(can(Action.CLOCK))
    @rule(by=st.sampled_from(CLOCK_MOVES))
    def clock_moves(self, by: timedelta) -> None:
        self.journey.take(Action.CLOCK, by)

    @precondition(can(Action.INVITE))
    @rule()
    def invite(self) -> None:
        self.journey.take(Action.INVITE)

    # ---------------------------------------------------------------- after every step

    @invariant()
    def portal_reports_the_model_state(self) -> None:
        self.journey.reports_the_model_state()

    @invariant()
    def the_entry_never_hides_from_someone_who_owes(self) -> None:
        self.journey.the_entry_never_hides_from_someone_who_owes()

    @invariant()
    def no_application_is_pending_while_money_is_owed(self) -> None:
        self.journey.no_application_is_pending_while_money_is_owed()

    @invariant()
    def at_most_one_pending_application(self) -> None:
        self.journey.at_most_one_pending_application()

    @invariant()
    def money_owed_is_never_negative(self) -> None:
        self.journey.money_owed_is_never_negative()

    @invariant()
    def a_closed_account_never_borrows_repays_or_comes_back(self) -> None:
        self.journey.a_closed_account_never_borrows_repays_or_comes_back()


def test_random_journeys_keep_the_rules(make_app: Callable[..., Flask]) -> None:
    app = make_app()
    if MUTANT:
        apply_mutant(app, MUTANT)
    try:
        run_state_machine_as_test(lambda: PersonJourneys(app), settings=JOURNEYS)
    except Exception as failure:
        shrunk = PersonJourneys.last
        if shrunk is not None:
            SHRUNK.parent.mkdir(parents=True, exist_ok=True)
            SHRUNK.write_text(json.dumps(shrunk.to_json(), indent=2, ensure_ascii=False) + "\n")
            failure.add_note(
                f"shrunk journey: {shrunk.describe()}\n"
                f"replay it in the browser: .venv/bin/python -m e2e.model replay {SHRUNK}"
                + (f" --mutant {MUTANT}" if MUTANT else "")
            )
        raise
