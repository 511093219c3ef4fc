"""The portal the browserless tests build: its settings, and the facts its pages are read by."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from e2e.harness.stores import sqlite_url

CLOCK_START = "2026-11-23T10:00:00"  # the portal clock's default start, a Monday
TOKEN_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
FLOW_URL = re.compile(r"/weilidai/closure/([0-9a-f]{32})/password")
# The closure steps in order; a person can be taken to any of them.
CLOSURE_STEPS = ("consequences", "password", "sms", "sms_sent", "face", "done")


def portal_config(database: Path | str, **config: Any) -> dict[str, Any]:
    """Return the settings of a portal in test mode on ``database`` (a SQLite file or a URL)."""
    # Forms are posted without their anti-forgery token here; tests/portal/test_forms.py turns
    # the check back on to test it.
    settings = {"WTF_CSRF_ENABLED": False, **config}
    url = sqlite_url(database) if isinstance(database, Path) else database
    return {"DATABASE_URL": url, "SECRET_KEY": "t", **settings}
