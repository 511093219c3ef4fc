"""``python -m e2e.model docs|paths|run|replay``: the same commands as ``weilidai model``
(``cli.py``)."""

from .cli import group

group(prog_name="python -m e2e.model")
