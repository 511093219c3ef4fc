"""Portal mutants: deliberately broken portals that the checks must catch.

Function patches dispatch on ``current_app``, so an unmutated portal in the same process (the
test suite's own) keeps behaving. See docs/regression.md#mutants-the-checks-check-themselves.

``MUTANTS`` is registered under the entry point group ``weilidai.mutants`` (pyproject.toml), which
is how the harness's ``--mutant`` and ``start_portal(mutant=...)`` find it without importing this
tool (``e2e.harness.mutants``).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any, cast

from flask import Flask, current_app, has_app_context
from jinja2 import BaseLoader, ChoiceLoader, DictLoader

from ..harness import mutants as registry
from ..harness.mutants import Mutant

Pattern = str | re.Pattern[str]


class MutantOutdated(RuntimeError):
    """The portal changed under a mutant: the text it mutates is no longer there."""


MUTANTS: dict[str, Mutant] = {}


def mutant(name: str, description: str) -> Callable[[Callable[[Flask], None]], Callable[..., Any]]:
    """Register the decorated function as the mutant ``name``."""

    def register(apply: Callable[[Flask], None]) -> Callable[[Flask], None]:
        MUTANTS[name] = Mutant(name, description, apply)
        return apply

    return register


def apply_mutant(app: Flask, name: str) -> None:
    """Break ``app`` the way mutant ``name`` of this catalogue does."""
    registry.apply_mutant(app, name, MUTANTS)


# ---------------------------------------------------------------- patching helpers


def override_template(app: Flask, template: str, *edits: tuple[Pattern, str]) -> None:
    """Serve a mutated copy of ``template``: each (old, new) edit must match at least once."""
    env = app.jinja_env
    overrides: DictLoader | None = app.extensions.get("mutant_templates")
    if overrides is None:
        overrides = DictLoader({})
        assert env.loader is not None, "Flask always gives its Jinja environment a loader"
        original: BaseLoader = env.loader
        env.loader = ChoiceLoader([overrides, original])
        app.extensions["mutant_templates"] = overrides
        app.extensions["original_templates"] = original
    source = overrides.mapping.get(template)
    if source is None:
        source = app.extensions["original_templates"].get_source(env, template)[0]
    for old, new in edits:
        pattern = old if isinstance(old, re.Pattern) else re.compile(re.escape(old))
        source, count = pattern.subn(lambda _match, new=new: new, source)
        if count == 0:
            raise MutantOutdated(f"{template} no longer contains {pattern.pattern!r}")
    # DictLoader keeps the very dict it was given, so adding to it serves the new source.
    cast("dict[str, str]", overrides.mapping)[template] = source


def patch_function(
    app: Flask,
    owner: Any,
    attribute: str,
    mutate: Callable[[Callable[..., Any]], Callable[..., Any]],
) -> None:
    """Replace ``owner.attribute`` by ``mutate(original)`` while ``app`` handles a request."""
    original = getattr(owner, attribute)
    mutated = mutate(original)

    @functools.wraps(original)
    def dispatch(*args: Any, **kwargs: Any) -> Any:
        if has_app_context() and current_app._get_current_object() is app:  # type: ignore[attr-defined]  # a LocalProxy method the stubs leave out
            return mutated(*args, **kwargs)
        return original(*args, **kwargs)

    setattr(owner, attribute, dispatch)


def change_policy(app: Flask, **limits: Any) -> None:
    """Change the identity-check limits of ``app`` (its VerificationPolicy)."""
    app.config["VERIFICATION"] = dataclasses.replace(app.config["VERIFICATION"], **limits)


def _last_endblock() -> re.Pattern[str]:
    return re.compile(r"\{% endblock %\}\s*$")


# ---------------------------------------------------------------- the path


@mutant("renamed_label", "variant A's 安全中心 is renamed 账户安全")
def _renamed_label(app: Flask) -> None:
    renamed = "{{ labels.security|replace('安全中心', '账户安全') }}"
    override_template(app, "account/site.html", ("{{ labels.security }}", renamed))
    override_template(app, "account/security.html", ("{{ labels.security }}", renamed))


@mutant("menu_item_moved", "微粒贷官网 / 账户中心 moves from the … menu to 设置")
def _menu_item_moved(app: Flask) -> None:
    site_link = re.compile(r"\s*<a [^>]*url_for\('account\.site'\)[^>]*>\{\{ labels\.site \}\}</a>")
    override_template(app, "weilidai/_menu.html", (site_link, ""))
    override_template(
        app,
        "help/settings.html",
        (
            '<div class="weui-cells">',
            '<div class="weui-cells">'
            '<a class="weui-cell weui-cell_access" href="{{ url_for(\'account.site\') }}">'
            '<div class="weui-cell__bd">{{ labels.site }}</div>'
            '<div class="weui-cell__ft"></div></a>',
        ),
    )


@mutant("extra_confirmation", "an extra 再次确认 screen between the consequences and the password")
def _extra_confirmation(app: Flask) -> None:
    confirmed = "(request.args.get('confirmed') or request.method == 'POST')"
    override_template(
        app,
        "closure/password.html",
        (
            '{% block title %}{{ _("验证支付密码") }}{% endblock %}',
            f"{{% block title %}}{{% if {confirmed} %}}{{{{ _('验证支付密码') }}}}"
            "{% else %}再次确认{% endif %}{% endblock %}",
        ),
        (
            "{% block content %}",
            f"{{% block content %}}{{% if not {confirmed} %}}"
            '<div class="weui-msg"><div class="weui-msg__text-area">'
            '<h2 class="weui-msg__title">确定要继续注销吗？</h2></div>'
            '<div class="weui-msg__opr-area">'
            '<a class="weui-btn weui-btn_warn" href="?confirmed=1">继续注销</a></div></div>'
            "{% else %}",
        ),
        (_last_endblock(), "{% endif %}{% endblock %}\n"),
    )


@mutant("variant_b_mixed_labels", "variant B shows variant A's 安全中心 instead of 账户管理")
def _variant_b_mixed_labels(app: Flask) -> None:
    from mock_portal.views import common

    def mutate(variant_for: Callable[..., Any]) -> Callable[..., Any]:
        def mixed(code: str | None) -> Any:
            variant = variant_for(code)
            if variant.code == "B":
                return dataclasses.replace(variant, security="安全中心")
            return variant

        return mixed

    patch_function(app, common, "variant_for", mutate)


# ---------------------------------------------------------------- the rules


@mutant("no_one_fen_block", "owing ¥0.01 no longer blocks the closure (off by one fen)")
def _no_one_fen_block(app: Flask) -> None:
    from mock_portal.domain import rules

    def mutate(closure_precheck: Callable[..., Any]) -> Callable[..., Any]:
        def precheck(status: str, loans: list[Any], risk_flag: bool, now: Any) -> Any:
            result = closure_precheck(status, loans, risk_flag, now)
            if result.check is rules.Check.OUTSTANDING and result.owed.total_fen <= 1:
                if status == "closure_pending":
                    return rules.Precheck(rules.Check.UNDER_REVIEW)
                return rules.Precheck(rules.Check.OK)
            return result

        return precheck

    patch_function(app, rules, "closure_precheck", mutate)


@mutant("entry_while_paused", "the 微粒贷 tile still shows while borrowing is paused")
def _entry_while_paused(app: Flask) -> None:
    from mock_portal.domain import rules

    def mutate(entry_visible: Callable[..., Any]) -> Callable[..., Any]:
        def visible(status: str, opted_out: bool, owed_fen: int) -> bool:
            return status == "paused" or entry_visible(status, opted_out, owed_fen)

        return visible

    patch_function(app, rules, "entry_visible", mutate)


@mutant("sms_never_expires", "an SMS code stays valid for a hundred years instead of 5 minutes")
def _sms_never_expires(app: Flask) -> None:
    change_policy(app, sms_valid=timedelta(days=36_500))


@mutant("password_never_locks", "wrong payment passwords never lock the closure")
def _password_never_locks(app: Flask) -> None:
    change_policy(app, password_max_failures=1_000_000)


@mutant("opt_out_ignored", "ticking 不再接收微粒贷邀请消息 no longer hides the entry")
def _opt_out_ignored(app: Flask) -> None:
    from mock_portal.domain import rules

    def mutate(entry_visible: Callable[..., Any]) -> Callable[..., Any]:
        def visible(status: str, opted_out: bool, owed_fen: int) -> bool:
            return bool(entry_visible(status, False, owed_fen))

        return visible

    patch_function(app, rules, "entry_visible", mutate)


@mutant("closure_option_for_abnormal", "an account with a recent unpaid loan still sees 注销账户")
def _closure_option_for_abnormal(app: Flask) -> None:
    from mock_portal.domain import rules

    patch_function(app, rules, "abnormal_reasons", lambda original: lambda *args: [])


@mutant("closed_account_usable", "a closed account can borrow again, as if closing were undone")
def _closed_account_usable(app: Flask) -> None:
    from mock_portal import services
    from mock_portal.domain import rules
    from mock_portal.domain.rules import AccountStatus
    from mock_portal.views import weilidai

    def usable(original: Callable[..., Any]) -> Callable[..., Any]:
        def account(person: Any) -> Any:
            return person.account if person.account is not None else original(person)

        return account

    def refusal(original: Callable[..., Any]) -> Callable[..., Any]:
        def refused(status: AccountStatus, opted_out: bool) -> str | None:
            reopened = AccountStatus.ACTIVE if status == AccountStatus.CLOSED else status
            return original(reopened, opted_out)  # type: ignore[no-any-return]  # the original's own type

        return refused

    def page(original: Callable[..., Any]) -> Callable[..., Any]:
        def shown() -> str | None:
            from flask import g

            return original() if g.person.account is None else None

        return shown

    patch_function(app, services, "_usable_account", usable)
    patch_function(app, rules, "borrowing_refusal", refusal)
    patch_function(app, weilidai, "closed_or_uninvited", page)


@mutant("steps_skippable", "the identity checks can be skipped by going to a later step's URL")
def _steps_skippable(app: Flask) -> None:
    from flask import g

    from mock_portal import services
    from mock_portal.store import get_db
    from mock_portal.views import closure

    def mutate(flow_at: Callable[..., Any]) -> Callable[..., Any]:
        def any_order(token: str, step: str) -> Any:
            flow = services.current_flow(get_db(), g.person, token)
            if flow is not None and flow.step != "done":
                return flow
            return flow_at(token, step)

        return any_order

    patch_function(app, closure, "_flow_at", mutate)


@mutant("acknowledgement_optional", "注销 goes on without ticking 我已知晓注销后果")
def _acknowledgement_optional(app: Flask) -> None:
    override_template(
        app,
        "closure/consequences.html",
        (
            '<form method="post">',
            '<form method="post"><input type="hidden" name="acknowledged" value="yes">',
        ),
    )


@mutant("repay_leaves_a_fen", "还款 reports everything repaid but leaves ¥0.01 owed")
def _repay_leaves_a_fen(app: Flask) -> None:
    from mock_portal.domain import loans

    def mutate(pay: Callable[..., Any]) -> Callable[..., Any]:
        def pay_short(account_loans: list[Any], amount_fen: int) -> int:
            if amount_fen <= 1:
                return 0  # the last fen is "paid" without touching the loans
            return int(pay(account_loans, amount_fen - 1))

        return pay_short

    patch_function(app, loans, "pay", mutate)


# ---------------------------------------------------------------- what a screen shows


@mutant("block_page_without_amount", "the closure block page no longer names the amount owed")
def _block_page_without_amount(app: Flask) -> None:
    amount = re.compile(r"\s*<p [^>]*aria-label=\"\{\{ _\('待还金额'\) \}\}\"[^>]*>.*?</p>")
    override_template(app, "closure/blocked.html", (amount, ""))


@mutant("reference_reformatted", "the submitted page shows the reference as ZX-… instead of ZX…")
def _reference_reformatted(app: Flask) -> None:
    override_template(
        app,
        "closure/submitted.html",
        ("{{ application.reference }}", "{{ application.reference|replace('ZX', 'ZX-') }}"),
    )


@mutant("steps_unlabelled", "structure only: the closure step indicator loses its name 注销步骤")
def _steps_unlabelled(app: Flask) -> None:
    override_template(app, "_macros.html", (" aria-label=\"{{ _('注销步骤') }}\"", ""))


@mutant("sms_code_unlabelled", "the SMS code field has no name: 验证码 beside it is no label")
def _sms_code_unlabelled(app: Flask) -> None:
    # The placeholder goes too: axe takes a placeholder as a field's name when nothing else is.
    override_template(
        app,
        "closure/sms.html",
        (
            '<label class="weui-label" for="sms_code">{{ _("验证码") }}</label>',
            '<span class="weui-label">{{ _("验证码") }}</span>',
        ),
        (" placeholder=\"{{ _('请输入6位短信验证码') }}\"", ""),
    )


@mutant("primary_button_recoloured", "look only: primary buttons turn blue instead of green")
def _primary_button_recoloured(app: Flask) -> None:
    override_template(
        app,
        "base.html",
        ("</head>", "<style>.weui-btn_primary{background-color:#10aeff}</style>\n</head>"),
    )
