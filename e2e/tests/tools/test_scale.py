"""Running at scale with a remote browser: a refused or missing Playwright server is explained.

The scale checks that need no browser (shards, gunicorn workers, launch options) are in
tests/tools/test_scale.py.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Error, Playwright

from e2e.harness import remote_browser

MISMATCH = (
    "HTTP/1.1 428 Precondition Required\r\n\r\n"
    "Playwright version mismatch:\n  - server version: v1.60\n  - client version: v{client}\n"
)


@pytest.fixture
def old_playwright_server() -> Iterator[str]:
    """A server that refuses this client as ``playwright run-server`` 1.60 would (HTTP 428)."""
    listener = socket.create_server(("127.0.0.1", 0))
    client = remote_browser.client_versions()[1].rsplit(".", 1)[0]

    def serve() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                connection.sendall(MISMATCH.format(client=client).encode())

    threading.Thread(target=serve, daemon=True).start()
    yield f"ws://127.0.0.1:{listener.getsockname()[1]}/"
    listener.close()


def test_a_version_mismatch_is_explained(playwright: Playwright, old_playwright_server: str):
    options = remote_browser.connect_options(old_playwright_server, {"headless": True})
    assert options is not None
    with pytest.raises(Error) as refused:
        playwright.chromium.connect(**options, timeout=10_000)  # as pytest-playwright calls it
    why = remote_browser.explain_connect_error(refused.value, old_playwright_server)
    package, driver = remote_browser.client_versions()
    assert why is not None
    assert why.startswith(f"Playwright version mismatch: the server at {old_playwright_server}")
    assert "runs Playwright 1.60" in why
    assert f"playwright {package} (driver {driver})" in why
    assert "pip install 'playwright==1.60.*'" in why


def test_no_server_listening_is_explained(playwright: Playwright):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        endpoint = f"ws://127.0.0.1:{taken.getsockname()[1]}/"
    with pytest.raises(Error) as refused:
        playwright.chromium.connect(endpoint, timeout=10_000)
    why = remote_browser.explain_connect_error(refused.value, endpoint)
    assert why is not None and why.startswith(f"No Playwright server answers at {endpoint}")
