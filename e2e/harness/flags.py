"""The flags every ``weilidai`` command shares: one name, one meaning and one default each.

A tool declares its Click command with these decorators instead of its own options, so
``--flow`` is resolved the same way everywhere (``select_flows``), ``--locale`` defaults to
zh-CN everywhere, and ``--jobs`` to 2. Only ``--output``'s default is the tool's own folder under
``artifacts/``, where the landing page looks. tests/tools/test_cli.py compares the flags of every
subcommand; docs/toolbelt.md#shared-flags is the table.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from .flows import UnknownFlow, select_flows
from .journey import Flow
from .labels import LOCALES, VARIANTS
from .mutants import registered
from .words import CHINESE

F = TypeVar("F", bound=Callable[..., Any])

# The phone's language unless --locale says: the portal's own, as the seed article shows it.
DEFAULT_LOCALE = CHINESE
# Two at once: the machine has two cores, and make test measured no gain from a third worker.
DEFAULT_JOBS = 2

flow_option = click.option(
    "--flow",
    "flows",
    multiple=True,
    metavar="NAME",
    help="a flow by full name (close_account_A), base name (close_account: every chosen "
    "variant) or glob (pause_*); repeatable  [default: every flow]",
)
variant_option = click.option(
    "--variant",
    "variants",
    multiple=True,
    type=click.Choice(VARIANTS),
    default=VARIANTS,
    show_default=True,
    help="client variant; repeatable",
)
locale_option = click.option(
    "--locale",
    "locales",
    multiple=True,
    type=click.Choice(LOCALES),
    default=(DEFAULT_LOCALE,),
    show_default=True,
    help="the phone's language (the portal's, the captions', the guides'); repeatable",
)
base_url_option = click.option(
    "--base-url",
    metavar="URL",
    help="drive this running portal (its test API on; it gets reset) instead of starting one "
    "per worker  [implies --jobs 1]",
)
jobs_option = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    default=DEFAULT_JOBS,
    show_default=True,
    help="how many run at once, each in a process with its own portal and browser",
)
list_option = click.option(
    "--list",
    "list_only",
    is_flag=True,
    help="print what is selected (flows, journeys or mutants) and exit",
)


def output_option(default: str) -> Callable[[F], F]:
    """Return the ``--output`` option with this tool's folder as its default."""
    return click.option(
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path(default),
        show_default=True,
        help="the folder the results go to",
    )


def _known_mutant(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    known = registered()
    if value not in known:
        close = difflib.get_close_matches(value, list(known), n=3)
        hint = f"did you mean {', '.join(close)}? " if close else ""
        raise click.BadParameter(
            f"no mutant is called {value!r}; {hint}weilidai regression mutants --list names them"
        )
    return value


mutant_option = click.option(
    "--mutant",
    metavar="NAME",
    callback=_known_mutant,
    help="start the portal as this deliberately broken mutant (weilidai regression mutants --list)",
)


def chosen_flows(
    flows: Sequence[str], variants: Sequence[str], locales: Sequence[str]
) -> list[Flow]:
    """Return the flows ``--flow``, ``--variant`` and ``--locale`` select, or stop with a usage
    error that names the closest flows."""
    try:
        return select_flows(flows, variants=variants, locales=locales)
    except UnknownFlow as unknown:
        raise click.BadParameter(str(unknown), param_hint="'--flow'") from unknown


def echo_flows(flows: Sequence[Flow]) -> None:
    """Print the selected flows for ``--list``: name, steps, title (stdout)."""
    for flow in flows:
        click.echo(f"{flow.name:<30} {len(flow.steps):>2} steps  {flow.own_title}")
