"""Where the browser suite lives, for the tools that run it as a whole (soak, bench, mutants).

``e2e/tests/`` holds the tests of the portal; ``e2e/tests/tools/`` the tools' own browser tests;
``-m smoke`` picks a quick sample of the portal's (docs/architecture.md).
"""

from __future__ import annotations

SUITE = "e2e/tests"
TOOL_TESTS = "e2e/tests/tools"
# The tests about the portal's behaviour, without the tools' own tests.
PORTAL_TESTS = [SUITE, f"--ignore={TOOL_TESTS}"]
SMOKE = [SUITE, "-m", "smoke"]
