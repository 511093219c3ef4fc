"""Every form of the portal: who fills it in, where, and what a valid submission changes.

The forms tests (a GET changes nothing, each form needs its anti-forgery token) and the garbage
tests run over this table; ``prepare`` gets a person ready to use one form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask.testing import FlaskClient

from tests.support.actions import AuthActions, ClosureActions, ControlActions
from tests.support.snapshot import Snapshot


@dataclass(frozen=True)
class Form:
    """A form of the portal: who fills it in, where, and what a valid submission changes."""

    endpoint: str
    scenario: str
    step: str  # how far the person's closure must have gone (tests/support/portal.py CLOSURE_STEPS)
    page: str  # the page showing the form; {token} and {id} are filled in
    action: str  # where it posts
    fields: dict[str, str]  # a valid submission; {password} and {sms} are filled in
    worked: Callable[[Snapshot, Snapshot], bool]  # before, after
    signed_in: bool = True


FORMS = [
    Form(
        "closure.start",
        "invited",
        "consequences",
        "/weilidai/closure/",
        "/weilidai/closure/",
        {"acknowledged": "yes"},
        lambda before, after: after.count("closure_flow") == before.count("closure_flow") + 1,
    ),
    Form(
        "closure.password",
        "invited",
        "password",
        "/weilidai/closure/{token}/password",
        "/weilidai/closure/{token}/password",
        {"payment_password": "{password}"},
        lambda before, after: after.column("closure_flow", "step") == ["sms"],
    ),
    Form(
        "closure.send_sms",
        "invited",
        "sms",
        "/weilidai/closure/{token}/sms",
        "/weilidai/closure/{token}/sms/send",
        {},
        lambda before, after: after.count("sms_code") == before.count("sms_code") + 1,
    ),
    Form(
        "closure.sms",
        "invited",
        "sms_sent",
        "/weilidai/closure/{token}/sms",
        "/weilidai/closure/{token}/sms",
        {"sms_code": "{sms}"},
        lambda before, after: after.column("closure_flow", "step") == ["face"],
    ),
    Form(
        "closure.face",
        "invited",
        "face",
        "/weilidai/closure/{token}/face",
        "/weilidai/closure/{token}/face",
        {},
        lambda before, after: after.column("application", "status") == ["pending"],
    ),
    Form(
        "weilidai.repay",
        "outstanding_0_01",
        "consequences",
        "/weilidai/repay",
        "/weilidai/repay",
        {"payment_password": "{password}"},
        lambda before, after: before.owed_fen() == 1 and after.owed_fen() == 0,
    ),
    Form(
        "weilidai.borrow",
        "invited",
        "consequences",
        "/weilidai/borrow",
        "/weilidai/borrow",
        {"amount": "500"},
        lambda before, after: after.count("loan") == before.count("loan") + 1,
    ),
    Form(
        "help.pause_guide",
        "invited",
        "consequences",
        "/weilidai/help/pause",
        "/weilidai/help/pause",
        {"confirm": "yes"},
        lambda before, after: after.column("account", "status") == ["paused"],
    ),
    Form(
        "help.notifications",
        "invited",
        "consequences",
        "/weilidai/settings/notifications",
        "/weilidai/settings/notifications",
        {"opt_out": "yes"},
        lambda before, after: after.column("person", "opted_out") == [True],
    ),
    Form(
        "help.language",
        "invited",
        "consequences",
        "/weilidai/settings/language",
        "/weilidai/settings/language",
        {"language": "en"},
        lambda before, after: after.column("person", "language") == ["en"],
    ),
    Form(
        "help.kefu",
        "invited",
        "consequences",
        "/weilidai/kefu",
        "/weilidai/kefu",
        {"message": "怎么注销微粒贷"},
        lambda before, after: after.count("chat_message") == before.count("chat_message") + 2,
    ),
    Form(
        "demo.login",  # the demo page's 进入 buttons: the only login there is without WeChat
        "invited",
        "consequences",
        "/demo/",
        "/demo/login/{id}",
        {},
        lambda before, after: before.signed_in_as is None and after.signed_in_as is not None,
        signed_in=False,
    ),
]
FORM_IDS = [form.endpoint for form in FORMS]
FORMS_BY_ENDPOINT = {form.endpoint: form for form in FORMS}


@dataclass(frozen=True)
class Prepared:
    """A person in the store, ready to use one form."""

    person: dict[str, Any]
    page: str
    action: str
    fields: dict[str, str]


def prepare(client: FlaskClient, form: Form) -> Prepared:
    """Create a person who can use ``form`` (signed in unless the form signs in)."""
    auth = AuthActions(client)
    person = auth.create(form.scenario)
    token = ""
    if form.signed_in:
        auth.login(person)
        token = ClosureActions(client).walk(person, form.step)
    names = {"token": token, "id": str(person["id"])}
    values = {"password": person["payment_password"]}
    if "{sms}" in form.fields.values():
        values["sms"] = ControlActions(client).last_sms(person)
    return Prepared(
        person,
        form.page.format(**names),
        form.action.format(**names),
        {key: value.format(**values) for key, value in form.fields.items()},
    )
