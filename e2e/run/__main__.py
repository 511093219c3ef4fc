"""``python -m e2e.run``: the main run's flows, as ``weilidai run --no-videos`` (``cli.py``)."""

from .cli import command

command(prog_name="python -m e2e.run")
