"""The WeChat shell: the tab bar (微信 · 通讯录 · 发现 · 我), 服务 and 服务通知."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from .. import services
from ..i18n import _
from ..store import Notification, get_db
from .common import current_person, login_required

bp = Blueprint("wechat", __name__)


@bp.get("/")
def index() -> Response:
    """Open the 我 tab for a signed-in person, else the demo people."""
    if current_person() is None:
        return redirect(url_for("demo.index"))
    return redirect(url_for("wechat.me"))


@bp.get("/chats")
@login_required
def chats() -> str:
    """Show the 微信 tab: the chat list with 服务通知 and the 微粒贷 service account."""
    notes = _notifications()
    return render_template(
        "wechat/chats.html",
        tab="chats",
        latest=notes[0] if notes else None,
        count=len(notes),
        has_account=g.person.account is not None,
    )


@bp.get("/chats/service-notifications")
@login_required
def notifications() -> str:
    """Show the 服务通知 conversation, newest last as in WeChat."""
    return render_template("wechat/notifications.html", notes=list(reversed(_notifications())))


def _notifications() -> list[Notification]:
    query = (
        select(Notification)
        .where(Notification.person_id == g.person.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    return list(get_db().scalars(query))


@bp.get("/contacts")
@login_required
def contacts() -> str:
    """Show the 通讯录 tab (not part of the article: a placeholder)."""
    return render_template("wechat/placeholder.html", tab="contacts", title=_("通讯录"))


@bp.get("/discover")
@login_required
def discover() -> str:
    """Show the 发现 tab (not part of the article: a placeholder)."""
    return render_template("wechat/placeholder.html", tab="discover", title=_("发现"))


@bp.get("/me")
@login_required
def me() -> str:
    """Show the 我 tab with its 服务 entry."""
    return render_template("wechat/me.html", tab="me")


@bp.get("/me/services")
@login_required
def services_page() -> str:
    """Show 服务, whose 金融理财 section holds 微粒贷 only when the entry rules allow."""
    state = services.state_of(g.person)
    return render_template("wechat/services.html", entry_visible=state.entry_visible)
