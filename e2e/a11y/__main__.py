"""``python -m e2e.a11y``: the same command as ``weilidai a11y`` (``cli.py``)."""

from .cli import command

command(prog_name="python -m e2e.a11y")
