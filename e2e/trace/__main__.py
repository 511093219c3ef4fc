"""``python -m e2e.trace``: rewrite docs/traceability.md from the data file and the suite."""

from __future__ import annotations

import argparse

from .docs import DOCS_PAGE, write


def main(argv: list[str] | None = None) -> int:
    """Collect the suite, then regenerate docs/traceability.md's generated section."""
    parser = argparse.ArgumentParser(prog="python -m e2e.trace", description=__doc__)
    parser.parse_args(argv)
    changed = write()
    print(f"{DOCS_PAGE}: {'rewritten' if changed else 'already up to date'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
