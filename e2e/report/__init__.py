"""The landing page ``artifacts/index.html`` and an HTML page per result (docs/results.md).

``record`` appends a command that ran to ``artifacts/history.json``; ``build`` rewrites the
landing page, and the page of every result rendered from its JSON, from what is under
``artifacts/``. ``python -m e2e.report`` runs ``build``.
"""

from .history import record
from .landing import build

__all__ = ["build", "record"]
