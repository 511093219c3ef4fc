"""The model of a person's journey: states, guarded transitions, oracles (docs/model.md)."""

from .coverage import CoveringPath, covering_paths
from .graph import MODEL, Action, Model, Oracle, Outcome, Predicate, Seed, State, Transition

__all__ = [
    "MODEL",
    "Action",
    "CoveringPath",
    "Model",
    "Oracle",
    "Outcome",
    "Predicate",
    "Seed",
    "State",
    "Transition",
    "covering_paths",
]
