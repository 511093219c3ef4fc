"""What the language checks of the guides share: finding Chinese outside the names it quotes."""

from __future__ import annotations

import re

from e2e.walkthrough.sentences import has_chinese

# Quoted or bracketed text may be Chinese (a control's name as the screen shows it); the rest of
# an English text may not.
NAMING = re.compile(r"“[^”]*”|‘[^’]*’|\([^()]*\)|`[^`]*`")


def chinese_outside_names(text: str) -> str:
    """Return what is left of ``text`` with Chinese in it once quoted and bracketed names go."""
    rest = NAMING.sub("", text)
    return rest if has_chinese(rest) else ""
