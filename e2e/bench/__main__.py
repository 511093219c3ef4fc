"""``python -m e2e.bench``: the same command as ``weilidai bench`` (``cli.py``)."""

from .cli import command

command(prog_name="python -m e2e.bench")
