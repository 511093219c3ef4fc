"""A mock of the WeChat + Weilidai (微粒贷) surface that the seed article walks through."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

__version__ = "0.1.0"

log = logging.getLogger(__name__)


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure the portal; ``test_config`` (testing) turns the test API on."""
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from . import config

    app.config.from_mapping(config.defaults(app.instance_path))
    if test_config is not None:
        app.config.update({"TEST_API": True, **test_config})
    app.config["VERIFICATION"] = config.verification_policy(app.config)

    from . import store

    store.init_app(app)

    from .views import account, closure, common, credit, demo, help, wechat, weilidai

    common.init_app(app)
    for blueprint in (
        wechat.bp,
        weilidai.bp,
        account.bp,
        closure.bp,
        help.bp,
        credit.bp,
        demo.bp,
    ):
        app.register_blueprint(blueprint)

    from flask_wtf.csrf import CSRFProtect

    csrf = CSRFProtect(app)

    if app.config["TEST_API"]:
        from . import faults
        from .views import testapi

        app.register_blueprint(testapi.bp)
        csrf.exempt(testapi.bp)  # a JSON API for test code, never reachable in production
        faults.init_app(app)
        log.warning(
            "TEST-CONTROL API ENABLED at /__test__: anyone who can reach this portal can reset "
            "it, create people and move its clock. Never enable it outside a test set-up."
        )
    return app
