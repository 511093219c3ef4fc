"""``python -m e2e.soak``: the same command as ``weilidai soak`` (``cli.py``)."""

from .cli import command

command(prog_name="python -m e2e.soak")
