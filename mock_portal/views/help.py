"""帮助中心 with the pause guide, 设置 → 通知管理 (opt-out) and 语言, and the 客服 chat."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_babel import refresh
from werkzeug.wrappers import Response

from .. import services
from ..domain import kefu as kefu_bot
from ..domain.money import format_yuan
from ..domain.rules import Check
from ..i18n import AUTONYMS, LANGUAGES, _, translate
from ..store import ChatMessage, get_db, transaction
from .common import LANGUAGE_PARAM, current_variant, login_required, portal_now
from .weilidai import closed_or_uninvited

bp = Blueprint("help", __name__, url_prefix="/weilidai")

PAUSE_GUIDE_WORDS = (
    *("关闭微粒贷", "借款功能关闭", "关闭借款", "暂停借款", "暂停"),
    *("close weilidai", "turn off borrowing", "stop borrowing", "pause"),
)
# The 语言 choices: what the form sends, and what the person's setting keeps ("" follows the phone).
FOLLOW_SYSTEM = "auto"
MAX_CHAT_TEXT = 500


@bp.get("/help")
@login_required
def center() -> str:
    """Show 帮助中心: a search box and common questions."""
    query = request.args.get("q", "").strip()
    found = None
    if query:
        found = any(word in query.lower() for word in PAUSE_GUIDE_WORDS)
    return render_template("help/center.html", query=query, found=found)


@bp.route("/help/pause", methods=["GET", "POST"])
@login_required
def pause_guide() -> str | Response:
    """Show the 暂停借款 guide; confirming pauses borrowing for three months."""
    page = closed_or_uninvited()
    if page:
        return page
    error = None
    if request.method == "POST":
        if request.form.get("confirm") != "yes":
            error = _("请确认已了解暂停借款的影响")
        else:
            try:
                with transaction() as db:
                    account = services.pause(db, g.person, portal_now())
            except services.Refused as refusal:
                error = translate(refusal.message)
            else:
                return render_template("help/paused.html", account=account)
    return render_template("help/pause.html", error=error)


@bp.get("/settings")
@login_required
def settings() -> str:
    """Show 设置 with 通知管理 and 语言."""
    return closed_or_uninvited() or render_template("help/settings.html", autonyms=AUTONYMS)


@bp.route("/settings/notifications", methods=["GET", "POST"])
@login_required
def notifications() -> str | Response:
    """Show and save 通知管理: the 不再接收微粒贷邀请消息 checkbox."""
    page = closed_or_uninvited()
    if page:
        return page
    error = None
    if request.method == "POST":
        wanted = request.form.get("opt_out") == "yes"
        try:
            with transaction() as db:
                services.set_opt_out(db, g.person, wanted)
        except services.Refused as refusal:
            error = translate(refusal.message)
        else:
            flash(
                _("已保存：不再接收微粒贷邀请消息") if wanted else _("已保存：接收微粒贷邀请消息")
            )
            return redirect(url_for("help.notifications"))
    return render_template("help/notifications.html", error=error)


@bp.route("/settings/language", methods=["GET", "POST"])
@login_required
def language() -> str | Response:
    """Show and save 语言: follow the phone, 简体中文 or English; the pages change at once."""
    page = closed_or_uninvited()
    if page:
        return page
    person = g.person
    error = None
    if request.method == "POST":
        chosen = request.form.get("language", "")
        if chosen != FOLLOW_SYSTEM and chosen not in LANGUAGES:
            error = _("请选择一种语言")
        else:
            with transaction():
                person.language = "" if chosen == FOLLOW_SYSTEM else chosen
            session.pop(LANGUAGE_PARAM, None)  # the setting is now what the person asked for
            refresh()  # say "saved" in the language just chosen
            flash(_("已保存"))
            return redirect(url_for("help.language"))
    choices: list[tuple[str, str, str | None]] = [(FOLLOW_SYSTEM, _("跟随系统"), None)]
    choices += [(tag, name, tag) for tag, name in AUTONYMS.items()]
    chosen = person.language or FOLLOW_SYSTEM
    return render_template("help/language.html", choices=choices, chosen=chosen, error=error)


@bp.route("/kefu", methods=["GET", "POST"], endpoint="kefu")
@login_required
def kefu_chat() -> str | Response:
    """Chat with 客服: closure questions, why the entry is missing, a human agent."""
    person = g.person
    error = None
    if request.method == "POST":
        text = request.form.get("message", "").strip()
        if not text:
            error = _("请输入您的问题")
        elif len(text) > MAX_CHAT_TEXT:
            error = _("消息太长了，请控制在%(max)d字以内", max=MAX_CHAT_TEXT)
        else:
            now = portal_now()
            check = services.precheck(person, now)
            owed = services.state_of(person).owed.total_fen
            reasons = check.reasons if check.check is Check.ABNORMAL else []
            reply = kefu_bot.answer(
                text, current_variant().close, reasons, format_yuan(owed) if owed else ""
            )
            # A chat is a record of what was said: the answer is kept in the language it was
            # given in, as a real transcript is (switching language later does not rewrite it).
            said = translate(reply.text)
            with transaction() as db:
                db.add(ChatMessage(person_id=person.id, sender="user", text=text, created_at=now))
                db.add(
                    ChatMessage(person_id=person.id, sender=reply.sender, text=said, created_at=now)
                )
            return redirect(url_for("help.kefu"))
    history = services.chat_history(get_db(), person)
    return render_template(
        "help/kefu.html", history=history, greeting=translate(kefu_bot.GREETING), error=error
    )
