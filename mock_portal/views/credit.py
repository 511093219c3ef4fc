"""征信报告: a mock credit-report query listing each credit account and its status."""

from __future__ import annotations

from flask import Blueprint, g, render_template
from sqlalchemy import select

from ..store import CreditRecord, get_db
from .common import login_required, portal_now

bp = Blueprint("credit", __name__)


@bp.get("/credit-report")
@login_required
def report() -> str:
    """Show the person's credit accounts, closed ones (已注销) and overdue history included."""
    records = get_db().scalars(
        select(CreditRecord).where(CreditRecord.person_id == g.person.id).order_by(CreditRecord.id)
    )
    return render_template("credit/report.html", records=list(records), queried_at=portal_now())
