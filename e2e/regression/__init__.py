"""Flow regression checks: did the menu path, a screen's structure or its look drift?

Modules: ``paths``, ``aria`` and ``screens`` (the three checks), ``recording`` (the driver's
observer), ``baselines`` (the golden files), ``runner``, ``report``, ``mutants`` and
``mutation``. See docs/regression.md.
"""

from __future__ import annotations

from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
