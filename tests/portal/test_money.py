"""借钱 and 还款 through the test client: the credit line revolves; a re-opened one starts anew."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from e2e.harness.api import PortalApi
from mock_portal import services
from mock_portal.domain.rules import (
    AccountStatus,
)
from mock_portal.services import Refused
from tests.support.actions import AuthActions, ClosureActions, ControlActions
from tests.support.services import NOW, notes, person_in, refusal

AVAILABLE = re.compile(r'class="hero__amount"[^>]*>([^<]+)<')


def available_on_home(client: FlaskClient) -> str:
    """Return 可借额度 as the 微粒贷 home shows it."""
    match = AVAILABLE.search(client.get("/weilidai/").get_data(as_text=True))
    assert match, "the 微粒贷 home shows no 可借额度"
    return match.group(1)


@pytest.mark.requirement("MONEY-REVOLVING-LINE")
def test_repaying_makes_the_line_available_again(
    client: FlaskClient, auth: AuthActions, control: ControlActions
) -> None:
    person = auth.person("invited")  # a ¥40,000.00 line, nothing owed
    assert available_on_home(client) == "40,000.00"

    assert client.post("/weilidai/borrow", data={"amount": "1000"}).status_code == 302
    assert available_on_home(client) == "39,000.00"
    control.advance(days=3)  # interest is owed too, but only principal uses the line
    assert available_on_home(client) == "39,000.00"

    repaid = client.post("/weilidai/repay", data={"payment_password": person["payment_password"]})
    assert repaid.status_code == 302
    assert control.state(person)["outstanding_fen"] == 0
    assert available_on_home(client) == "40,000.00"
    assert client.post("/weilidai/borrow", data={"amount": "40000"}).status_code == 302


@pytest.mark.requirement("AFTER-LINE-MAY-DROP", "AFTER-REINVITE-NO-PRIORITY")
def test_a_reopened_account_starts_at_the_new_account_line(
    client: FlaskClient, auth: AuthActions, control: ControlActions, closure: ClosureActions
) -> None:
    person = auth.person("invited")
    assert available_on_home(client) == "40,000.00"
    closure.apply(person)
    control.advance(days=2)
    assert control.state(person)["status"] == "closed"

    PortalApi.over_flask(client).reinvite(person["id"])  # raises unless the API says 200
    assert available_on_home(client) == "5,000.00"  # the old line is not kept: no priority


# ---------------------------------------------------------------- re-invitation


def test_a_reinvited_person_gets_a_new_5000_yuan_line_and_an_invitation(db: Session) -> None:
    person = person_in(db, "closed", opted_out=True)
    account = services.reinvite(db, person, NOW)
    db.flush()
    db.refresh(account)
    assert account.status is AccountStatus.ACTIVE
    assert account.credit_limit_fen == 500_000  # ¥5,000.00, no priority
    assert account.loans == []
    assert person.opted_out is False
    assert notes(db, person)[-1] == (
        "invitation",
        "微粒贷邀请",
        "您已获得微粒贷借款资格，可在“我-服务-微粒贷”查看额度。",
    )


def test_an_existing_account_is_not_invited_again(db: Session) -> None:
    person = person_in(db, "invited")
    with pytest.raises(Refused) as error:
        services.reinvite(db, person, NOW)
    assert refusal(error) == "该用户的微粒贷账户仍然存在，无需重新邀请"


# ---------------------------------------------------------------- borrowing and repaying


def test_a_loan_may_take_exactly_what_the_line_has_left(db: Session) -> None:
    person = person_in(db, "invited")  # ¥40,000.00 line, nothing owed
    services.borrow(db, person, 1_000_000, NOW)
    with pytest.raises(Refused) as error:
        services.borrow(db, person, 3_000_001, NOW)
    assert refusal(error) == "借款金额超过可借额度（可借 ¥30,000.00）"
    services.borrow(db, person, 3_000_000, NOW)


def test_a_loan_is_at_least_one_yuan(db: Session) -> None:
    person = person_in(db, "invited")
    with pytest.raises(Refused) as error:
        services.borrow(db, person, 99, NOW)
    assert refusal(error) == "单笔借款金额不能低于 1.00 元"
    assert services.borrow(db, person, 100, NOW).principal_fen == 100


def test_a_new_loan_is_due_300_days_later(db: Session) -> None:
    person = person_in(db, "invited")
    loan = services.borrow(db, person, 100_000, NOW)
    assert loan.due_on == date(2027, 9, 19)
    assert loan.borrowed_at == NOW


def test_repaying_everything_sends_a_receipt(db: Session) -> None:
    person = person_in(db, "outstanding_0_01")
    assert services.repay_all(db, person, NOW) == 1
    assert notes(db, person) == [
        ("repayment", "微粒贷还款成功", "您已成功还款 ¥0.01，当前借款已全部结清。")
    ]
    with pytest.raises(Refused) as error:
        services.repay_all(db, person, NOW)
    assert refusal(error) == "您当前没有需要还款的借款"


@pytest.mark.parametrize(
    ("name", "said"),
    [("uninvited", "您暂未获得微粒贷借款资格"), ("closed", "您的微粒贷账户已注销，无法恢复")],
)
def test_no_account_to_use_says_why(db: Session, name: str, said: str) -> None:
    person = person_in(db, name)
    for use in (services.repay_all, services.pause):
        with pytest.raises(Refused) as error:
            use(db, person, NOW)
        assert refusal(error) == said
