"""``python -m e2e.soak``: see ``cli.py``."""

import sys

from .cli import main

sys.exit(main())
