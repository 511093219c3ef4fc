"""The closure record: viewed from the approval notice, and saved as a file of its own."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.support.actions import AuthActions, ClosureActions, ControlActions


@pytest.mark.requirement("AFTER-SAVE-RECORD")
def test_the_closure_record_saves_as_a_file_with_the_reference(
    client: FlaskClient, auth: AuthActions, control: ControlActions, closure: ClosureActions
) -> None:
    person = auth.person("invited")
    closure.apply(person)
    control.advance(days=2)
    reference = control.state(person)["application"]["reference"]
    shown = client.get("/weilidai/closure/record").get_data(as_text=True)
    assert 'href="/weilidai/closure/record/download" download>保存注销记录' in shown

    saved = client.get("/weilidai/closure/record/download")

    assert saved.status_code == 200
    assert saved.mimetype == "text/html"
    assert saved.headers["Content-Disposition"] == (
        f'attachment; filename="weilidai-closure-record-{reference}.html"'
    )
    page = saved.get_data(as_text=True)
    assert "微粒贷账户注销证明" in page and reference in page and "已注销" in page
    assert "<link" not in page and "<script" not in page  # one file that opens on its own


def test_there_is_no_record_to_save_before_the_closure_is_approved(
    client: FlaskClient, auth: AuthActions, closure: ClosureActions
) -> None:
    closure.apply(auth.person("invited"))
    assert client.get("/weilidai/closure/record/download").status_code == 404
