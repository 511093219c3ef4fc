"""Locate the Chromium and ffmpeg that Playwright should use on this machine.

Playwright's own downloaded Chromium if it is there, else a system Chromium. Imported by the
plugin's fixtures and the tools; run as a script by ``scripts/install.sh``, which reads its output:
``--check`` prints ``playwright PATH`` or ``system PATH`` (exit 1 with an install hint if neither),
``--ffmpeg-path`` where Playwright expects ffmpeg.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

LAUNCH_ARGS: list[str] = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

SYSTEM_CHROMIUMS: tuple[str, ...] = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
)

INSTALL_HINT = (
    "No Chromium found for Playwright. Either run `.venv/bin/playwright install chromium` "
    "(needs internet) or install the system packages: "
    "sudo apt-get install -y chromium fonts-noto-cjk ffmpeg"
)


def _package_dir() -> Path:
    import playwright

    return Path(playwright.__file__).parent / "driver" / "package"


def _browsers() -> list[dict[str, Any]]:
    data = json.loads((_package_dir() / "browsers.json").read_text(encoding="utf-8"))
    return list(data["browsers"])


def _revision(name: str) -> str | None:
    return next((str(b["revision"]) for b in _browsers() if b["name"] == name), None)


def browsers_root() -> Path:
    """Directory where Playwright keeps downloaded browsers (mirrors Playwright's logic)."""
    env = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if env == "0":
        return _package_dir() / ".local-browsers"
    if env:
        return Path(env).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "ms-playwright"


def _probe_executable_path() -> str:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        return p.chromium.executable_path


@functools.cache
def playwright_chromium() -> Path | None:
    """Path of Playwright's own downloaded Chromium, or None if it is not (fully) installed."""
    try:
        # Run in a fresh thread: the sync API refuses to start inside a running
        # event loop (e.g. when pytest-playwright's session is already active).
        with ThreadPoolExecutor(max_workers=1) as pool:
            exe = Path(pool.submit(_probe_executable_path).result(timeout=60))
        # Headless launches use a separate "headless shell" build in recent Playwright.
        rev = _revision("chromium-headless-shell")
        shell_ok = rev is None or (browsers_root() / f"chromium_headless_shell-{rev}").is_dir()
    except Exception:  # any failure (driver, timeout, bad json) means "not usable"
        return None
    return exe if exe.exists() and shell_ok else None


def chromium_executable() -> str | None:
    """Return None if Playwright's own Chromium is installed, else a system Chromium path.

    Raises RuntimeError (saying what to install) when neither is available.
    """
    if playwright_chromium() is not None:
        return None
    for candidate in SYSTEM_CHROMIUMS:
        if Path(candidate).exists():
            return candidate
    raise RuntimeError(INSTALL_HINT)


def ffmpeg_path() -> Path:
    """Path where Playwright looks for its ffmpeg (used for video recording)."""
    rev = _revision("ffmpeg")
    if rev is None:
        msg = "ffmpeg revision not found in Playwright's browsers.json"
        raise RuntimeError(msg)
    return browsers_root() / f"ffmpeg-{rev}" / "ffmpeg-linux"


def launch_options() -> dict[str, Any]:
    """Return ``chromium.launch()`` keyword arguments: our flags, a system Chromium if needed."""
    options: dict[str, Any] = {"args": list(LAUNCH_ARGS)}
    executable = chromium_executable()
    if executable:
        options["executable_path"] = executable
    return options


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--check", action="store_true", help="print the browser; exit 1 if none")
    group.add_argument("--ffmpeg-path", action="store_true", help="print Playwright's ffmpeg path")
    args = parser.parse_args(argv)

    if args.ffmpeg_path:
        print(ffmpeg_path())
        return 0
    try:
        exe = chromium_executable()
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"playwright {playwright_chromium()}" if exe is None else f"system {exe}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
