"""借钱 and 还款 through the test client: the credit line revolves; a re-opened one starts anew."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from e2e.harness.api import PortalApi
from tests.support.actions import AuthActions, ClosureActions, ControlActions

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
