"""``weilidai trace`` (``python -m e2e.trace``): the article's requirements and the tests that check
them, from the data file and the suite's markers.

By default the page goes to ``artifacts/trace/traceability.md``, its facts as JSON beside it
(``traceability.json``, for machines and the results page, docs/results.md); ``--docs`` rewrites
the generated part of docs/traceability.md instead, the one way this command writes into the
source tree. See docs/traceability.md.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from ..harness.flags import output_option
from .coverage import collect
from .docs import DOCS_PAGE, write, write_map

DEFAULT_OUTPUT = "artifacts/trace"


@click.command(name="trace", short_help="the article's requirements and the tests that check them")
@click.option("--docs", is_flag=True, help=f"rewrite {DOCS_PAGE.name} in docs/ instead")
@output_option(DEFAULT_OUTPUT)
def command(docs: bool, output: Path) -> None:
    """Collect the suite, then write the article sentence by sentence with the tests that check
    each requirement."""
    if docs:
        changed = write()
        click.echo(f"{DOCS_PAGE}: {'rewritten' if changed else 'already up to date'}")
        return
    page = write_map(output, collect(), datetime.now())
    click.echo(f"Traceability: {page}")
