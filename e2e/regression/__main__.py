"""``python -m e2e.regression check|update|mutants``: the same commands as ``weilidai regression``
(``cli.py``)."""

from .cli import group

group(prog_name="python -m e2e.regression")
