"""gunicorn settings for the portal as a shared service (``make serve-prod``).

See docs/scale.md#the-portal-as-a-shared-service.
"""

from __future__ import annotations

import os
import secrets
from typing import Any

wsgi_app = "mock_portal.wsgi:app"
bind = os.environ.get("MOCK_PORTAL_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("MOCK_PORTAL_WORKERS", "4"))
# Build the app once in the master: one create_all, one config (and so one SECRET_KEY) that
# the forked workers inherit.
preload_app = True
# Runtime control (gunicornc) is not needed, and its one default socket path would clash when
# several portals run on one machine (a developer's and the test suite's).
control_socket_disable = True

# A key made per process would sign a session cookie that the next worker rejects; this file is
# read by the master before it forks, so every worker inherits the same one.
os.environ.setdefault("MOCK_PORTAL_SECRET_KEY", secrets.token_hex(32))


def post_fork(server: Any, worker: Any) -> None:
    """Give each worker its own database connections, never the master's (SQLAlchemy's advice
    for ``os.fork()``: ``Engine.dispose(close=False)``)."""
    from mock_portal.wsgi import app

    app.extensions["store_engine"].dispose(close=False)
