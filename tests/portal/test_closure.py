"""The closure steps: in turn, none skipped, one application each, refused while money is owed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from mock_portal import services
from mock_portal.domain.rules import (
    ABNORMAL_RISK_FLAG,
    Check,
)
from mock_portal.services import Refused
from mock_portal.store import SmsCode
from tests.support.actions import AuthActions, ClosureActions, ControlActions
from tests.support.services import NOW, POLICY, person_in, refusal
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


# ---------------------------------------------------------------- the closure


def test_the_pre_checks_of_someone_without_an_account_say_closed(db: Session) -> None:
    assert services.precheck(person_in(db, "uninvited"), NOW).check is Check.CLOSED


def test_the_pre_checks_see_the_risk_flag(db: Session) -> None:
    check = services.precheck(person_in(db, "invited", risk_flag=True), NOW)
    assert check.check is Check.ABNORMAL
    assert check.reasons == [ABNORMAL_RISK_FLAG]


def test_a_closure_cannot_start_while_money_is_owed(db: Session) -> None:
    with pytest.raises(Refused) as error:
        services.start_closure(db, person_in(db, "outstanding_0_01"), NOW)
    assert refusal(error) == "当前账户不满足注销条件"


def test_an_unknown_closure_step_names_the_steps(db: Session) -> None:
    with pytest.raises(ValueError) as error:
        services.put_closure_at(db, person_in(db), "review", NOW, POLICY)
    assert str(error.value) == (
        "unknown closure step 'review'; one of consequences, password, sms, face, submitted"
    )


@pytest.mark.parametrize("step", ["sms", "face", "submitted"])
def test_a_locked_payment_password_stops_every_step_after_it(db: Session, step: str) -> None:
    person = person_in(db)
    person.pw_failures = 3
    person.pw_locked_until = NOW + timedelta(hours=1)
    with pytest.raises(Refused) as error:
        services.put_closure_at(db, person, step, NOW, POLICY)
    assert refusal(error) == "支付密码错误次数过多，已被锁定，请 60 分钟后再试"


def test_a_failed_face_check_stops_the_submission_with_its_own_words(db: Session) -> None:
    person = person_in(db, "face_check_fails")
    with pytest.raises(Refused) as error:
        services.put_closure_at(db, person, "submitted", NOW, POLICY)
    assert refusal(error) == "人脸识别未通过，请确保本人正对屏幕、光线充足（还可以尝试 4 次）"


def test_the_face_checks_wait_stops_the_submission(db: Session) -> None:
    person = person_in(db)
    person.face_retry_at = NOW + timedelta(minutes=30)
    with pytest.raises(Refused) as error:
        services.put_closure_at(db, person, "submitted", NOW, POLICY)
    assert refusal(error) == "人脸识别失败次数过多，请 30 分钟后再试"


def test_a_flow_is_only_its_owners(db: Session) -> None:
    owner = person_in(db)
    flow = services.start_closure(db, owner, NOW)
    assert services.current_flow(db, owner, flow.token) is flow
    assert services.current_flow(db, person_in(db), flow.token) is None
    assert services.current_flow(db, person_in(db, "uninvited"), flow.token) is None
    with pytest.raises(Refused) as error:
        services.submit_closure(db, person_in(db), flow, NOW)
    assert refusal(error) == "注销流程已失效，请重新发起"


def test_the_newest_sms_code_is_the_one_checked(db: Session) -> None:
    person = person_in(db)
    flow = services.start_closure(db, person, NOW)
    for n, code in enumerate(("111111", "222222")):
        sent = NOW + timedelta(minutes=n)
        db.add(SmsCode(person_id=person.id, flow_id=flow.id, code=code, sent_at=sent))
    db.flush()
    newest = services.last_sms(db, flow)
    assert newest is not None and newest.code == "222222"


def test_the_sms_limits_count_only_the_persons_own_codes(db: Session) -> None:
    first, second = person_in(db), person_in(db)
    for person in (first, second):
        flow = services.start_closure(db, person, NOW)
        sent = NOW + timedelta(minutes=person.id)
        db.add(SmsCode(person_id=person.id, flow_id=flow.id, code="123456", sent_at=sent))
    db.flush()
    assert services.sms_sent_times(db, second) == [NOW + timedelta(minutes=second.id)]


def test_money_owed_before_submitting_stops_the_submission(db: Session) -> None:
    person = person_in(db)
    flow = services.start_closure(db, person, NOW)
    services.borrow(db, person, 10_000, NOW)
    with pytest.raises(Refused) as error:
        services.submit_closure(db, person, flow, NOW)
    assert refusal(error) == "当前账户不满足注销条件，请返回查看原因"
