"""Mutants the in-process portal can be started as: deliberately broken portals, by name.

The harness defines none. A package that does registers its catalogue, a ``dict`` of
``Mutant`` by name, under the entry point group ``weilidai.mutants`` (the regression's is
``e2e/regression/mutants.py``), so the harness starts a mutant without importing the tool that
defines it: layers point one way (docs/architecture.md#layers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import entry_points

from flask import Flask

GROUP = "weilidai.mutants"


@dataclass(frozen=True)
class Mutant:
    """A named way to break the portal, and what a user would notice."""

    name: str
    description: str
    apply: Callable[[Flask], None]


def registered() -> dict[str, Mutant]:
    """Return every mutant the installed packages register, by name."""
    found: dict[str, Mutant] = {}
    for entry in entry_points(group=GROUP):
        found.update(entry.load())
    return found


def apply_mutant(app: Flask, name: str, catalogue: Mapping[str, Mutant] | None = None) -> None:
    """Break ``app`` the way mutant ``name`` of ``catalogue`` (default: every registered) does."""
    known = registered() if catalogue is None else catalogue
    if name not in known:
        raise ValueError(f"unknown mutant {name!r}; known: {', '.join(known) or 'none registered'}")
    known[name].apply(app)
    app.config["MUTANT"] = name
