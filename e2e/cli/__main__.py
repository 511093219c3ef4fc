"""``python -m e2e.cli``: the ``weilidai`` command, for an environment without its script."""

from . import main

main()
