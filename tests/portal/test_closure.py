"""The closure steps: in turn, none skipped, one application each, refused while money is owed."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.support.actions import AuthActions, ClosureActions, ControlActions
from tests.support.snapshot import Snapshot


@pytest.mark.requirement("VERIFY-IN-ORDER", "REVIEW-SUBMITTED")
def test_closure_steps_open_in_turn(
    client: FlaskClient, auth: AuthActions, control: ControlActions, closure: ClosureActions
) -> None:
    person = auth.person("invited")
    token = closure.start()
    assert client.get(f"/weilidai/closure/{token}/password").status_code == 200
    closure.pass_password(token, person)
    assert client.get(f"/weilidai/closure/{token}/sms").status_code == 200
    closure.send_sms(token)
    closure.enter_sms(token, person)
    assert client.get(f"/weilidai/closure/{token}/face").status_code == 200
    closure.pass_face(token)
    page = client.get(f"/weilidai/closure/{token}/submitted")
    assert page.status_code == 200
    assert control.state(person)["application"]["reference"] in page.get_data(as_text=True)


@pytest.mark.requirement("CLOSE-READ-CAREFULLY")
def test_closure_needs_the_acknowledgement(client: FlaskClient, auth: AuthActions) -> None:
    auth.person("invited")
    response = client.post("/weilidai/closure/", data={})
    assert response.status_code == 200
    assert "请先阅读并勾选" in response.get_data(as_text=True)
    assert Snapshot.of(client).count("closure_flow") == 0


@pytest.mark.parametrize("step", ["sms", "face"])
@pytest.mark.requirement("VERIFY-IN-ORDER")
def test_steps_cannot_be_skipped(
    client: FlaskClient,
    auth: AuthActions,
    control: ControlActions,
    closure: ClosureActions,
    step: str,
) -> None:
    person = auth.person("invited")
    token = closure.start()

    response = client.post(f"/weilidai/closure/{token}/{step}", data={"sms_code": "123456"})

    assert response.status_code == 302
    assert response.location == f"/weilidai/closure/{token}/password"
    assert control.state(person)["application"] is None
    assert control.state(person)["status"] == "active"
    assert Snapshot.of(client).count("application") == 0


@pytest.mark.requirement("VERIFY-IN-ORDER")
def test_face_cannot_come_before_the_sms_code(
    client: FlaskClient, auth: AuthActions, control: ControlActions, closure: ClosureActions
) -> None:
    person = auth.person("invited")
    token = closure.walk(person, "sms")

    response = client.post(f"/weilidai/closure/{token}/face")

    assert response.location == f"/weilidai/closure/{token}/sms"
    assert control.state(person)["application"] is None


@pytest.mark.requirement("VERIFY-IN-ORDER")
def test_no_sms_is_sent_before_the_password(
    client: FlaskClient, auth: AuthActions, closure: ClosureActions
) -> None:
    auth.person("invited")
    token = closure.start()
    response = client.post(f"/weilidai/closure/{token}/sms/send")
    assert response.location == f"/weilidai/closure/{token}/password"
    assert Snapshot.of(client).count("sms_code") == 0


@pytest.mark.requirement("REVIEW-SUBMITTED")
def test_face_step_twice_makes_one_application(
    client: FlaskClient, auth: AuthActions, control: ControlActions, closure: ClosureActions
) -> None:
    person = auth.person("invited")
    token = closure.apply(person)
    first = control.state(person)["application"]

    response = client.post(f"/weilidai/closure/{token}/face")

    assert response.location == f"/weilidai/closure/{token}/submitted"
    assert Snapshot.of(client).count("application") == 1
    assert control.state(person)["application"] == first
    assert first["status"] == "pending"
    assert control.state(person)["status"] == "closure_pending"


@pytest.mark.requirement("REVIEW-SUBMITTED")
def test_a_second_flow_while_under_review_goes_to_the_status(
    client: FlaskClient, auth: AuthActions, closure: ClosureActions
) -> None:
    person = auth.person("invited")
    closure.apply(person)
    response = client.post("/weilidai/closure/", data={"acknowledged": "yes"})
    assert response.location == "/weilidai/closure/status"
    assert Snapshot.of(client).count("closure_flow") == 1
    assert Snapshot.of(client).count("application") == 1


@pytest.mark.requirement("VERIFY-IDENTITY")
def test_a_wrong_password_stays_on_the_step(
    client: FlaskClient, auth: AuthActions, control: ControlActions, closure: ClosureActions
) -> None:
    person = auth.person("invited", payment_password="385920")
    token = closure.start()
    response = client.post(
        f"/weilidai/closure/{token}/password", data={"payment_password": "000000"}
    )
    assert response.status_code == 200
    assert "还可以尝试 2 次" in response.get_data(as_text=True)
    assert client.post(f"/weilidai/closure/{token}/face").location.endswith("/password")
    assert control.state(person)["application"] is None


@pytest.mark.requirement("VERIFY-IDENTITY")
def test_a_failing_face_check_submits_nothing(
    client: FlaskClient, auth: AuthActions, closure: ClosureActions
) -> None:
    person = auth.person("face_check_fails")
    token = closure.walk(person, "face")
    response = client.post(f"/weilidai/closure/{token}/face")
    assert response.status_code == 200
    assert "人脸识别未通过" in response.get_data(as_text=True)
    assert Snapshot.of(client).count("application") == 0


@pytest.mark.requirement("CLOSE-BLOCK-OWED")
def test_one_fen_owed_blocks_the_closure(
    client: FlaskClient, auth: AuthActions, control: ControlActions
) -> None:
    person = auth.person("outstanding_0_01")

    response = client.post("/weilidai/closure/", data={"acknowledged": "yes"})

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "¥0.01" in page
    assert "去还款" in page
    assert Snapshot.of(client).count("closure_flow") == 0
    after = control.state(person)
    assert after["application"] is None
    assert after["status"] == "active"
    assert after["outstanding_fen"] == 1


@pytest.mark.requirement("CLOSE-OPTION-MISSING-ABNORMAL")
def test_a_recent_loan_has_no_closure_option(client: FlaskClient, auth: AuthActions) -> None:
    auth.person("recent_loan")
    response = client.post("/weilidai/closure/", data={"acknowledged": "yes"})
    assert response.location == "/weilidai/site/security"
    assert Snapshot.of(client).count("closure_flow") == 0


@pytest.mark.requirement("CLOSE-CONSEQUENCES")
def test_the_closure_opens_on_its_consequences(client: FlaskClient, auth: AuthActions) -> None:
    auth.person("invited")
    page = client.get("/weilidai/closure/").get_data(as_text=True)
    for words in ("注销后将无法恢复", "所有借款记录将被清除", "没有任何优先权", "我已知晓注销后果"):
        assert words in page
    assert Snapshot.of(client).count("closure_flow") == 0  # reading them starts nothing
