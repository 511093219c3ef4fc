"""Flow regression checks: did the menu path, a screen's structure or its look drift?

Every flow of ``e2e.flows.all_flows`` runs once per client variant against a freshly reset portal
(seeded people, frozen clock), and three things are compared with the files under ``golden/``:

- the **path map** (``paths.py``): each step's screen title and the control it used;
- the **structure** (``aria.py``): an ARIA snapshot of the screen after each step;
- the **look** (``screens.py``): a screenshot after each step, within a pixel tolerance, against
  baselines kept per browser major version.

``python -m e2e.regression check`` reports drift (and writes an HTML report), ``update`` accepts
the current state, ``mutants`` proves the checks and the e2e suite catch broken portals
(``mutants.py``).
"""

from __future__ import annotations

from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
