"""Paths through the model that, together, take every transition at least once.

For each transition, networkx finds the cheapest way to its source from any seed, in the part
of the graph whose facts agree with the transition's (a path that needs a face check to fail
never passes one). Paths that are the start of a longer one are dropped. docs/model.md says how
a runner follows them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from .graph import MODEL, Model, Predicate, Seed, State, Transition

# A fact no arrow of the path asks about takes the scenario's default.
DEFAULT_FACTS: Mapping[Predicate, bool] = {
    Predicate.RISK_FLAG: False,
    Predicate.ELIGIBLE_AFTER_PAUSE: True,
    Predicate.FACE_CHECK_FAILS: False,
    Predicate.REVIEW_REJECTS: False,
}


@dataclass(frozen=True)
class CoveringPath:
    """A seeded person and the transitions to take, in order."""

    seed: Seed
    transitions: tuple[Transition, ...]

    def facts(self) -> dict[Predicate, bool]:
        """Return every fact of the person this path needs, defaults filled in."""
        facts = dict(DEFAULT_FACTS)
        facts.update(self.seed.facts())
        for transition in self.transitions:
            facts.update(transition.facts())
        return facts

    def overrides(self) -> dict[str, object]:
        """Return the scenario overrides of ``POST /__test__/users`` for this path's person."""
        facts = self.facts()
        return {
            "risk_flag": facts[Predicate.RISK_FLAG],
            "eligible_after_pause": facts[Predicate.ELIGIBLE_AFTER_PAUSE],
            "face_check_fails": facts[Predicate.FACE_CHECK_FAILS],
            "review_outcome": "reject" if facts[Predicate.REVIEW_REJECTS] else "approve",
        }

    def describe(self) -> str:
        """Return the path on one line: the seed, then each arrow's label."""
        steps = " → ".join(t.label for t in self.transitions)
        step = f", closure at {self.seed.closure_step}" if self.seed.closure_step else ""
        return f"{self.seed.scenario}{step} ({self.seed.state}) → {steps}"


def agrees(facts: Mapping[Predicate, bool], needed: Mapping[Predicate, bool]) -> bool:
    """Say whether ``needed`` contradicts none of ``facts``."""
    return all(facts.get(p, value) is value for p, value in needed.items())


def path_to(model: Model, transition: Transition) -> CoveringPath:
    """Return the cheapest seeded path that ends by taking ``transition``."""
    facts = transition.facts()
    graph = model.graph()
    view = nx.subgraph_view(
        graph,
        filter_edge=lambda u, v, key: agrees(facts, graph.edges[u, v, key]["transition"].facts()),
    )
    seeds = {s.state: s for s in reversed(model.seeds) if agrees(facts, s.facts())}
    nodes = nx.multi_source_dijkstra_path(view, set(seeds), weight="cost").get(transition.source)
    if nodes is None:
        raise ValueError(f"no seed reaches {transition.key}")
    steps = [_cheapest(view, u, v) for u, v in zip(nodes, nodes[1:], strict=False)]
    return CoveringPath(seeds[nodes[0]], (*steps, transition))


def _cheapest(view: nx.MultiDiGraph[State], source: State, target: State) -> Transition:
    edges = view.get_edge_data(source, target)
    best = min(edges.values(), key=lambda data: (data["cost"], data["transition"].key))
    chosen: Transition = best["transition"]
    return chosen


def covering_paths(model: Model = MODEL) -> list[CoveringPath]:
    """Return seeded paths that together take every transition of ``model`` at least once."""
    paths = {path_to(model, t) for t in model.transitions}
    kept = [
        path
        for path in paths
        if not any(
            other is not path
            and other.seed == path.seed
            and other.transitions[: len(path.transitions)] == path.transitions
            and agrees(other.facts(), path.facts())
            for other in paths
        )
    ]
    return sorted(kept, key=lambda path: (path.seed.scenario, path.seed.state, path.describe()))
