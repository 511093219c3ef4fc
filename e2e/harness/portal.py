"""The live portal for the suite: in-process on a daemon thread on port 0, or an external URL.

Like pytest-playwright's own test server, each xdist worker starts its own portal with its own
SQLite file, so parallel workers never see each other's people.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright
from werkzeug.serving import BaseWSGIServer, make_server

from mock_portal import create_app

from .browser_env import launch_options
from .mutants import apply_mutant
from .stores import sqlite_url

# How often the serving thread looks for stop(): socketserver's default of 0.5 s made every
# stop() wait up to half a second, which tests that start a portal of their own paid each time.
SHUTDOWN_POLL = 0.02


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


def start_portal(store: Path | str, *, mutant: str | None = None, **config: Any) -> LivePortal:
    """Start the portal with the test API on, on a free port, in a daemon thread.

    ``store`` is a SQLite file's path or any ``DATABASE_URL`` (``stores.store_url``).

    ``mutant`` names a deliberately broken variant of the portal that the e2e suite and the
    regression checks are expected to catch, as a package registers it (``mutants``).
    """
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    logging.getLogger("mock_portal").setLevel(logging.ERROR)
    url = sqlite_url(store) if isinstance(store, Path) else store
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "e2e", **config})
    if mutant:
        apply_mutant(app, mutant)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": SHUTDOWN_POLL},
        name="mock-portal",
        daemon=True,
    )
    thread.start()
    return LivePortal(url=f"http://127.0.0.1:{server.server_port}", server=server, thread=thread)


@contextmanager
def portal_and_browser(
    base_url: str | None = None, *, mutant: str | None = None
) -> Iterator[tuple[Browser, str]]:
    """Yield a launched Chromium and a portal URL: ``base_url``, or a portal started here.

    A portal started here lives in a temporary folder removed afterwards; ``mutant`` breaks it.
    """
    with contextlib.ExitStack() as stack:
        if base_url:
            url = base_url.rstrip("/")
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="portal-")))
            portal = start_portal(folder / "portal.sqlite3", mutant=mutant)
            stack.callback(portal.stop)
            url = portal.url
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(**launch_options())
        stack.callback(browser.close)
        yield browser, url
