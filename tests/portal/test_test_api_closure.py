"""The test-control API starts a closure at any step, through the rules the screens apply."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.support.actions import AuthActions, ClosureActions, ControlActions
from tests.support.snapshot import Snapshot

# ---------------------------------------------------------------- test API: start anywhere

STEP_TITLES = {
    "consequences": "注销账户",
    "password": "验证支付密码",
    "sms": "短信验证",
    "face": "人脸识别",
    "submitted": "申请已提交",
}


@pytest.mark.parametrize("step", list(STEP_TITLES))
def test_a_closure_can_be_put_at_any_step(
    client: FlaskClient, auth: AuthActions, control: ControlActions, step: str
) -> None:
    person = auth.person("invited")
    response = client.post(f"/__test__/users/{person['id']}/closure", json={"step": step})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["step"] == step
    page = client.get(body["url"])
    assert page.status_code == 200
    assert f'<h1 class="navbar__title">{STEP_TITLES[step]}</h1>' in page.get_data(as_text=True)
    state = control.state(person)
    if step == "submitted":
        assert (state["status"], state["application"]["status"]) == ("closure_pending", "pending")
    else:
        assert (state["status"], state["application"]) == ("active", None)


def test_a_closure_put_at_the_face_step_takes_the_face_check_from_there(
    client: FlaskClient, auth: AuthActions, control: ControlActions
) -> None:
    person = auth.person("invited")
    url = client.post(f"/__test__/users/{person['id']}/closure", json={"step": "face"}).json
    assert url is not None
    answer = client.post(url["url"])
    assert answer.location.endswith("/submitted")
    assert control.state(person)["application"]["status"] == "pending"


@pytest.mark.parametrize(
    ("scenario", "step", "error"),
    [
        ("outstanding_0_01", "password", "当前账户不满足注销条件"),
        ("recent_loan", "sms", "当前账户不满足注销条件"),
        ("face_check_fails", "submitted", "人脸识别未通过"),
    ],
)
def test_a_closure_step_the_screens_would_refuse_is_refused_and_changes_nothing(
    client: FlaskClient, auth: AuthActions, scenario: str, step: str, error: str
) -> None:
    person = auth.person(scenario)
    before = Snapshot.of(client)
    response = client.post(f"/__test__/users/{person['id']}/closure", json={"step": step})
    assert response.status_code == 409
    assert error in response.get_json()["error"]
    assert Snapshot.of(client).rows == before.rows


def test_a_locked_payment_password_refuses_the_later_steps(
    client: FlaskClient, auth: AuthActions, closure: ClosureActions
) -> None:
    person = auth.person("invited")
    token = closure.start()
    for _ in range(3):
        client.post(f"/weilidai/closure/{token}/password", data={"payment_password": "000000"})
    response = client.post(f"/__test__/users/{person['id']}/closure", json={"step": "sms"})
    assert response.status_code == 409
    assert "已被锁定" in response.get_json()["error"]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({}, "one of consequences, password, sms, face, submitted"),
        ({"step": "later"}, "one of consequences, password, sms, face, submitted"),
        ({"step": 3}, "one of consequences, password, sms, face, submitted"),
        (["sms"], "send a JSON object"),
    ],
)
def test_a_closure_step_must_be_one_of_the_five(
    client: FlaskClient, auth: AuthActions, body: Any, error: str
) -> None:
    person = auth.person("invited")
    before = Snapshot.of(client)
    response = client.post(f"/__test__/users/{person['id']}/closure", json=body)
    assert response.status_code == 400
    assert error in response.get_json()["error"]
    assert Snapshot.of(client).rows == before.rows
