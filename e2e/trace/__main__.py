"""``python -m e2e.trace``: the same command as ``weilidai trace`` (``cli.py``)."""

from .cli import command

command(prog_name="python -m e2e.trace")
