"""Messages kept in the store are said in the language of whoever reads them (docs/portal.md)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from mock_portal import store
from mock_portal.domain.text import N_, dumps
from tests.support.actions import AuthActions, ClosureActions, ControlActions
from tests.support.i18n import EN, page, texts

# ---------------------------------------------------------------- messages kept in the store


def test_a_notification_is_said_in_the_language_of_whoever_reads_it(
    client: FlaskClient, auth: AuthActions, closure: ClosureActions, control: ControlActions
) -> None:
    person = auth.person("invited")
    closure.apply(person)
    control.advance(days=7)  # approved while the person read Chinese
    zh = page(client, "/chats/service-notifications")
    assert "您的微粒贷账户已于 2026-11-25 10:00 注销成功" in zh
    en = texts(page(client, "/chats/service-notifications", headers=EN))
    assert "Your Weilidai account was closed on Nov 25, 2026, 10:00\u202fAM (reference ZX" in en
    assert "Weilidai account closed" in page(client, "/chats", headers=EN)


def test_a_rejection_reason_is_said_in_the_readers_language(
    client: FlaskClient, auth: AuthActions, closure: ClosureActions, control: ControlActions
) -> None:
    person = auth.person("review_rejected")
    closure.apply(person)
    control.advance(days=7)
    status = page(client, "/weilidai/closure/status", headers=EN)
    assert "Reason: The account has related business still open" in status
    note = texts(page(client, "/chats/service-notifications", headers=EN))
    assert "was not approved. Reason: The account has related business still open;" in note
    assert "原因：账户存在未结清的关联业务" in page(client, "/weilidai/closure/status")


def test_a_reason_the_catalogue_does_not_know_is_shown_as_given(
    client: FlaskClient, auth: AuthActions, closure: ClosureActions, control: ControlActions
) -> None:
    person = auth.person("review_rejected", review_reject_reason="测试用的自定义原因")
    closure.apply(person)
    control.advance(days=7)
    assert "Reason: 测试用的自定义原因" in page(client, "/weilidai/closure/status", headers=EN)


def test_a_notification_from_before_the_portal_spoke_english_shows_as_sent(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    person = auth.person("invited")
    with app.app_context(), store.transaction() as db:
        db.add(
            store.Notification(
                person_id=person["id"],
                kind="repayment",
                title="旧的通知",
                body="很久以前发送的正文",
                created_at=datetime(2026, 1, 1),
            )
        )
    notes = page(client, "/chats/service-notifications", headers=EN)
    assert "旧的通知" in notes and "很久以前发送的正文" in notes


def test_notifications_keep_their_chinese_as_sent(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    """The store keeps what was sent, in Chinese; the message beside it is what translates."""
    person = auth.person("outstanding_0_01")
    client.post("/weilidai/repay", data={"payment_password": person["payment_password"]})
    with app.app_context():
        note = store.get_db().query(store.Notification).one()
    assert note.body == "您已成功还款 ¥0.01，当前借款已全部结清。"
    assert note.body_msg == dumps(N_("您已成功还款 ¥{amount}，当前借款已全部结清。", amount="0.01"))


def test_a_store_from_an_older_portal_gains_the_new_columns(tmp_path: Path) -> None:
    engine = store.make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    store.Base.metadata.create_all(engine)
    with engine.begin() as connection:
        for table, column in (("person", "language"), ("notification", "body_msg")):
            connection.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))
    assert store.add_missing_columns(engine) == ["person.language", "notification.body_msg"]
    assert store.add_missing_columns(engine) == []
    engine.dispose()
