"""The scenario catalogue the portal builds people from, found through an entry point.

The fixtures package sits above the portal (docs/architecture.md#layers), so the portal does
not import it: a package registers a ``mock_portal.domain.scenarios.Catalogue`` under the
``mock_portal.catalogues`` entry-point group (this project's pyproject.toml registers
``weilidai_fixtures:CATALOGUE``), as pytest finds its plugins.
"""

from __future__ import annotations

import functools
from importlib.metadata import entry_points

from .domain.scenarios import Catalogue

GROUP = "mock_portal.catalogues"


@functools.cache
def installed() -> Catalogue:
    """Return the installed catalogue; say how to install one when there is none."""
    found = sorted(entry_points(group=GROUP), key=lambda entry: entry.name)
    if not found:
        raise LookupError(
            f"no scenario catalogue is installed (entry-point group {GROUP!r}): "
            "pip install -e . registers weilidai_fixtures:CATALOGUE"
        )
    catalogue = found[0].load()
    if not isinstance(catalogue, Catalogue):
        raise TypeError(f"{found[0].value} is not a mock_portal.domain.scenarios.Catalogue")
    return catalogue
