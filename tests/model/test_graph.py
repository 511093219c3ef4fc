"""The model itself (e2e.model): well formed, deterministic, covered, and docs/model.md fresh."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from e2e.model import MODEL, Action, Outcome, State, covering_paths
from e2e.model.coverage import agrees
from e2e.model.docs import DOCS_PAGE, REGENERATE, mermaid, updated
from e2e.model.graph import FACTS, MEANING, Predicate

CITED = ("rules.md", "seed:", "spec §", "test-api.md")


def test_every_state_has_an_oracle_and_a_name_in_the_diagram() -> None:
    assert set(MODEL.oracles) == set(State)
    diagram = mermaid()
    for state in State:
        assert f" as {state}\n" in diagram + "\n"


def test_every_transition_is_unique_and_cites_its_rule() -> None:
    keys = [t.key for t in MODEL.transitions]
    assert len(keys) == len(set(keys))
    for transition in MODEL.transitions:
        assert any(source in transition.rule for source in CITED), transition.key
        assert transition.label, transition.key


def test_every_predicate_is_explained() -> None:
    assert set(MEANING) == set(Predicate)
    assert FACTS == {p for p in Predicate if p.is_fact}


@pytest.mark.parametrize(
    ("state", "action"),
    sorted({(t.source, t.action) for t in MODEL.transitions}),
)
def test_the_model_is_deterministic(state: State, action: Action) -> None:
    # Whatever the facts and conditions, an action takes at most one arrow out of a state.
    leaving = MODEL.leaving(state, action)
    named = sorted(MODEL.predicates(leaving))
    for values in itertools.product((False, True), repeat=len(named)):
        truth = dict(zip(named, values, strict=True))
        assert len([t for t in leaving if t.enabled(truth)]) <= 1, (state, action, truth)


def test_the_clock_and_borrowing_always_have_an_answer() -> None:
    # The runner chooses their input, so each state they leave from must say what any input does
    # (the facts being those of someone who can be in the state).
    for transition in MODEL.transitions:
        if transition.action not in (Action.CLOCK, Action.BORROW):
            continue
        leaving = MODEL.leaving(transition.source, transition.action)
        conditions = sorted(MODEL.predicates(leaving) - FACTS)
        facts = sorted(MODEL.predicates(leaving) & FACTS)
        for values in itertools.product((False, True), repeat=len(conditions) + len(facts)):
            truth = dict(zip(conditions + facts, values, strict=True))
            assert len([t for t in leaving if t.enabled(truth)]) == 1, (transition.key, truth)


def test_refused_steps_stay_where_they_are() -> None:
    for transition in MODEL.transitions:
        if transition.outcome in (Outcome.REFUSED, Outcome.FAILED_CHECK):
            assert transition.target is transition.source, transition.key


def test_every_state_is_reached_from_a_seed() -> None:
    seeded = {seed.state for seed in MODEL.seeds}
    graph = MODEL.graph()
    reached = set().union(*(nx.descendants(graph, state) | {state} for state in seeded))
    assert reached == set(State)


def test_the_covering_paths_take_every_transition() -> None:
    paths = covering_paths()
    taken = {t for path in paths for t in path.transitions}
    assert taken == set(MODEL.transitions)
    for path in paths:
        assert path.transitions[0].source is path.seed.state
        for before, after in itertools.pairwise(path.transitions):
            assert before.target is after.source, path.describe()
        for transition in path.transitions:
            assert agrees(path.facts(), transition.facts()), path.describe()


def test_docs_model_md_is_up_to_date() -> None:
    page = DOCS_PAGE.read_text(encoding="utf-8")
    assert updated(page) == page, f"docs/model.md is stale: run {REGENERATE}"
