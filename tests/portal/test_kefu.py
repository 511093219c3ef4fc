"""客服 through the test client: reachable from the 微信 chat list, the … menu and the security
page's note, and it tells this account why the closure option is missing."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.support.actions import AuthActions

KEFU = 'href="/weilidai/kefu"'


@pytest.mark.requirement("CLOSE-OPTION-MISSING-KEFU")
def test_kefu_is_in_the_chat_list_and_explains_the_missing_option(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.person("recent_loan")
    chats = client.get("/chats").get_data(as_text=True)
    assert KEFU in chats and "微粒贷客服" in chats  # 微信聊天界面 → 微粒贷-客服
    assert KEFU in client.get("/weilidai/").get_data(as_text=True)  # the … menu
    assert KEFU in client.get("/weilidai/site/security").get_data(as_text=True)  # the note

    client.post("/weilidai/kefu", data={"message": "为什么找不到注销入口？"})
    assert "近30天内有借款尚未还清" in client.get("/weilidai/kefu").get_data(as_text=True)
    client.post("/weilidai/kefu", data={"message": "转人工"})
    assert "人工客服小微为您服务" in client.get("/weilidai/kefu").get_data(as_text=True)


def test_someone_without_an_account_has_no_kefu_chat(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.person("uninvited")
    assert KEFU not in client.get("/chats").get_data(as_text=True)
