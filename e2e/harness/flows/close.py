"""Flows of the article's “close the account” section: the whole menu path, and the 0.01 block."""

from __future__ import annotations

from ..journey import Section, in_chapters
from ..labels import Labels
from .chapters import FIND_CLOSURE, PROVE_IDENTITY, SUBMITTED
from .registry import Chaptered, flow
from .steps import (
    CLOSURE_CHECKS,
    PATH_TO_CLOSURE,
    back_to_weilidai,
    closure_checks,
    go_repay,
    open_more,
    open_security,
    open_site,
    path_to_closure,
    repay_all,
    see_blocked,
    tap_close,
)


@flow(
    name="close_account",
    scenario="invited",
    section=Section.CLOSE,
    titles=(
        "永久注销微粒贷账户（版本{variant}：{site} → {security} → {close}）",
        "Close the Weilidai account for good (variant {variant}: {site} → {security} → {close})",
    ),
    requirements=(*PATH_TO_CLOSURE, *CLOSURE_CHECKS),
)
def close_account_flow(labels: Labels) -> Chaptered:
    """Close an account with nothing owed, through the seed's full menu path."""
    return in_chapters(
        (*FIND_CLOSURE, path_to_closure(labels)),
        (*PROVE_IDENTITY, closure_checks()[:-1]),
        (*SUBMITTED, closure_checks()[-1:]),
    )


@flow(
    name="blocked_then_repay",
    scenario="outstanding_0_01",
    section=Section.CLOSE,
    titles=(
        "注销被0.01元欠款拦截：还款后再注销",
        "Closure blocked by ¥0.01 owed: repay, then close",
    ),
    requirements=("CLOSE-BLOCK-OWED", "REPAY-BEFORE-ANY", *PATH_TO_CLOSURE, *CLOSURE_CHECKS),
)
def blocked_then_repay_flow(labels: Labels) -> Chaptered:
    """Be blocked by 0.01 owed, repay it, then close the account."""
    return in_chapters(
        (*FIND_CLOSURE, path_to_closure(labels)),
        ("被0.01元拦下，去还款", "Stopped by ¥0.01: repay it", [see_blocked(), go_repay()]),
        ("还清欠款", "Repay everything", [repay_all(), back_to_weilidai()]),
        (
            "再次找到注销入口",
            "Back to the closure option",
            [open_more(), open_site(labels), open_security(labels), tap_close(labels)],
        ),
        (*PROVE_IDENTITY, closure_checks()[:-1]),
        (*SUBMITTED, closure_checks()[-1:]),
    )
