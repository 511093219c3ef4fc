"""The ``weilidai`` command: a subcommand per tool, the same flags everywhere (docs/toolbelt.md)."""

from __future__ import annotations


def main() -> None:
    """Run the command (built in issue 22; this placeholder keeps the entry point importable)."""
    raise SystemExit("weilidai: not built yet")
