"""The account site: 微粒贷官网 / 账户中心 and its 安全中心 / 账户管理 (names by client variant)."""

from __future__ import annotations

from flask import Blueprint, g, render_template

from .. import services
from ..domain.rules import Check
from .common import login_required, portal_now
from .weilidai import closed_or_uninvited

bp = Blueprint("account", __name__, url_prefix="/weilidai/site")


@bp.get("/")
@login_required
def site() -> str:
    """Show the account site with 帮助中心 (常见问题) and the security section."""
    return closed_or_uninvited() or render_template("account/site.html")


@bp.get("/security")
@login_required
def security() -> str:
    """Show the security section: the closure option, or why it is missing."""
    page = closed_or_uninvited()
    if page:
        return page
    check = services.precheck(g.person, portal_now())
    return render_template(
        "account/security.html", abnormal=check.check is Check.ABNORMAL, reasons=check.reasons
    )
