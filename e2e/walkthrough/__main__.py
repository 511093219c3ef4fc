"""``python -m e2e.walkthrough``: the same command as ``weilidai videos`` (``cli.py``)."""

from .cli import command

command(prog_name="python -m e2e.walkthrough")
