"""Configuration: defaults, then environment variables, then a test config mapping."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from .domain.verification import VerificationPolicy

TRUTHY = {"1", "true", "yes", "on"}


def defaults(instance_path: str) -> dict[str, Any]:
    """Return the configuration read from the environment, with sensible defaults."""
    db_file = Path(instance_path) / "portal.sqlite3"
    return {
        "SECRET_KEY": os.environ.get("MOCK_PORTAL_SECRET_KEY") or os.urandom(24).hex(),
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{db_file}"),
        "TEST_API": os.environ.get("MOCK_PORTAL_TEST_API", "").lower() in TRUTHY,
        "DEMO": os.environ.get("MOCK_PORTAL_DEMO", "1").lower() in TRUTHY,
        # Where the test-control API's reset puts the clock: a Monday morning in Beijing.
        "CLOCK_START": os.environ.get("MOCK_PORTAL_CLOCK_START", "2026-11-23T10:00:00"),
        "PASSWORD_LOCK_MINUTES": int(os.environ.get("MOCK_PORTAL_PASSWORD_LOCK_MINUTES", "180")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
    }


def verification_policy(config: dict[str, Any]) -> VerificationPolicy:
    """Return the identity-check limits for this app."""
    return VerificationPolicy(password_lock=timedelta(minutes=config["PASSWORD_LOCK_MINUTES"]))
