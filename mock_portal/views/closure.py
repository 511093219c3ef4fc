"""Closing the account: pre-checks, consequences, password, SMS code, face check, submission.

Each step is bound to one closure flow (a token in the URL). A step can only be used when the
flow has reached it: posting to a later step sends the person back to where they are.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from .. import services
from ..domain import verification
from ..domain.rules import ApplicationStatus, Check
from ..domain.text import N_
from ..i18n import _, translate
from ..store import Application, ClosureFlow, SmsCode, get_db, transaction
from .common import login_required, portal_now, verification_policy
from .weilidai import closed_or_uninvited

bp = Blueprint("closure", __name__, url_prefix="/weilidai/closure")

STEPS = ("password", "sms", "face", "done")


@bp.route("/", methods=["GET", "POST"])
@login_required
def start() -> str | Response:
    """Run the pre-checks, then show the consequences with the must-tick acknowledgement."""
    page = closed_or_uninvited()
    if page:
        return page
    check = services.precheck(g.person, portal_now())
    if check.check is Check.ABNORMAL:
        return redirect(url_for("account.security"))
    if check.check is Check.OUTSTANDING:
        return render_template("closure/blocked.html", owed=check.owed)
    if check.check is Check.UNDER_REVIEW:
        return redirect(url_for("closure.status"))
    error = None
    if request.method == "POST":
        if request.form.get("acknowledged") != "yes":
            error = _("请先阅读并勾选“我已知晓注销后果”")
        else:
            with transaction() as db:
                flow = services.start_closure(db, g.person, portal_now())
            return redirect(url_for("closure.password", token=flow.token))
    return render_template("closure/consequences.html", error=error)


def _flow_at(token: str, step: str) -> ClosureFlow | Response:
    """Return the person's flow if it has reached ``step``, else where they should be."""
    flow = services.current_flow(get_db(), g.person, token)
    if flow is None:
        abort(404, description=N_("注销流程不存在或已失效，请从头发起"))
    if flow.step == "done":
        return redirect(url_for("closure.submitted", token=token))
    if flow.step != step:
        flash(_("请按顺序完成身份验证"), "error")
        return redirect(url_for(f"closure.{flow.step}", token=token))
    return flow


@bp.route("/<token>/password", methods=["GET", "POST"])
@login_required
def password(token: str) -> str | Response:
    """Verify the six-digit payment password; too many errors lock it."""
    flow = _flow_at(token, "password")
    if isinstance(flow, Response):
        return flow
    error = None
    if request.method == "POST":
        with transaction():
            outcome = verification.try_password(
                g.person,
                request.form.get("payment_password", "") == g.person.payment_password,
                portal_now(),
                verification_policy(),
            )
            if outcome.ok:
                flow.step = "sms"
        if outcome.ok:
            return redirect(url_for("closure.sms", token=token))
        error = translate(outcome.message)
    return render_template("closure/password.html", flow=flow, error=error)


@bp.route("/<token>/sms", methods=["GET", "POST"])
@login_required
def sms(token: str) -> str | Response:
    """Check the SMS code sent to the masked phone."""
    flow = _flow_at(token, "sms")
    if isinstance(flow, Response):
        return flow
    error = None
    now = portal_now()
    if request.method == "POST":
        with transaction() as db:
            code = services.last_sms(db, flow)
            outcome, flow.sms_failures = verification.try_sms_code(
                code,
                request.form.get("sms_code", ""),
                flow.sms_failures,
                now,
                verification_policy(),
            )
            if outcome.ok:
                flow.step = "face"
        if outcome.ok:
            return redirect(url_for("closure.face", token=token))
        error = translate(outcome.message)
    code = services.last_sms(get_db(), flow)
    wait = 0
    if code is not None:
        gap = code.sent_at + verification_policy().sms_resend_gap - now
        wait = max(0, int(gap.total_seconds()))
    return render_template("closure/sms.html", flow=flow, sent=code, wait=wait, error=error)


@bp.post("/<token>/sms/send")
@login_required
def send_sms(token: str) -> Response:
    """Send (or resend) the SMS code, within the resend limits."""
    flow = _flow_at(token, "sms")
    if isinstance(flow, Response):
        return flow
    now = portal_now()
    with transaction() as db:
        refusal = verification.sms_send_refusal(
            services.sms_sent_times(db, g.person), now, verification_policy()
        )
        if refusal:
            flash(translate(refusal), "error")
        else:
            previous = services.last_sms(db, flow)
            if previous is not None and previous.voided:
                flow.sms_failures = 0  # a voided code's count ends with it
            if previous is not None:
                previous.voided = previous.voided or not previous.used
            db.add(
                SmsCode(
                    person_id=g.person.id,
                    flow_id=flow.id,
                    code=verification.new_sms_code(),
                    sent_at=now,
                )
            )
            flash(_("验证码已发送至 %(phone)s，5分钟内有效", phone=g.person.masked_phone))
    return redirect(url_for("closure.sms", token=token))


@bp.route("/<token>/face", methods=["GET", "POST"])
@login_required
def face(token: str) -> str | Response:
    """Run the simulated face check; passing it submits the application (once)."""
    flow = _flow_at(token, "face")
    if isinstance(flow, Response):
        return flow
    error = None
    if request.method == "POST":
        now = portal_now()
        try:
            with transaction() as db:
                outcome = verification.try_face(
                    g.person, not g.person.face_check_fails, now, verification_policy()
                )
                if outcome.ok:
                    try:
                        services.submit_closure(db, g.person, flow, now)
                    except services.Refused as refusal:
                        outcome = verification.Outcome(False, refusal.message)
        except IntegrityError:
            # A simultaneous submission of the same closure won the race: show its result.
            return redirect(url_for("closure.submitted", token=token))
        if outcome.ok:
            return redirect(url_for("closure.submitted", token=token))
        error = translate(outcome.message)
    return render_template("closure/face.html", flow=flow, error=error)


@bp.get("/<token>/submitted")
@login_required
def submitted(token: str) -> str | Response:
    """Show the submitted application: its reference and the 1-3 working-day review."""
    flow = services.current_flow(get_db(), g.person, token)
    if flow is None:
        abort(404, description=N_("没有找到这份注销申请"))
    application = get_db().scalar(select(Application).where(Application.flow_id == flow.id))
    if application is None:
        return redirect(url_for("closure.status"))  # another submission of this account won
    return render_template("closure/submitted.html", application=application)


@bp.get("/status")
@login_required
def status() -> str:
    """Show the latest closure application's status and reference."""
    application = services.latest_application(g.person.account)
    return render_template("closure/status.html", application=application)


@bp.get("/record")
@login_required
def record() -> str:
    """Show the closure record (certificate) of an approved closure, to view and save."""
    return render_template("closure/record.html", application=_approved_closure())


@bp.get("/record/download")
@login_required
def record_download() -> Response:
    """Save the closure record: the same certificate as a file of its own, to keep."""
    application = _approved_closure()
    page = render_template("closure/record_file.html", application=application)
    name = f"weilidai-closure-record-{application.reference}.html"
    return Response(
        page,
        mimetype="text/html",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _approved_closure() -> Application:
    approved = [
        application
        for account in g.person.accounts
        for application in account.applications
        if application.status == ApplicationStatus.APPROVED
    ]
    if not approved:
        abort(404, description=N_("没有已完成的注销记录"))
    latest: Application = approved[-1]
    return latest
