"""The portal as a WSGI application for a production server: ``gunicorn mock_portal.wsgi:app``.

Configured from the environment like ``python -m mock_portal`` (``DATABASE_URL``,
``MOCK_PORTAL_TEST_API``, ``MOCK_PORTAL_SECRET_KEY``, …). Run it with the settings in
``mock_portal/gunicorn_conf.py`` (``make serve-prod``): they give every worker process the same
session key and one set of tables. Each response names the worker process that served it
(``X-Portal-Worker``), so a test can show that the workers agree on every piece of state.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from types import TracebackType
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from . import create_app

WORKER_HEADER = "X-Portal-Worker"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType] | tuple[None, None, None]


def name_the_worker(wsgi_app: WSGIApplication) -> WSGIApplication:
    """Wrap ``wsgi_app`` so every response carries the serving process id."""

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        def start(
            status: str, headers: list[tuple[str, str]], exc_info: ExcInfo | None = None, /
        ) -> Callable[[bytes], object]:
            return start_response(status, [*headers, (WORKER_HEADER, str(os.getpid()))], exc_info)

        return wsgi_app(environ, start)

    return app


app = create_app()
# Flask's documented way to add WSGI middleware, keeping ``app`` the Flask object that gunicorn
# serves and post_fork reaches. mypy refuses any assignment to a method and checks the new value
# against the unbound method, self included (https://github.com/python/mypy/issues/2427), so the
# assignment goes through setattr.
setattr(app, "wsgi_app", name_the_worker(app.wsgi_app))  # noqa: B010
