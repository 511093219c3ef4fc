"""The live portal for the suite: in-process on a daemon thread on port 0, or an external URL.

Like pytest-playwright's own test server, each xdist worker starts its own portal with its own
SQLite file, so parallel workers never see each other's people.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server

from mock_portal import create_app


@dataclass
class LivePortal:
    """A portal serving on a loopback port until ``stop()``."""

    url: str
    server: BaseWSGIServer | None = None
    thread: threading.Thread | None = None

    @property
    def in_process(self) -> bool:
        """Say whether this suite owns the portal (and may reset it freely)."""
        return self.server is not None

    def stop(self) -> None:
        """Shut the server down."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def start_portal(db_path: Path, *, mutant: str | None = None, **config: Any) -> LivePortal:
    """Start the portal with the test API on, on a free port, in a daemon thread.

    ``mutant`` names a deliberately broken variant of the portal (``e2e/regression/mutants.py``)
    that the e2e suite and the regression checks are expected to catch.
    """
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    logging.getLogger("mock_portal").setLevel(logging.ERROR)
    app = create_app({"DATABASE_URL": f"sqlite:///{db_path}", "SECRET_KEY": "e2e", **config})
    if mutant:
        from ..regression.mutants import apply_mutant

        apply_mutant(app, mutant)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="mock-portal", daemon=True)
    thread.start()
    return LivePortal(url=f"http://127.0.0.1:{server.server_port}", server=server, thread=thread)
