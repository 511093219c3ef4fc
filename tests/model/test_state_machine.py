"""Long random journeys through the model (e2e.model), shrunk by Hypothesis when one fails.

Each example seeds a person (any seed of the model, any facts), then takes random steps the
model allows in the person's state, now and then starting over with someone else; after every
step the invariants below must hold and the test API must report what the model's oracle says.
A failure prints the shortest sequence of steps Hypothesis could find. ``MODEL_EXAMPLES`` and
``MODEL_STEPS`` set the depth (the fast gate's defaults keep it near ten seconds);
docs/model.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta

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

from e2e.model.graph import MODEL, Action, Predicate, Seed
from e2e.model.walk import ClientApi, FormHands, ModelJourney

EXAMPLES = int(os.environ.get("MODEL_EXAMPLES", "40"))
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
    # The edges of the rules: ¥0.99 and ¥1.00, a new account's ¥5,000 line, the ¥40,000 line.
    st.sampled_from([99, 100, 12_345, 500_000, 500_001, 4_000_000, 4_000_001]),
    st.integers(min_value=1, max_value=4_100_000),
)
# Three hours unlock the payment password; 30 days age a loan; 90 end a pause.
CLOCK_MOVES = st.sampled_from(
    [
        timedelta(hours=3),
        timedelta(days=1),
        timedelta(days=3),
        timedelta(days=30),
        timedelta(days=90),
    ]
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

    def __init__(self, app: Flask) -> None:
        super().__init__()
        self.client = app.test_client()
        self.journey: ModelJourney

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
        self.journey = ModelJourney(ClientApi(self.client), FormHands(self.client), seed, facts)

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
    @rule(by=CLOCK_MOVES)
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
    run_state_machine_as_test(lambda: PersonJourneys(app), settings=JOURNEYS)
