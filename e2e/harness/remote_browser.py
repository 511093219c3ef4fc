"""Drive the suite's browser on a remote Playwright server instead of launching one here.

pytest-playwright sends the launch options in the ``x-playwright-launch-options`` header under
their Python names (``executable_path``), which the server silently ignores, so
``connect_options`` sends its own header, under Playwright's camelCase names, which takes
precedence. See docs/scale.md#remote-browsers.
"""

from __future__ import annotations

import functools
import importlib.metadata
import inspect
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

WS_ENV = "PW_CONNECT_WS"
LAUNCH_OPTIONS_HEADER = "x-playwright-launch-options"


class RemoteBrowserError(RuntimeError):
    """A remote browser server could not be used; the message says why and what to do."""


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def launch_options_header(launch_args: Mapping[str, Any]) -> str:
    """Return ``launch_args`` as the header's JSON, under the names the server reads."""
    options = {
        _camel(key): str(value) if isinstance(value, os.PathLike) else value
        for key, value in launch_args.items()
        if value is not None
    }
    return json.dumps(options, sort_keys=True)


@functools.cache
def endpoint_keyword() -> str:
    """Return the name of ``BrowserType.connect``'s first parameter in this Playwright.

    It was ``ws_endpoint`` and is ``endpoint`` in newer releases; pytest-playwright passes
    ``connect_options`` as keywords, so the dict must use this version's name.
    """
    from playwright.sync_api import BrowserType

    return list(inspect.signature(BrowserType.connect).parameters)[1]


def check_endpoint(ws_endpoint: str | None) -> None:
    """Raise ValueError unless ``ws_endpoint`` is empty or a ws:// or wss:// URL."""
    if ws_endpoint and not ws_endpoint.startswith(("ws://", "wss://")):
        msg = f"--connect-ws wants a ws:// or wss:// URL (ws://HOST:PORT/), not {ws_endpoint!r}"
        raise ValueError(msg)


def connect_options(
    ws_endpoint: str | None, launch_args: Mapping[str, Any]
) -> dict[str, Any] | None:
    """Return pytest-playwright's ``connect_options`` for ``ws_endpoint``, or None to launch."""
    check_endpoint(ws_endpoint)
    if not ws_endpoint:
        return None
    return {
        endpoint_keyword(): ws_endpoint,
        "headers": {LAUNCH_OPTIONS_HEADER: launch_options_header(launch_args)},
    }


def client_versions() -> tuple[str, str]:
    """Return this side's Playwright: the Python package's version and its driver's.

    The driver is what connects, so its version is the one the server compares.
    """
    import playwright

    package = Path(playwright.__file__).parent / "driver" / "package" / "package.json"
    driver = json.loads(package.read_text(encoding="utf-8"))["version"]
    return importlib.metadata.version("playwright"), driver


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def explain_connect_error(error: BaseException, ws_endpoint: str, header: str = "") -> str | None:
    """Say why connecting to ``ws_endpoint`` failed and what to do, or None if not known."""
    text = str(error)
    package, driver = client_versions()
    here = f"playwright {package} (driver {driver})"
    if "428" in text or "version mismatch" in text.lower():
        server = re.search(r"server version:\s*v?([\d.]+)", text)
        there = f"Playwright {server.group(1)}" if server else "another Playwright version"
        return (
            f"Playwright version mismatch: the server at {ws_endpoint} runs {there}, this suite "
            f"runs {here}. Client and server must share major.minor ({_minor(driver)}): start "
            "the server from this venv (.venv/bin/playwright run-server --host 127.0.0.1 "
            "--port PORT --unsafe), or install the server's version here "
            f"(pip install 'playwright=={server.group(1) if server else 'X.Y'}.*')."
        )
    if "ECONNREFUSED" in text or "ENOTFOUND" in text or "EHOSTUNREACH" in text:
        return (
            f"No Playwright server answers at {ws_endpoint}. Start one (same Playwright as "
            f"this suite, {here}) with: .venv/bin/playwright run-server --host 127.0.0.1 "
            "--port PORT --unsafe"
        )
    if "Executable doesn't exist" in text:
        return (
            f"The Playwright server at {ws_endpoint} has no browser of its own and did not use "
            f"the one named in {LAUNCH_OPTIONS_HEADER} ({header or 'none sent'}): a server "
            "only honours executablePath when started with --unsafe. Restart it with --unsafe, "
            "or install its browsers there (playwright install chromium)."
        )
    return None
