"""``python -m e2e.report``: rebuild the landing page from what is under ``artifacts/``.

See docs/results.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import build


def main(argv: list[str] | None = None) -> int:
    """Rebuild ``<output>/index.html`` and every result's page; print the landing page's path."""
    parser = argparse.ArgumentParser(
        prog="python -m e2e.report",
        description="Rebuild the landing page, index.html, and each result's page from what is "
        "under the artifacts folder (docs/results.md).",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=Path("artifacts"),
        help="the artifacts folder (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    print(build(args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
