"""``python -m e2e.model``: rewrite docs/model.md's diagram and tables; ``--paths`` lists paths."""

from __future__ import annotations

import argparse

from .coverage import covering_paths
from .docs import DOCS_PAGE, write


def main(argv: list[str] | None = None) -> int:
    """Regenerate docs/model.md from the model, or print the covering paths."""
    parser = argparse.ArgumentParser(prog="python -m e2e.model", description=__doc__)
    parser.add_argument(
        "--paths", action="store_true", help="print the covering paths instead, one a line"
    )
    args = parser.parse_args(argv)
    if args.paths:
        for path in covering_paths():
            print(path.describe())
        return 0
    changed = write()
    print(f"{DOCS_PAGE}: {'rewritten' if changed else 'already up to date'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
