"""The main run's report line of a flow (e2e/run/cli.py): what report.json and the landing page
say of it, without a browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from e2e.harness.driver import Outcome
from e2e.harness.flows import close_account_flow
from e2e.harness.labels import LABEL_TABLE
from e2e.run.cli import result_of

CLOSE_A = "(variant A: Weilidai Website → Security Center → Close Account)"


@pytest.mark.parametrize(
    ("locale", "title"),
    [
        ("zh-CN", "永久注销微粒贷账户（版本A：微粒贷官网 → 安全中心 → 注销账户）"),
        ("en", f"Close the Weilidai account for good {CLOSE_A}"),
    ],
)
def test_a_flow_is_reported_with_its_title_in_the_language_it_was_driven_in(
    locale: str, title: str, tmp_path: Path
) -> None:
    flow = close_account_flow(LABEL_TABLE["A", locale])
    line = result_of(Outcome(flow, None, AssertionError("no 注销账户"), 1.234), tmp_path)
    assert (line.flow, line.variant, line.passed, line.seconds) == (flow.name, "A", False, 1.23)
    assert line.title == title
    assert line.error == "AssertionError: no 注销账户"
