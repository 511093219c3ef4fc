"""微粒贷 itself: the home screen with 可借额度, 借钱, 还款, 借款记录 and the "…" menu."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from .. import services
from ..domain import loans as loan_rules
from ..domain.money import parse_yuan
from ..domain.rules import AccountStatus
from ..domain.verification import try_password
from ..i18n import translate
from ..store import transaction
from .common import login_required, portal_now, verification_policy

bp = Blueprint("weilidai", __name__, url_prefix="/weilidai")


def closed_or_uninvited() -> str | None:
    """Return the page for someone with no usable account, or None when they have one."""
    account = g.person.account
    if account is None:
        return render_template("weilidai/not_invited.html")
    if account.status == AccountStatus.CLOSED:
        return render_template("weilidai/closed.html", account=account)
    return None


@bp.get("/")
@login_required
def home() -> str:
    """Show the credit line, what is owed and the 借钱 / 还款 / 借款记录 actions."""
    page = closed_or_uninvited()
    if page:
        return page
    account = g.person.account
    owed = loan_rules.total_outstanding(account.loans)
    available = max(0, account.credit_limit_fen - owed.principal_fen)
    return render_template("weilidai/home.html", account=account, owed=owed, available=available)


@bp.get("/loans")
@login_required
def loans() -> str:
    """Show 借款记录: every loan with its principal, interest, penalty and what is left."""
    page = closed_or_uninvited()
    if page:
        return page
    today = portal_now().date()
    rows = [
        (loan, loan_rules.outstanding(loan), loan_rules.is_overdue(loan, today))
        for loan in reversed(g.person.account.loans)
    ]
    return render_template("weilidai/loans.html", rows=rows)


@bp.route("/repay", methods=["GET", "POST"])
@login_required
def repay() -> str | Response:
    """Pay off everything owed with the payment password."""
    page = closed_or_uninvited()
    if page:
        return page
    person = g.person
    error = None
    if request.method == "POST":
        now = portal_now()
        with transaction() as db:
            outcome = try_password(
                person,
                request.form.get("payment_password", "") == person.payment_password,
                now,
                verification_policy(),
            )
            if outcome.ok:
                try:
                    paid = services.repay_all(db, person, now)
                except services.Refused as refusal:
                    error = translate(refusal.message)
                else:
                    session["repaid_fen"] = paid
                    return redirect(url_for("weilidai.repaid"))
            else:
                error = translate(outcome.message)
    owed = loan_rules.total_outstanding(person.account.loans)
    return render_template("weilidai/repay.html", owed=owed, error=error)


@bp.get("/repay/done")
@login_required
def repaid() -> str | Response:
    """Show the repayment result."""
    amount = session.get("repaid_fen")
    if amount is None:
        return redirect(url_for("weilidai.repay"))
    return render_template("weilidai/repaid.html", amount=amount)


@bp.route("/borrow", methods=["GET", "POST"])
@login_required
def borrow() -> str | Response:
    """Borrow an amount within the credit line."""
    page = closed_or_uninvited()
    if page:
        return page
    error = None
    typed = request.form.get("amount", "")
    if request.method == "POST":
        try:
            amount = parse_yuan(typed)
            with transaction() as db:
                services.borrow(db, g.person, amount, portal_now())
        except ValueError as problem:
            error = translate(problem.args[0])
        except services.Refused as refusal:
            error = translate(refusal.message)
        else:
            return redirect(url_for("weilidai.loans"))
    account = g.person.account
    owed = loan_rules.total_outstanding(account.loans)
    available = max(0, account.credit_limit_fen - owed.principal_fen)
    return render_template("weilidai/borrow.html", available=available, error=error, typed=typed)
